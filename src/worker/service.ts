// The worker's side of IWorkerRemote: a plain class, so jest and the benchmarks call it in Node
// directly; `hunt.worker.ts` only exposes it through comlink. Tables stay here by id; jobs come
// from the registry in `jobs/index.ts`, so a new analysis never edits this class.
import { Table } from 'apache-arrow';
import { transfer } from 'comlink';
import { decodeIPC, encodeIPC } from '../analytics/arrow';
import type {
  ITableInfo,
  IWorkerRemote,
  JobArgs,
  JobName,
  JobResult,
  ProgressCallback
} from '../protocol';
import { IJobDefinition, JOBS } from './jobs';
import { PoolJobContext, WorkerPool } from './pool/pool';
import { TableStore } from './store';

export interface IWorkerServiceOptions {
  /** Pool workers that large scans are split across (`pool/`); without it one worker runs all. */
  pool?: WorkerPool | null;
}

export class WorkerService implements IWorkerRemote {
  protected readonly tables = new TableStore();
  private readonly _jobs = new Map<number, PoolJobContext>();
  private readonly _pool: WorkerPool | null;

  constructor(options: IWorkerServiceOptions = {}) {
    this._pool = options.pool ?? null;
  }

  ping(): string {
    return 'pong';
  }

  /** Decode Arrow IPC bytes and keep the table; throws a clear error for bad bytes. */
  load(bytes: Uint8Array): ITableInfo {
    return this.tables.add(decodeIPC(bytes));
  }

  /** The table as Arrow IPC bytes, transferred (not copied) to the caller. */
  export(tableId: number): Uint8Array {
    const bytes = encodeIPC(this.tables.get(tableId));
    return transfer(bytes, [bytes.buffer]);
  }

  drop(tableId: number): void {
    this.tables.drop(tableId);
  }

  /** Number of stored tables (for tests of handle ownership). */
  get tableCount(): number {
    return this.tables.size;
  }

  cancel(jobId: number): void {
    const ctx = this._jobs.get(jobId);
    if (ctx) {
      ctx.cancelled = true;
    }
  }

  /** Run a job of the registry; a table it makes is stored and described, typed arrays transferred. */
  async run<K extends JobName>(
    jobId: number,
    job: K,
    args: JobArgs<K>,
    onProgress?: ProgressCallback
  ): Promise<JobResult<K>> {
    const definition = JOBS[job] as IJobDefinition<K> | undefined;
    if (!definition) {
      throw new Error(`The analytics worker has no job "${String(job)}"`);
    }
    const ctx = new PoolJobContext({ onProgress, budgetMs: definition.budgetMs ?? 0 }, this._pool);
    this._jobs.set(jobId, ctx);
    try {
      // Let queued messages (a cancel of an earlier job) in before a synchronous job starts.
      await ctx.breathe();
      const output: unknown = await definition.run(this.tables, ctx, args);
      if (output instanceof Table) {
        return this.tables.add(output) as JobResult<K>;
      }
      if (ArrayBuffer.isView(output)) {
        return transfer(output, [output.buffer as ArrayBuffer]) as JobResult<K>;
      }
      return output as JobResult<K>;
    } finally {
      this._jobs.delete(jobId);
    }
  }
}
