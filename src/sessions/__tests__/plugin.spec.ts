// "Score sessions" end to end on the main-thread side: the result crosses worker -> main once,
// is decoded once (the table view and the chart share it), and is never loaded back.
import { Field, List, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { runTableAction } from '../../table/__tests__/actionharness';
import { sessionsPlugin } from '../plugin';

jest.mock('../../ui/formdialog', () => ({
  ...jest.requireActual('../../ui/formdialog'),
  // The user accepts the form as guessed from the columns.
  askForm: jest.fn(async (_title: string, fields: { name: string; value: unknown }[]) =>
    Object.fromEntries(fields.map(f => [f.name, f.value]))
  )
}));

function sessions(): Table {
  const common = [
    ['Get-Process', 'Get-ChildItem', 'Set-Location'],
    ['Get-ChildItem', 'Set-Location', 'Get-ChildItem'],
    ['Get-Process', 'Stop-Process']
  ];
  const rows: string[][] = [];
  for (let i = 0; i < 300; i++) {
    rows.push(common[i % common.length]);
  }
  rows.push(['Get-Process', 'New-LocalUser', 'Add-LocalGroupMember', 'Clear-EventLog']);
  return new Table({
    session: vectorFromArray(rows, new List(new Field('item', new Utf8(), true)))
  });
}

describe('Score sessions action', () => {
  it('exports and decodes the result once, and sorts it where it already is', async () => {
    const run = await runTableAction(
      (app, worker, viewer) => sessionsPlugin.activate(app, worker, viewer, null),
      'score-sessions',
      sessions()
    );
    expect(run.notices.pop()).toBe('Scored 301 sessions');
    expect(run.opened).toHaveLength(1);
    expect(run.worker.crossings.jobs).toEqual(['scoreSessions']);
    expect(run.worker.crossings.exports).toBe(1);
    expect(run.mainThreadDecodes).toBe(1);
    expect(run.worker.crossings.loads).toBe(1); // the input table only

    const [model] = run.models;
    expect(model.table.numRows).toBe(301);
    await model.sortBy(model.table.schema.fields[1].name, true);
    expect(model.error).toBe('');
    expect(run.worker.crossings.loads).toBe(1);
    expect(run.worker.crossings.exports).toBe(1);
    expect(run.mainThreadDecodes).toBe(1);

    // Closing the view releases the result in the worker (the input stays with its view).
    const stored = run.worker.service.tableCount;
    model.dispose();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(run.worker.service.tableCount).toBe(stored - 1);
  });
});
