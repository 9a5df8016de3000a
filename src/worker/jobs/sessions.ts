// Worker jobs for anomalous sessions: thin wrappers that read tables from the store and
// return Arrow tables (the worker stores them).
import { Table } from 'apache-arrow';
import { JobContext } from '../../analytics/job';
import { scoreSessionTable, sessionizeTable } from '../../analytics/sessions';
import { TableStore } from '../store';
import type { ISessionizeJobArgs, IScoreSessionsJobArgs } from '../../protocol';

/** Sessionize an event table (msticpy's sessionize_data): one row per session. */
export function sessionizeJob(
  tables: TableStore,
  ctx: JobContext,
  args: ISessionizeJobArgs
): Table {
  const { tableId, ...options } = args;
  return sessionizeTable(tables.get(tableId), options, ctx).table;
}

/**
 * Score sessions (msticpy's score_sessions plus log-likelihoods, percentiles and explanations).
 * With `sessionColumn` the input rows are kept and score columns appended; otherwise the events
 * are sessionized first (defaults: 20 minutes per session, 2 minutes between events).
 */
export function scoreSessionsJob(
  tables: TableStore,
  ctx: JobContext,
  args: IScoreSessionsJobArgs
): Table {
  const { tableId, sessionColumn, userColumns, timeColumn, commandColumn, paramsColumn } = args;
  const table = tables.get(tableId);
  if (sessionColumn) {
    return scoreSessionTable(table, { ...args, sessionColumn }, ctx);
  }
  if (!timeColumn || !commandColumn) {
    throw new Error(
      'Scoring sessions needs a session column, or a time column and a command column'
    );
  }
  return scoreSessionTable(
    table,
    {
      ...args,
      events: {
        userColumns: userColumns ?? [],
        timeColumn,
        commandColumn,
        paramsColumn,
        maxSessionMinutes: args.maxSessionMinutes ?? 20,
        maxGapMinutes: args.maxGapMinutes ?? 2,
        parity: args.parity
      }
    },
    ctx
  );
}
