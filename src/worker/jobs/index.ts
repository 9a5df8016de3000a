// The job registry: every job the worker runs, by the name the job map in src/protocol.ts gives
// it. Adding an analysis = one job file + one entry in IJobMap + one line here.
import { Table } from 'apache-arrow';
import { JobContext } from '../../analytics/job';
import type { ITableInfo, JobArgs, JobName, JobResult } from '../../protocol';
import { TableStore } from '../store';
import { decodeJob } from './decode';
import { extractIocsJob } from './ioc';
import { scoreSessionsJob, sessionizeJob } from './sessions';
import { stlJob, stlPeriodsJob } from './stl';
import { profileJob, queryRowsJob, takeRowsJob } from './table';

/** What a job function returns: a Table where the job map says ITableInfo (the worker stores it). */
export type JobOutput<K extends JobName> = JobResult<K> extends ITableInfo ? Table : JobResult<K>;

export interface IJobDefinition<K extends JobName> {
  run(tables: TableStore, ctx: JobContext, args: JobArgs<K>): JobOutput<K> | Promise<JobOutput<K>>;
  /** Time budget of long scans: past it the job stops with a clear error (0: none). */
  budgetMs?: number;
}

/** Long scans (IoC extraction, decoding, STL) stop with a clear error after two minutes. */
const SCAN_BUDGET_MS = 120_000;

export const JOBS: { readonly [K in JobName]: IJobDefinition<K> } = {
  profile: { run: profileJob },
  queryRows: { run: queryRowsJob, budgetMs: SCAN_BUDGET_MS },
  takeRows: { run: takeRowsJob },
  extractIocs: { run: extractIocsJob, budgetMs: SCAN_BUDGET_MS },
  decode: { run: decodeJob, budgetMs: SCAN_BUDGET_MS },
  sessionize: { run: sessionizeJob },
  scoreSessions: { run: scoreSessionsJob },
  stlAnomalies: { run: stlJob, budgetMs: SCAN_BUDGET_MS },
  stlPeriods: { run: stlPeriodsJob }
};
