// Measurement helpers for the Node side of a benchmark (see run.ts for the protocol).
import { resolve } from 'path';

export const ROOT = resolve(__dirname, '..');

/**
 * Best-of-`repeat` wall time of fn, in seconds, and its result; cpuSeconds is the least CPU
 * time (this process, all threads) of a run, measured around fn only, not the gc() before it.
 */
export async function timeIt<T>(
  fn: () => T | Promise<T>,
  repeat = 3
): Promise<{ seconds: number; result: T; cpuSeconds: number }> {
  let best = Infinity;
  let bestCpu = Infinity;
  let result!: T;
  for (let i = 0; i < repeat; i++) {
    (global as any).gc?.();
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    result = await fn();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    best = Math.min(best, s);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1e6);
  }
  return { seconds: best, result, cpuSeconds: bestCpu };
}

/** Peak resident set size of this process so far, in MB. */
export function maxRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Print one case line for run.ts. */
export function report(figures: {
  case: string;
  seconds: number;
  rows?: number;
  bytes?: number;
  [k: string]: unknown;
}): void {
  console.log(JSON.stringify({ ...figures, maxRssMB: maxRssMB() }));
}
