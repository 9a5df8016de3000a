// Min/max decimation per pixel column: a line through a million points draws as at most
// four points per pixel with the same visible envelope (spikes are never dropped).

/** Indices to draw for points [lo, hi) of a time-sorted series on `pixels` columns. */
export function envelopeIndices(
  time: Float64Array,
  values: Float64Array,
  lo: number,
  hi: number,
  pixels: number
): number[] {
  const n = hi - lo;
  if (n <= pixels * 4) {
    return Array.from({ length: n }, (_, i) => lo + i);
  }
  const t0 = time[lo];
  const span = time[hi - 1] - t0 || 1;
  const out: number[] = [];
  let bucket = -1;
  let first = -1;
  let min = -1;
  let max = -1;
  let last = -1;
  const flush = () => {
    if (first < 0) {
      return;
    }
    const picked = [...new Set([first, min, max, last])].sort((a, b) => a - b);
    out.push(...picked);
  };
  for (let i = lo; i < hi; i++) {
    const b = Math.min(pixels - 1, Math.floor(((time[i] - t0) / span) * pixels));
    if (b !== bucket) {
      flush();
      bucket = b;
      first = min = max = last = i;
    } else {
      last = i;
      if (values[i] < values[min]) {
        min = i;
      }
      if (values[i] > values[max]) {
        max = i;
      }
    }
  }
  flush();
  return out;
}

/** First index with time >= t in a sorted array. */
export function lowerBound(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] < t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}
