// Likelihoods of sessions and windows (msticpy's compute_likelihood_window,
// compute_likelihood_windows_in_session and rarest_window_session). Each event's factors are
// computed once; a window's likelihood is then multiplied in msticpy's exact order
// (first = head * params, then prob *= trans; prob *= params), so products are bit-identical.
// Log-likelihoods are summed alongside, so long sessions that underflow to 0 still rank.
import { JobContext, NO_JOB } from '../job';
import { IntSequenceIds } from './intkeys';
import { IEncodedSessions, SessionModel } from './model';
import { END, START } from './tokens';

/** Per-event factors of the Markov model. */
export interface IEventFactors {
  /** P(x_i): the first factor of a window that does not start the session. */
  prior: Float64Array;
  /** T(x_{i-1} → x_i), or T(START → x_i) for a session's first event. */
  trans: Float64Array;
  /** Parameter-set likelihood (geometric mean over the command's params), 1 without params. */
  param: Float64Array;
  /** log of param, summed in log space (it can underflow to 0 with many params); null without params. */
  logParam: Float64Array | null;
  /** Per session: T(x_last → END). */
  endTrans: Float64Array;
  /** P(END), for a one-element window on the appended END. */
  priorEnd: number;
}

export function eventFactors(
  model: SessionModel,
  enc: IEncodedSessions,
  ctx: JobContext = NO_JOB
): IEventFactors {
  const n = enc.cmds.length;
  const sessions = enc.offsets.length - 1;
  const f: IEventFactors = {
    prior: new Float64Array(n),
    trans: new Float64Array(n),
    param: new Float64Array(n).fill(1),
    logParam: model.kind === 'cmds' ? null : new Float64Array(n),
    endTrans: new Float64Array(sessions),
    priorEnd: model.prior(END)
  };
  const { offsets, cmds } = enc;
  for (let s = 0; s < sessions; s++) {
    const a = offsets[s];
    const b = offsets[s + 1];
    let prev = START;
    for (let i = a; i < b; i++) {
      const x = cmds[i];
      f.prior[i] = model.prior(x);
      f.trans[i] = model.trans(prev, x);
      prev = x;
    }
    if (b > a) {
      f.endTrans[s] = model.trans(prev, END);
    }
    if ((s & 0xffff) === 0) {
      ctx.check(s / sessions, 'scoring');
    }
  }
  if (model.kind !== 'cmds' && enc.paramOffsets && enc.params) {
    paramFactors(model, enc, f, ctx);
  }
  return f;
}

/**
 * msticpy's compute_prob_setofparams_given_cmd with use_geo_mean=True, per event:
 * product over the command's param row of P (present) or 1 - P (absent), times P(value|param)
 * for present modellable params, raised to 1 / (row length + modelled values).
 */
function paramFactors(
  model: SessionModel,
  enc: IEncodedSessions,
  f: IEventFactors,
  ctx: JobContext
): void {
  const { cmds, paramOffsets, params, values } = enc;
  const stamp = new Int32Array(model.paramNames.length);
  const valueOf = new Int32Array(model.paramNames.length);
  const withValues = model.kind === 'values' && values !== undefined;
  // The same command with the same params has the same factor: computed once per distinct event.
  const seen = new IntSequenceIds();
  let firstEvent = new Int32Array(64);
  for (let i = 0; i < cmds.length; i++) {
    const p0 = paramOffsets![i];
    const p1 = paramOffsets![i + 1];
    if (p0 === p1) {
      continue; // no params: likelihood 1.0, as msticpy
    }
    const key = seen.room(1 + 2 * (p1 - p0));
    key[0] = cmds[i];
    for (let j = p0; j < p1; j++) {
      key[1 + 2 * (j - p0)] = params![j];
      key[2 + 2 * (j - p0)] = withValues ? values![j] : 0;
    }
    const id = seen.id(1 + 2 * (p1 - p0));
    if (id < seen.size - 1) {
      f.param[i] = f.param[firstEvent[id]];
      f.logParam![i] = f.logParam![firstEvent[id]];
      continue;
    }
    if (id === firstEvent.length) {
      const next = new Int32Array(id * 2);
      next.set(firstEvent);
      firstEvent = next;
    }
    firstEvent[id] = i;
    for (let j = p0; j < p1; j++) {
      const p = params![j];
      if (p >= 0) {
        stamp[p] = i + 1;
        if (withValues) {
          valueOf[p] = values![j];
        }
      }
    }
    const row = model.paramRow(cmds[i]);
    const stamped = i + 1;
    let lik = 1;
    let num = 0;
    for (let k = 0; k < row.ids.length; k++) {
      const p = row.ids[k];
      const prob = row.probs[k];
      if (p >= 0 && stamp[p] === stamped) {
        lik *= prob;
        if (withValues && model.isModellable(p)) {
          num++;
          lik *= model.valueProb(p, valueOf[p]);
        }
      } else {
        lik *= 1 - prob;
      }
    }
    const k = row.ids.length + num;
    f.param[i] = lik ** (1 / k);
    // the log of the product while it is a normal number (one log, not one per param)
    const logLik =
      lik >= MIN_NORMAL
        ? Math.log(lik)
        : paramLogSum(model, row, stamp, stamped, valueOf, withValues);
    f.logParam![i] = logLik / k;
    if ((i & 0xffff) === 0) {
      ctx.check(i / cmds.length, 'scoring params');
    }
  }
}

/** The param-set log-likelihood of one event, summed from its factors (its product underflowed). */
function paramLogSum(
  model: SessionModel,
  row: ReturnType<SessionModel['paramRow']>,
  stamp: Int32Array,
  stamped: number,
  valueOf: Int32Array,
  withValues: boolean
): number {
  let logLik = 0;
  for (let k = 0; k < row.ids.length; k++) {
    const p = row.ids[k];
    const prob = row.probs[k];
    if (p >= 0 && stamp[p] === stamped) {
      logLik += Math.log(prob);
      if (withValues && model.isModellable(p)) {
        logLik += Math.log(model.valueProb(p, valueOf[p]));
      }
    } else {
      logLik += Math.log1p(-prob);
    }
  }
  return logLik;
}

export interface ISessionLikelihoods {
  /** msticpy's session likelihood (can underflow to 0 for long sessions); NaN for empty sessions. */
  likelihood: Float64Array;
  logLikelihood: Float64Array;
  /** likelihood ** (1 / number of commands), as compute_geomean_lik_of_sessions. */
  geomean: Float64Array;
  /** Number of factors multiplied: commands, plus one for END with tokens. */
  steps: Int32Array;
}

/** msticpy's compute_likelihoods_of_sessions (start and end tokens both `useTokens`). */
export function sessionLikelihoods(
  f: IEventFactors,
  offsets: Int32Array,
  useTokens: boolean
): ISessionLikelihoods {
  const n = offsets.length - 1;
  const out: ISessionLikelihoods = {
    likelihood: new Float64Array(n),
    logLikelihood: new Float64Array(n),
    geomean: new Float64Array(n),
    steps: new Int32Array(n)
  };
  for (let s = 0; s < n; s++) {
    const a = offsets[s];
    const b = offsets[s + 1];
    if (a === b) {
      out.likelihood[s] = out.logLikelihood[s] = out.geomean[s] = NaN;
      continue;
    }
    let prob = (useTokens ? f.trans[a] : f.prior[a]) * f.param[a];
    for (let i = a + 1; i < b; i++) {
      prob *= f.trans[i];
      prob *= f.param[i];
    }
    if (useTokens) {
      prob *= f.endTrans[s];
    }
    // log of the product while it is a normal number; a sum of logs once it underflowed
    const log =
      prob >= MIN_NORMAL
        ? Math.log(prob)
        : spanLog(f, offsets, s, 0, b - a + (useTokens ? 1 : 0), useTokens);
    out.likelihood[s] = prob;
    out.logLikelihood[s] = log;
    out.geomean[s] = prob ** (1 / (b - a));
    out.steps[s] = b - a + (useTokens ? 1 : 0);
  }
  return out;
}

export interface IRarestWindows {
  windowLength: number;
  /** msticpy's rarest window likelihood; NaN when the session has no full window. */
  likelihood: Float64Array;
  logLikelihood: Float64Array;
  /** Start of the rarest window in the session, -1 when none. */
  start: Int32Array;
  /** Commands of the rarest window taken from the session (shorter than W when it holds END). */
  length: Int32Array;
}

export interface IRarestWindowOptions {
  windowLength: number;
  /** Prepend START to the first window and append END to the session (msticpy: True in score_sessions). */
  useStartEndTokens: boolean;
  /** Raise each window likelihood to 1 / W (msticpy's use_geo_mean). */
  useGeoMean?: boolean;
}

/** Smallest normal double: below it a product has lost precision, so windows rank by logs. */
const MIN_NORMAL = 2.2250738585072014e-308;

/** msticpy's rarest_window_session for every session. */
export function rarestWindows(
  f: IEventFactors,
  offsets: Int32Array,
  options: IRarestWindowOptions,
  ctx: JobContext = NO_JOB
): IRarestWindows {
  const w = options.windowLength;
  const tokens = options.useStartEndTokens;
  const geo = options.useGeoMean ?? false;
  const n = offsets.length - 1;
  const out: IRarestWindows = {
    windowLength: w,
    likelihood: new Float64Array(n).fill(NaN),
    logLikelihood: new Float64Array(n).fill(NaN),
    start: new Int32Array(n).fill(-1),
    length: new Int32Array(n)
  };
  for (let s = 0; s < n; s++) {
    const a = offsets[s];
    const len = offsets[s + 1] - a;
    if (len === 0) {
      continue;
    }
    const last = len + (tokens ? 1 : 0) - w; // last window start
    let best = NaN;
    let bestLog = NaN;
    let bestAt = -1;
    for (let i = 0; i <= last; i++) {
      const pos = a + i;
      let prob: number;
      if (i === 0 && tokens) {
        prob = f.trans[pos] * f.param[pos];
      } else if (i < len) {
        prob = f.prior[pos] * f.param[pos];
      } else {
        prob = f.priorEnd; // a one-element window on the appended END
      }
      for (let j = i + 1; j < i + w; j++) {
        if (j < len) {
          prob *= f.trans[a + j];
          prob *= f.param[a + j];
        } else {
          prob *= f.endTrans[s]; // END's params are empty: likelihood 1
        }
      }
      if (geo) {
        prob = prob ** (1 / w);
      }
      // msticpy keeps the first minimum; products that underflowed compare by log-likelihood
      const log = prob < MIN_NORMAL ? spanLog(f, offsets, s, i, w, tokens) / (geo ? w : 1) : NaN;
      if (bestAt < 0 || rarer(prob, log, best, bestLog)) {
        best = prob;
        bestLog = log;
        bestAt = i;
      }
    }
    if (bestAt >= 0) {
      out.likelihood[s] = best;
      out.logLikelihood[s] = logOf(best, bestLog);
      out.start[s] = bestAt;
      out.length[s] = Math.min(w, len - bestAt);
    }
    if ((s & 0x3fff) === 0) {
      ctx.check(s / n, 'rarest windows');
    }
  }
  return out;
}

function rarer(prob: number, log: number, best: number, bestLog: number): boolean {
  if (prob >= MIN_NORMAL && best >= MIN_NORMAL) {
    return prob < best;
  }
  return logOf(prob, log) < logOf(best, bestLog);
}

/** log of a normal product, else the log-likelihood summed from its factors. */
function logOf(prob: number, log: number): number {
  return prob >= MIN_NORMAL ? Math.log(prob) : log;
}

/**
 * Sum of the logs of `count` factors of session s from position i (position len is the
 * appended END): the log-likelihood of a window or session whose product underflowed.
 */
function spanLog(
  f: IEventFactors,
  offsets: Int32Array,
  s: number,
  i: number,
  count: number,
  tokens: boolean
): number {
  const a = offsets[s];
  const len = offsets[s + 1] - a;
  const lp = f.logParam;
  let log = 0;
  for (let j = i; j < i + count; j++) {
    if (j >= len) {
      log += Math.log(j === i ? f.priorEnd : f.endTrans[s]);
    } else {
      const head = j > i || (j === 0 && tokens) ? f.trans[a + j] : f.prior[a + j];
      log += Math.log(head) + (lp ? lp[a + j] : 0);
    }
  }
  return log;
}
