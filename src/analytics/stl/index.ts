// STL decomposition and time-series anomalies (msticpy's timeseries_anomalies_stl and helpers).
export { IStlOptions, StlConfig, StlInputError, resolveStl, defaultTrend } from './params';
export { IStlResult, stl, checkSeries } from './stl';
