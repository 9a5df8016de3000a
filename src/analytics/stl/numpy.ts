// numpy's float summation order (pairwise_sum in loops_utils.h), so msticpy-parity z-scores
// (scipy.stats.zscore: numpy means) come out bit for bit.

function pairwise(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) {
      res += a[start + i];
    }
    return res;
  }
  if (n <= 128) {
    const r = new Float64Array(8);
    for (let j = 0; j < 8; j++) {
      r[j] = a[start + j];
    }
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) {
        r[j] += a[start + i + j];
      }
    }
    let res = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < n; i++) {
      res += a[start + i];
    }
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, start, n2) + pairwise(a, start + n2, n - n2);
}

/** np.add.reduce over a float64 array (one pairwise pass). */
export function npSum(a: ArrayLike<number>): number {
  return a.length ? pairwise(a, 0, a.length) : 0;
}

/**
 * scipy.stats.zscore(x) (ddof 0) as scipy 1.15+ computes it: x promoted to float64, numpy
 * mean and mean of squared deviations, NaN where std <= |eps * mean| (a constant slice).
 */
export function npZscore(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const mean = npSum(x) / n;
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    sq[i] = d * d;
  }
  const std = Math.sqrt(npSum(sq) / n);
  const z = new Float64Array(n);
  const constant = std <= Math.abs(Number.EPSILON * mean);
  for (let i = 0; i < n; i++) {
    z[i] = constant ? NaN : (x[i] - mean) / std;
  }
  return z;
}
