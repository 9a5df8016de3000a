import { Widget } from '@lumino/widgets';
import { envelopeIndices } from '../downsample';
import { ITimeSeriesData, TimeSeriesChart } from '../timeseries';

function series(n: number): ITimeSeriesData {
  const time = Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 3600_000);
  const observed = Float64Array.from(
    { length: n },
    (_, i) => 100 + 10 * Math.sin((2 * Math.PI * i) / 24)
  );
  const anomaly = new Int8Array(n);
  observed[50] = 400;
  anomaly[50] = 1;
  observed[120] = -50;
  anomaly[120] = -1;
  return {
    time,
    observed,
    baseline: Float64Array.from(observed, (v, i) => (anomaly[i] ? 100 : v)),
    score: Float64Array.from(anomaly, a => a * 5),
    anomaly,
    band: 15,
    valueLabel: 'bytes'
  };
}

describe('envelopeIndices', () => {
  it('keeps every extreme when decimating a million points to pixel columns', () => {
    const n = 1_000_000;
    const time = Float64Array.from({ length: n }, (_, i) => i);
    const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 1000));
    values[777_777] = 1e6;
    const idx = envelopeIndices(time, values, 0, n, 500);
    expect(idx.length).toBeLessThanOrEqual(2000);
    expect(idx).toContain(777_777);
    expect(idx).toContain(0);
    expect(idx).toContain(n - 1);
  });
});

describe('TimeSeriesChart', () => {
  it('draws the anomalies as spikes and dips, and zooms to a range', () => {
    const chart = new TimeSeriesChart();
    Widget.attach(chart, document.body);
    chart.setData(series(200));
    const marks = chart.node.querySelectorAll('circle.jp-hunt-anomaly');
    expect(marks.length).toBe(2);
    const data = series(200);
    chart.setDomain([data.time[100], data.time[199]]);
    expect(chart.node.querySelectorAll('circle.jp-hunt-anomaly').length).toBe(1);
    expect(chart.node.querySelector('svg')!.getAttribute('aria-label')).toContain('bytes');
    chart.dispose();
  });
});
