// The pooled form of the jobs that split: IoC extraction and decoding (row ranges of the
// scanned columns), the table filter (row ranges; the sort stays in the primary worker) and
// the profile (groups of columns). Each returns null when the job should run on one worker:
// no pool, or an input below the size at which splitting pays (measured: docs/benchmarks.md).
// Results are merged in input order and equal one worker's: same rows, order and notes.
import { Table, tableFromIPC } from 'apache-arrow';
import { DEFAULT_LIMITS } from '../../analytics/decode';
import { DEFAULT_MAX_MATCHES, DEFAULT_MAX_OUTPUT_CHARS } from '../../analytics/ioc/types';
import { JobContext } from '../../analytics/job';
import type { IColumnProfile } from '../../analytics/profile';
import type { IRowQuery } from '../../analytics/rows';
import type { IDecodeJobArgs, IExtractIocsArgs } from '../../protocol';
import { withNotes } from '../jobs/ioc';
import { IPoolSlice, PoolJobContext } from './pool';
import type { SubTaskKind } from './messages';
import {
  columnIndices,
  concatTables,
  IRowRange,
  sliceIPC,
  splitColumns,
  splitRows,
  workOf
} from './split';

/** The job's context when its pool should take `work` of this kind, else null. */
function pooling(ctx: JobContext, kind: SubTaskKind, work: number): PoolJobContext | null {
  return ctx instanceof PoolJobContext &&
    ctx.pool &&
    work >= ctx.pool.thresholds[kind] &&
    ctx.pool.usable
    ? ctx
    : null;
}

/** One slice per pool worker, over row ranges of `columns`. */
function rowSlices<K extends SubTaskKind>(
  table: Table,
  columns: number[],
  parts: number,
  args: (range: IRowRange) => IPoolSlice<K>['args']
): IPoolSlice<K>[] {
  return splitRows(table, columns, parts).map(range => ({
    args: args(range),
    input: () => sliceIPC(table, columns, range),
    label: `rows ${range.start}-${range.end - 1}`
  }));
}

/**
 * The IoC output limits (IoCs and characters in all, default mode) count over each column of
 * the whole job. Every slice runs with the full limits; if a column's totals over all slices
 * could reach them, one worker would cut the result where the slices did not, so the job runs
 * again on one worker and the cut (and its note) is where one worker puts it.
 */
export function pooledIocs(
  table: Table,
  args: IExtractIocsArgs,
  ctx: JobContext,
  onOneWorker: () => Table
): Promise<Table> | null {
  const columns = columnIndices(table, args.columns);
  const job = pooling(ctx, 'ioc', workOf(table, columns));
  if (!job) {
    return null;
  }
  const slices = rowSlices<'ioc'>(table, columns, job.pool!.size, r => ({
    ...args,
    start: r.start
  }));
  return job.pool!.run('ioc', slices, job).then(results => {
    const overLimits = args.columns.some(
      (_, k) =>
        args.parity !== 'msticpy' &&
        (sum(results, r => r.totals[k].matches) >= DEFAULT_MAX_MATCHES ||
          sum(results, r => r.totals[k].chars) > DEFAULT_MAX_OUTPUT_CHARS)
    );
    if (overLimits) {
      return onOneWorker();
    }
    const merged = concatTables(results.map(r => tableFromIPC(r.table)));
    // One worker lists notes column by column, each column's in row order.
    return withNotes(
      merged,
      args.columns.flatMap((_, k) => results.flatMap(r => r.notes[k]))
    );
  });
}

function sum<T>(xs: T[], f: (x: T) => number): number {
  return xs.reduce((s, x) => s + f(x), 0);
}

/** Limits counted over the whole job: a slice reaching its share means "run it on one worker". */
const CUMULATIVE_LIMITS = /\((maxTotalBytes|maxItems)\)/;

/**
 * Decoding in default mode. Parity mode stays on one worker: msticpy's unpack_df skips a
 * candidate that failed in any earlier row, so its rows depend on the rows before them.
 * The byte and item limits count over the whole job; each slice gets its share of them,
 * and if any slice reaches its share the job runs again on one worker with the full limits,
 * so a limit is reached (and said) where one worker reaches it.
 */
export function pooledDecode(
  table: Table,
  args: IDecodeJobArgs,
  ctx: JobContext,
  onOneWorker: () => Table
): Promise<Table> | null {
  const columns = columnIndices(table, args.columns);
  const job = args.parity === 'msticpy' ? null : pooling(ctx, 'decode', workOf(table, columns));
  if (!job) {
    return null;
  }
  const parts = job.pool!.size;
  const limits = { ...DEFAULT_LIMITS, ...args.limits };
  const share = {
    ...limits,
    maxTotalBytes: Math.floor(limits.maxTotalBytes / parts),
    maxItems: Math.floor(limits.maxItems / parts)
  };
  const slices = rowSlices<'decode'>(table, columns, parts, r => ({
    ...args,
    limits: share,
    start: r.start
  }));
  return job.pool!.run('decode', slices, job).then(results => {
    // Column by column, each column's rows in order, as one worker concatenates them.
    const tables = args.columns.flatMap((_, k) => results.map(r => tableFromIPC(r.tables[k])));
    return tables.some(reachedLimit) ? onOneWorker() : concatTables(tables);
  });
}

function reachedLimit(table: Table): boolean {
  const status = table.getChild('status');
  const message = table.getChild('message');
  for (let i = 0; i < table.numRows; i++) {
    if (status?.get(i) === 'limit' && CUMULATIVE_LIMITS.test(message?.get(i) ?? '')) {
      return true;
    }
  }
  return false;
}

/** The filter (text and column filters) of `queryRows`, without the sort. */
export function pooledFilter(
  table: Table,
  query: IRowQuery,
  ctx: JobContext
): Promise<Int32Array> | null {
  const text = (query.filterText ?? '').trim();
  const filters = query.columnFilters ?? [];
  const names = table.schema.fields.map(f => f.name);
  // A text filter reads every column; column filters read theirs (a missing one fails in the slice).
  const columns = text
    ? names.map((_, i) => i)
    : [...new Set(filters.map(f => names.indexOf(f.column)).filter(i => i >= 0))];
  const job = text || filters.length ? pooling(ctx, 'filter', workOf(table, columns)) : null;
  if (!job) {
    return null;
  }
  const slices = rowSlices<'filter'>(table, columns, job.pool!.size, r => ({
    filterText: query.filterText,
    columnFilters: query.columnFilters,
    start: r.start
  }));
  return job.pool!.run('filter', slices, job).then(parts => {
    const out = new Int32Array(sum(parts, p => p.length));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  });
}

/** Profiles of groups of whole columns, in column order. */
export function pooledProfile(table: Table, ctx: JobContext): Promise<IColumnProfile[]> | null {
  const job = table.numCols > 1 ? pooling(ctx, 'profile', table.numRows * table.numCols) : null;
  if (!job) {
    return null;
  }
  const slices = splitColumns(table, job.pool!.size).map(columns => ({
    args: { start: 0 },
    input: () => sliceIPC(table, columns),
    label: `columns ${columns[0]}-${columns.at(-1)}`
  }));
  return job.pool!.run('profile', slices, job).then(parts => parts.flat());
}
