// Worker jobs for time-series decomposition and anomalies: thin wrappers that read tables from
// the store and return Arrow tables (the worker stores them).
import { Table } from 'apache-arrow';
import { JobContext } from '../../analytics/job';
import { anomalyPeriodsTable, stlAnomaliesTable } from '../../analytics/stl';
import { TableStore } from '../store';
import type { IStlJobArgs, IStlPeriodsJobArgs } from '../../protocol';

/**
 * STL decomposition and anomaly scores of a table (msticpy's ts_anomalies_stl): a time column
 * plus `valueColumn`, or counts per `bucket` of an event table. Returns `<time>, <value>,
 * residual, trend, seasonal, weights, baseline, score, anomalies` (+ `seasonal_<p>` with MSTL).
 */
export function stlJob(tables: TableStore, ctx: JobContext, args: IStlJobArgs): Table {
  const { tableId, ...options } = args;
  return stlAnomaliesTable(tables.get(tableId), options, ctx);
}

/** Anomaly periods of a scored table: start, end, filter; the KQL filter in metadata 'kql'. */
export function stlPeriodsJob(
  tables: TableStore,
  ctx: JobContext,
  args: IStlPeriodsJobArgs
): Table {
  const { tableId, ...options } = args;
  ctx.check();
  return anomalyPeriodsTable(tables.get(tableId), options);
}
