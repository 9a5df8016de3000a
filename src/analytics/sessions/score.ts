// msticpy's score_sessions on interned sessions, plus the extra scores. Plain typed arrays
// in and out; Arrow tables are handled in arrowIn.ts / table.ts.
import { ISessionData } from './data';
import { distinctSessions, IDistinctSessions, spread } from './distinct';
import { explainRarestWindows, IExplanations, meanLogLikelihood, percentiles } from './extras';
import { JobContext, NO_JOB } from '../job';
import {
  eventFactors,
  IRarestWindows,
  ISessionLikelihoods,
  rarestWindows,
  sessionLikelihoods
} from './likelihood';
import { SessionModel, trainSessionModel } from './model';
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

/** The scores of each distinct session; ISessionScores spreads them to every session. */
export interface IDistinctScores {
  rarest: IRarestWindows;
  /** The extras (null when options.extras is false): */
  sessions: ISessionLikelihoods | null;
  /** Percentile among all sessions (each distinct session counts as often as it occurs). */
  rarestPercentile: Float64Array | null;
  meanLogLikelihood: Float64Array | null;
  meanLogLikelihoodPercentile: Float64Array | null;
  /** Null when options.explain is false. */
  explanations: IExplanations | null;
}

export interface ISessionScores {
  /** Null only when there were no sessions to train on. */
  model: SessionModel | null;
  windowLength: number;
  useStartEndTokens: boolean;
  /** Scores of the distinct sessions, and the distinct session of each session. */
  distinct: IDistinctScores;
  of: Int32Array;
  // Per session, spread from `distinct` when first read (the table columns are built from
  // `distinct` directly):
  readonly rarest: IRarestWindows;
  /** The extras (null when options.extras is false): */
  readonly sessions: ISessionLikelihoods | null;
  /** Percentile of the rarest-window log-likelihood among all sessions (low = rare). */
  readonly rarestPercentile: Float64Array | null;
  /** Session log-likelihood per step: a length-normalised score (low = rare). */
  readonly meanLogLikelihood: Float64Array | null;
  readonly meanLogLikelihoodPercentile: Float64Array | null;
  /** The rarest window's steps, least likely first (null when options.explain is false). */
  readonly explanations: IExplanations | null;
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
  return scoreDistinctSessions(distinctSessions(data), options, ctx);
}

/**
 * scoreSessionData on sessions given as distinct sessions (see distinct.ts): each is scored
 * once and its scores are spread to the sessions it stands for.
 */
export function scoreDistinctSessions(
  distinct: IDistinctSessions,
  options: IScoreOptions = {},
  ctx: JobContext = NO_JOB
): ISessionScores {
  const windowLength = checkWindowLength(options.windowLength ?? 3);
  const useStartEndTokens = options.useStartEndTokens ?? true;
  const data = distinct.data;
  const n = distinct.of.length;
  if (options.parity) {
    checkParityInput(distinct);
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
    options.model ??
    trainSessionModel(
      distinct.data,
      { modellableParams: options.modellableParams, weights: distinct.weight },
      ctx
    );
  const enc = model.encode(distinct.data);
  const f = eventFactors(model, enc, ctx);
  const rarestOnce = rarestWindows(
    f,
    enc.offsets,
    { windowLength, useStartEndTokens, useGeoMean: options.useGeoMean },
    ctx
  );
  const extras = options.extras ?? true;
  const sessions = extras ? sessionLikelihoods(f, enc.offsets, useStartEndTokens) : null;
  const mean = sessions ? meanLogLikelihood(sessions) : null;
  const weight = distinct.weight;
  const scores: IDistinctScores = {
    rarest: rarestOnce,
    sessions,
    rarestPercentile: extras ? percentiles(rarestOnce.logLikelihood, weight) : null,
    meanLogLikelihood: mean,
    meanLogLikelihoodPercentile: mean ? percentiles(mean, weight) : null,
    explanations:
      (options.explain ?? true)
        ? explainRarestWindows(distinct.data, f, rarestOnce, useStartEndTokens, ctx)
        : null
  };
  return perSession(model, windowLength, useStartEndTokens, scores, distinct.of);
}

/** ISessionScores whose per-session fields are spread from `distinct` when first read. */
function perSession(
  model: SessionModel | null,
  windowLength: number,
  useStartEndTokens: boolean,
  distinct: IDistinctScores,
  of: Int32Array
): ISessionScores {
  const floats = (x: Float64Array | null) => (x ? spread(x, of) : null);
  const rarest = lazy(() => spreadRarest(distinct.rarest, of));
  const sessions = lazy(() => distinct.sessions && spreadLikelihoods(distinct.sessions, of));
  const rarestPercentile = lazy(() => floats(distinct.rarestPercentile));
  const mean = lazy(() => floats(distinct.meanLogLikelihood));
  const meanPercentile = lazy(() => floats(distinct.meanLogLikelihoodPercentile));
  const explanations = lazy(
    () => distinct.explanations && spreadExplanations(distinct.explanations, of)
  );
  return {
    model,
    windowLength,
    useStartEndTokens,
    distinct,
    of,
    get rarest() {
      return rarest();
    },
    get sessions() {
      return sessions();
    },
    get rarestPercentile() {
      return rarestPercentile();
    },
    get meanLogLikelihood() {
      return mean();
    },
    get meanLogLikelihoodPercentile() {
      return meanPercentile();
    },
    get explanations() {
      return explanations();
    }
  };
}

/** make() on the first call, its result after. */
function lazy<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}

function spreadRarest(r: IRarestWindows, of: Int32Array): IRarestWindows {
  return {
    windowLength: r.windowLength,
    likelihood: spread(r.likelihood, of),
    logLikelihood: spread(r.logLikelihood, of),
    start: spread(r.start, of),
    length: spread(r.length, of)
  };
}

function spreadLikelihoods(x: ISessionLikelihoods, of: Int32Array): ISessionLikelihoods {
  return {
    likelihood: spread(x.likelihood, of),
    logLikelihood: spread(x.logLikelihood, of),
    geomean: spread(x.geomean, of),
    steps: spread(x.steps, of)
  };
}

function spreadExplanations(ex: IExplanations, of: Int32Array): IExplanations {
  const n = of.length;
  const offsets = new Int32Array(n + 1);
  for (let s = 0; s < n; s++) {
    offsets[s + 1] = offsets[s] + ex.offsets[of[s] + 1] - ex.offsets[of[s]];
  }
  const out: IExplanations = {
    offsets,
    from: new Int32Array(offsets[n]),
    to: new Int32Array(offsets[n]),
    probability: new Float64Array(offsets[n]),
    paramProbability: new Float64Array(offsets[n]),
    logProbability: new Float64Array(offsets[n]),
    names: ex.names
  };
  for (let s = 0; s < n; s++) {
    const shift = ex.offsets[of[s]] - offsets[s];
    for (let k = offsets[s]; k < offsets[s + 1]; k++) {
      out.from[k] = ex.from[k + shift];
      out.to[k] = ex.to[k + shift];
      out.probability[k] = ex.probability[k + shift];
      out.paramProbability[k] = ex.paramProbability[k + shift];
      out.logProbability[k] = ex.logProbability[k + shift];
    }
  }
  return out;
}

function checkParityInput({ data, of }: IDistinctSessions): void {
  if (of.length === 0) {
    throw new SessionInputError('`sessions` should not be an empty list');
  }
  for (let s = 0; s < of.length; s++) {
    if (data.offsets[of[s]] === data.offsets[of[s] + 1]) {
      throw new SessionInputError(
        `session at index ${s} of \`sessions\` is empty. Each session should contain at least one command`
      );
    }
  }
}

function emptyScores(n: number, windowLength: number, useStartEndTokens: boolean): ISessionScores {
  const nan = () => new Float64Array(n).fill(NaN);
  const distinct: IDistinctScores = {
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
  const identity = Int32Array.from({ length: n }, (_, s) => s);
  return perSession(null, windowLength, useStartEndTokens, distinct, identity);
}
