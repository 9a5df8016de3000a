// Main-thread side of the analytics worker: one long-lived worker, started on first use,
// restarted if a job refuses to stop after cancel.
import { Remote, wrap, releaseProxy } from 'comlink';
import { ISignal, Signal } from '@lumino/signaling';
import { IDisposable } from '@lumino/disposable';
import type { HuntWorkerApi } from './api';
import { HuntWorker, IHuntWorker } from '../tokens';

/** How long a cancelled job may take to stop before the worker is terminated. */
const CANCEL_GRACE_MS = 1000;

export class JobCancelled extends Error {
  constructor(reason = 'The job was cancelled') {
    super(reason);
    this.name = 'JobCancelled';
  }
}

export class HuntWorkerClient implements IHuntWorker, IDisposable {
  private _worker: Worker | null = null;
  private _api: Remote<HuntWorkerApi> | null = null;
  private _nextJob = 1;
  private readonly _pending = new Map<number, (err: Error) => void>();
  private readonly _restarted = new Signal<IHuntWorker, void>(this);
  private _disposed = false;

  constructor(private readonly _create: () => Worker = createWorker) {}

  get api(): Remote<HuntWorkerApi> {
    if (this._disposed) {
      throw new Error('The analytics worker was disposed');
    }
    if (!this._api) {
      this._worker = this._create();
      this._worker.addEventListener('error', event => {
        console.error('jupyterlab-hunt worker error', event.message);
      });
      this._api = wrap<HuntWorkerApi>(this._worker);
    }
    return this._api;
  }

  get restarted(): ISignal<IHuntWorker, void> {
    return this._restarted;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  job<T>(run: (api: Remote<HuntWorkerApi>, jobId: number) => Promise<T>): HuntWorker.IJob<T> {
    const id = this._nextJob++;
    const api = this.api;
    let rejectEarly!: (err: Error) => void;
    const aborted = new Promise<never>((_, reject) => (rejectEarly = reject));
    this._pending.set(id, rejectEarly);
    const result = Promise.race([run(api, id), aborted]).finally(() => this._pending.delete(id));
    let cancelled = false;
    const cancel = () => {
      if (cancelled || !this._pending.has(id)) {
        return;
      }
      cancelled = true;
      void api.cancel(id);
      // A job stuck in a synchronous loop never reads the cancel message: restart the worker.
      setTimeout(() => {
        if (this._pending.has(id)) {
          this._restart();
        }
      }, CANCEL_GRACE_MS);
    };
    return { id, result, cancel };
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._terminate(new JobCancelled('The analytics worker was disposed'));
    this._disposed = true;
    Signal.clearData(this);
  }

  private _restart(): void {
    this._terminate(new JobCancelled('The job was cancelled; the analytics worker was restarted'));
    this._restarted.emit();
  }

  private _terminate(reason: Error): void {
    if (this._api) {
      this._api[releaseProxy]();
    }
    this._worker?.terminate();
    this._worker = null;
    this._api = null;
    for (const reject of this._pending.values()) {
      reject(reason);
    }
    this._pending.clear();
  }
}

/** The literal `new Worker(new URL(...))` form is what the bundler turns into a worker chunk. */
function createWorker(): Worker {
  return new Worker(new URL('./hunt.worker.js', import.meta.url));
}
