// Anomaly scores on top of STL: msticpy's timeseries_anomalies_stl (parity) and a default mode
// that scores the real-valued residual in both directions (Poisson-aware for counts, against a
// second fit without the points the first one flagged), optionally with a robust scale.
import { JobContext, NO_JOB } from '../job';
import { IMstlOptions, mstl } from './mstl';
import { npZscore } from './numpy';
import { IStlOptions, resolveStl, StlInputError } from './params';
import { countScale, dropEchoes, flagScores, residualScores } from './scores';
import { checkSeries, stlCore } from './stl';

export interface IAnomalyOptions extends Partial<IStlOptions> {
  /** 'msticpy' reproduces ts_anomalies_stl exactly (int64 truncation, z-score, seasonal sign). */
  parity?: 'msticpy';
  /** |score| above this flags a point. Default 3 (msticpy's score_threshold). */
  scoreThreshold?: number;
  /** Default mode only: 'zscore' (mean/std of the residual, default) or 'robust' (median/MAD). */
  score?: 'zscore' | 'robust';
  /** Default mode only: several periods (MSTL); `period` is then ignored. */
  periods?: number[];
  /** With `periods`: seasonal windows per period (MSTL default 7 + 4 i) and MSTL iterations. */
  windows?: number[];
  iterate?: number;
  /**
   * Default mode (measured in bench/stlquality, docs/stl.md). countScale (on unless false): a
   * Poisson-aware scale for counts. refit (on unless false): a second fit that leaves the
   * flagged points out. dropEchoes (off unless true): a flag explained by a larger opposite
   * flag one period away is dropped; off by default because the second fit already removes
   * the echoes and flags then stay exactly |score| > threshold (re-thresholding the score
   * column, as set_new_anomaly_threshold does, gives the same flags).
   */
  countScale?: boolean;
  refit?: boolean;
  dropEchoes?: boolean;
}

export interface IAnomalyResult {
  /** The input values (truncated to integers in msticpy parity, as msticpy returns them). */
  value: Float64Array;
  residual: Float64Array;
  trend: Float64Array;
  seasonal: Float64Array;
  /** Robustness weights; 0 also for the points left out of the second fit (default mode). */
  weights: Float64Array;
  baseline: Float64Array;
  score: Float64Array;
  /** 1 spike, -1 dip (msticpy parity: sign of the seasonal component), 0 normal. */
  anomalies: Int8Array;
  /** True when value..baseline hold msticpy's int64 values (write them as Int64). */
  integer: boolean;
  /** MSTL: one seasonal component per period (`seasonal` is their sum). */
  seasonals?: { period: number; values: Float64Array }[];
}

const MSTICPY = { period: 24, seasonal: 7 };
const INT64_LIMIT = 2 ** 63;

/** pandas astype('int64') on floats: truncation toward zero (NaN has been filled with 0). */
function truncate(a: Float64Array, name: string): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i] === a[i] ? Math.trunc(a[i]) : 0;
    if (Math.abs(v) >= INT64_LIMIT) {
      throw new StlInputError(
        `${name} at position ${i} (${a[i]}) does not fit in int64 (msticpy parity)`
      );
    }
    out[i] = v === 0 ? 0 : v;
  }
  return out;
}

/** msticpy's set_new_anomaly_threshold: 1 if score >= thr, -1 if score <= -(thrLow || thr). */
export function applyThreshold(
  score: ArrayLike<number>,
  threshold: number,
  thresholdLow?: number
): Int8Array {
  const low = thresholdLow || threshold;
  const out = new Int8Array(score.length);
  for (let i = 0; i < score.length; i++) {
    out[i] = score[i] >= threshold ? 1 : score[i] <= -low ? -1 : 0;
  }
  return out;
}

function msticpyScores(y: Float64Array, options: IAnomalyOptions, ctx: JobContext): IAnomalyResult {
  const cfg = resolveStl({ ...MSTICPY, ...options });
  checkSeries(y, cfg.period);
  const res = stlCore(y, cfg, ctx);
  const baselineFloat = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    baselineFloat[i] = res.seasonal[i] + res.trend[i];
  }
  const seasonal = truncate(res.seasonal, 'seasonal');
  const residual = truncate(res.resid, 'residual');
  const score = npZscore(residual);
  const thr = options.scoreThreshold ?? 3;
  const anomalies = new Int8Array(y.length);
  for (let i = 0; i < y.length; i++) {
    if (score[i] > thr) {
      anomalies[i] = seasonal[i] > 0 ? 1 : seasonal[i] < 0 ? -1 : 0;
    }
  }
  return {
    value: truncate(y, 'value'),
    residual,
    trend: truncate(res.trend, 'trend'),
    seasonal,
    weights: truncate(res.weights, 'weights'),
    baseline: truncate(baselineFloat, 'baseline'),
    score,
    anomalies,
    integer: true
  };
}

type Decomposition = ReturnType<typeof decompose>;

/** Residual of `y` against a fit, its scores (count-aware) and flags. */
function scored(y: Float64Array, fit: Decomposition, options: IAnomalyOptions) {
  const n = y.length;
  const baseline = new Float64Array(n);
  const resid = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    baseline[i] = fit.seasonal[i] + fit.trend[i];
    resid[i] = y[i] - fit.seasonal[i] - fit.trend[i];
  }
  const counts = options.countScale === false ? null : countScale(y, baseline);
  const score = residualScores(resid, options.score ?? 'zscore', y, counts);
  const anomalies = flagScores(score, options.scoreThreshold ?? 3);
  return { res: { ...fit, resid }, baseline, score, anomalies };
}

/** STL, or MSTL with `periods`; `mask` 0 leaves a point out of the fit (stlCore). */
function decompose(
  y: Float64Array,
  options: IAnomalyOptions,
  ctx: JobContext,
  mask?: Float64Array
) {
  if (options.periods && options.periods.length) {
    const opts: IMstlOptions = { ...options, periods: options.periods };
    const res = mstl(y, opts, ctx, mask);
    return {
      ...res,
      seasonals: res.periods.map((period, i) => ({ period, values: res.seasonals[i] }))
    };
  }
  const cfg = resolveStl({ ...MSTICPY, ...options });
  checkSeries(y, cfg.period);
  return { ...stlCore(y, cfg, ctx, mask), seasonals: undefined };
}

/**
 * STL decomposition and anomaly flags for a regular series (msticpy's ts_anomalies_stl).
 * Defaults as msticpy: period 24, seasonal 7, threshold 3.
 */
export function stlAnomalies(
  y: ArrayLike<number>,
  options: IAnomalyOptions = {},
  ctx: JobContext = NO_JOB
): IAnomalyResult {
  const values = Float64Array.from(y);
  if (options.parity === 'msticpy') {
    if (options.periods) {
      throw new StlInputError(
        'Several periods (MSTL) are not part of msticpy; drop `periods` or `parity`'
      );
    }
    return msticpyScores(values, options, ctx);
  }
  const periods = options.periods?.length ? options.periods : [options.period ?? MSTICPY.period];
  let pass = scored(values, decompose(values, options, ctx), options);
  if (options.refit !== false && pass.anomalies.some(a => a !== 0)) {
    // Second fit without the flagged points, so a spike no longer pulls the seasonal and trend
    // it is scored against (nor leaves echoes a period away); their weights are 0.
    const mask = Float64Array.from(pass.anomalies, a => (a ? 0 : 1));
    pass = scored(values, decompose(values, options, ctx, mask), options);
  }
  const { res, baseline, score, anomalies } = pass;
  if (options.dropEchoes) {
    dropEchoes(anomalies, res.resid, periods);
  }
  return {
    value: values,
    residual: res.resid,
    trend: res.trend,
    seasonal: res.seasonal,
    weights: res.weights,
    baseline,
    score,
    anomalies,
    integer: false,
    seasonals: res.seasonals
  };
}
