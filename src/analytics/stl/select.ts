// Order statistics in O(n) for the robustness step: statsmodels takes the two middle values of
// |residual| with np.partition; any selection algorithm returns the same two values.

/** k-th smallest of a[lo..hi] (inclusive), partially reordering a (Hoare quickselect). */
function select(a: Float64Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    // Median of three as pivot keeps sorted and reversed input linear.
    const mid = (lo + hi) >>> 1;
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) {
        i++;
      }
      while (a[j] > pivot) {
        j--;
      }
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) {
      hi = j;
    } else if (k >= i) {
      lo = i;
    } else {
      return a[k];
    }
  }
  return a[k];
}

/** The values at sorted positions n - n/2 - 1 and n/2 of a[0..n) (equal for odd n). */
export function medianPair(a: Float64Array, n: number): [number, number] {
  const k = n >> 1;
  const hi = select(a, 0, n - 1, k);
  if (n % 2 === 1) {
    return [hi, hi];
  }
  // Everything left of position k is <= a[k]: the lower middle is their maximum.
  let lo = -Infinity;
  for (let i = 0; i < k; i++) {
    if (a[i] > lo) {
      lo = a[i];
    }
  }
  return [lo, hi];
}

/** Median of a[0..n) (reorders a). */
export function median(a: Float64Array, n: number): number {
  const [lo, hi] = medianPair(a, n);
  return (lo + hi) / 2;
}

/** The value at sorted position floor(q (n - 1)) of a (reorders a). */
export function quantile(a: Float64Array, q: number): number {
  return select(a, 0, a.length - 1, Math.floor(q * (a.length - 1)));
}
