// Worker jobs of the table view itself: column profile, row order (filter + sort), row gather.
// Profiles of wide tables and filters of long ones run on the pool workers (`pool/jobs.ts`);
// sorting stays here, on the filtered rows.
import { Table } from 'apache-arrow';
import { JobContext } from '../../analytics/job';
import { IColumnProfile, profileTable } from '../../analytics/profile';
import { queryRows, sortRows, takeRows } from '../../analytics/rows';
import type { IQueryRowsArgs, ITableArgs, ITakeRowsArgs } from '../../protocol';
import { pooledFilter, pooledProfile } from '../pool/jobs';
import { TableStore } from '../store';

export function profileJob(
  tables: TableStore,
  ctx: JobContext,
  args: ITableArgs
): IColumnProfile[] | Promise<IColumnProfile[]> {
  const table = tables.get(args.tableId);
  return pooledProfile(table, ctx) ?? profileTable(table, ctx);
}

/** Filtered and sorted indices into the table. */
export function queryRowsJob(
  tables: TableStore,
  ctx: JobContext,
  args: IQueryRowsArgs
): Int32Array | Promise<Int32Array> {
  const { tableId, ...query } = args;
  const table = tables.get(tableId);
  const pooled = pooledFilter(table, query, ctx);
  if (!pooled) {
    return queryRows(table, query, ctx);
  }
  const { sortColumn, ascending } = query;
  return sortColumn
    ? pooled.then(rows => sortRows(table, rows, sortColumn, ascending ?? true, ctx))
    : pooled;
}

/** A new table with the given rows of another, in that order. */
export function takeRowsJob(tables: TableStore, ctx: JobContext, args: ITakeRowsArgs): Table {
  ctx.check();
  return takeRows(tables.get(args.tableId), args.rows);
}
