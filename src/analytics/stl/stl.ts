// STL (Cleveland et al. 1990) as statsmodels' `_stl.pyx` runs it: the inner loop `_onestp`
// (cycle-subseries smoothing, low-pass filter, trend smoothing) and the outer robustness loop
// (`_rwts`), with the same order of floating-point operations wherever it decides results.
import { JobContext, NO_JOB } from '../job';
import { ess, est, movingAverage } from './loess';
import { IStlOptions, resolveStl, StlConfig, StlInputError } from './params';
import { medianPair } from './select';

export interface IStlResult {
  seasonal: Float64Array;
  trend: Float64Array;
  /** y - seasonal - trend */
  resid: Float64Array;
  /** Robustness weights (all 1 when not robust). */
  weights: Float64Array;
  config: StlConfig;
}

/** Throws a StlInputError naming the first NaN/infinite value or a too-short series. */
export function checkSeries(y: ArrayLike<number>, period: number): void {
  if (y.length === 0) {
    throw new StlInputError('The series is empty');
  }
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) {
      throw new StlInputError(
        `The series has a missing or non-finite value (${y[i]}) at position ${i}`
      );
    }
  }
  if (y.length < 2 * period) {
    throw new StlInputError(
      `The series has ${y.length} points, fewer than two periods (2 x ${period}); STL needs at least ${2 * period}`
    );
  }
}

class Work {
  readonly w0: Float64Array;
  readonly w1: Float64Array;
  readonly w2: Float64Array;
  readonly w4: Float64Array;
  readonly sub: Float64Array;
  readonly subRw: Float64Array;
  readonly subOut: Float64Array;
  constructor(n: number, np: number) {
    const len = n + 2 * np;
    [this.w0, this.w1, this.w2, this.w4] = [0, 1, 2, 3].map(() => new Float64Array(len));
    const k = Math.ceil(n / np) + 2;
    this.sub = new Float64Array(k);
    this.subRw = new Float64Array(k);
    this.subOut = new Float64Array(k);
  }
}

/** Cycle-subseries smoothing of y (length n) into c (length n + 2 np), stl.f `ss`. */
function subseries(
  y: Float64Array,
  n: number,
  cfg: StlConfig,
  rw: Float64Array | null,
  c: Float64Array,
  work: Work
): void {
  const np = cfg.period;
  const ns = cfg.seasonal;
  const { sub, subRw, subOut } = work;
  const out = subOut.subarray(1);
  for (let j = 0; j < np; j++) {
    const k = Math.floor((n - (j + 1)) / np) + 1;
    for (let i = 0; i < k; i++) {
      sub[i] = y[i * np + j];
    }
    const r = rw ? subRw : null;
    if (r) {
      for (let i = 0; i < k; i++) {
        r[i] = rw![i * np + j];
      }
    }
    ess(sub, k, ns, cfg.seasonalDeg, cfg.seasonalJump, r, out);
    const before = est(sub, k, ns, cfg.seasonalDeg, 0, 1, Math.min(ns, k), r);
    subOut[0] = before === before ? before : subOut[1];
    const after = est(sub, k, ns, cfg.seasonalDeg, k + 1, Math.max(1, k - ns + 1), k, r);
    subOut[k + 1] = after === after ? after : subOut[k];
    for (let m = 0; m < k + 2; m++) {
      c[m * np + j] = subOut[m];
    }
  }
}

/** One run of the inner loop `inner` times (statsmodels `_onestp`). */
function onePass(
  y: Float64Array,
  cfg: StlConfig,
  rw: Float64Array | null,
  season: Float64Array,
  trend: Float64Array,
  work: Work
): void {
  const n = y.length;
  const np = cfg.period;
  const { w0, w1, w2 } = work;
  for (let i = 0; i < n; i++) {
    w0[i] = y[i] - trend[i];
  }
  subseries(w0, n, cfg, rw, w1, work);
  // Low-pass filter: moving averages of length np, np, 3, then LOESS without weights.
  const m = n + 2 * np;
  movingAverage(w1, m, np, w2);
  movingAverage(w2, m - np + 1, np, w0);
  movingAverage(w0, m - 2 * np + 2, 3, w2);
  ess(w2, n, cfg.lowPass, cfg.lowPassDeg, cfg.lowPassJump, null, w0);
  for (let i = 0; i < n; i++) {
    season[i] = w1[np + i] - w0[i];
    w0[i] = y[i] - season[i];
  }
  ess(w0, n, cfg.trend, cfg.trendDeg, cfg.trendJump, rw, trend);
}

/** Bisquare robustness weights from the residual (statsmodels `_rwts`). */
function robustnessWeights(
  y: Float64Array,
  season: Float64Array,
  trend: Float64Array,
  rw: Float64Array,
  scratch: Float64Array
): void {
  const n = y.length;
  for (let i = 0; i < n; i++) {
    rw[i] = Math.abs(y[i] - (trend[i] + season[i]));
  }
  scratch.set(rw);
  const [lo, hi] = medianPair(scratch, n);
  const cmad = 3.0 * (hi + lo);
  if (cmad === 0) {
    rw.fill(1);
    return;
  }
  const c9 = 0.999 * cmad;
  const c1 = 0.001 * cmad;
  for (let i = 0; i < n; i++) {
    const r = rw[i];
    if (r <= c1) {
      rw[i] = 1;
    } else if (r <= c9) {
      const u = r / cmad;
      const v = 1 - u * u;
      rw[i] = v * v;
    } else {
      rw[i] = 0;
    }
  }
}

/**
 * Core STL on an already validated series and configuration. `mask` (0 or 1 per point, not
 * statsmodels) leaves the 0 points out of every smoothing from the first pass on, as a
 * robustness weight of 0 does; robust fits multiply their weights by it.
 */
export function stlCore(
  y: Float64Array,
  cfg: StlConfig,
  ctx: JobContext = NO_JOB,
  mask?: Float64Array
): IStlResult {
  const n = y.length;
  const season = new Float64Array(n);
  const trend = new Float64Array(n);
  const rw = mask ? Float64Array.from(mask) : new Float64Array(n).fill(1);
  const work = new Work(n, cfg.period);
  const passes = cfg.outer + 1;
  let useRw = mask !== undefined;
  for (let k = 0; ;) {
    for (let j = 0; j < cfg.inner; j++) {
      ctx.check((k * cfg.inner + j) / (passes * cfg.inner), 'STL');
      onePass(y, cfg, useRw ? rw : null, season, trend, work);
    }
    k++;
    if (k > cfg.outer) {
      break;
    }
    robustnessWeights(y, season, trend, rw, work.w4);
    for (let i = 0; mask && i < n; i++) {
      rw[i] *= mask[i];
    }
    useRw = true;
  }
  const resid = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    resid[i] = y[i] - season[i] - trend[i];
  }
  return { seasonal: season, trend, resid, weights: rw, config: cfg };
}

/**
 * Decompose y into seasonal + trend + residual with STL, as statsmodels' `STL(y, ...).fit()`.
 * Throws StlInputError for bad parameters, NaN/inf values, or fewer than two periods.
 */
export function stl(
  y: ArrayLike<number>,
  options: IStlOptions,
  ctx: JobContext = NO_JOB
): IStlResult {
  const cfg = resolveStl(options);
  checkSeries(y, cfg.period);
  return stlCore(Float64Array.from(y), cfg, ctx);
}
