// The table view's sort before the radix argsort (src/analytics/sort.ts), kept verbatim as
// the reference its order is tested against (sort.spec.ts) and timed against (bench/tablesort).
import { DataType, Vector } from 'apache-arrow';
import { cellText, isTemporal, toMillis } from '../arrow';

/** Stable sort of `rows` by a column; nulls last in both directions. */
export function comparatorSort(col: Vector, rows: Int32Array, ascending: boolean): Int32Array {
  const keys = sortKeys(col);
  const dir = ascending ? 1 : -1;
  const order = Array.from(rows);
  order.sort((a, b) => {
    const ka = keys[a];
    const kb = keys[b];
    if (ka === null || kb === null) {
      return ka === kb ? a - b : ka === null ? 1 : -1;
    }
    const cmp = ka < kb ? -1 : ka > kb ? 1 : 0;
    return cmp * dir || a - b;
  });
  return Int32Array.from(order);
}

function sortKeys(col: Vector): (number | string | null)[] {
  const type = col.type as DataType;
  const numeric = DataType.isInt(type) || DataType.isFloat(type) || DataType.isBool(type);
  const temporal = isTemporal(type);
  const keys: (number | string | null)[] = new Array(col.length);
  let i = 0;
  for (const v of col) {
    if (v === null || v === undefined) {
      keys[i] = null;
    } else if (temporal) {
      keys[i] = toMillis(v);
    } else if (numeric) {
      const n = Number(v);
      keys[i] = Number.isNaN(n) ? null : n;
    } else {
      keys[i] = cellText(v, type);
    }
    i++;
  }
  return keys;
}
