// Anomalous sessions: msticpy's anomalous_sequence (Markov model with START/END/UNK tokens
// and Laplace smoothing) and sessionize_data, in TypeScript. See docs/sessions.md.
export {
  START_TOKEN,
  END_TOKEN,
  UNK_TOKEN,
  SessionInputError,
  type ICmd,
  type SessionKind
} from './tokens';
export { sessionsFromArrays, SessionDataBuilder, sessionCount, type ISessionData } from './data';
export { computeCounts, modellableParams, type IRawCounts } from './counts';
export { materialiseSmoothedCounts, type ISmoothedCounts } from './laplace';
export { SessionModel, trainSessionModel, type ITrainOptions } from './model';
export {
  eventFactors,
  sessionLikelihoods,
  rarestWindows,
  type IRarestWindows,
  type IRarestWindowOptions,
  type ISessionLikelihoods
} from './likelihood';
export {
  percentiles,
  explainRarestWindows,
  explanationTexts,
  windowSteps,
  type IExplanations,
  type IWindowStep
} from './extras';
export {
  scoreSessionData,
  scoreDistinctSessions,
  type IScoreOptions,
  type ISessionScores
} from './score';
export { distinctSessions, allSessions, type IDistinctSessions } from './distinct';
export {
  sessionize,
  type ISessionizeOptions,
  type ISessionizeResult,
  type UserValue
} from './sessionize';
export { sessionsFromColumn, readSessionColumn, readTimes } from './arrowIn';
export { commandListVector } from './arrowOut';
export {
  sessionizeTable,
  scoreSessionTable,
  scoreColumns,
  type ISessionizeTableOptions,
  type IScoreTableOptions,
  type ISessionizedTable
} from './table';
