// Measurement helpers for the Node side of a benchmark (see run.ts for the protocol).
import { resolve } from 'path';

export const ROOT = resolve(__dirname, '..');

/** Best-of-`repeat` wall time of fn, in seconds, and its result. */
export async function timeIt<T>(
  fn: () => T | Promise<T>,
  repeat = 3
): Promise<{ seconds: number; result: T }> {
  let best = Infinity;
  let result!: T;
  for (let i = 0; i < repeat; i++) {
    (global as any).gc?.();
    const t0 = process.hrtime.bigint();
    result = await fn();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    best = Math.min(best, s);
  }
  return { seconds: best, result };
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
