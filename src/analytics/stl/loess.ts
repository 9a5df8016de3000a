// LOESS on equally spaced x = 1..n exactly as NETLIB stl.f `est`/`ess` (statsmodels
// `_est`/`_ess`): same windows, bandwidth, weight cut-offs, degree-1 condition and fallbacks.
// Speed comes from three exact rewrites: tricube weights are tabulated per bandwidth (no pow),
// centred windows without robustness weights are a fixed convolution kernel, and the local
// linear fit is computed from weighted moments instead of re-weighting the window.

/** Bandwidths up to this size get a cached weight table; larger ones are computed inline. */
const MAX_TABLE_H = 4096;
const tables = new Map<number, Float64Array>();

/** Tricube weight of integer distance r at bandwidth h, with stl.f's 0.001h / 0.999h cut-offs. */
function weight(r: number, h: number): number {
  if (r > 0.999 * h) {
    return 0;
  }
  if (r <= 0.001 * h) {
    return 1;
  }
  const u = r / h;
  const v = 1 - u * u * u;
  return v * v * v;
}

/** Weights for r = 0..h at bandwidth h (cached; r never exceeds h in `est`). */
export function tricubeTable(h: number): Float64Array {
  let t = tables.get(h);
  if (!t) {
    t = new Float64Array(h + 1);
    for (let r = 0; r <= h; r++) {
      t[r] = weight(r, h);
    }
    tables.set(h, t);
  }
  return t;
}

/**
 * One local fit at 1-based position xs over the 1-based window [nleft, nright] of y[0..n).
 * Returns NaN when the weights sum to zero (stl.f's `ok = false`). `rw` are robustness weights.
 */
export function est(
  y: Float64Array,
  n: number,
  len: number,
  ideg: number,
  xs: number,
  nleft: number,
  nright: number,
  rw: Float64Array | null
): number {
  let h = Math.max(xs - nleft, nright - xs);
  if (len > n) {
    h += Math.floor((len - n) / 2);
  }
  const table = h <= MAX_TABLE_H ? tricubeTable(h) : null;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let t0 = 0;
  let t1 = 0;
  for (let j = nleft; j <= nright; j++) {
    const d = j - xs;
    const r = d < 0 ? -d : d;
    let w = table ? table[r] : weight(r, h);
    if (rw) {
      w *= rw[j - 1];
    }
    s0 += w;
    s1 += w * d;
    s2 += w * d * d;
    const wy = w * y[j - 1];
    t0 += wy;
    t1 += wy * d;
  }
  if (s0 <= 0) {
    return NaN;
  }
  if (h > 0 && ideg > 0) {
    // Moments relative to xs: a = weighted mean offset, c = weighted variance; the fitted
    // line evaluated at xs is the weighted mean plus slope * (0 - a).
    const a = s1 / s0;
    const c = s2 / s0 - a * a;
    if (Math.sqrt(c) > 0.001 * (n - 1)) {
      const b = -a / c;
      return (t0 + b * (t1 - a * t0)) / s0;
    }
  }
  return t0 / s0;
}

/** Half of the normalised centred kernel for odd `len`: weights for offsets 0..hc-1 (the
 * taps at +-hc weigh 0), so the convolution folds y[i-d] + y[i+d]. */
const kernels = new Map<number, Float64Array>();
function halfKernel(hc: number): Float64Array {
  let k = kernels.get(hc);
  if (!k) {
    const t = tricubeTable(hc);
    const m = Math.max(hc - 1, 0);
    let s = t[0];
    for (let d = 1; d <= m; d++) {
      s += 2 * t[d];
    }
    k = new Float64Array(m + 1);
    for (let d = 0; d <= m; d++) {
      k[d] = t[d] / s;
    }
    kernels.set(hc, k);
  }
  return k;
}

function fallback(v: number, y: number): number {
  return v === v ? v : y;
}

/** Scratch for robust smoothing (rw * y), grown as needed. */
let rwyScratch = new Float64Array(0);

/** Jump-1 smoothing with len < n: edges by `est`, the centred middle by kernel or moments. */
function smoothEvery(
  y: Float64Array,
  n: number,
  len: number,
  ideg: number,
  rw: Float64Array | null,
  ys: Float64Array
): void {
  // Windows as stl.f slides them: [1, len] up to the centre, then centred, then [n-len+1, n].
  const odd = (len & 1) === 1;
  const hc = (len - 1) >> 1;
  const first = odd ? hc : n; // 0-based range [first, last) is centred
  const last = odd ? n - hc : n;
  const nsh = (len + 2) >> 1;
  let nleft = 1;
  let nright = len;
  for (let i = 0; i < n; i++) {
    if (i + 1 > nsh && nright !== n) {
      nleft++;
      nright++;
    }
    if (i >= first && i < last) {
      continue;
    }
    ys[i] = fallback(est(y, n, len, ideg, i + 1, nleft, nright, rw), y[i]);
  }
  if (first >= last) {
    return;
  }
  if (!rw) {
    // Symmetric window: the local linear correction vanishes, so this is a convolution
    // (folded, with two accumulators so the adds overlap).
    const k = halfKernel(hc);
    const m = k.length - 1;
    const k0 = k[0];
    for (let i = first; i < last; i++) {
      let s0 = k0 * y[i];
      let s1 = 0;
      let d = 1;
      for (; d < m; d += 2) {
        s0 += k[d] * (y[i - d] + y[i + d]);
        s1 += k[d + 1] * (y[i - d - 1] + y[i + d + 1]);
      }
      if (d === m) {
        s0 += k[d] * (y[i - d] + y[i + d]);
      }
      ys[i] = s0 + s1;
    }
    return;
  }
  robustMiddle(y, n, hc, ideg, rw, ys, first, last);
}

function robustMiddle(
  y: Float64Array,
  n: number,
  hc: number,
  ideg: number,
  rw: Float64Array,
  ys: Float64Array,
  first: number,
  last: number
): void {
  const t = tricubeTable(hc);
  const m = hc - 1;
  if (rwyScratch.length < n) {
    rwyScratch = new Float64Array(n);
  }
  const rwy = rwyScratch;
  for (let i = first - m; i < last + m; i++) {
    rwy[i] = rw[i] * y[i];
  }
  // The degree-1 correction needs sqrt(c) > 0.001 (n - 1), and sqrt(c) < hc: skip it when it
  // cannot apply (always so for long series), which halves the work.
  const thr = 0.001 * (n - 1);
  const linear = ideg > 0 && hc > 0 && hc >= thr;
  // Kernel over offsets -m..m as a flat array for the inner loops.
  const kern = new Float64Array(2 * m + 1);
  for (let d = -m; d <= m; d++) {
    kern[d + m] = t[d < 0 ? -d : d];
  }
  const taps = kern.length;
  for (let i = first; i < last; i++) {
    const base = i - m;
    let s0 = 0;
    let t0 = 0;
    if (!linear) {
      s0 = t[0] * rw[i];
      t0 = t[0] * rwy[i];
      for (let d = 1; d <= m; d++) {
        const k = t[d];
        s0 += k * (rw[i - d] + rw[i + d]);
        t0 += k * (rwy[i - d] + rwy[i + d]);
      }
      ys[i] = s0 > 0 ? t0 / s0 : y[i];
      continue;
    }
    let s1 = 0;
    let s2 = 0;
    let t1 = 0;
    for (let j = 0; j < taps; j++) {
      const d = j - m;
      const w = kern[j] * rw[base + j];
      const wy = kern[j] * rwy[base + j];
      s0 += w;
      s1 += w * d;
      s2 += w * d * d;
      t0 += wy;
      t1 += wy * d;
    }
    if (!(s0 > 0)) {
      ys[i] = y[i];
      continue;
    }
    const a = s1 / s0;
    const c = s2 / s0 - a * a;
    ys[i] = Math.sqrt(c) > thr ? (t0 + (-a / c) * (t1 - a * t0)) / s0 : t0 / s0;
  }
}

/**
 * Smooth y[0..n) into ys[0..n) with window `len`, degree `ideg`, evaluating every `njump`
 * points and interpolating linearly in between (stl.f `ess`).
 */
export function ess(
  y: Float64Array,
  n: number,
  len: number,
  ideg: number,
  njump: number,
  rw: Float64Array | null,
  ys: Float64Array
): void {
  if (n < 2) {
    ys[0] = y[0];
    return;
  }
  const newnj = Math.min(njump, n - 1);
  let nleft = 1;
  let nright = n;
  if (len >= n) {
    for (let i = 0; i < n; i += newnj) {
      ys[i] = fallback(est(y, n, len, ideg, i + 1, 1, n, rw), y[i]);
    }
  } else if (newnj === 1) {
    smoothEvery(y, n, len, ideg, rw, ys);
    return;
  } else {
    const nsh = (len + 1) >> 1;
    for (let i = 0; i < n; i += newnj) {
      if (i + 1 < nsh) {
        nleft = 1;
        nright = len;
      } else if (i + 1 >= n - nsh + 1) {
        nleft = n - len + 1;
        nright = n;
      } else {
        nleft = i + 1 - nsh + 1;
        nright = len + i + 1 - nsh;
      }
      ys[i] = fallback(est(y, n, len, ideg, i + 1, nleft, nright, rw), y[i]);
    }
  }
  if (newnj === 1) {
    return;
  }
  for (let i = 0; i < n - newnj; i += newnj) {
    const delta = (ys[i + newnj] - ys[i]) / newnj;
    for (let j = i; j < i + newnj; j++) {
      ys[j] = ys[i] + delta * (j - i);
    }
  }
  const k = Math.floor((n - 1) / newnj) * newnj + 1;
  if (k !== n) {
    // As stl.f: the last point reuses the window of the last evaluated point.
    ys[n - 1] = fallback(est(y, n, len, ideg, n, nleft, nright, rw), y[n - 1]);
    if (k !== n - 1) {
      const delta = (ys[n - 1] - ys[k - 1]) / (n - k);
      for (let j = k; j < n; j++) {
        ys[j] = ys[k - 1] + delta * (j + 1 - k);
      }
    }
  }
}

/** Moving average of length len over x[0..n) into ave[0..n-len] (stl.f `ma`, same sums). */
export function movingAverage(x: Float64Array, n: number, len: number, ave: Float64Array): void {
  const newn = n - len + 1;
  let v = 0;
  for (let i = 0; i < len; i++) {
    v += x[i];
  }
  ave[0] = v / len;
  let k = len;
  let m = 0;
  for (let j = 1; j < newn; j++) {
    v += x[k] - x[m];
    ave[j] = v / len;
    k++;
    m++;
  }
}
