// msticpy's score_sessions on interned sessions, plus the extra scores. Plain typed arrays
// in and out; Arrow tables are handled in arrowIn.ts / table.ts.
import { ISessionData, sessionCount } from './data';
import { explainRarestWindows, IExplanations, meanLogLikelihood, percentiles } from './extras';
import { JobContext, NO_JOB } from '../job';
import {
  eventFactors,
  IRarestWindows,
  ISessionLikelihoods,
  rarestWindows,
  sessionLikelihoods
} from './likelihood';
import { IEncodedSessions, SessionModel, trainSessionModel } from './model';
import { SessionInputError } from './tokens';

export interface IScoreOptions {
  /** Length of the sliding window (msticpy's window_length). Default 3. */
  windowLength?: number;
  /** Prepend START / append END (msticpy's score_sessions uses True). Default true. */
  useStartEndTokens?: boolean;
  /** Raise window likelihoods to 1/W before ranking (msticpy's use_geo_mean). Default false. */
  useGeoMean?: boolean;
  /** Values kind: params whose values are modelled; msticpy's rule decides when omitted. */
  modellableParams?: Iterable<string>;
  /** Score with this model instead of training one on the sessions. */
  model?: SessionModel;
  /** Reproduce msticpy's errors: an empty list of sessions or an empty session is rejected. */
  parity?: boolean;
  /** Compute the explanation of each rarest window. Default true. */
  explain?: boolean;
  /** Compute session likelihoods, mean log-likelihoods and percentiles. Default true. */
  extras?: boolean;
}

export interface ISessionScores {
  /** Null only when there were no sessions to train on. */
  model: SessionModel | null;
  encoded: IEncodedSessions | null;
  windowLength: number;
  useStartEndTokens: boolean;
  rarest: IRarestWindows;
  /** The extras (null when options.extras is false): */
  sessions: ISessionLikelihoods | null;
  /** Percentile of the rarest-window log-likelihood among all sessions (low = rare). */
  rarestPercentile: Float64Array | null;
  /** Session log-likelihood per step: a length-normalised score (low = rare). */
  meanLogLikelihood: Float64Array | null;
  meanLogLikelihoodPercentile: Float64Array | null;
  /** The rarest window's steps, least likely first (null when options.explain is false). */
  explanations: IExplanations | null;
}

export function checkWindowLength(w: unknown): number {
  if (typeof w !== 'number' || !Number.isInteger(w) || w < 1) {
    throw new SessionInputError(
      `The window length must be a whole number of at least 1, not ${String(w)}`
    );
  }
  return w;
}

/** Train on the sessions (or use options.model) and score every session. */
export function scoreSessionData(
  data: ISessionData,
  options: IScoreOptions = {},
  ctx: JobContext = NO_JOB
): ISessionScores {
  const windowLength = checkWindowLength(options.windowLength ?? 3);
  const useStartEndTokens = options.useStartEndTokens ?? true;
  const n = sessionCount(data);
  if (options.parity) {
    checkParityInput(data);
  }
  if (options.model && options.model.kind !== data.kind) {
    throw new SessionInputError(
      `The model was trained on "${options.model.kind}" sessions but these are "${data.kind}" sessions`
    );
  }
  if (!options.model && data.cmds.length === 0) {
    return emptyScores(n, windowLength, useStartEndTokens);
  }
  const model =
    options.model ?? trainSessionModel(data, { modellableParams: options.modellableParams }, ctx);
  const enc = model.encode(data);
  const f = eventFactors(model, enc, ctx);
  const rarest = rarestWindows(
    f,
    enc.offsets,
    { windowLength, useStartEndTokens, useGeoMean: options.useGeoMean },
    ctx
  );
  const extras = options.extras ?? true;
  const sessions = extras ? sessionLikelihoods(f, enc.offsets, useStartEndTokens) : null;
  const mean = sessions ? meanLogLikelihood(sessions) : null;
  return {
    model,
    encoded: enc,
    windowLength,
    useStartEndTokens,
    rarest,
    sessions,
    rarestPercentile: extras ? percentiles(rarest.logLikelihood) : null,
    meanLogLikelihood: mean,
    meanLogLikelihoodPercentile: mean ? percentiles(mean) : null,
    explanations:
      (options.explain ?? true)
        ? explainRarestWindows(data, f, rarest, useStartEndTokens, ctx)
        : null
  };
}

function checkParityInput(data: ISessionData): void {
  const n = sessionCount(data);
  if (n === 0) {
    throw new SessionInputError('`sessions` should not be an empty list');
  }
  for (let s = 0; s < n; s++) {
    if (data.offsets[s] === data.offsets[s + 1]) {
      throw new SessionInputError(
        `session at index ${s} of \`sessions\` is empty. Each session should contain at least one command`
      );
    }
  }
}

function emptyScores(n: number, windowLength: number, useStartEndTokens: boolean): ISessionScores {
  const nan = () => new Float64Array(n).fill(NaN);
  return {
    model: null,
    encoded: null,
    windowLength,
    useStartEndTokens,
    rarest: {
      windowLength,
      likelihood: nan(),
      logLikelihood: nan(),
      start: new Int32Array(n).fill(-1),
      length: new Int32Array(n)
    },
    sessions: { likelihood: nan(), logLikelihood: nan(), geomean: nan(), steps: new Int32Array(n) },
    rarestPercentile: nan(),
    meanLogLikelihood: nan(),
    meanLogLikelihoodPercentile: nan(),
    explanations: {
      offsets: new Int32Array(n + 1),
      from: new Int32Array(0),
      to: new Int32Array(0),
      probability: new Float64Array(0),
      paramProbability: new Float64Array(0),
      logProbability: new Float64Array(0),
      names: []
    }
  };
}
