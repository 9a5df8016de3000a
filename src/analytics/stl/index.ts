// STL decomposition and time-series anomalies (msticpy's timeseries_anomalies_stl and helpers).
export { IStlOptions, StlConfig, StlInputError, resolveStl, defaultTrend } from './params';
export { IStlResult, stl, checkSeries } from './stl';
export { IMstlOptions, IMstlResult, mstl } from './mstl';
export { IAnomalyOptions, IAnomalyResult, stlAnomalies, applyThreshold } from './anomalies';
export { ICountScale, countScale, dropEchoes, flagScores, residualScores } from './scores';
export {
  IAnomalyPeriod,
  IPeriodOptions,
  IKqlFilterOptions,
  IKqlAnomalyQuery,
  anomalyPeriods,
  kqlTimeFilter,
  kqlAnomaliesQuery,
  pandasTimestamp,
  parseDuration
} from './periods';
export { ISeriesOptions, ITimeSeries, seriesFromTable } from './series';
export {
  IStlTableOptions,
  IPeriodTableOptions,
  stlAnomaliesTable,
  anomalyPeriodsTable
} from './table';
