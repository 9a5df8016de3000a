// Hourly count series with injected anomalies at known positions, and a scorer giving the
// precision and recall of flagged points against them. Shared by the anomaly tests and the
// quality benchmark (bench/stlquality), so both judge scoring methods on the same ground.

export type AnomalyKind = 'spike' | 'dip' | 'shift';

export interface IInjected {
  kind: AnomalyKind;
  /** First point of the anomaly. */
  start: number;
  /** Points it covers (a shift lasts to the end of the series). */
  length: number;
}

export interface ISeriesSpec {
  /** 'sparse': Poisson, mean ~0.5/h; 'dense': mean ~200/h with some overdispersion. */
  density: 'sparse' | 'dense';
  /** 24 (daily cycle, 28 days) or 168 (daily and weekly cycles, 8 weeks). */
  period: 24 | 168;
  seed: number;
  /** false: the same series without anomalies (false-positive rate). Default true. */
  anomalies?: boolean;
}

export interface IInjectedSeries {
  y: Float64Array;
  truth: IInjected[];
}

/** mulberry32: a small seeded generator, the same numbers on every platform. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gauss(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Poisson draw: Knuth's product method below 50, a rounded normal above (ample for a mean of 200). */
export function poisson(lambda: number, rand: () => number): number {
  if (lambda <= 0) {
    return 0;
  }
  if (lambda >= 50) {
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss(rand)));
  }
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) {
    k++;
  }
  return k;
}

/** Relative rate at hour i: busy working hours, quiet nights, and (period 168) quiet weekends. */
function shape(i: number, period: number): number {
  const hour = i % 24;
  const day = 0.25 + 1.5 * Math.max(0, Math.sin((Math.PI * (hour - 6)) / 14)) ** 2;
  const weekend = period === 168 && Math.floor(i / 24) % 7 >= 5 ? 0.4 : 1;
  return day * weekend;
}

/** Start positions at least `gap` apart, away from the shift and from each other. */
function positions(count: number, n: number, gap: number, rand: () => number, taken: number[]) {
  const out: number[] = [];
  while (out.length < count) {
    const p = 2 + Math.floor(rand() * (n - 5));
    if (taken.every(t => Math.abs(t - p) >= gap)) {
      out.push(p);
      taken.push(p);
    }
  }
  return out;
}

function plan(spec: ISeriesSpec, n: number, rand: () => number): IInjected[] {
  if (spec.anomalies === false) {
    return [];
  }
  const shiftStart = Math.floor(n * (0.55 + 0.25 * rand()));
  const taken = [shiftStart];
  const truth: IInjected[] = [{ kind: 'shift', start: shiftStart, length: n - shiftStart }];
  for (const p of positions(6, n, 6, rand, taken)) {
    truth.push({ kind: 'spike', start: p, length: rand() < 0.3 ? 2 : 1 });
  }
  // A dip in a sparse series (0 events where ~0.5 are expected) is not detectable by anyone.
  if (spec.density === 'dense') {
    for (const p of positions(3, n, 6, rand, taken)) {
      truth.push({ kind: 'dip', start: p, length: 1 + Math.floor(rand() * 3) });
    }
  }
  return truth.sort((a, b) => a.start - b.start);
}

/** Rates with the anomalies applied: spikes add, dips cut, shifts scale or add from `start` on. */
function rates(spec: ISeriesSpec, n: number, truth: IInjected[], rand: () => number): Float64Array {
  const mean = spec.density === 'sparse' ? 0.5 : 200;
  const lam = new Float64Array(n);
  let norm = 0;
  for (let i = 0; i < n; i++) {
    lam[i] = shape(i, spec.period);
    norm += lam[i] / n;
  }
  for (let i = 0; i < n; i++) {
    const wobble = spec.density === 'dense' ? Math.exp(0.05 * gauss(rand)) : 1;
    lam[i] *= (mean / norm) * wobble;
  }
  const sparse = spec.density === 'sparse';
  for (const a of truth) {
    const size = rand();
    for (let i = a.start; i < a.start + a.length; i++) {
      if (a.kind === 'spike') {
        lam[i] += sparse ? 5 + 15 * size : (0.5 + 2 * size) * lam[i];
      } else if (a.kind === 'dip') {
        lam[i] *= 0.05 + 0.45 * size;
      } else if (sparse) {
        lam[i] += 2 + 2 * size;
      } else {
        lam[i] *= size < 0.5 ? 0.3 + 0.6 * size : 1.6 + 1.8 * (size - 0.5);
      }
    }
  }
  return lam;
}

/** One seeded hourly count series and the anomalies injected into it. */
export function injectedSeries(spec: ISeriesSpec): IInjectedSeries {
  const rand = rng(spec.seed * 7919 + spec.period + (spec.density === 'dense' ? 1 : 0));
  const n = spec.period === 24 ? 28 * 24 : 8 * 168;
  const truth = plan(spec, n, rand);
  const lam = rates(spec, n, truth, rand);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = poisson(lam[i], rand);
  }
  return { y, truth };
}

export interface IQuality {
  /** Flagged points near an injected anomaly / all flagged points counted. */
  precision: number;
  /** Injected anomalies found / injected. */
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  found: number;
  injected: number;
  /** Flagged points / points. */
  flaggedFraction: number;
}

/** How many first points of a level shift count as "the shift" (found when one is flagged). */
export const SHIFT_HEAD = 3;

/**
 * Points that count as each anomaly: a spike's or dip's points, a shift's first SHIFT_HEAD
 * points. A flag within +-1 step of them is a true positive. Flags later in the first period
 * of a shift are neither (the shift is real there; how long a method keeps flagging it is
 * not a false alarm).
 */
function marks(truth: IInjected[], n: number, period: number) {
  const hit = new Int32Array(n).fill(-1);
  const neutral = new Uint8Array(n);
  truth.forEach((a, k) => {
    const end = a.kind === 'shift' ? a.start + SHIFT_HEAD : a.start + a.length;
    for (let i = Math.max(0, a.start - 1); i < Math.min(n, end + 1); i++) {
      hit[i] = k;
    }
    if (a.kind === 'shift') {
      neutral.fill(1, end + 1, Math.min(n, a.start + period));
    }
  });
  return { hit, neutral };
}

/** Precision and recall of `flags` (non-zero = flagged) against the injected anomalies. */
export function scoreFlags(flags: ArrayLike<number>, truth: IInjected[], period: number): IQuality {
  const n = flags.length;
  const { hit, neutral } = marks(truth, n, period);
  const found = new Set<number>();
  let tp = 0;
  let fp = 0;
  let flagged = 0;
  for (let i = 0; i < n; i++) {
    if (!flags[i]) {
      continue;
    }
    flagged++;
    if (hit[i] >= 0) {
      tp++;
      found.add(hit[i]);
    } else if (!neutral[i]) {
      fp++;
    }
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = truth.length ? found.size / truth.length : 1;
  return {
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    truePositives: tp,
    falsePositives: fp,
    found: found.size,
    injected: truth.length,
    flaggedFraction: flagged / n
  };
}
