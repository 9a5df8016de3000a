// Anomaly scoring: msticpy parity on its own test data (ts_anomalies_stl on time_series.csv,
// fixtures from generate.py) and the default mode (real residual, both tails, robust scale).
import { applyThreshold, mstl, stlAnomalies } from '..';
import { fixture, rangeOf, relDiff, series } from './helpers';

const ref = fixture('msticpy_ts.json');
const y = series('ts');

describe('msticpy parity (ts_anomalies_stl)', () => {
  const res = stlAnomalies(y, { parity: 'msticpy' });

  it('int64 columns are identical', () => {
    for (const col of ['residual', 'trend', 'seasonal', 'weights', 'baseline'] as const) {
      expect(Array.from(res[col])).toEqual(ref[col]);
    }
    expect(Array.from(res.value)).toEqual(ref.TotalBytesSent);
    expect(res.integer).toBe(true);
  });

  it('z-scores match scipy to the last bits', () => {
    expect(relDiff(res.score, ref.score, 1)).toBeLessThan(1e-13);
  });

  it('flags the same 3 points (+1 by the sign of the seasonal; dips never)', () => {
    expect(Array.from(res.anomalies)).toEqual(ref.anomalies);
    const flagged = ref.time.filter((_: string, i: number) => res.anomalies[i] !== 0);
    expect(flagged).toEqual([
      '2019-05-13 17:00:00+00:00',
      '2019-05-17 21:00:00+00:00',
      '2019-05-26 05:00:00+00:00'
    ]);
    expect(Math.min(...res.score)).toBeLessThan(-3.6);
  });

  it('set_new_anomaly_threshold', () => {
    expect(Array.from(applyThreshold(res.score, 2))).toEqual(ref.threshold2);
    expect(Array.from(applyThreshold(res.score, 2, 1))).toEqual(ref.threshold2low1);
    // threshold_low = 0 falls back to threshold, as Python's `or` does.
    expect(Array.from(applyThreshold(res.score, 2, 0))).toEqual(ref.threshold2);
  });

  it('a constant series scores NaN and flags nothing, as scipy does', () => {
    const c = stlAnomalies(new Float64Array(100).fill(5), { parity: 'msticpy' });
    expect(c.score.every(Number.isNaN)).toBe(true);
    expect(c.anomalies.every(a => a === 0)).toBe(true);
  });
});

describe('default mode', () => {
  it('scores the real residual and flags dips as well as spikes', () => {
    const res = stlAnomalies(y);
    expect(res.integer).toBe(false);
    const up = ref.time.filter((_: string, i: number) => res.anomalies[i] === 1);
    const down = ref.time.filter((_: string, i: number) => res.anomalies[i] === -1);
    expect(up).toEqual(
      expect.arrayContaining(['2019-05-13 17:00:00+00:00', '2019-05-26 05:00:00+00:00'])
    );
    expect(down.length).toBeGreaterThan(0);
    for (let i = 0; i < y.length; i++) {
      expect(res.baseline[i]).toBe(res.seasonal[i] + res.trend[i]);
      expect(Math.sign(res.anomalies[i])).toBe(res.anomalies[i] ? Math.sign(res.residual[i]) : 0);
    }
  });

  it('robust (median/MAD) scores are not masked by the outliers themselves', () => {
    const spiky = Float64Array.from(y);
    for (const i of [200, 400, 600]) {
      spiky[i] += 5 * rangeOf(y);
    }
    const z = stlAnomalies(spiky, { robust: true });
    const r = stlAnomalies(spiky, { robust: true, score: 'robust' });
    for (const i of [200, 400, 600]) {
      expect(r.anomalies[i]).toBe(1);
      expect(r.score[i]).toBeGreaterThan(z.score[i]);
    }
    expect(r.weights[200]).toBe(0);
  });

  it('a constant series flags nothing', () => {
    for (const score of ['zscore', 'robust'] as const) {
      const c = stlAnomalies(new Float64Array(100).fill(5), { period: 12, score });
      expect(c.anomalies.every(a => a === 0)).toBe(true);
      expect(c.score.every(Number.isFinite)).toBe(true);
    }
  });

  it('bad input names the problem', () => {
    expect(() => stlAnomalies([])).toThrow('The series is empty');
    expect(() => stlAnomalies(y.subarray(0, 30))).toThrow(/fewer than two periods/);
    expect(() => stlAnomalies([1, 2, NaN, ...y])).toThrow(/position 2/);
    expect(() => stlAnomalies(y, { parity: 'msticpy', periods: [24, 168] })).toThrow(/MSTL/);
  });
});

describe('MSTL parity with statsmodels', () => {
  const cases = fixture<any[]>('mstl_cases.json');
  it.each(cases.map(c => [c.name, c] as [string, any]))('%s', (_n, c) => {
    const res = mstl(y, c.options);
    const range = rangeOf(y);
    expect(res.periods).toEqual([24, 168]);
    res.seasonals.forEach((s, i) => expect(relDiff(s, c.seasonal[i], range)).toBeLessThan(1e-9));
    expect(relDiff(res.trend, c.trend, range)).toBeLessThan(1e-9);
    expect(relDiff(res.resid, c.resid, range)).toBeLessThan(1e-9);
  });

  it('drops periods of half the series or more, as statsmodels does', () => {
    const res = mstl(y, { periods: [24, 500] });
    expect(res.periods).toEqual([24]);
    expect(res.dropped).toEqual([500]);
    expect(() => mstl(y, { periods: [420] })).toThrow(/half the series/);
  });
});
