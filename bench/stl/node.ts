// Node side of the STL benchmark (protocol in ../run.ts): STL at n = 1e3..1e6, periods 24 and
// 168, robust and not. Writes each input series and our seasonal/trend as raw float64 files that
// ref.py reads, times statsmodels on, and compares (max abs difference relative to the range).
// Args (both sides): --max-n N (default 1e6), --only SUBSTRING (case filter).
import { mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stl } from '../../src/analytics/stl';
import { report, timeIt } from '../lib';

const TMP = join(tmpdir(), 'hunt-bench-stl');

export function benchCases(
  argv: string[]
): { name: string; n: number; period: number; robust: boolean }[] {
  const arg = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const maxN = Number(arg('--max-n') ?? 1e6);
  const only = arg('--only');
  const out = [];
  for (const n of [1e3, 1e4, 1e5, 1e6]) {
    for (const period of [24, 168]) {
      for (const robust of [false, true]) {
        const name = `n=1e${Math.log10(n)} p=${period}${robust ? ' robust' : ''}`;
        if (n <= maxN && (!only || name.includes(only))) {
          out.push({ name, n, period, robust });
        }
      }
    }
  }
  return out;
}

/** Hourly-like counts: daily and weekly cycles, a slow trend, noise and rare spikes. */
function series(n: number): Float64Array {
  const y = new Float64Array(n);
  let s = 20240601;
  for (let i = 0; i < n; i++) {
    s = (s * 48271) % 2147483647;
    const day = Math.sin((2 * Math.PI * i) / 24);
    const week = Math.sin((2 * Math.PI * i) / 168);
    y[i] = 1000 + 200 * day + 100 * week + i * 0.01 + (s % 1000) / 10 + (s % 499 === 0 ? 2000 : 0);
  }
  return y;
}

function bytes(a: Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

async function main(): Promise<void> {
  mkdirSync(TMP, { recursive: true });
  for (const c of benchCases(process.argv.slice(2))) {
    const y = series(c.n);
    const file = (part: string) =>
      join(TMP, `${c.n}-${c.period}-${c.robust ? 'r' : 'n'}-${part}.f64`);
    writeFileSync(file('y'), bytes(y));
    // Best of 3 up to n = 1e5 (ref.py does the same); statsmodels needs minutes at 1e6.
    const repeat = c.n <= 1e5 ? 3 : 1;
    const { seconds, result, cpuSeconds } = await timeIt(
      () => stl(y, { period: c.period, robust: c.robust }),
      repeat
    );
    writeFileSync(file('seasonal'), bytes(result.seasonal));
    writeFileSync(file('trend'), bytes(result.trend));
    report({
      case: c.name,
      seconds,
      rows: c.n,
      cpuSeconds,
      repeat
    });
  }
}

void main();
