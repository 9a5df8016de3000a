// Scores beyond msticpy: empirical percentiles, a length-normalised score and an explanation
// of each session's rarest window.
import { IEventFactors, IRarestWindows, ISessionLikelihoods } from './likelihood';
import { ISessionData } from './data';
import { JobContext, NO_JOB } from '../job';
import { END_TOKEN, START_TOKEN } from './tokens';

/**
 * Percentile of each score among all scores (NaN ignored): 100 × the share of sessions whose
 * score is at most this one. Low scores are rare, so the rarest session has the lowest value.
 * With `weights`, score i stands for weights[i] sessions (distinct sessions and their repeats).
 */
export function percentiles(scores: Float64Array, weights?: Float64Array): Float64Array {
  let n = 0;
  const sorted = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isNaN(scores[i])) {
      sorted[n++] = scores[i];
    }
  }
  const values = sorted.subarray(0, n).sort();
  // weight of each value, at its first position; then running totals
  const cumulative = new Float64Array(n);
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isNaN(scores[i])) {
      cumulative[lowerBound(values, scores[i])] += weights ? weights[i] : 1;
    }
  }
  for (let k = 1; k < n; k++) {
    cumulative[k] += cumulative[k - 1];
  }
  const total = n > 0 ? cumulative[n - 1] : 0;
  const out = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i];
    out[i] = Number.isNaN(x) ? NaN : (100 * cumulative[upperBound(values, x) - 1]) / total;
  }
  return out;
}

/** First position whose value is >= x. */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** First position whose value is > x. */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** Mean log-likelihood per step (commands, plus END with tokens): comparable across lengths. */
export function meanLogLikelihood(sess: ISessionLikelihoods): Float64Array {
  return sess.logLikelihood.map((l, s) => (sess.steps[s] > 0 ? l / sess.steps[s] : NaN));
}

/** One factor of a window: a transition (or the prior of its first command) and its params. */
export interface IWindowStep {
  /** Previous command, START for a session's first command, null when the prior P(to) is used. */
  from: string | null;
  to: string;
  /** T(from → to), or P(to) when from is null. */
  probability: number;
  /** Parameter-set likelihood of `to` (1 for commands without params). */
  paramProbability: number;
  /** log(probability × paramProbability). */
  logProbability: number;
}

/** The steps of every session's rarest window, columnar, least likely first within a session. */
export interface IExplanations {
  /** Steps of session s are offsets[s] .. offsets[s + 1] - 1. */
  offsets: Int32Array;
  /** Index into names; -1 for the prior (no previous command). */
  from: Int32Array;
  to: Int32Array;
  probability: Float64Array;
  paramProbability: Float64Array;
  logProbability: Float64Array;
  /** The data's command names, then START and END. */
  names: string[];
}

export function explainRarestWindows(
  data: ISessionData,
  f: IEventFactors,
  rw: IRarestWindows,
  useTokens: boolean,
  ctx: JobContext = NO_JOB
): IExplanations {
  const n = rw.start.length;
  const w = rw.windowLength;
  const offsets = new Int32Array(n + 1);
  for (let s = 0; s < n; s++) {
    offsets[s + 1] = offsets[s] + (rw.start[s] < 0 ? 0 : w);
  }
  const total = offsets[n];
  const ex: IExplanations = {
    offsets,
    from: new Int32Array(total),
    to: new Int32Array(total),
    probability: new Float64Array(total),
    paramProbability: new Float64Array(total),
    logProbability: new Float64Array(total),
    names: [...data.cmdNames, START_TOKEN, END_TOKEN]
  };
  const startId = data.cmdNames.length;
  const endId = startId + 1;
  const order = new Int32Array(w);
  const tmp = new Float64Array(5 * w);
  for (let s = 0; s < n; s++) {
    const at = rw.start[s];
    if (at < 0) {
      continue;
    }
    const a = data.offsets[s];
    const len = data.offsets[s + 1] - a;
    const o = offsets[s];
    for (let k = 0; k < w; k++) {
      const j = at + k;
      let from: number;
      let to: number;
      let p: number;
      let pp = 1;
      if (j >= len) {
        to = endId;
        from = k === 0 ? -1 : data.cmds[a + len - 1];
        p = k === 0 ? f.priorEnd : f.endTrans[s];
      } else {
        to = data.cmds[a + j];
        pp = f.param[a + j];
        if (k === 0 && !(j === 0 && useTokens)) {
          from = -1;
          p = f.prior[a + j];
        } else {
          from = j === 0 ? startId : data.cmds[a + j - 1];
          p = f.trans[a + j];
        }
      }
      tmp[5 * k] = from;
      tmp[5 * k + 1] = to;
      tmp[5 * k + 2] = p;
      tmp[5 * k + 3] = pp;
      tmp[5 * k + 4] = Math.log(p) + Math.log(pp);
      // insertion sort by log probability (windows are short)
      let q = k;
      while (q > 0 && tmp[5 * order[q - 1] + 4] > tmp[5 * k + 4]) {
        order[q] = order[q - 1];
        q--;
      }
      order[q] = k;
    }
    for (let k = 0; k < w; k++) {
      const src = 5 * order[k];
      ex.from[o + k] = tmp[src];
      ex.to[o + k] = tmp[src + 1];
      ex.probability[o + k] = tmp[src + 2];
      ex.paramProbability[o + k] = tmp[src + 3];
      ex.logProbability[o + k] = tmp[src + 4];
    }
    if ((s & 0x3fff) === 0) {
      ctx.check(s / n, 'explaining');
    }
  }
  return ex;
}

/** The steps of one session as objects. */
export function windowSteps(ex: IExplanations, s: number): IWindowStep[] {
  const out: IWindowStep[] = [];
  for (let k = ex.offsets[s]; k < ex.offsets[s + 1]; k++) {
    out.push({
      from: ex.from[k] < 0 ? null : ex.names[ex.from[k]],
      to: ex.names[ex.to[k]],
      probability: ex.probability[k],
      paramProbability: ex.paramProbability[k],
      logProbability: ex.logProbability[k]
    });
  }
  return out;
}

/** One line per session for the grid: its least likely steps; null without a window. */
export function explanationTexts(ex: IExplanations, max = 2): (string | null)[] {
  const n = ex.offsets.length - 1;
  const out: (string | null)[] = new Array(n);
  for (let s = 0; s < n; s++) {
    const a = ex.offsets[s];
    const b = Math.min(ex.offsets[s + 1], a + max);
    if (a === b) {
      out[s] = null;
      continue;
    }
    let text = '';
    for (let k = a; k < b; k++) {
      const to = ex.names[ex.to[k]];
      const what = ex.from[k] < 0 ? `P(${to})` : `${ex.names[ex.from[k]]} → ${to}`;
      const params = ex.paramProbability[k] < 1 ? ` × params ${fmt(ex.paramProbability[k])}` : '';
      text += (k > a ? '; ' : '') + `${what} ${fmt(ex.probability[k])}${params}`;
    }
    out[s] = text;
  }
  return out;
}

function fmt(p: number): string {
  return p.toPrecision(3);
}
