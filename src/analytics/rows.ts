// Row ordering and filtering for the table view: a stable sort permutation and a
// case-insensitive text filter, both over the Arrow table without copying it.
import {
  Data,
  DataType,
  makeBuilder,
  makeData,
  RecordBatch,
  Schema,
  Table,
  Vector
} from 'apache-arrow';
import { cellText, isTemporal } from './arrow';
import { JobContext, NO_JOB } from './job';
import { argsort } from './sort';
import { applyColumnFilters, ColumnFilter } from './colfilter';

export interface IRowQuery {
  /** Case-insensitive substring that must appear in at least one cell of the row. */
  filterText?: string;
  /** Per-column filters, all of which a row must pass too. */
  columnFilters?: ColumnFilter[];
  /** Column to sort by; rows keep table order when absent. */
  sortColumn?: string;
  ascending?: boolean;
}

/** Row indices (into the table) that pass the filter, in sorted order. */
export function queryRows(table: Table, query: IRowQuery, ctx: JobContext = NO_JOB): Int32Array {
  let rows = filterRows(table, query.filterText ?? '', ctx);
  if (query.columnFilters?.length) {
    rows = applyColumnFilters(table, rows, query.columnFilters, ctx);
  }
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

/** Stable sort of `rows` by a column; nulls (and NaN) last in both directions (see sort.ts). */
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
  return argsort(col, ascending, rows);
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
  // Field metadata (e.g. pandas' schema metadata) and nullability are kept with the schema;
  // the batches must carry that same schema (Arrow refuses a table whose batches differ).
  const schema = new Schema(
    out.schema.fields.map((f, i) => table.schema.fields[i].clone({ type: f.type })),
    table.schema.metadata
  );
  return new Table(
    schema,
    out.batches.map(b => new RecordBatch(schema, b.data))
  );
}

/**
 * Gather rows of one column. Single-chunk columns are gathered from their buffers (see
 * gatherData): exact for 64-bit values (nanosecond timestamps, large ints), dictionaries
 * kept, and fast for nested columns; other columns go through an Arrow builder.
 */
function gatherColumn(col: Vector, rows: Int32Array): Vector {
  const gathered = col.data.length === 1 ? gatherData(col.data[0], rows) : null;
  if (gathered) {
    return new Vector([gathered]);
  }
  const builder = makeBuilder({ type: col.type as DataType, nullValues: [null, undefined] });
  for (let i = 0; i < rows.length; i++) {
    builder.append(plainValue(col.get(rows[i])));
  }
  return builder.finish().toVector();
}

/**
 * Rows of one Data node, from its buffers: fixed-width values (and dictionary indices),
 * utf8/binary, lists and maps (their child gathered in turn) and structs. Null for other
 * types (booleans, large offsets, unions...), which the caller builds instead.
 */
function gatherData(data: Data, rows: Int32Array): Data | null {
  const type = data.type as DataType;
  const n = rows.length;
  const { nullBitmap, nullCount } = validityOf(data, rows);
  const base = { type, length: n, nullCount, nullBitmap } as any;
  if (DataType.isUtf8(type) || DataType.isBinary(type)) {
    const offsets = data.valueOffsets as Int32Array;
    const bytes = data.values as Uint8Array;
    const valueOffsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      valueOffsets[i + 1] = valueOffsets[i] + offsets[rows[i] + 1] - offsets[rows[i]];
    }
    const out = new Uint8Array(valueOffsets[n]);
    for (let i = 0; i < n; i++) {
      out.set(bytes.subarray(offsets[rows[i]], offsets[rows[i] + 1]), valueOffsets[i]);
    }
    return makeData({ ...base, valueOffsets, data: out });
  }
  if (DataType.isList(type) || DataType.isMap(type)) {
    const offsets = data.valueOffsets as Int32Array;
    const valueOffsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      valueOffsets[i + 1] = valueOffsets[i] + offsets[rows[i] + 1] - offsets[rows[i]];
    }
    const items = new Int32Array(valueOffsets[n]);
    for (let i = 0; i < n; i++) {
      for (let j = offsets[rows[i]], k = valueOffsets[i]; j < offsets[rows[i] + 1]; j++, k++) {
        items[k] = j;
      }
    }
    const child = gatherData(data.children[0], items);
    return child && makeData({ ...base, valueOffsets, child });
  }
  if (DataType.isStruct(type)) {
    const children = data.children.map(c => gatherData(c, rows));
    return children.every(c => c !== null) ? makeData({ ...base, children }) : null;
  }
  const stride = data.stride;
  const src = data.values as any;
  if (
    DataType.isBool(type) ||
    !ArrayBuffer.isView(data.values) ||
    !(stride > 0) ||
    data.valueOffsets
  ) {
    return null;
  }
  const values = new src.constructor(n * stride);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < stride; k++) {
      values[i * stride + k] = src[rows[i] * stride + k]; // a slice's values start at its offset
    }
  }
  return makeData({ ...base, data: values, dictionary: data.dictionary });
}

/** The validity bitmap of `rows` of data (none when it has no nulls). */
function validityOf(data: Data, rows: Int32Array) {
  if (data.nullCount === 0) {
    return { nullBitmap: undefined, nullCount: 0 };
  }
  const nullBitmap = new Uint8Array((rows.length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < rows.length; i++) {
    if (data.getValid(rows[i])) {
      nullBitmap[i >> 3] |= 1 << (i & 7);
    } else {
      nullCount++;
    }
  }
  return { nullBitmap, nullCount };
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
