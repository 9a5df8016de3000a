import { Clipboard } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { RecordBatch, Schema, Table } from 'apache-arrow';
import { anomalyPeriodsTable, stlAnomaliesTable } from '../../analytics/stl';
import { pandasTimestamp } from '../../analytics/stl/periods';
import { timeSeriesTable } from '../../analytics/stl/__tests__/csv';
import { TableViewer } from '../../tokens';
import {
  countAnomalies,
  periodRows,
  residualScale,
  seriesStepMs,
  stlChartData,
  stlNotes,
  stlResultColumns,
  StlView
} from '../view';

const trans = nullTranslator.load('jupyterlab_hunt');
const input = timeSeriesTable();
const options = { timeColumn: 'TimeGenerated', valueColumn: 'TotalBytesSent' };
const parity = stlAnomaliesTable(input, { ...options, parity: 'msticpy' });
const parityPeriods = anomalyPeriodsTable(parity, {
  timeColumn: 'TimeGenerated',
  parity: 'msticpy'
});

function withNotes(table: Table, notes: string): Table {
  const schema = new Schema(table.schema.fields, new Map([['stl.notes', notes]]));
  return new Table(
    schema,
    table.batches.map(b => new RecordBatch(schema, b.data))
  );
}

function fakeTableView(): TableViewer.IView & { widget: Widget } {
  return {
    widget: new Widget(),
    table: new Table(),
    sortBy: jest.fn(async () => undefined),
    setFilter: jest.fn(async () => undefined)
  };
}

const std = (a: ArrayLike<number>) => {
  const n = a.length;
  const mean = Array.from(a).reduce((s, v) => s + v, 0) / n;
  return Math.sqrt(Array.from(a).reduce((s, v) => s + (v - mean) ** 2, 0) / n);
};

describe('STL view data (time_series.csv, msticpy parity)', () => {
  const data = stlChartData(parity, 3);

  it('reads time and value columns, baseline and score from the result table', () => {
    expect(stlResultColumns(parity)).toEqual({ time: 'TimeGenerated', value: 'TotalBytesSent' });
    expect(data.time.length).toBe(840);
    expect(data.time[0]).toBe(Date.UTC(2019, 4, 1, 6));
    expect(seriesStepMs(parity, 'TimeGenerated')).toBe(3600e3);
    expect(data.observed[0]).toBe(873713587);
    expect(data.baseline[5]).toBe(Number(parity.getChild('baseline')!.get(5)));
    expect(data.score[5]).toBe(parity.getChild('score')!.get(5));
    expect(data.valueLabel).toBe('TotalBytesSent');
  });

  it("marks msticpy's 3 anomalies as spikes, by the sign of their score", () => {
    const flagged = [...data.anomaly.keys()].filter(i => data.anomaly[i] !== 0);
    expect(flagged.map(i => pandasTimestamp(data.time[i]))).toEqual([
      '2019-05-13 17:00:00+00:00',
      '2019-05-17 21:00:00+00:00',
      '2019-05-26 05:00:00+00:00'
    ]);
    expect(flagged.every(i => data.anomaly[i] === 1 && data.score[i] > 3)).toBe(true);
    expect(countAnomalies(data)).toEqual({ spikes: 3, dips: 0 });
  });

  it('the band is threshold × the residual spread the z-scores were computed with', () => {
    const residual = Float64Array.from(parity.getChild('residual')!.toArray(), Number);
    expect(data.band / 3).toBeCloseTo(std(residual), 3);
    expect(stlChartData(parity, 2).band).toBeCloseTo((2 / 3) * data.band, 6);
    // Flagged points are those whose residual lies above the band (score > 3).
    const mean = residual.reduce((a, b) => a + b, 0) / residual.length;
    for (let i = 0; i < data.time.length; i++) {
      expect(data.anomaly[i] !== 0).toBe(residual[i] - mean > data.band);
    }
    expect(residualScale([1, 2, 3], [NaN, NaN, NaN])).toBe(0);
  });

  it('default mode: robust scores have their own scale, and dips are flagged', () => {
    const robust = stlAnomaliesTable(input, { ...options, score: 'robust' });
    const d = stlChartData(robust, 3);
    const residual = Float64Array.from(robust.getChild('residual')!.toArray(), Number);
    for (let i = 0; i < d.time.length; i++) {
      const expected = d.score[i] > 3 ? 1 : d.score[i] < -3 ? -1 : 0;
      expect(d.anomaly[i]).toBe(expected);
    }
    expect(countAnomalies(d).dips).toBeGreaterThan(0);
    expect(d.band).toBeGreaterThan(0);
    expect(d.band).toBeLessThan(3 * std(residual));
  });

  it('the anomaly periods and their KQL filter', () => {
    const { periods, kql } = periodRows(parityPeriods);
    expect(periods.length).toBe(3);
    expect(pandasTimestamp(periods[0].start)).toBe('2019-05-13 16:00:00+00:00');
    expect(pandasTimestamp(periods[0].end)).toBe('2019-05-13 18:00:00+00:00');
    expect(periods[0].filter).toBe(
      'TimeGenerated between (datetime(2019-05-13 16:00:00+00:00) .. datetime(2019-05-13 18:00:00+00:00))'
    );
    expect(kql).toBe(`| where ${periods.map(p => p.filter).join(' or ')}`);
  });

  it('notes from the schema metadata; not a result table is a clear error', () => {
    expect(stlNotes(parity)).toEqual([]);
    expect(stlNotes(withNotes(parity, '["rows were sorted"]'))).toEqual(['rows were sorted']);
    expect(stlNotes(withNotes(parity, 'not json'))).toEqual(['not json']);
    expect(() => stlResultColumns(input.select(['TimeGenerated', 'TotalBytesSent']))).toThrow(
      /Not an STL result table: no column residual/
    );
  });
});

describe('StlView', () => {
  it('shows the summary, notes as text, the chart, the periods and the table', () => {
    const tableView = fakeTableView();
    const notes = withNotes(parity, JSON.stringify(['<img src=x onerror=alert(1)> sorted']));
    const view = new StlView(notes, parityPeriods, tableView, { threshold: 3 }, trans);
    Widget.attach(view, document.body);
    expect(view.intro.node.textContent).toContain('840 points of TotalBytesSent: 3 anomalies');
    expect(view.intro.node.textContent).toContain('Notes: <img src=x onerror=alert(1)> sorted');
    expect(view.node.querySelector('img')).toBeNull();
    expect(view.chart.node.querySelectorAll('circle.jp-hunt-anomaly').length).toBe(3);
    expect(view.widgets).toContain(tableView.widget);

    const items = view.periods.node.querySelectorAll('.jp-hunt-StlPeriodList li');
    expect(items.length).toBe(3);
    expect(items[0].querySelector('code')!.textContent).toContain('2019-05-13 16:00:00+00:00');
    expect(view.periods.node.querySelector('pre')!.textContent).toBe(
      parityPeriods.schema.metadata.get('kql')
    );

    // A period zooms the chart to it; "Show all" resets.
    items[0].querySelector('button')!.click();
    expect(view.chart.node.querySelectorAll('circle.jp-hunt-anomaly').length).toBe(1);
    const copy = jest.spyOn(Clipboard, 'copyToSystem').mockImplementation(() => undefined);
    const buttons = [...view.periods.node.querySelectorAll('button')];
    buttons.find(b => b.textContent === 'Copy KQL')!.click();
    expect(copy).toHaveBeenCalledWith(parityPeriods.schema.metadata.get('kql'));
    buttons.find(b => b.textContent === 'Show all')!.click();
    expect(view.chart.node.querySelectorAll('circle.jp-hunt-anomaly').length).toBe(3);
    copy.mockRestore();
    view.dispose();
  });

  it('without anomalies: no periods, and nothing to copy', () => {
    const none = anomalyPeriodsTable(parity.slice(0, 100), { timeColumn: 'TimeGenerated' });
    const view = new StlView(parity, none, fakeTableView(), { threshold: 3 }, trans);
    expect(view.periods.node.textContent).toContain('No anomaly periods');
    const copy = view.periods.node.querySelector<HTMLButtonElement>('.jp-hunt-StlCopyKql')!;
    expect(copy.disabled).toBe(true);
    expect(view.periods.kql).toBe('| where false');
    view.dispose();
  });
});
