// The worker's API: a plain class so jest and the benchmarks call it in Node directly;
// `hunt.worker.ts` only exposes it through comlink. Each job takes a job id (for cancel),
// table ids from the store and an optional progress callback.
import { transfer } from 'comlink';
import { decodeIPC, encodeIPC } from '../analytics/arrow';
import { IProgress, JobContext } from '../analytics/job';
import { IColumnProfile, profileTable } from '../analytics/profile';
import { IRowQuery, queryRows, takeRows } from '../analytics/rows';
import { ITableInfo, TableStore } from './store';
import { Table } from 'apache-arrow';
import { decodeJob, IDecodeJobArgs } from './jobs/decode';
import { extractIocsJob, IExtractIocsArgs } from './jobs/ioc';
import {
  IScoreSessionsJobArgs,
  ISessionizeJobArgs,
  scoreSessionsJob,
  sessionizeJob
} from './jobs/sessions';
import { IStlJobArgs, IStlPeriodsJobArgs, stlJob, stlPeriodsJob } from './jobs/stl';

/** Time budget of long scans (IoC extraction, decoding, STL): a job past it stops with a clear error. */
const JOB_BUDGET_MS = 120_000;

export type ProgressCallback = (p: IProgress) => void;

export class HuntWorkerApi {
  protected readonly tables = new TableStore();
  private readonly _jobs = new Map<number, JobContext>();

  ping(): string {
    return 'pong';
  }

  /** Decode Arrow IPC bytes and keep the table; throws a clear error for bad bytes. */
  loadTable(bytes: Uint8Array): ITableInfo {
    return this.tables.add(decodeIPC(bytes));
  }

  /** The table as Arrow IPC bytes, transferred (not copied) to the caller. */
  exportTable(id: number): Uint8Array {
    const bytes = encodeIPC(this.tables.get(id));
    return transfer(bytes, [bytes.buffer]);
  }

  dropTable(id: number): void {
    this.tables.drop(id);
  }

  cancel(jobId: number): void {
    const ctx = this._jobs.get(jobId);
    if (ctx) {
      ctx.cancelled = true;
    }
  }

  async profile(
    jobId: number,
    tableId: number,
    onProgress?: ProgressCallback
  ): Promise<IColumnProfile[]> {
    return this.run(jobId, onProgress, ctx => profileTable(this.tables.get(tableId), ctx));
  }

  /** Row order for the view: filtered and sorted indices into the table. */
  async queryRows(
    jobId: number,
    tableId: number,
    query: IRowQuery,
    onProgress?: ProgressCallback
  ): Promise<Int32Array> {
    const rows = await this.run(jobId, onProgress, ctx =>
      queryRows(this.tables.get(tableId), query, ctx)
    );
    return transfer(rows, [rows.buffer]);
  }

  /** A new stored table with the given rows of another, in that order. */
  takeRows(tableId: number, rows: Int32Array): ITableInfo {
    return this.tables.add(takeRows(this.tables.get(tableId), rows));
  }

  /** Extract IoCs from text columns; the result is a new stored table. */
  extractIocs(
    jobId: number,
    args: IExtractIocsArgs,
    onProgress?: ProgressCallback
  ): Promise<ITableInfo> {
    return this.tableJob(
      jobId,
      onProgress,
      ctx => extractIocsJob(this.tables, ctx, args),
      JOB_BUDGET_MS
    );
  }

  /** Find and decode encoded data in text columns; the result is a new stored table. */
  decode(jobId: number, args: IDecodeJobArgs, onProgress?: ProgressCallback): Promise<ITableInfo> {
    return this.tableJob(
      jobId,
      onProgress,
      ctx => decodeJob(this.tables, ctx, args),
      JOB_BUDGET_MS
    );
  }

  /** Group events into sessions (msticpy's sessionize_data). */
  sessionize(
    jobId: number,
    args: ISessionizeJobArgs,
    onProgress?: ProgressCallback
  ): Promise<ITableInfo> {
    return this.tableJob(jobId, onProgress, ctx => sessionizeJob(this.tables, ctx, args));
  }

  /** Score sessions with msticpy's Markov model (plus percentiles and explanations). */
  scoreSessions(
    jobId: number,
    args: IScoreSessionsJobArgs,
    onProgress?: ProgressCallback
  ): Promise<ITableInfo> {
    return this.tableJob(jobId, onProgress, ctx => scoreSessionsJob(this.tables, ctx, args));
  }

  /** STL decomposition and anomaly scores of a time series (msticpy's ts_anomalies_stl). */
  stlAnomalies(
    jobId: number,
    args: IStlJobArgs,
    onProgress?: ProgressCallback
  ): Promise<ITableInfo> {
    return this.tableJob(jobId, onProgress, ctx => stlJob(this.tables, ctx, args), JOB_BUDGET_MS);
  }

  /** Anomaly periods of a scored series and their KQL time filter (schema metadata 'kql'). */
  stlPeriods(
    jobId: number,
    args: IStlPeriodsJobArgs,
    onProgress?: ProgressCallback
  ): Promise<ITableInfo> {
    return this.tableJob(jobId, onProgress, ctx => stlPeriodsJob(this.tables, ctx, args));
  }

  /** Run a job that makes a table, and keep the table in the store. */
  protected tableJob(
    jobId: number,
    onProgress: ProgressCallback | undefined,
    job: (ctx: JobContext) => Table,
    budgetMs = 0
  ): Promise<ITableInfo> {
    return this.run(jobId, onProgress, ctx => this.tables.add(job(ctx)), budgetMs);
  }

  /** Run a job with a context that `cancel(jobId)` can stop, after letting queued messages in. */
  protected async run<T>(
    jobId: number,
    onProgress: ProgressCallback | undefined,
    job: (ctx: JobContext) => T | Promise<T>,
    budgetMs = 0
  ): Promise<T> {
    const ctx = new JobContext({ onProgress, budgetMs });
    this._jobs.set(jobId, ctx);
    try {
      await ctx.breathe();
      return await job(ctx);
    } finally {
      this._jobs.delete(jobId);
    }
  }
}
