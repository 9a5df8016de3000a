// The sessions view's data: score columns found by name, log-likelihood per session on the
// chart, the rarest 1% highlighted, and a text description of each session.
import { Field, List, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { JobContext } from '../../analytics/job';
import { TableStore } from '../../worker/store';
import { scoreSessionsJob } from '../../worker/jobs/sessions';
import { nullTranslator } from '@jupyterlab/translation';
import { describeSession, rarestSessions, sessionColumns, sessionScatter } from '../view';

const trans = nullTranslator.load('jupyterlab_hunt');

function scoredSessions(): Table {
  const common = [
    ['Get-Process', 'Get-ChildItem', 'Set-Location'],
    ['Get-ChildItem', 'Set-Location', 'Get-ChildItem'],
    ['Get-Process', 'Stop-Process']
  ];
  const sessions: string[][] = [];
  for (let i = 0; i < 150; i++) {
    sessions.push(common[i % common.length]);
  }
  sessions.push(['Get-Process', 'New-LocalUser', 'Add-LocalGroupMember', 'Clear-EventLog']);
  const store = new TableStore();
  const { id } = store.add(
    new Table({
      session: vectorFromArray(sessions, new List(new Field('item', new Utf8(), true)))
    })
  );
  return scoreSessionsJob(store, new JobContext(), {
    tableId: id,
    sessionColumn: 'session',
    windowLength: 2,
    useStartEndTokens: true
  });
}

describe('sessions view data', () => {
  const table = scoredSessions();
  const cols = sessionColumns(table, 2);

  it('finds the score columns the job wrote', () => {
    expect(cols.likelihood).toBe('rarest_window2_likelihood');
    expect(table.getChild(cols.logLikelihood)).not.toBeNull();
    expect(cols.window).toBe('rarest_window2');
    expect(cols.time).toBeNull();
  });

  it('plots log-likelihood by row and highlights only the rare session', () => {
    const data = sessionScatter(table, cols, trans);
    expect(data.xIsTime).toBe(false);
    expect(data.value.length).toBe(151);
    const rarest = data.value.indexOf(Math.min(...data.value));
    expect(rarest).toBe(150);
    expect(Array.from(data.highlight).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(data.highlight[150]).toBe(1);
    expect(data.highlight[0]).toBe(0);
    expect(data.brief(150)).toContain(`${cols.logLikelihood}: `);
    const text = describeSession(table, cols, 150);
    expect(text).toContain('rarest_window2:');
    expect(text).toMatch(/New-LocalUser|Add-LocalGroupMember|Clear-EventLog/);
  });

  it('highlights the rarest session when 1% of the sessions is less than one', () => {
    // 5 sessions: percentiles 20..100, none in the rarest 1%; the legend must still match a dot.
    const value = Float64Array.from([-11.7, -12.1, -11.9, -11.9, -9]);
    const { highlight, inPercent } = rarestSessions(value, [60, 20, 40, 80, 100]);
    expect(inPercent).toBe(0);
    expect(Array.from(highlight)).toEqual([0, 1, 0, 0, 0]);
    const many = rarestSessions(
      Float64Array.from({ length: 300 }, (_, i) => i),
      Float64Array.from({ length: 300 }, (_, i) => ((i + 1) * 100) / 300)
    );
    expect(many.inPercent).toBe(3);
    expect(Array.from(many.highlight.slice(0, 4))).toEqual([1, 1, 1, 0]);
  });

  it('names what is highlighted in the legend', () => {
    const data = sessionScatter(table, cols, trans);
    const count = Array.from(data.highlight).reduce((a, b) => a + b, 0);
    expect(count).toBeGreaterThanOrEqual(1);
    expect(data.highlightLabel).toMatch(/^rarest (1% \(\d+ sessions?\)|session)/);
    expect(data.pointLabel).toBe('session');
  });
});
