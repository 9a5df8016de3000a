// Shared test data: statsmodels/msticpy fixtures (generate.py) and the synthetic series
// generator mirrored from generate.py (exact integer arithmetic, so both sides agree).
import { readFileSync } from 'fs';
import { join } from 'path';

const FIX = join(__dirname, 'fixtures');

export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(join(FIX, name), 'utf8')) as T;
}

export function synth(n: number, period: number): Float64Array {
  const out = new Float64Array(n);
  let state = 12345;
  for (let i = 0; i < n; i++) {
    state = (state * 48271) % 2147483647;
    const season = ((i % period) * 37) % 17;
    const spike = state % 97 === 0 ? 40 : 0;
    out[i] = season + Math.floor(i / 10) + (state % 1000) / 100 + spike;
  }
  return out;
}

/** Series by fixture key. */
export function series(key: string): Float64Array {
  const data = fixture<Record<string, number[]>>('stl_data.json');
  switch (key) {
    case 'co2-short':
      return Float64Array.from(data.co2.slice(0, -1));
    case 'synth4000':
      return synth(4000, 24);
    case 'synth7':
      return synth(200, 7);
    case 'short30':
      return synth(30, 12);
    default:
      return Float64Array.from(data[key]);
  }
}

/** max |a - b| / range(ref). */
export function relDiff(a: ArrayLike<number>, b: ArrayLike<number>, range: number): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]));
  }
  return worst / (range || 1);
}

export function rangeOf(y: ArrayLike<number>): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < y.length; i++) {
    lo = Math.min(lo, y[i]);
    hi = Math.max(hi, y[i]);
  }
  return hi - lo;
}
