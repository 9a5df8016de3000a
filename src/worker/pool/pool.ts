// The primary worker's pool of sub-workers: slices of one job run on them at once, results
// come back in slice order. Cancel and the time budget reach every slice (shared flag, cancel
// message, deadline; a slice that does not stop within the grace is terminated). A pool worker
// that dies fails its job with a message saying so, and is replaced on the next job.
import {
  IJobContextOptions,
  JobBudgetError,
  JobCancelledError,
  JobContext
} from '../../analytics/job';
import type { FromSubWorker, IRunMessage, ISubTaskMap, SubTaskKind } from './messages';
import { buffersOf, ISubWorker, SpawnSubWorker } from './transport';

/**
 * Measured with `npm run bench -- pool` (docs/benchmarks.md). IoC: the pool was faster from
 * 270 KB. Decoding is cheaper per byte (slices cost more than they save at 270 KB). The text
 * and column filters never paid (sending the columns costs more than scanning them), so
 * they stay on one worker unless a pool is made with a lower threshold (the tests do).
 */
export const POOL_THRESHOLDS: PoolThresholds = {
  ioc: 256 * 1024,
  decode: 2 * 1024 * 1024,
  filter: Number.POSITIVE_INFINITY,
  profile: 1_000_000
};

/** How long a cancelled slice may take to stop before its pool worker is terminated. */
const CANCEL_GRACE_MS = 500;
/** How often a waiting job looks at its own cancel flag and budget, and reports progress. */
const WATCH_MS = 20;

export interface IPoolSlice<K extends SubTaskKind> {
  args: ISubTaskMap[K]['args'];
  /** Arrow IPC of the slice, built when a pool worker is free for it (transfer overlaps work). */
  input: () => Uint8Array;
  /** Said when its pool worker dies ("rows 0-49999"). */
  label: string;
}

interface ITask {
  message: Omit<IRunMessage, 'input'>;
  input: () => Uint8Array;
  label: string;
  fraction: number;
  done(err: Error | null, result?: unknown): void;
}

interface ISlot {
  worker: ISubWorker | null;
  task: ITask | null;
}

/** The job context the service gives jobs: it knows the worker's pool and the job's deadline. */
export class PoolJobContext extends JobContext {
  readonly deadline: number;
  readonly budgetMs: number;

  constructor(
    options: IJobContextOptions,
    readonly pool: WorkerPool | null
  ) {
    super(options);
    this.budgetMs = options.budgetMs ?? 0;
    this.deadline = this.budgetMs > 0 ? Date.now() + this.budgetMs : 0;
  }
}

/** Smallest work (text bytes of the scanned columns; cells for the profile) sent to the pool. */
export type PoolThresholds = Record<SubTaskKind, number>;

export class WorkerPool {
  readonly thresholds: PoolThresholds;
  private readonly _slots: ISlot[];
  private readonly _queue: ITask[] = [];
  private _nextId = 1;
  private _broken: string | null = null;

  constructor(
    private readonly _spawn: SpawnSubWorker,
    /** Number of pool workers (at least 1). */
    readonly size: number,
    thresholds: Partial<PoolThresholds> = {}
  ) {
    this.thresholds = { ...POOL_THRESHOLDS, ...thresholds };
    this._slots = Array.from({ length: Math.max(1, Math.floor(size)) }, () => ({
      worker: null,
      task: null
    }));
  }

  /** False (and the reason kept) when pool workers cannot be started here: jobs run alone. */
  get usable(): boolean {
    if (this._broken === null) {
      try {
        this._slots.forEach(slot => this._ensureWorker(slot));
      } catch (err) {
        this._broken = err instanceof Error ? err.message : String(err);
        console.warn(
          `jupyterlab-hunt: pool workers unavailable (${this._broken}); one worker runs every job`
        );
      }
    }
    return this._broken === null;
  }

  /** Pool workers running a slice now (for tests). */
  get busy(): number {
    return this._slots.filter(s => s.task).length;
  }

  /**
   * Run the slices of one job; results in slice order. Fails with the first failing slice's
   * error, or with `ctx`'s cancel or budget error; the job's other slices are then stopped.
   */
  run<K extends SubTaskKind>(
    kind: K,
    slices: IPoolSlice<K>[],
    ctx: PoolJobContext
  ): Promise<ISubTaskMap[K]['result'][]> {
    return new Promise((resolve, reject) => {
      const flag = sharedFlag();
      const results: unknown[] = new Array(slices.length);
      let left = slices.length;
      let finished = false;
      const tasks: ITask[] = [];
      const finish = (err: Error | null) => {
        if (finished) {
          return;
        }
        finished = true;
        clearInterval(watch);
        if (err) {
          this._stop(tasks, flag);
          reject(err);
        } else {
          resolve(results as ISubTaskMap[K]['result'][]);
        }
      };
      slices.forEach((slice, k) => {
        const message = {
          type: 'run' as const,
          id: this._nextId++,
          kind,
          args: slice.args,
          deadline: ctx.deadline,
          budgetMs: ctx.budgetMs,
          cancelFlag: flag
        };
        tasks.push({
          message,
          input: slice.input,
          label: slice.label,
          fraction: 0,
          done: (err, result) => {
            if (err) {
              finish(err);
            } else if (!finished) {
              results[k] = result;
              if (--left === 0) {
                finish(null);
              }
            }
          }
        });
      });
      // The job's own cancel flag and budget are read here while its slices run elsewhere.
      const watch = setInterval(() => {
        try {
          ctx.check(tasks.reduce((s, t) => s + t.fraction, 0) / tasks.length);
        } catch (err) {
          finish(err as Error);
        }
      }, WATCH_MS);
      this._queue.push(...tasks);
      this._dispatch();
    });
  }

  /** Terminate every pool worker (the primary worker is going away). */
  dispose(): void {
    for (const slot of this._slots) {
      slot.worker?.terminate();
      slot.worker = null;
      slot.task?.done(new JobCancelledError());
      slot.task = null;
    }
  }

  private _dispatch(): void {
    for (const slot of this._slots) {
      if (slot.task || this._queue.length === 0) {
        continue;
      }
      const task = this._queue.shift()!;
      try {
        const worker = this._ensureWorker(slot);
        const input = task.input();
        slot.task = task;
        worker.post({ ...task.message, input }, buffersOf({ input }));
      } catch (err) {
        slot.task = null;
        task.done(err as Error);
      }
    }
  }

  private _ensureWorker(slot: ISlot): ISubWorker {
    if (!slot.worker) {
      const worker: ISubWorker = this._spawn({
        message: m => slot.worker === worker && this._onMessage(slot, m),
        exit: reason => slot.worker === worker && this._onExit(slot, reason)
      });
      slot.worker = worker;
    }
    return slot.worker;
  }

  private _onMessage(slot: ISlot, m: FromSubWorker): void {
    const task = slot.task;
    if (!task || task.message.id !== m.id) {
      return; // a slice that was given up (cancelled, its job failed)
    }
    if (m.type === 'progress') {
      task.fraction = m.fraction;
      return;
    }
    slot.task = null;
    task.done(
      m.type === 'error' ? rebuildError(m.name, m.message, task) : null,
      m.type === 'done' ? m.result : undefined
    );
    this._dispatch();
  }

  private _onExit(slot: ISlot, reason: string): void {
    const task = slot.task;
    slot.worker = null;
    slot.task = null;
    task?.done(
      new Error(
        `A pool worker of the analytics worker stopped (${reason}) while running ${task.message.kind} on ${task.label}; ` +
          'the job failed: run it again (the pool worker is replaced)'
      )
    );
    this._dispatch();
  }

  /** Stop a failed or cancelled job's slices: queued ones dropped, running ones told, then ended. */
  private _stop(tasks: ITask[], flag: Int32Array | undefined): void {
    const ids = new Set(tasks.map(t => t.message.id));
    for (let i = this._queue.length - 1; i >= 0; i--) {
      if (ids.has(this._queue[i].message.id)) {
        this._queue.splice(i, 1);
      }
    }
    if (flag) {
      Atomics.store(flag, 0, 1);
    }
    for (const slot of this._slots) {
      const task = slot.task;
      if (task && ids.has(task.message.id)) {
        slot.worker?.post({ type: 'cancel', id: task.message.id }, []);
        setTimeout(() => {
          if (slot.task === task) {
            // Still in a synchronous loop that never reads the cancel: end that pool worker.
            slot.worker?.terminate();
            slot.worker = null;
            slot.task = null;
            this._dispatch();
          }
        }, CANCEL_GRACE_MS);
      }
    }
  }
}

/** The same error a single worker throws (budget and cancel errors are rebuilt by class). */
function rebuildError(name: string, message: string, task: ITask): Error {
  if (name === 'JobCancelledError') {
    return new JobCancelledError();
  }
  if (name === 'JobBudgetError') {
    return new JobBudgetError(task.message.budgetMs);
  }
  const err = new Error(message);
  err.name = name;
  return err;
}

/** A cancel flag the pool workers read mid-loop, where SharedArrayBuffer exists. */
function sharedFlag(): Int32Array | undefined {
  return typeof SharedArrayBuffer === 'function'
    ? new Int32Array(new SharedArrayBuffer(4))
    : undefined;
}
