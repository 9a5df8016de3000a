// Worker jobs of the table view itself: column profile, row order (filter + sort), row gather.
import { Table } from 'apache-arrow';
import { JobContext } from '../../analytics/job';
import { IColumnProfile, profileTable } from '../../analytics/profile';
import { queryRows, takeRows } from '../../analytics/rows';
import type { IQueryRowsArgs, ITableArgs, ITakeRowsArgs } from '../../protocol';
import { TableStore } from '../store';

export function profileJob(
  tables: TableStore,
  ctx: JobContext,
  args: ITableArgs
): IColumnProfile[] {
  return profileTable(tables.get(args.tableId), ctx);
}

/** Filtered and sorted indices into the table. */
export function queryRowsJob(
  tables: TableStore,
  ctx: JobContext,
  args: IQueryRowsArgs
): Int32Array {
  const { tableId, ...query } = args;
  return queryRows(tables.get(tableId), query, ctx);
}

/** A new table with the given rows of another, in that order. */
export function takeRowsJob(tables: TableStore, ctx: JobContext, args: ITakeRowsArgs): Table {
  ctx.check();
  return takeRows(tables.get(args.tableId), args.rows);
}
