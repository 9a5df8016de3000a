// The sort of the table view: a stable argsort of an Arrow column by radix passes over key
// bits (radix.ts) instead of a comparator over boxed values (1-2 s at a million rows).
// The order is the one the comparator it replaced gave (src/analytics/__tests__/comparatorsort.ts):
// numbers (ints, floats, booleans) and times (timestamps, dates) by value, -0 equal to 0, NaN
// as null; every other type by its cell text (cellText) in JavaScript's `<` order (UTF-16 code
// units, no locale); nulls last in both directions; equal keys in table row order. One
// difference: 64-bit values are compared exactly, where the comparator compared them as
// doubles and so tied values closer than a double can tell (int64 beyond 2^53, nanoseconds).
import { Data, DataType, Float, Type, Vector } from 'apache-arrow';
import { cellText } from './arrow';
import { radixSort } from './radix';
import { IUtf8Rows, sortUtf8, utf8Rows } from './sorttext';

/** How a column's rows are ordered: which rows have a key, and how to sort those. */
interface IOrdering {
  /** 1 where the row has a key; rows without one (null, NaN) go last. */
  valid: Uint8Array;
  /** Sorts rows that have a key in place, stable. */
  sort(idx: Int32Array, ascending: boolean): void;
}

/**
 * Row indices of `column` in sorted order (of `rows` when given: the rows to order, e.g. those
 * a filter kept). Stable: equal keys keep table row order; rows without a key come last in
 * both directions, in table row order.
 */
export function argsort(column: Vector, ascending = true, rows?: Int32Array): Int32Array {
  const order = ordering(column);
  const input = rows ? inRowOrder(rows) : identity(column.length);
  const out = new Int32Array(input.length);
  const valid = order.valid;
  let keyed = 0;
  for (let i = 0; i < input.length; i++) {
    keyed += valid[input[i]];
  }
  for (let i = 0, k = 0, nk = keyed; i < input.length; i++) {
    out[valid[input[i]] ? k++ : nk++] = input[i];
  }
  order.sort(out.subarray(0, keyed), ascending);
  return out;
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = i;
  }
  return out;
}

/** Ties are broken by table row, so the rows to order are taken in table row order. */
function inRowOrder(rows: Int32Array): Int32Array {
  for (let i = 1; i < rows.length; i++) {
    if (rows[i] < rows[i - 1]) {
      return Int32Array.from(rows).sort();
    }
  }
  return rows;
}

function ordering(column: Vector): IOrdering {
  const type = column.type as DataType;
  switch (type.typeId) {
    case Type.Int:
    case Type.Bool:
    case Type.Float:
    case Type.Timestamp:
    case Type.Date:
      return wordOrdering(numberKeys(column));
    case Type.Dictionary:
      return wordOrdering(dictionaryKeys(column));
  }
  const text = utf8Rows(column);
  return text ? textOrdering(column, text) : wordOrdering(textKeys(column));
}

/** Keys as unsigned words (most significant first), one per table row each. */
interface IWordKeys {
  words: Uint32Array[];
  valid: Uint8Array;
}

function wordOrdering({ words, valid }: IWordKeys): IOrdering {
  return {
    valid,
    sort(idx, ascending) {
      // Descending: complemented keys, still stable.
      radixSort(
        idx,
        words.map(w => gather(w, idx, ascending ? 0 : -1))
      );
    }
  };
}

/** The keys of rows idx, xor-ed with flip. */
function gather(words: Uint32Array, idx: Int32Array, flip: number): Uint32Array {
  const out = new Uint32Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    out[i] = words[idx[i]] ^ flip;
  }
  return out;
}

function textOrdering(column: Vector, text: IUtf8Rows): IOrdering {
  return {
    valid: validity(column),
    sort: (idx, ascending) => sortUtf8(idx, text, ascending)
  };
}

/** 1 for each row that is not null (read from the bitmaps: Data.getValid is slow per row). */
function validity(column: Vector): Uint8Array {
  const valid = new Uint8Array(column.length).fill(1);
  forEachChunk(column, (data, at) => {
    const bitmap = data.nullBitmap;
    if (data.nullCount === 0) {
      return;
    }
    if (DataType.isUnion(data.type) || !bitmap || !bitmap.length) {
      for (let j = 0; j < data.length; j++) {
        valid[at + j] = data.getValid(j) ? 1 : 0;
      }
      return;
    }
    for (let j = 0, b = data.offset; j < data.length; j++, b++) {
      valid[at + j] = (bitmap[b >> 3] >> (b & 7)) & 1;
    }
  });
  return valid;
}

function forEachChunk(column: Vector, fn: (data: Data, at: number) => void): void {
  let at = 0;
  for (const data of column.data as Data[]) {
    fn(data, at);
    at += data.length;
  }
}

const SIGN = 0x80000000;

/**
 * Order-preserving unsigned words of ints, booleans, floats, timestamps and dates: signed
 * values with the sign bit flipped, floats by their bits (negative ones complemented), -0 as
 * 0, NaN without a key. 64-bit values are two words (high, low).
 */
function numberKeys(column: Vector): IWordKeys {
  const n = column.length;
  const valid = validity(column);
  const wide = is64Bit(column.type as DataType);
  const hi = new Uint32Array(n);
  const lo = wide ? new Uint32Array(n) : null;
  forEachChunk(column, (data, at) => {
    const type = data.type as DataType;
    if (DataType.isBool(type)) {
      boolWords(data, hi, at);
    } else if (DataType.isFloat(type)) {
      floatWords(data, hi, lo, valid, at);
    } else if (wide) {
      int64Words(data, hi, lo!, at);
    } else {
      const signed = (type as { isSigned?: boolean }).isSigned ?? true; // dates are signed
      const values = data.values as Int32Array;
      for (let j = 0; j < data.length; j++) {
        hi[at + j] = signed ? values[j] ^ SIGN : values[j];
      }
    }
  });
  return { words: lo ? [hi, lo] : [hi], valid };
}

function is64Bit(type: DataType): boolean {
  if (DataType.isInt(type)) {
    return type.bitWidth === 64;
  }
  if (DataType.isFloat(type)) {
    return type.precision === 2; // DOUBLE
  }
  return DataType.isTimestamp(type) || (DataType.isDate(type) && type.unit === 1); // MILLISECOND
}

function boolWords(data: Data, hi: Uint32Array, at: number): void {
  const bits = data.values as Uint8Array;
  for (let j = 0; j < data.length; j++) {
    const b = data.offset + j;
    hi[at + j] = (bits[b >> 3] >> (b & 7)) & 1;
  }
}

function int64Words(data: Data, hi: Uint32Array, lo: Uint32Array, at: number): void {
  const v = data.values as BigInt64Array;
  const words = new Int32Array(v.buffer, v.byteOffset, v.length * 2); // little-endian
  const signed = !DataType.isInt(data.type) || data.type.isSigned;
  for (let j = 0; j < data.length; j++) {
    lo[at + j] = words[2 * j];
    hi[at + j] = signed ? words[2 * j + 1] ^ SIGN : words[2 * j + 1];
  }
}

/** Float bits as sortable words; NaN rows lose their key. */
function floatWords(
  data: Data,
  hi: Uint32Array,
  lo: Uint32Array | null,
  valid: Uint8Array,
  at: number
): void {
  const precision = (data.type as DataType as Float).precision;
  if (precision === 0) {
    half(data, hi, valid, at);
    return;
  }
  const values = data.values as Float32Array | Float64Array;
  const bits = new Int32Array(values.buffer, values.byteOffset, values.length * (lo ? 2 : 1));
  for (let j = 0; j < data.length; j++) {
    const x = values[j];
    if (x !== x) {
      valid[at + j] = 0;
    } else if (x === 0) {
      hi[at + j] = SIGN; // -0 and 0 are equal
    } else if (lo) {
      const h = bits[2 * j + 1];
      hi[at + j] = h < 0 ? ~h : h ^ SIGN;
      lo[at + j] = h < 0 ? ~bits[2 * j] : bits[2 * j];
    } else {
      const h = bits[j];
      hi[at + j] = h < 0 ? ~h : h ^ SIGN;
    }
  }
}

function half(data: Data, hi: Uint32Array, valid: Uint8Array, at: number): void {
  const values = data.values as Uint16Array;
  for (let j = 0; j < data.length; j++) {
    const h = values[j];
    if ((h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0) {
      valid[at + j] = 0; // NaN
    } else {
      hi[at + j] = (h & 0x7fff) === 0 ? 0x8000 : h & 0x8000 ? ~h & 0xffff : h | 0x8000;
    }
  }
}

/**
 * Dictionary columns: the comparator took each cell's text, so the distinct dictionary values
 * are ranked once by text and rows are sorted by the rank of their index.
 */
function dictionaryKeys(column: Vector): IWordKeys {
  const n = column.length;
  const valid = validity(column);
  const rank = new Uint32Array(n);
  const chunks = column.data as Data[];
  const dictionaries = [...new Set(chunks.map(c => c.dictionary!))];
  const all =
    dictionaries.length === 1 ? dictionaries[0] : dictionaries.reduce((a, b) => a.concat(b));
  const ranks = valueRanks(all, column.type as DataType);
  const startOf = new Map<Vector, number>();
  dictionaries.reduce((start, d) => (startOf.set(d, start), start + d.length), 0);
  forEachChunk(column, (data, at) => {
    const base = startOf.get(data.dictionary!)!;
    const indices = data.values as ArrayLike<number | bigint>;
    for (let j = 0; j < data.length; j++) {
      const r = ranks[base + Number(indices[j])];
      if (r < 0) {
        valid[at + j] = 0; // a null dictionary value
      } else {
        rank[at + j] = r;
      }
    }
  });
  return { words: [rank], valid };
}

/**
 * Rank of each value of `values` by its text (as a cell of `cellType`: the comparator's
 * key), equal texts sharing one; -1 for null.
 */
function valueRanks(values: Vector, cellType: DataType): Int32Array {
  const ranks = new Int32Array(values.length).fill(-1);
  const text = DataType.isUtf8(values.type) ? utf8Rows(values) : null;
  if (text) {
    const order = argsort(values);
    const valid = validity(values);
    for (let i = 0, r = -1; i < order.length && valid[order[i]]; i++) {
      r += i === 0 || !sameText(order[i - 1], order[i], text) ? 1 : 0;
      ranks[order[i]] = r;
    }
    return ranks;
  }
  const texts = cellTexts(values, cellType);
  const distinct = [...new Set(texts.filter(t => t !== null))].sort();
  const rankOf = new Map(distinct.map((t, r) => [t, r]));
  texts.forEach((t, i) => t !== null && (ranks[i] = rankOf.get(t)!));
  return ranks;
}

function sameText(a: number, b: number, text: IUtf8Rows): boolean {
  const { bytes, start, end } = text;
  if (end[a] - start[a] !== end[b] - start[b]) {
    return false;
  }
  for (let k = 0; k < end[a] - start[a]; k++) {
    if (bytes[start[a] + k] !== bytes[start[b] + k]) {
      return false;
    }
  }
  return true;
}

/** Any other type (decimals, times of day, durations, lists, invalid UTF-8...): by text. */
function textKeys(column: Vector): IWordKeys {
  const ranks = valueRanks(column, column.type as DataType);
  const valid = new Uint8Array(ranks.length);
  const rank = new Uint32Array(ranks.length);
  ranks.forEach((r, i) => r >= 0 && ((valid[i] = 1), (rank[i] = r)));
  return { words: [rank], valid };
}

function cellTexts(values: Vector, cellType: DataType): (string | null)[] {
  const out: (string | null)[] = new Array(values.length);
  let i = 0;
  for (const v of values) {
    out[i++] = v === null || v === undefined ? null : cellText(v, cellType);
  }
  return out;
}
