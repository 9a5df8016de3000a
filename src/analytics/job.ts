// Progress, cancellation and time budget for long analytics. Analytics call `check()` in
// their loops; the worker gives them a context whose `cancelled` flag is set by a cancel
// message (processed when the job awaits `breathe()`), and the main thread terminates the
// worker as a last resort if a job does not stop.

export interface IProgress {
  /** 0..1 */
  fraction: number;
  message?: string;
}

export class JobCancelledError extends Error {
  constructor() {
    super('The job was cancelled');
    this.name = 'JobCancelledError';
  }
}

export class JobBudgetError extends Error {
  constructor(budgetMs: number) {
    super(`The job ran longer than its time budget of ${budgetMs} ms and was stopped`);
    this.name = 'JobBudgetError';
  }
}

export interface IJobContextOptions {
  onProgress?: (p: IProgress) => void;
  /** Wall-clock budget; 0 or undefined means none. */
  budgetMs?: number;
  /** Minimum interval between progress reports. */
  progressIntervalMs?: number;
}

export class JobContext {
  cancelled = false;
  private readonly _start = Date.now();
  private _lastReport = 0;

  constructor(private readonly _options: IJobContextOptions = {}) {}

  /** Throws if cancelled or over budget; reports progress at most every interval. */
  check(fraction?: number, message?: string): void {
    if (this.cancelled) {
      throw new JobCancelledError();
    }
    const now = Date.now();
    const budget = this._options.budgetMs ?? 0;
    if (budget > 0 && now - this._start > budget) {
      throw new JobBudgetError(budget);
    }
    if (fraction !== undefined && this._options.onProgress) {
      const interval = this._options.progressIntervalMs ?? 100;
      if (now - this._lastReport >= interval || fraction >= 1) {
        this._lastReport = now;
        this._options.onProgress({ fraction, message });
      }
    }
  }

  /** True when the budget is spent (for analytics that stop early and report a partial result). */
  get overBudget(): boolean {
    const budget = this._options.budgetMs ?? 0;
    return budget > 0 && Date.now() - this._start > budget;
  }

  /** Let queued messages (a cancel) run; call between chunks of work. */
  async breathe(): Promise<void> {
    await new Promise<void>(resolve => setTimeout(resolve, 0));
    this.check();
  }
}

/** A context that never cancels and reports nothing: for direct calls and benchmarks. */
export const NO_JOB = new JobContext();
