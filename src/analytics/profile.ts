// Per-column profile: null count, distinct-count estimate (HyperLogLog), min/max, top values.
import { Table, Vector, DataType } from 'apache-arrow';
import { cellText, isTemporal, toMillis, typeLabel } from './arrow';
import { JobContext, NO_JOB } from './job';

export interface ITopValue {
  value: string;
  count: number;
}

export interface IColumnProfile {
  name: string;
  type: string;
  count: number;
  nulls: number;
  /** HyperLogLog estimate (exact below EXACT_DISTINCT_LIMIT distinct values). */
  distinct: number;
  distinctExact: boolean;
  min: string | null;
  max: string | null;
  top: ITopValue[];
  /** Numeric and time columns: counts of HISTOGRAM_BINS equal-width bins from min to max. */
  histogram?: IHistogram;
}

export interface IHistogram {
  /** Bounds as numbers (times in ms since the epoch). */
  min: number;
  max: number;
  counts: number[];
}

export const HISTOGRAM_BINS = 20;

const EXACT_DISTINCT_LIMIT = 50_000;
/** Top values kept: the profile's bars and the value list of a column filter. */
const TOP_K = 10;

export function profileTable(table: Table, ctx: JobContext = NO_JOB): IColumnProfile[] {
  const fields = table.schema.fields;
  return fields.map((field, i) => {
    ctx.check(i / Math.max(1, fields.length), `profiling ${field.name}`);
    return profileColumn(field.name, table.getChildAt(i)!, ctx);
  });
}

export function profileColumn(name: string, col: Vector, ctx: JobContext = NO_JOB): IColumnProfile {
  const type = col.type as DataType;
  const temporal = isTemporal(type);
  const numeric = DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type);
  const counts = new Map<string, number>();
  const hll = new HyperLogLog();
  let exact = true;
  let nulls = 0;
  let minNum = Infinity;
  let maxNum = -Infinity;
  let minStr: string | null = null;
  let maxStr: string | null = null;
  let i = 0;
  for (const v of col) {
    if ((++i & 0xffff) === 0) {
      ctx.check();
    }
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
      nulls++;
      continue;
    }
    const text = cellText(v, type);
    hll.add(text);
    if (exact) {
      counts.set(text, (counts.get(text) ?? 0) + 1);
      if (counts.size > EXACT_DISTINCT_LIMIT) {
        exact = false;
      }
    }
    if (numeric || temporal) {
      const n = temporal ? toMillis(v) : Number(v);
      if (n !== null && !Number.isNaN(n)) {
        minNum = Math.min(minNum, n);
        maxNum = Math.max(maxNum, n);
      }
    } else if (typeof v === 'string' || typeof v === 'boolean') {
      if (minStr === null || text < minStr) {
        minStr = text;
      }
      if (maxStr === null || text > maxStr) {
        maxStr = text;
      }
    }
  }
  const hasRange = minNum <= maxNum;
  const rangeText = (n: number) => (temporal ? cellText(n, type) : String(n));
  return {
    name,
    type: typeLabel(type),
    count: col.length,
    nulls,
    distinct: exact ? counts.size : hll.estimate(),
    distinctExact: exact,
    min: hasRange ? rangeText(minNum) : minStr,
    max: hasRange ? rangeText(maxNum) : maxStr,
    top: exact ? topValues(counts, TOP_K) : [],
    histogram: hasRange ? histogram(col, temporal, minNum, maxNum, ctx) : undefined
  };
}

/** Equal-width bins over [min, max] (a second pass over the column; NaN and nulls skipped). */
function histogram(
  col: Vector,
  temporal: boolean,
  min: number,
  max: number,
  ctx: JobContext
): IHistogram {
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  const width = (max - min) / HISTOGRAM_BINS;
  let i = 0;
  for (const v of col) {
    if ((++i & 0xffff) === 0) {
      ctx.check();
    }
    const n = v === null || v === undefined ? NaN : temporal ? (toMillis(v) ?? NaN) : Number(v);
    if (!Number.isNaN(n)) {
      const bin = width > 0 ? Math.min(HISTOGRAM_BINS - 1, Math.floor((n - min) / width)) : 0;
      counts[bin]++;
    }
  }
  return { min, max, counts };
}

function topValues(counts: Map<string, number>, k: number): ITopValue[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, k)
    .map(([value, count]) => ({ value, count }));
}

/** HyperLogLog with 2^12 registers (~1.6% standard error) over FNV-1a 32-bit hashes. */
export class HyperLogLog {
  private readonly _p = 12;
  private readonly _m = 1 << 12;
  private readonly _registers = new Uint8Array(1 << 12);

  add(text: string): void {
    const h = fnv1a(text);
    const idx = h >>> (32 - this._p);
    const rest = (h << this._p) | (1 << (this._p - 1));
    const rank = Math.clz32(rest) + 1;
    if (rank > this._registers[idx]) {
      this._registers[idx] = rank;
    }
  }

  estimate(): number {
    const m = this._m;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < m; i++) {
      sum += 2 ** -this._registers[i];
      if (this._registers[i] === 0) {
        zeros++;
      }
    }
    const alpha = 0.7213 / (1 + 1.079 / m);
    const raw = (alpha * m * m) / sum;
    if (raw <= 2.5 * m && zeros > 0) {
      return Math.round(m * Math.log(m / zeros));
    }
    return Math.round(raw);
  }
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32) so the high bits used as the register index are mixed.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
