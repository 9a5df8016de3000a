// The pool size travels to the primary worker in its name (`new Worker(url, { name })`), so
// the worker knows it before any message and the worker protocol does not change.
const PREFIX = 'jupyterlab-hunt analytics';

export function workerName(poolWorkers?: number): string {
  return poolWorkers && poolWorkers > 0 ? `${PREFIX} pool=${Math.floor(poolWorkers)}` : PREFIX;
}

/** The pool size a worker name asks for, or null (then: one per core but one). */
export function poolWorkersOfName(name: string): number | null {
  const m = /\bpool=(\d+)$/.exec(name);
  return m && Number(m[1]) > 0 ? Number(m[1]) : null;
}
