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
  const bytes = chunks.length === 1 ? (chunks[0].values as Uint8Array) : concatValues(chunks);
  const start = new Int32Array(column.length);
  const end = new Int32Array(column.length);
  let row = 0;
  let base = 0;
  for (const chunk of chunks) {
    const offsets = chunk.valueOffsets as Int32Array;
    const shift = chunks.length === 1 ? 0 : base - offsets[0];
    for (let j = 0; j < chunk.length; j++, row++) {
      start[row] = offsets[j] + shift;
      end[row] = offsets[j + 1] + shift;
    }
    base += offsets[chunk.length] - offsets[0];
  }
  if (!validUtf8(bytes, start, end)) {
    return null;
  }
  skipByteOrderMarks(bytes, start, end);
  return { bytes, start, end };
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
 * Every range is valid UTF-8: the bytes they cover decode strictly and no range starts or ends
 * inside a sequence (then each range is whole sequences).
 */
function validUtf8(bytes: Uint8Array, start: Int32Array, end: Int32Array): boolean {
  let ascii = true;
  for (let i = 0; i < bytes.length && ascii; i++) {
    ascii = bytes[i] < 0x80;
  }
  if (ascii) {
    return true;
  }
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

function skipByteOrderMarks(bytes: Uint8Array, start: Int32Array, end: Int32Array): void {
  for (let r = 0; r < start.length; r++) {
    const s = start[r];
    if (end[r] - s >= 3 && bytes[s] === 0xef && bytes[s + 1] === 0xbb && bytes[s + 2] === 0xbf) {
      start[r] = s + 3;
    }
  }
}

/** Runs up to this length are sorted by comparing bytes; longer ones by radix passes. */
const COMPARE_RUN = 256;
const INSERTION_RUN = 12;

/**
 * Sorts `idx` (rows with a value) by their text, stable. Depth-first over 8-byte steps: a
 * radix pass orders a run by its next 8 bytes and its remaining length (capped at 9, so a
 * text that ends first comes first), then each group still tied with more bytes to go is
 * refined from 8 bytes further on.
 */
export function sortUtf8(idx: Int32Array, text: IUtf8Rows, ascending: boolean): void {
  const hi = new Uint32Array(idx.length);
  const lo = new Uint32Array(idx.length);
  const len = new Uint32Array(idx.length);
  const sign = ascending ? 0 : -1; // descending: every key word complemented
  const stack: number[] = [0, idx.length, 0];
  while (stack.length) {
    const depth = stack.pop()!;
    const to = stack.pop()!;
    const from = stack.pop()!;
    const run = idx.subarray(from, to);
    if (allEqual(run, text, depth)) {
      continue; // equal texts keep their order
    }
    if (run.length <= COMPARE_RUN) {
      compareSort(run, text, depth, ascending);
      continue;
    }
    const words = [hi.subarray(from, to), lo.subarray(from, to), len.subarray(from, to)];
    fillKeys(run, text, depth, words, sign);
    radixSort(run, words);
    pushTiedGroups(stack, words, from, depth, (9 ^ sign) >>> 0);
  }
}

/** Key words at `depth`: bytes 0-3 and 4-7 (mapped, zero-padded) and min(remaining, 9). */
function fillKeys(
  run: Int32Array,
  text: IUtf8Rows,
  depth: number,
  words: Uint32Array[],
  sign: number
): void {
  const { bytes, start, end } = text;
  const [hi, lo, len] = words;
  for (let i = 0; i < run.length; i++) {
    const s = start[run[i]] + depth;
    const rest = end[run[i]] - s;
    let h = 0;
    let l = 0;
    for (let k = 0; k < 4; k++) {
      h = (h << 8) | (k < rest ? BYTE_ORDER[bytes[s + k]] : 0);
      l = (l << 8) | (k + 4 < rest ? BYTE_ORDER[bytes[s + k + 4]] : 0);
    }
    hi[i] = h ^ sign;
    lo[i] = l ^ sign;
    len[i] = (rest < 9 ? rest : 9) ^ sign;
  }
}

function pushTiedGroups(
  stack: number[],
  words: Uint32Array[],
  from: number,
  depth: number,
  more: number
): void {
  const [hi, lo, len] = words;
  const n = hi.length;
  for (let a = 0, b = 1; a < n; a = b++) {
    while (b < n && hi[b] === hi[a] && lo[b] === lo[a] && len[b] === len[a]) {
      b++;
    }
    if (b - a > 1 && len[a] === more) {
      stack.push(from + a, from + b, depth + 8);
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
