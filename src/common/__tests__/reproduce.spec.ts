// "Insert code" text: the cases of tests/fixtures/reproduce_cases.json, whose code pytest runs
// against the kernel side (tests/test_reproduce.py) to check it sends the same job arguments.
import * as fs from 'fs';
import * as path from 'path';
import type { ReproducibleJob } from '../../protocol';
import { inputVariable, pyString, reproduceCode } from '../reproduce';

const FIXTURE = path.resolve(__dirname, '../../../tests/fixtures/reproduce_cases.json');

interface ICase {
  job: ReproducibleJob;
  args: Record<string, unknown>;
  input: string | null;
  code: string;
}

const HOSTILE = 'a"b\\c\u202Ed\ne\u0000f\u2028ß';

const CASES: Omit<ICase, 'code'>[] = [
  {
    job: 'extractIocs',
    args: {
      tableId: 7,
      columns: ['CommandLine', 'Url'],
      types: ['ipv4', 'url'],
      parity: 'msticpy'
    },
    input: 'logons'
  },
  { job: 'extractIocs', args: { tableId: 1, columns: [HOSTILE] }, input: null },
  { job: 'decode', args: { tableId: 2, columns: ['cmd'], parity: 'msticpy' }, input: 'events' },
  {
    job: 'scoreSessions',
    args: {
      tableId: 3,
      windowLength: 3,
      useStartEndTokens: true,
      userColumns: ['Account'],
      timeColumn: 'TimeGenerated',
      commandColumn: 'NewProcessName',
      paramsColumn: undefined,
      maxSessionMinutes: 20,
      maxGapMinutes: 2.5
    },
    input: 'processes'
  },
  {
    job: 'scoreSessions',
    args: { tableId: 3, windowLength: 2, useStartEndTokens: false, sessionColumn: 'session' },
    input: 'sessions_df'
  },
  {
    job: 'stlAnomalies',
    args: {
      tableId: 4,
      timeColumn: 'TimeGenerated',
      scoreThreshold: 3.5,
      robust: false,
      valueColumn: 'TotalBytesSent',
      parity: 'msticpy',
      period: 24
    },
    input: 'net'
  },
  {
    job: 'stlAnomalies',
    args: {
      tableId: 4,
      timeColumn: 't',
      scoreThreshold: 3,
      robust: true,
      bucket: '1h',
      score: 'robust',
      periods: [24, 168]
    },
    input: null
  }
];

describe('reproduceCode', () => {
  const cases: ICase[] = CASES.map(c => ({
    ...c,
    args: JSON.parse(JSON.stringify(c.args)),
    code: reproduceCode(c.job, c.args as never, c.input)
  }));

  it('writes the calls of tests/fixtures/reproduce_cases.json', () => {
    if (process.env.UPDATE_REPRODUCE_FIXTURE) {
      fs.writeFileSync(FIXTURE, JSON.stringify(cases, null, 1) + '\n');
    }
    expect(JSON.parse(fs.readFileSync(FIXTURE, 'utf8'))).toEqual(cases);
  });

  it('writes msticpy names, every argument the UI set, and the result variable', () => {
    expect(cases[0].code).toBe(
      'from jupyterlab_hunt import hunt\n' +
        'iocs = hunt.extract_iocs(logons, columns=["CommandLine", "Url"], ioc_types=["ipv4", "url"], parity="msticpy")\n' +
        'iocs'
    );
    expect(cases[1].code.split('\n')[1]).toMatch(/^# df: /);
  });

  it('keeps hostile column names inert in the inserted cell', () => {
    const literal = pyString(HOSTILE);
    expect(literal).toBe('"a\\"b\\\\c\\u202ed\\ne\\u0000f\\u2028ß"'.replace('\\ne', '\\u000ae'));
    expect(literal).not.toMatch(/[\u202e\n\u0000\u2028]/);
  });

  it('refuses an argument hunt has no parameter for', () => {
    expect(() =>
      reproduceCode('decode', { tableId: 1, columns: ['a'], limits: {} } as never, 'x')
    ).toThrow(/"limits" of decode has no Python parameter/);
  });

  it('names the input variable only when it is a plain Python name', () => {
    expect(inputVariable('logons')).toBe('logons');
    expect(inputVariable(null)).toBeNull();
    expect(inputVariable(undefined)).toBeNull();
    expect(inputVariable('a.b')).toBeNull();
    expect(inputVariable('None')).toBeNull();
    expect(inputVariable('hunt')).toBeNull();
  });
});
