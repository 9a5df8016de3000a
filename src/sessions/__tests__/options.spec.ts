import { sessionFormFields, sessionJobArgs } from '../options';

const processColumns = [
  { name: 'Account', type: 'utf8' },
  { name: 'TimeGenerated', type: 'timestamp[ns, UTC]' },
  { name: 'NewProcessName', type: 'utf8' },
  { name: 'CommandLine', type: 'utf8' }
];

describe('session form', () => {
  it('guesses user, time and command columns of a process event table', () => {
    const fields = Object.fromEntries(
      sessionFormFields(processColumns, t => t).map(f => [f.name, f.value])
    );
    expect(fields).toMatchObject({
      sessionColumn: '',
      userColumn: 'Account',
      timeColumn: 'TimeGenerated',
      commandColumn: 'NewProcessName'
    });
  });

  it('offers only timestamp columns as the time column', () => {
    const time = sessionFormFields(processColumns, t => t).find(f => f.name === 'timeColumn')!;
    expect(time.options!.map(o => o[0])).toEqual(['', 'TimeGenerated']);
  });

  it('turns the form into job arguments, or says what is missing', () => {
    const base = {
      sessionColumn: '',
      userColumn: 'Account',
      timeColumn: 'TimeGenerated',
      commandColumn: 'NewProcessName',
      paramsColumn: '',
      maxSessionMinutes: 20,
      maxGapMinutes: 2,
      windowLength: 3,
      useStartEndTokens: true
    };
    expect(sessionJobArgs(7, base)).toEqual({
      tableId: 7,
      windowLength: 3,
      useStartEndTokens: true,
      userColumns: ['Account'],
      timeColumn: 'TimeGenerated',
      commandColumn: 'NewProcessName',
      paramsColumn: undefined,
      maxSessionMinutes: 20,
      maxGapMinutes: 2
    });
    expect(sessionJobArgs(7, { ...base, sessionColumn: 'cmds' })).toEqual({
      tableId: 7,
      windowLength: 3,
      useStartEndTokens: true,
      sessionColumn: 'cmds'
    });
    expect(() => sessionJobArgs(7, { ...base, timeColumn: '' })).toThrow(
      /time column and a command column/
    );
    expect(() => sessionJobArgs(7, { ...base, windowLength: 0 })).toThrow(/at least 1/);
  });
});
