// Row ordering and filtering for the table view: a stable sort permutation and a
// case-insensitive text filter, both over the Arrow table without copying it.
import { DataType, makeBuilder, makeData, Schema, Table, Vector } from 'apache-arrow';
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
    if (!couldMatch(col.type, needle)) {
      return;
    }
    if (DataType.isDictionary(col.type)) {
      markDictionaryMatches(col, needle, keep);
      return;
    }
    if (DataType.isUtf8(col.type) && markAsciiTextMatches(col, needle, keep)) {
      return;
    }
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

/** Characters the text of a number, boolean or timestamp cell can hold (lower case). */
const NUMBER_CHARS = /^[0-9.+\-e]*$/;
const NUMBER_WORDS = ['nan', '-infinity'];
const INT_CHARS = /^[0-9-]*$/;
const TIME_CHARS = /^[0-9\-: .z]*$/;
const BOOL_TEXTS = ['true', 'false'];

/**
 * False when no cell of this type can contain `needle`, so the column is skipped: most
 * filters are words, and formatting a million timestamps or numbers to find none is the
 * slowest part of a filter.
 */
function couldMatch(type: DataType, needle: string): boolean {
  if (DataType.isInt(type)) {
    return INT_CHARS.test(needle);
  }
  if (DataType.isFloat(type)) {
    return NUMBER_CHARS.test(needle) || NUMBER_WORDS.some(t => t.includes(needle));
  }
  if (DataType.isBool(type)) {
    return BOOL_TEXTS.some(t => t.includes(needle));
  }
  if (isTemporal(type)) {
    return TIME_CHARS.test(needle);
  }
  return true;
}

/** Dictionary columns: each distinct value is tested once, then rows by their index. */
function markDictionaryMatches(col: Vector, needle: string, keep: Uint8Array): void {
  let offset = 0;
  for (const chunk of col.data) {
    const dict = chunk.dictionary!;
    const hit = new Uint8Array(dict.length);
    for (let d = 0; d < dict.length; d++) {
      const v = dict.get(d);
      hit[d] = v !== null && cellText(v, dict.type).toLowerCase().includes(needle) ? 1 : 0;
    }
    const indices = chunk.values as ArrayLike<number | bigint>;
    for (let j = 0; j < chunk.length; j++) {
      if (hit[Number(indices[j])] && chunk.getValid(j)) {
        keep[offset + j] = 1;
      }
    }
    offset += chunk.length;
  }
}

/**
 * Text columns whose bytes are all ASCII: one decode and one lower-casing of the whole value
 * buffer, then the native indexOf over it; each hit is mapped to its row by the offsets and
 * counts only inside that value. Decoding each of a million cells separately took most of a
 * filter's time. Returns false (nothing marked) when some chunk is not ASCII.
 */
function markAsciiTextMatches(col: Vector, needle: string, keep: Uint8Array): boolean {
  const chunks = col.data;
  if (
    !chunks.every(chunk => isAscii(chunk.values as Uint8Array, chunk.valueOffsets, chunk.length))
  ) {
    return false;
  }
  const decoder = new TextDecoder();
  let offset = 0;
  for (const chunk of chunks) {
    const offsets = chunk.valueOffsets as Int32Array;
    const first = offsets[0];
    const bytes = (chunk.values as Uint8Array).subarray(first, offsets[chunk.length]);
    const text = decoder.decode(bytes).toLowerCase();
    let row = 0;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      while (offsets[row + 1] - first <= at) {
        row++;
      }
      if (at + needle.length <= offsets[row + 1] - first && chunk.getValid(row)) {
        keep[offset + row] = 1;
      }
    }
    offset += chunk.length;
  }
  return true;
}

/** The offsets buffer may be longer than length + 1 (builders over-allocate). */
function isAscii(values: Uint8Array, offsets: ArrayLike<number>, length: number): boolean {
  const end = offsets[length];
  for (let i = offsets[0]; i < end; i++) {
    if (values[i] > 0x7f) {
      return false;
    }
  }
  return true;
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
  if (rows.length === table.numRows && rows.every((r, i) => r === i)) {
    return table;
  }
  const columns: Record<string, Vector> = {};
  table.schema.fields.forEach((field, i) => {
    columns[field.name] = gatherColumn(table.getChildAt(i)!, rows);
  });
  const out = new Table(columns);
  // Field metadata (e.g. pandas' schema metadata) is kept with the schema.
  return new Table(
    new Schema(
      out.schema.fields.map((f, i) => table.schema.fields[i].clone({ type: f.type })),
      table.schema.metadata
    ),
    out.batches
  );
}

/**
 * Gather rows of one column. Fixed-width columns (numbers, timestamps, dictionary indices)
 * copy their storage directly, which keeps 64-bit values exact (nanosecond timestamps,
 * large ints); other types go through an Arrow builder.
 */
function gatherColumn(col: Vector, rows: Int32Array): Vector {
  const data = col.data;
  const type = col.type as DataType;
  const chunk = data[0];
  if (
    data.length === 1 &&
    chunk.values &&
    ArrayBuffer.isView(chunk.values) &&
    !DataType.isBool(type) &&
    !DataType.isUtf8(type) &&
    !DataType.isLargeUtf8(type) &&
    !DataType.isBinary(type) &&
    !DataType.isLargeBinary(type) &&
    chunk.stride > 0 &&
    !chunk.valueOffsets
  ) {
    const stride = chunk.stride;
    const src = chunk.values as any;
    const values = new src.constructor(rows.length * stride);
    const nulls = new Uint8Array(Math.ceil(rows.length / 8));
    let nullCount = 0;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      for (let k = 0; k < stride; k++) {
        values[i * stride + k] = src[r * stride + k]; // a slice's values start at its offset
      }
      if (chunk.getValid(r)) {
        nulls[i >> 3] |= 1 << (i & 7);
      } else {
        nullCount++;
      }
    }
    return new Vector([
      makeData({
        type: type as any,
        length: rows.length,
        nullCount,
        nullBitmap: nulls,
        data: values,
        dictionary: chunk.dictionary
      } as any)
    ]);
  }
  const builder = makeBuilder({ type, nullValues: [null, undefined] });
  for (let i = 0; i < rows.length; i++) {
    builder.append(plainValue(col.get(rows[i])));
  }
  return builder.finish().toVector();
}

/**
 * A cell as Arrow's builders take it: lists as arrays and structs and maps as objects, all the
 * way down. (A list cell is a Vector, which the list builder would read with [i]: nulls.)
 */
function plainValue(value: unknown): unknown {
  if (value instanceof Vector) {
    return Array.from(value, plainValue);
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    !ArrayBuffer.isView(value) &&
    !(value instanceof Date) &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    const fields = (value as { toJSON(): Record<string, unknown> }).toJSON();
    return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, plainValue(v)]));
  }
  return value;
}
