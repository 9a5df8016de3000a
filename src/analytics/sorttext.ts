// Sorting text for the table view (see sort.ts) in the order JavaScript's `<` gives the
// decoded strings (UTF-16 code units), without decoding them: utf8 bytes are compared through
// a byte map under which UTF-8 byte order equals UTF-16 order, eight bytes at a time by radix
// passes, refining only the runs that share those bytes.
import { Data, DataType, Vector } from 'apache-arrow';
import { radixSort } from './radix';

/**
 * UTF-8 byte order is code point order; UTF-16 order puts U+10000.. (4-byte sequences, lead
 * bytes F0-F4) before U+E000..U+FFFF (3-byte sequences with lead bytes EE, EF). Lead bytes
 * never equal continuation bytes, so moving these seven values reorders exactly those groups.
 */
const BYTE_ORDER = Uint8Array.from({ length: 256 }, (_, b) =>
  b === 0xee || b === 0xef ? b + 5 : b >= 0xf0 && b <= 0xf4 ? b - 2 : b
);

/** Where each row's text is: bytes[start[row]..end[row]) (both indexed by table row). */
export interface IUtf8Rows {
  bytes: Uint8Array;
  start: Int32Array;
  end: Int32Array;
}

/**
 * The rows of a utf8 column as byte ranges, or null when they cannot be compared as bytes
 * (another string type, or invalid UTF-8, which Arrow decodes with U+FFFD replacements).
 * Arrow's decoder drops one leading byte order mark, so a range starts after it.
 */
export function utf8Rows(column: Vector): IUtf8Rows | null {
  const chunks = column.data as Data[];
  if (!DataType.isUtf8(column.type) || !chunks.every(c => c.valueOffsets instanceof Int32Array)) {
    return null;
  }
  const text =
    chunks.length === 1 ? chunkRows(chunks[0]) : chunkRows(concatChunks(chunks, column.length));
  if (isAscii(text.bytes)) {
    return text;
  }
  return validUtf8(text.bytes, text.start, text.end) ? skipByteOrderMarks(text) : null;
}

/** One chunk's rows, reading its offsets in place (start and end are views of them). */
function chunkRows(chunk: { values: unknown; valueOffsets: unknown; length: number }): IUtf8Rows {
  const offsets = chunk.valueOffsets as Int32Array;
  return {
    bytes: chunk.values as Uint8Array,
    start: offsets.subarray(0, chunk.length),
    end: offsets.subarray(1, chunk.length + 1)
  };
}

/** Several chunks as one: their bytes one after the other, offsets shifted to match. */
function concatChunks(chunks: Data[], length: number) {
  const values = concatValues(chunks);
  const valueOffsets = new Int32Array(length + 1);
  let row = 0;
  for (const chunk of chunks) {
    const offsets = chunk.valueOffsets as Int32Array;
    const shift = valueOffsets[row] - offsets[0];
    for (let j = 1; j <= chunk.length; j++) {
      valueOffsets[row + j] = offsets[j] + shift;
    }
    row += chunk.length;
  }
  return { values, valueOffsets, length };
}

function concatValues(chunks: Data[]): Uint8Array {
  const parts = chunks.map(c => {
    const offsets = c.valueOffsets as Int32Array;
    return (c.values as Uint8Array).subarray(offsets[0], offsets[c.length]);
  });
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

const STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Every range (of bytes that are not all ASCII) is valid UTF-8: the bytes they cover decode strictly and no range starts or ends
 * inside a sequence (then each range is whole sequences).
 */
function validUtf8(bytes: Uint8Array, start: Int32Array, end: Int32Array): boolean {
  try {
    STRICT.decode(bytes);
  } catch {
    return false;
  }
  const inside = (at: number) => at < bytes.length && (bytes[at] & 0xc0) === 0x80;
  for (let r = 0; r < start.length; r++) {
    if (start[r] < end[r] && (inside(start[r]) || inside(end[r]))) {
      return false;
    }
  }
  return true;
}

/** Four bytes at a time where aligned. */
function isAscii(bytes: Uint8Array): boolean {
  const head = Math.min(bytes.length, (4 - (bytes.byteOffset & 3)) & 3);
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + head, (bytes.length - head) >> 2);
  for (let i = 0; i < words.length; i++) {
    if (words[i] & 0x80808080) {
      return false;
    }
  }
  for (let i = 0; i < bytes.length; i++) {
    if (i === head) {
      i += words.length * 4; // the words checked above
    }
    if (i < bytes.length && bytes[i] >= 0x80) {
      return false;
    }
  }
  return true;
}

/** Rows that start with a byte order mark start after it (a copy of start, then). */
function skipByteOrderMarks(text: IUtf8Rows): IUtf8Rows {
  const { bytes, end } = text;
  let start = text.start;
  for (let r = 0; r < start.length; r++) {
    const s = start[r];
    if (end[r] - s >= 3 && bytes[s] === 0xef && bytes[s + 1] === 0xbb && bytes[s + 2] === 0xbf) {
      start = start === text.start ? start.slice() : start;
      start[r] = s + 3;
    }
  }
  return { bytes, start, end };
}

/** Runs up to this length are sorted by comparing bytes; longer ones by radix passes. */
const COMPARE_RUN = 256;
const INSERTION_RUN = 12;

const SAMPLE = 4096;

/**
 * Sorts `idx` (rows with a value) by their text, stable. A column with few distinct texts
 * (hosts, users, addresses) sorts those once and its rows by their rank; any other by MSD
 * radix passes over its bytes.
 */
export function sortUtf8(idx: Int32Array, text: IUtf8Rows, ascending: boolean): void {
  // A first block of rows that is nearly all distinct: hashing the rest would be wasted.
  const sample = idx.subarray(0, SAMPLE);
  const groups =
    idx.length > SAMPLE && !distinctTexts(sample, text, (SAMPLE * 3) >> 2)
      ? null
      : distinctTexts(idx, text, Math.max(1024, idx.length >> 3));
  if (!groups) {
    msdSort(idx, text, ascending, commonPrefix(idx, text));
    return;
  }
  const { ids, rows } = groups;
  const order = rows.slice();
  msdSort(order, text, true, 0);
  const rankOf = new Map<number, number>();
  order.forEach((row, rank) => rankOf.set(row, ascending ? rank : order.length - 1 - rank));
  const rank = rows.map(row => rankOf.get(row)!);
  const key = new Uint32Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    key[i] = rank[ids[i]];
  }
  radixSort(idx, [key]);
}

/**
 * For each of idx, the id of its text (equal bytes, equal id) and a row holding each
 * distinct text; null as soon as there are more than `limit` of them. Reads the rows in
 * their order (sequential memory), with an FNV-1a hash of the bytes.
 */
function distinctTexts(
  idx: Int32Array,
  text: IUtf8Rows,
  limit: number
): { ids: Int32Array; rows: Int32Array } | null {
  const { bytes, start, end } = text;
  const size = 1 << Math.ceil(Math.log2(limit * 2));
  const slots = new Int32Array(size).fill(-1);
  const rows = new Int32Array(limit);
  const ids = new Int32Array(idx.length);
  let count = 0;
  for (let i = 0; i < idx.length; i++) {
    const row = idx[i];
    let h = 0x811c9dc5;
    for (let k = start[row]; k < end[row]; k++) {
      h = Math.imul(h ^ bytes[k], 0x01000193);
    }
    let slot = h & (size - 1);
    let id = slots[slot];
    while (id >= 0 && compareText(rows[id], row, text) !== 0) {
      slot = (slot + 1) & (size - 1);
      id = slots[slot];
    }
    if (id < 0) {
      if (count === limit) {
        return null;
      }
      id = slots[slot] = count++;
      rows[id] = row;
    }
    ids[i] = id;
  }
  return { ids, rows: rows.subarray(0, count) };
}

/** Bytes every row of idx starts with. */
function commonPrefix(idx: Int32Array, text: IUtf8Rows): number {
  const { bytes, start, end } = text;
  if (!idx.length) {
    return 0;
  }
  const first = start[idx[0]];
  let common = end[idx[0]] - first;
  for (let i = 1; i < idx.length && common > 0; i++) {
    const s = start[idx[i]];
    common = Math.min(common, end[idx[i]] - s);
    for (let k = 0; k < common; k++) {
      if (bytes[s + k] !== bytes[first + k]) {
        common = k;
      }
    }
  }
  return common;
}

/** Bytes a radix step orders by; the key's last byte is the remaining length, capped. */
const STEP = 7;
const MORE = STEP + 1;

/**
 * MSD radix sort from byte `depth` on (all of idx share the bytes before it), depth-first
 * over 7-byte steps: a radix pass orders a run by its next 7 bytes and its remaining length
 * (capped at 8, so a text that ends first comes first), then each group still tied with more
 * bytes to go is refined from 7 bytes further on.
 */
function msdSort(idx: Int32Array, text: IUtf8Rows, ascending: boolean, depth: number): void {
  const hi = new Uint32Array(idx.length);
  const lo = new Uint32Array(idx.length);
  const sign = ascending ? 0 : -1; // descending: every key word complemented
  const stack: number[] = [0, idx.length, depth];
  while (stack.length) {
    const at = stack.pop()!;
    const to = stack.pop()!;
    const from = stack.pop()!;
    const run = idx.subarray(from, to);
    if (allEqual(run, text, at)) {
      continue; // equal texts keep their order
    }
    if (run.length <= COMPARE_RUN) {
      compareSort(run, text, at, ascending);
      continue;
    }
    const words = [hi.subarray(from, to), lo.subarray(from, to)];
    fillKeys(run, text, at, words, sign);
    radixSort(run, words, true);
    pushTiedGroups(stack, words, from, at, (MORE ^ sign) & 0xff);
  }
}

/** Key words at `depth`: bytes 0-3, then bytes 4-6 (mapped, zero-padded) and min(remaining, 8). */
function fillKeys(
  run: Int32Array,
  text: IUtf8Rows,
  depth: number,
  words: Uint32Array[],
  sign: number
): void {
  const { bytes, start, end } = text;
  const [hi, lo] = words;
  for (let i = 0; i < run.length; i++) {
    const s = start[run[i]] + depth;
    const rest = end[run[i]] - s;
    let h = 0;
    let l = 0;
    for (let k = 0; k < 4; k++) {
      h = (h << 8) | (k < rest ? BYTE_ORDER[bytes[s + k]] : 0);
    }
    for (let k = 4; k < STEP; k++) {
      l = (l << 8) | (k < rest ? BYTE_ORDER[bytes[s + k]] : 0);
    }
    hi[i] = h ^ sign;
    lo[i] = ((l << 8) | (rest < MORE ? rest : MORE)) ^ sign;
  }
}

function pushTiedGroups(
  stack: number[],
  words: Uint32Array[],
  from: number,
  depth: number,
  more: number
): void {
  const [hi, lo] = words;
  const n = hi.length;
  for (let a = 0, b = 1; a < n; a = b++) {
    while (b < n && hi[b] === hi[a] && lo[b] === lo[a]) {
      b++;
    }
    if (b - a > 1 && (lo[a] & 0xff) === more) {
      stack.push(from + a, from + b, depth + STEP);
    }
  }
}

function allEqual(run: Int32Array, text: IUtf8Rows, depth: number): boolean {
  for (let i = 1; i < run.length; i++) {
    if (compareText(run[0], run[i], text, depth) !== 0) {
      return false;
    }
  }
  return true;
}

/** Short runs: a stable comparison sort (insertion sort for the shortest). */
function compareSort(run: Int32Array, text: IUtf8Rows, depth: number, ascending: boolean): void {
  const dir = ascending ? 1 : -1;
  if (run.length <= INSERTION_RUN) {
    for (let i = 1; i < run.length; i++) {
      const r = run[i];
      let j = i - 1;
      for (; j >= 0 && dir * compareText(run[j], r, text, depth) > 0; j--) {
        run[j + 1] = run[j];
      }
      run[j + 1] = r;
    }
    return;
  }
  // Array.prototype.sort is stable.
  run.set(Array.from(run).sort((a, b) => dir * compareText(a, b, text, depth)));
}

/** Text order of two rows from byte `depth` on (both share the bytes before it). */
export function compareText(a: number, b: number, text: IUtf8Rows, depth = 0): number {
  const { bytes, start, end } = text;
  const sa = start[a] + depth;
  const sb = start[b] + depth;
  const la = end[a] - sa;
  const lb = end[b] - sb;
  const n = la < lb ? la : lb;
  for (let k = 0; k < n; k++) {
    const x = bytes[sa + k];
    const y = bytes[sb + k];
    if (x !== y) {
      return BYTE_ORDER[x] - BYTE_ORDER[y];
    }
  }
  return la - lb;
}
