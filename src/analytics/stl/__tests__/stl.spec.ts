// STL parity with statsmodels 0.15 (fixtures from generate.py): seasonal, trend, residual and
// robustness weights within 1e-9 of the series' range, and the same parameter resolution.
import { resolveStl, stl, StlInputError } from '..';
import { fixture, rangeOf, relDiff, series } from './helpers';

interface ICase {
  name: string;
  data: string;
  options: any;
  seasonal: number[];
  trend: number[];
  weights?: number[];
}

const { cases, config } = fixture<{ cases: ICase[]; config: any }>('stl_cases.json');

describe('STL parity with statsmodels', () => {
  it.each(cases.map(c => [c.name, c] as const))('%s', (_name, c) => {
    const y = series(c.data);
    const range = rangeOf(y);
    const res = stl(y, c.options);
    const refResid = y.map((v, i) => v - c.seasonal[i] - c.trend[i]);
    expect(relDiff(res.seasonal, c.seasonal, range)).toBeLessThan(1e-9);
    expect(relDiff(res.trend, c.trend, range)).toBeLessThan(1e-9);
    expect(relDiff(res.resid, refResid, range)).toBeLessThan(1e-9);
    if (c.weights) {
      expect(relDiff(res.weights, c.weights, 1)).toBeLessThan(1e-9);
    } else {
      expect(res.weights.every(w => w === 1)).toBe(true);
    }
  });
});

describe('parameter resolution', () => {
  it.each(
    (config.resolved as any[]).map(
      r => [r.period as number, r.seasonal as number, r] as [number, number, any]
    )
  )('period %d seasonal %d resolves as statsmodels', (_p, _s, r: any) => {
    const cfg = resolveStl({ period: r.period, seasonal: r.seasonal });
    expect([cfg.trend, cfg.lowPass]).toEqual([r.trend, r.lowPass]);
  });

  it('defaults match statsmodels fit(): 5/0, robust 2/15, degrees and jumps 1', () => {
    expect(resolveStl({ period: 24 })).toEqual({
      period: 24,
      seasonal: 7,
      trend: 47,
      lowPass: 25,
      seasonalDeg: 1,
      trendDeg: 1,
      lowPassDeg: 1,
      seasonalJump: 1,
      trendJump: 1,
      lowPassJump: 1,
      robust: false,
      inner: 5,
      outer: 0
    });
    const r = resolveStl({ period: 24, robust: true });
    expect([r.inner, r.outer]).toEqual([2, 15]);
  });

  it.each((config.errors as any[]).map(e => [JSON.stringify(e.options), e] as [string, any]))(
    'rejects %s as statsmodels does',
    (_k, e: any) => {
      const param = /^(\w+) must/
        .exec(e.error)![1]
        .replace('low_pass', 'lowPass')
        .replace('seasonal_jump', 'seasonalJump');
      expect(() => resolveStl(e.options)).toThrow(StlInputError);
      expect(() => resolveStl(e.options)).toThrow(new RegExp(`^${param} must`));
    }
  );
});

describe('bad input', () => {
  const y = series('ts');
  it('empty series', () => {
    expect(() => stl([], { period: 24 })).toThrow('The series is empty');
  });
  it('fewer than two periods', () => {
    expect(() => stl(y.subarray(0, 47), { period: 24 })).toThrow(/fewer than two periods/);
    expect(() => stl(y.subarray(0, 48), { period: 24 })).not.toThrow();
  });
  it('NaN and infinity name the position', () => {
    const bad = Float64Array.from(y);
    bad[100] = NaN;
    expect(() => stl(bad, { period: 24 })).toThrow(/non-finite value \(NaN\) at position 100/);
    bad[100] = 1;
    bad[5] = Infinity;
    expect(() => stl(bad, { period: 24 })).toThrow(/position 5/);
  });
  it('a constant series decomposes into its level', () => {
    const res = stl(new Float64Array(100).fill(7), { period: 12, robust: true });
    // Residuals are rounding noise (~1e-13), so robust weights are noise too, as in statsmodels.
    expect(Math.max(...res.seasonal.map(Math.abs))).toBeLessThan(1e-11);
    expect(Math.max(...res.trend.map(v => Math.abs(v - 7)))).toBeLessThan(1e-11);
    expect(res.weights.every(w => w >= 0 && w <= 1)).toBe(true);
  });
});
