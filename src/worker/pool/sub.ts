// A pool worker: runs slices of a job the primary worker split off (`tasks.ts`) and sends the
// result back, transferred. The job's cancel and time budget reach it through the slice's
// context: a shared cancel flag read in every check (where SharedArrayBuffer exists; else
// the cancel message, and the primary terminates a slice that does not stop) and the job's
// deadline.
import { tableFromIPC } from 'apache-arrow';
import { JobBudgetError, JobCancelledError, JobContext } from '../../analytics/job';
import type { IRunMessage, ToSubWorker } from './messages';
import { SUB_TASKS } from './tasks';
import { buffersOf, ISubWorkerPort } from './transport';

const PROGRESS_INTERVAL_MS = 100;

class SliceContext extends JobContext {
  private _reported = 0;

  constructor(
    private readonly _run: IRunMessage,
    private readonly _progress: (fraction: number) => void
  ) {
    super();
  }

  check(fraction?: number): void {
    const flag = this._run.cancelFlag;
    if (this.cancelled || (flag && Atomics.load(flag, 0) !== 0)) {
      throw new JobCancelledError();
    }
    if (this.overBudget) {
      throw new JobBudgetError(this._run.budgetMs);
    }
    const now = Date.now();
    if (fraction !== undefined && now - this._reported >= PROGRESS_INTERVAL_MS) {
      this._reported = now;
      this._progress(fraction);
    }
  }

  get overBudget(): boolean {
    return this._run.deadline > 0 && Date.now() > this._run.deadline;
  }
}

export function serveSubWorker(port: ISubWorkerPort): void {
  const running = new Map<number, SliceContext>();
  port.listen((message: ToSubWorker) => {
    if (message.type === 'cancel') {
      const ctx = running.get(message.id);
      if (ctx) {
        ctx.cancelled = true;
      }
      return;
    }
    const { id } = message;
    const ctx = new SliceContext(message, fraction =>
      port.post({ type: 'progress', id, fraction }, [])
    );
    running.set(id, ctx);
    try {
      // Our own bytes from the primary: apache-arrow reads them without the hostile-input check.
      const slice = tableFromIPC(message.input);
      const run = SUB_TASKS[message.kind] as (...a: unknown[]) => unknown;
      const result = run(slice, message.args, ctx);
      port.post({ type: 'done', id, result }, buffersOf(result));
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      port.post({ type: 'error', id, name: e.name, message: e.message }, []);
    } finally {
      running.delete(id);
    }
  });
}
