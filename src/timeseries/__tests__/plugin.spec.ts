// "Time-series anomalies (STL)" on msticpy's time_series.csv: the scored series crosses
// worker -> main once and is decoded once; its periods table once; nothing goes back.
import { timeSeriesTable } from '../../analytics/stl/__tests__/csv';
import { runTableAction } from '../../table/__tests__/actionharness';
import { timeseriesPlugin } from '../plugin';

jest.mock('../../ui/formdialog', () => ({
  ...jest.requireActual('../../ui/formdialog'),
  askForm: jest.fn(async (_title: string, fields: { name: string; value: unknown }[]) => ({
    ...Object.fromEntries(fields.map(f => [f.name, f.value])),
    timeColumn: 'TimeGenerated',
    valueColumn: 'TotalBytesSent'
  }))
}));

describe('STL action', () => {
  it('exports and decodes each result once and keeps the scored series in the worker', async () => {
    const run = await runTableAction(
      (app, worker, viewer) => timeseriesPlugin.activate(app, worker, viewer, null),
      'stl-anomalies',
      timeSeriesTable()
    );
    expect(run.opened).toHaveLength(1);
    expect(run.notices.pop()).toMatch(/anomalies in 840 points$/);
    expect(run.worker.crossings.jobs).toEqual(['stlAnomalies', 'stlPeriods']);
    // Scored series (the view) + periods (the chart's spans): one export and decode each.
    expect(run.worker.crossings.exports).toBe(2);
    expect(run.mainThreadDecodes).toBe(2);
    expect(run.worker.crossings.loads).toBe(1);

    const [model] = run.models;
    await model.sortBy('score', false);
    expect(model.error).toBe('');
    expect(model.table.getChild('score')!.get(model.tableRow(0))).toBeGreaterThan(3);
    expect(run.worker.crossings.loads).toBe(1);
    expect(run.mainThreadDecodes).toBe(2);
  });
});
