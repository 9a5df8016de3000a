// Linear-time checks for the fuzz tests: the ratio of CPU times for an input and one k times
// larger, never an absolute time. CPU time (not wall time) so other processes do not count;
// the best of interleaved runs, as load and GC only ever add time.

/** Best CPU time (ms) of `repeat` runs of fn. */
export function bestCpuMs(fn: () => void, repeat = 3): number {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t0);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

/**
 * How much longer `scan(large)` takes than `scan(small)`: both warmed up, each timing repeated
 * to last ~20 ms of CPU, interleaved best of 5. A super-linear scan is over the limit on every
 * attempt; a burst of load on a shared machine does not last through three, so the result is
 * the smallest ratio of up to three attempts (stopping early once under `limit`).
 */
export function growthRatio<T>(
  scan: (input: T) => void,
  small: T,
  large: T,
  limit: number
): number {
  const run = (input: T, k: number) => () => {
    for (let i = 0; i < k; i++) {
      scan(input);
    }
  };
  run(small, 3)();
  run(large, 2)();
  const k = Math.min(50, Math.max(1, Math.ceil(20 / Math.max(bestCpuMs(run(small, 1)), 0.01))));
  let best = Infinity;
  for (let attempt = 0; attempt < 3 && best >= limit; attempt++) {
    let t1 = Infinity;
    let tk = Infinity;
    for (let i = 0; i < 5; i++) {
      t1 = Math.min(t1, bestCpuMs(run(small, k), 1));
      tk = Math.min(tk, bestCpuMs(run(large, k), 1));
    }
    best = Math.min(best, tk / Math.max(t1, 0.01));
  }
  return best;
}
