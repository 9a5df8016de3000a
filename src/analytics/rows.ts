// Row ordering and filtering for the table view: a stable sort permutation and a
// case-insensitive text filter, both over the Arrow table without copying it.
import { Table, Vector, DataType } from 'apache-arrow';
import { cellText, isTemporal, toMillis } from './arrow';
import { JobContext, NO_JOB } from './job';

export interface IRowQuery {
  /** Case-insensitive substring that must appear in at least one cell of the row. */
  filterText?: string;
  /** Column to sort by; rows keep table order when absent. */
  sortColumn?: string;
  ascending?: boolean;
}

/** Row indices (into the table) that pass the filter, in sorted order. */
export function queryRows(table: Table, query: IRowQuery, ctx: JobContext = NO_JOB): Int32Array {
  let rows = filterRows(table, query.filterText ?? '', ctx);
  if (query.sortColumn) {
    rows = sortRows(table, rows, query.sortColumn, query.ascending ?? true, ctx);
  }
  return rows;
}

export function filterRows(table: Table, text: string, ctx: JobContext = NO_JOB): Int32Array {
  const n = table.numRows;
  const needle = text.trim().toLowerCase();
  if (!needle) {
    return Int32Array.from({ length: n }, (_, i) => i);
  }
  const keep = new Uint8Array(n);
  const columns = table.schema.fields.map((_, i) => table.getChildAt(i)!);
  columns.forEach((col, c) => {
    ctx.check(c / columns.length, 'filtering');
    let i = 0;
    for (const v of col) {
      if (!keep[i] && v !== null && v !== undefined) {
        if (cellText(v, col.type).toLowerCase().includes(needle)) {
          keep[i] = 1;
        }
      }
      i++;
    }
  });
  let count = 0;
  for (let i = 0; i < n; i++) {
    count += keep[i];
  }
  const out = new Int32Array(count);
  for (let i = 0, j = 0; i < n; i++) {
    if (keep[i]) {
      out[j++] = i;
    }
  }
  return out;
}

/** Stable sort of `rows` by a column; nulls last in both directions. */
export function sortRows(
  table: Table,
  rows: Int32Array,
  column: string,
  ascending: boolean,
  ctx: JobContext = NO_JOB
): Int32Array {
  const col = table.getChild(column);
  if (!col) {
    throw new Error(`Cannot sort: column "${column}" is not in the table`);
  }
  ctx.check(0, 'sorting');
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

/** A new table holding `rows` of `table` in that order (types, dictionaries and metadata kept). */
export function takeRows(table: Table, rows: Int32Array): Table {
  // Arrow JS has no `take`; selecting by slices of consecutive runs keeps it zero-copy for
  // unsorted filters, and falls back to one-row slices for permutations.
  if (rows.length === table.numRows && rows.every((r, i) => r === i)) {
    return table;
  }
  const parts: Table[] = [];
  let start = 0;
  while (start < rows.length) {
    let end = start + 1;
    while (end < rows.length && rows[end] === rows[end - 1] + 1) {
      end++;
    }
    parts.push(table.slice(rows[start], rows[end - 1] + 1));
    start = end;
  }
  if (parts.length === 0) {
    return table.slice(0, 0);
  }
  return parts.length === 1 ? parts[0] : parts[0].concat(...parts.slice(1));
}
