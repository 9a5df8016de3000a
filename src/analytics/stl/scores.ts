// Residual scores and flags of the default anomaly mode. Measured choices (docs/stl.md, `npm
// run bench -- stlquality`): counts get a Poisson-aware scale; optionally, a flag that is only
// the echo of a larger opposite flag one period away is dropped.
import { median, quantile } from './select';

/** Per-point relative scale and scale floor of a count series (see countScale). */
export interface ICountScale {
  relative: Float64Array;
  floor: number;
}

/**
 * For a series of counts (non-negative integers), Poisson noise: the variance grows with the
 * level, so residuals are divided by sqrt(baseline / mean baseline) (baseline within a
 * quarter of its mean and its 95th percentile), and the scale is at least sqrt(mean baseline), the noise a Poisson
 * count of that mean has anyway. Without this a sparse series (mean ~0.5/h) of 0s and 1s has
 * a tiny median/MAD and every event scores as an anomaly. null for other series.
 */
export function countScale(y: ArrayLike<number>, baseline: Float64Array): ICountScale | null {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    if (!(y[i] >= 0 && Number.isInteger(y[i]))) {
      return null;
    }
    mean += Math.max(baseline[i], 0);
  }
  mean /= n;
  if (!(mean > 0)) {
    return null;
  }
  // A spike pulls its own baseline up (and would shrink its own score): the baseline's 95th
  // percentile, the series' usual high level, bounds the relative scale.
  const cap = Math.max(quantile(Float64Array.from(baseline), 0.95), 0.25 * mean);
  const relative = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    relative[i] = Math.sqrt(Math.min(Math.max(baseline[i], 0.25 * mean), cap) / mean);
  }
  return { relative, floor: Math.sqrt(mean) };
}

function maxAbs(y: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < y.length; i++) {
    m = Math.max(m, Math.abs(y[i]));
  }
  return m;
}

/** Centre and scale: mean and std, or median and 1.4826 MAD (1.2533 x mean abs dev if 0). */
function centreScale(u: Float64Array, method: 'zscore' | 'robust'): [number, number] {
  const n = u.length;
  let centre = 0;
  let scale = 0;
  if (method === 'robust') {
    const tmp = Float64Array.from(u);
    centre = median(tmp, n);
    let meanAbs = 0;
    for (let i = 0; i < n; i++) {
      tmp[i] = Math.abs(u[i] - centre);
      meanAbs += tmp[i];
    }
    scale = 1.4826 * median(tmp, n);
    return [centre, scale === 0 ? 1.2533 * (meanAbs / n) : scale];
  }
  for (let i = 0; i < n; i++) {
    centre += u[i];
  }
  centre /= n;
  for (let i = 0; i < n; i++) {
    scale += (u[i] - centre) ** 2;
  }
  return [centre, Math.sqrt(scale / n)];
}

/**
 * Residual scores of the default mode: u = residual / relative scale (1 unless `counts`),
 * score = (u - centre) / scale with centre/scale by `method` ('zscore': mean/std, 'robust':
 * median/MAD). The scale is floored at the count floor and at 1e-9 x max|y|, so rounding noise
 * of an exact fit never scores as an anomaly.
 */
export function residualScores(
  resid: Float64Array,
  method: 'zscore' | 'robust',
  y: ArrayLike<number>,
  counts: ICountScale | null = null
): Float64Array {
  const n = resid.length;
  const u = counts ? resid.map((r, i) => r / counts.relative[i]) : resid;
  const [centre, raw] = centreScale(u, method);
  const scale = Math.max(raw, counts?.floor ?? 0, 1e-9 * maxAbs(y), Number.MIN_VALUE);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    z[i] = (u[i] - centre) / scale;
  }
  return z;
}

/** 1 where score > threshold, -1 where score < -threshold. */
export function flagScores(score: Float64Array, threshold: number): Int8Array {
  return Int8Array.from(score, s => (s > threshold ? 1 : s < -threshold ? -1 : 0));
}

/**
 * Drops echoes: STL's seasonal smoother spreads part of a spike over the same phase of the
 * neighbouring cycles, so the residual one period before and after dips (and a dip echoes as a
 * spike). A flag is dropped when a flag of the opposite sign one period away has a larger
 * residual. Changes `flags` in place.
 */
export function dropEchoes(flags: Int8Array, resid: Float64Array, periods: number[]): Int8Array {
  const echoes: number[] = [];
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i];
    const echo =
      f !== 0 &&
      periods.some(p =>
        [i - p, i + p].some(
          j =>
            j >= 0 && j < flags.length && flags[j] === -f && Math.abs(resid[j]) > Math.abs(resid[i])
        )
      );
    if (echo) {
      echoes.push(i);
    }
  }
  for (const i of echoes) {
    flags[i] = 0;
  }
  return flags;
}
