// MSTL (Bandara, Hyndman & Bergmeir 2021) as statsmodels' `MSTL.fit` runs it: one STL per
// period on the series minus the other seasonal components, `iterate` times. No Box-Cox.
import { JobContext, NO_JOB } from '../job';
import { IStlOptions, resolveStl, StlInputError } from './params';
import { checkSeries, stlCore } from './stl';

export interface IMstlOptions extends Omit<Partial<IStlOptions>, 'period' | 'seasonal'> {
  periods: number[];
  /** Seasonal window per period; default 7 + 4 i for the i-th smallest period (i from 1). */
  windows?: number[];
  /** Rounds over all periods; default 2 (1 with a single period). */
  iterate?: number;
}

export interface IMstlResult {
  /** Periods used, ascending (periods >= n / 2 are dropped, as statsmodels does). */
  periods: number[];
  dropped: number[];
  seasonals: Float64Array[];
  /** Sum of the seasonal components. */
  seasonal: Float64Array;
  trend: Float64Array;
  resid: Float64Array;
  weights: Float64Array;
}

/** statsmodels' MSTL(y, periods, windows, iterate, stl_kwargs).fit(); `mask` as in stlCore. */
export function mstl(
  y: ArrayLike<number>,
  options: IMstlOptions,
  ctx: JobContext = NO_JOB,
  mask?: Float64Array
): IMstlResult {
  const { periods: given, windows, iterate, ...stlOptions } = options;
  if (!given.length) {
    throw new StlInputError('MSTL needs at least one period');
  }
  if (windows && windows.length !== given.length) {
    throw new StlInputError('MSTL: periods and windows must have the same length');
  }
  const n = y.length;
  // statsmodels sorts (period, window) pairs when windows are given, else the periods alone.
  let pairs = given.map((p, i) => [p, windows ? windows[i] : 0] as [number, number]);
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (!windows) {
    pairs = pairs.map(([p], i) => [p, 7 + 4 * (i + 1)]);
  }
  const kept = pairs.filter(([p]) => p < n / 2);
  const dropped = pairs.filter(([p]) => p >= n / 2).map(([p]) => p);
  if (!kept.length) {
    throw new StlInputError(
      `MSTL: every period (${given.join(', ')}) is at least half the series length (${n})`
    );
  }
  // Dropped periods are the largest, so the kept ones keep their windows (statsmodels slices).
  const configs = kept.map(([period, seasonal]) => resolveStl({ ...stlOptions, period, seasonal }));
  checkSeries(y, configs[0].period);
  const rounds = kept.length === 1 ? 1 : (iterate ?? 2);
  const seasonals: Float64Array[] = kept.map(() => new Float64Array(n));
  let deseas: Float64Array = Float64Array.from(y);
  let last = null;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < kept.length; i++) {
      ctx.check((r * kept.length + i) / (rounds * kept.length), 'MSTL');
      const s = seasonals[i];
      const input = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        input[j] = deseas[j] + s[j];
      }
      last = stlCore(input, configs[i], ctx, mask);
      seasonals[i] = last.seasonal;
      deseas = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        deseas[j] = input[j] - last.seasonal[j];
      }
    }
  }
  const seasonal = new Float64Array(n);
  for (const s of seasonals) {
    for (let j = 0; j < n; j++) {
      seasonal[j] += s[j];
    }
  }
  const resid = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    resid[j] = deseas[j] - last!.trend[j];
  }
  return {
    periods: kept.map(([p]) => p),
    dropped,
    seasonals,
    seasonal,
    trend: last!.trend,
    resid,
    weights: last!.weights
  };
}
