// Main-thread side of the analytics worker: one long-lived worker, started on first use,
// restarted if a job refuses to stop after cancel. The comlink remote is this class's private
// detail (as jupyterlite keeps its kernels' workers); features see IHuntWorker: jobs by name,
// and table handles they own.
import { Table } from 'apache-arrow';
import { proxy, Remote } from 'comlink';
import { ISignal, Signal } from '@lumino/signaling';
import { IDisposable } from '@lumino/disposable';
import { decodeIPC } from '../analytics/arrow';
import type { ITableInfo, IWorkerRemote, JobArgs, JobName } from '../protocol';
import { HuntWorker, IHuntWorker } from '../tokens';

/** How long a cancelled job may take to stop before the worker is terminated. */
const CANCEL_GRACE_MS = 1000;

export class JobCancelled extends Error {
  constructor(reason = 'The job was cancelled') {
    super(reason);
    this.name = 'JobCancelled';
  }
}

/** A worker, or something that answers like one (tests run the service in-process). */
export interface IWorkerConnection {
  remote: Remote<IWorkerRemote>;
  terminate(): void;
}

export class HuntWorkerClient implements IHuntWorker, IDisposable {
  private _connection: IWorkerConnection | null = null;
  /** Bumped on every restart: a handle from an older worker no longer names a table. */
  private _generation = 0;
  private _nextJob = 1;
  private readonly _pending = new Map<number, (err: Error) => void>();
  private readonly _restarted = new Signal<IHuntWorker, void>(this);
  private _disposed = false;

  /** `connect` starts a worker (`connectWorker` in the browser, in-process in tests). */
  constructor(
    private readonly _connect: (onCrash: (message: string) => void) => IWorkerConnection
  ) {}

  get restarted(): ISignal<IHuntWorker, void> {
    return this._restarted;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  run<K extends JobName>(
    job: K,
    args: JobArgs<K>,
    options: HuntWorker.IRunOptions = {}
  ): HuntWorker.IJob<HuntWorker.Output<K>> {
    const remote = this._remote();
    const generation = this._generation;
    const onProgress = options.onProgress ? proxy(options.onProgress) : undefined;
    return this._track(remote, jobId =>
      remote
        .run(jobId, job, args as any, onProgress)
        .then(result => this._adopt(result, generation) as HuntWorker.Output<K>)
    );
  }

  /**
   * Load IPC bytes into the worker. With `timeoutMs`, a load that takes longer (bytes crafted
   * to make Arrow spin) gets the worker restarted and rejects with a message saying so: the
   * page never hangs on a table it was given.
   */
  load(bytes: Uint8Array, options: { timeoutMs?: number } = {}): Promise<HuntWorker.ITableHandle> {
    const remote = this._remote();
    const generation = this._generation;
    const job = this._track(remote, () => remote.load(bytes));
    const timer = options.timeoutMs
      ? setTimeout(
          () =>
            this._abandon(
              job.id,
              `Reading the table took longer than ${options.timeoutMs! / 1000} s and was stopped`
            ),
          options.timeoutMs
        )
      : undefined;
    return job.result
      .then(info => new TableHandle(this, info, generation))
      .finally(() => clearTimeout(timer));
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._terminate(new JobCancelled('The analytics worker was disposed'));
    this._disposed = true;
    Signal.clearData(this);
  }

  /** @internal for TableHandle: whether a table of `generation` still exists. */
  isCurrent(generation: number): boolean {
    return generation === this._generation && !this._disposed;
  }

  /** @internal for TableHandle. */
  exportTable(id: number): Promise<Uint8Array> {
    return this._remote().export(id);
  }

  /** @internal for TableHandle. */
  dropTable(id: number): void {
    if (this._connection) {
      void this._connection.remote.drop(id).catch(() => undefined);
    }
  }

  private _remote(): Remote<IWorkerRemote> {
    if (this._disposed) {
      throw new Error('The analytics worker was disposed');
    }
    if (!this._connection) {
      // A worker that dies (out of memory on a hostile table) fails its jobs instead of
      // leaving them waiting forever.
      this._connection = this._connect(message =>
        this._restart(`The analytics worker stopped: ${message}`)
      );
    }
    return this._connection.remote;
  }

  private _adopt(result: unknown, generation: number): unknown {
    return isTableInfo(result) ? new TableHandle(this, result, generation) : result;
  }

  private _track<T>(
    remote: Remote<IWorkerRemote>,
    start: (jobId: number) => Promise<T>
  ): HuntWorker.IJob<T> {
    const id = this._nextJob++;
    let rejectEarly!: (err: Error) => void;
    const aborted = new Promise<never>((_, reject) => (rejectEarly = reject));
    this._pending.set(id, rejectEarly);
    const result = Promise.race([start(id), aborted]).finally(() => this._pending.delete(id));
    let cancelled = false;
    const cancel = () => {
      if (cancelled || !this._pending.has(id)) {
        return;
      }
      cancelled = true;
      void remote.cancel(id);
      // A job stuck in a synchronous loop never reads the cancel message: restart the worker.
      setTimeout(() => {
        if (this._pending.has(id)) {
          this._restart();
        }
      }, CANCEL_GRACE_MS);
    };
    return { id, result, cancel };
  }

  private _restart(reason = 'The job was cancelled'): void {
    this._terminate(new JobCancelled(`${reason}; the analytics worker was restarted`));
    this._restarted.emit();
  }

  /** A job that will not finish (stuck, or its worker died): restart, if it is still pending. */
  private _abandon(jobId: number, reason: string): void {
    if (this._pending.has(jobId)) {
      this._restart(reason);
    }
  }

  private _terminate(reason: Error): void {
    this._connection?.terminate();
    this._connection = null;
    this._generation++;
    for (const reject of this._pending.values()) {
      reject(reason);
    }
    this._pending.clear();
  }
}

/** A worker table owned by one holder; see HuntWorker.ITableHandle. */
class TableHandle implements HuntWorker.ITableHandle {
  private _table: Promise<Table> | null = null;
  private _disposed = false;

  constructor(
    private readonly _client: HuntWorkerClient,
    readonly info: ITableInfo,
    private readonly _generation: number
  ) {}

  get id(): number {
    return this.info.id;
  }

  get isLost(): boolean {
    return !this._client.isCurrent(this._generation);
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  export(): Promise<Uint8Array> {
    if (this._disposed) {
      return Promise.reject(new Error(`Table ${this.id} was released`));
    }
    if (this.isLost) {
      return Promise.reject(
        new Error('The analytics worker restarted; this result is gone: run the analysis again')
      );
    }
    return this._client.exportTable(this.id);
  }

  table(): Promise<Table> {
    if (!this._table) {
      this._table = this.export().then(decodeIPC);
      this._table.catch(() => (this._table = null));
    }
    return this._table;
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    if (!this.isLost) {
      this._client.dropTable(this.id);
    }
  }
}

function isTableInfo(value: unknown): value is ITableInfo {
  const v = value as ITableInfo | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'number' &&
    typeof v.numRows === 'number' &&
    Array.isArray(v.columns)
  );
}
