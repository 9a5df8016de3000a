// Finds rows of an Arrow column that repeat an earlier row, comparing the raw buffers (offsets,
// bytes, dictionary indices) without decoding a string. Session columns repeat a lot (the same
// short command sequence run again and again), and reading a repeat this way costs a compare
// of its bytes instead of a lookup per string. Rows called equal are equal in value; a type
// without a buffer compare here (or two chunks with different dictionaries) just never
// repeats, which is always correct.
import { Data, DataType } from 'apache-arrow';

/** Hash and equality of a range of rows of one Data node, built once per node. */
export interface IRangeOps {
  /** Mixes rows a .. a + len - 1 into h (sampled: cheap, and equal ranges hash equal). */
  hash(a: number, len: number, h: number): number;
  /** Whether rows a.. of this node equal rows b.. of `other` (built for the same type). */
  equal(a: number, other: IRangeOps, b: number, len: number): boolean;
  /** equal(a, this, b, 1) in fewer steps, where a node has a faster way (flat rows). */
  rowsEqual?(a: number, b: number): boolean;
}

const mix = (h: number, x: number) => Math.imul(h ^ x, 0x01000193);

/** Range ops for a Data node, or null when its type has no buffer compare here. */
export function rangeOps(data: Data): IRangeOps | null {
  const type = data.type as DataType;
  let ops: IRangeOps | null = null;
  if (data.dictionary) {
    ops = new DictionaryOps(data);
  } else if (DataType.isUtf8(type) || DataType.isBinary(type)) {
    ops = new BytesOps(data);
  } else if (DataType.isList(type) || DataType.isMap(type)) {
    const child = rangeOps(data.children[0]);
    if (child instanceof DictionaryOps) {
      ops = new IndexListOps(data, child);
    } else if (CommandParamsListOps.fits(child)) {
      ops = new CommandParamsListOps(data, child);
    } else {
      ops = child && new ListOps(data, child);
    }
  } else if (DataType.isStruct(type)) {
    const children = data.children.map(rangeOps);
    ops = children.every(c => c !== null) ? new StructOps(children as IRangeOps[]) : null;
  }
  return ops && data.nullCount > 0 ? new ValidityOps(data, ops) : ops;
}

/** Length of each row is part of every variable-size node's hash and equality. */
function lengthsEqual(x: Int32Array, a: number, y: Int32Array, b: number, len: number): boolean {
  for (let k = 0; k < len; k++) {
    if (x[a + k + 1] - x[a + k] !== y[b + k + 1] - y[b + k]) {
      return false;
    }
  }
  return true;
}

function hashLengths(offsets: Int32Array, a: number, len: number, h: number): number {
  for (let k = a; k < a + len; k++) {
    h = mix(h, offsets[k + 1] - offsets[k]);
  }
  return h;
}

class BytesOps implements IRangeOps {
  readonly offsets: Int32Array;
  readonly bytes: Uint8Array;
  /** 4-byte reads at any alignment: a quarter of the iterations of a byte loop. */
  readonly view: DataView;

  constructor(data: Data) {
    this.offsets = data.valueOffsets as Int32Array;
    this.bytes = data.values as Uint8Array;
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
  }

  hash(a: number, len: number, h: number): number {
    h = hashLengths(this.offsets, a, len, h);
    // up to 4 bytes from each end of the range: the lengths do most of the work
    const from = this.offsets[a];
    const to = this.offsets[a + len];
    const head = Math.min(to, from + 4);
    for (let i = from; i < head; i++) {
      h = mix(h, this.bytes[i]);
    }
    for (let i = Math.max(head, to - 4); i < to; i++) {
      h = mix(h, this.bytes[i]);
    }
    return h;
  }

  equal(a: number, other: IRangeOps, b: number, len: number): boolean {
    if (!(other instanceof BytesOps)) {
      return false; // a chunk with nulls against one without
    }
    const o = other;
    if (!lengthsEqual(this.offsets, a, o.offsets, b, len)) {
      return false;
    }
    const from = this.offsets[a];
    const to = this.offsets[a + len];
    const shift = o.offsets[b] - from;
    const x = this.view;
    const y = o.view;
    let i = from;
    for (; i + 4 <= to; i += 4) {
      if (x.getInt32(i) !== y.getInt32(i + shift)) {
        return false;
      }
    }
    for (; i < to; i++) {
      if (this.bytes[i] !== o.bytes[i + shift]) {
        return false;
      }
    }
    return true;
  }
}

class ListOps implements IRangeOps {
  readonly offsets: Int32Array;

  constructor(
    data: Data,
    readonly child: IRangeOps
  ) {
    this.offsets = data.valueOffsets as Int32Array;
  }

  hash(a: number, len: number, h: number): number {
    h = hashLengths(this.offsets, a, len, h);
    const from = this.offsets[a];
    return this.child.hash(from, this.offsets[a + len] - from, h);
  }

  equal(a: number, other: IRangeOps, b: number, len: number): boolean {
    if (!(other instanceof ListOps)) {
      return false; // a chunk with nulls against one without
    }
    const o = other;
    if (!lengthsEqual(this.offsets, a, o.offsets, b, len)) {
      return false;
    }
    const from = this.offsets[a];
    return this.child.equal(from, o.child, o.offsets[b], this.offsets[a + len] - from);
  }
}

class StructOps implements IRangeOps {
  constructor(readonly children: IRangeOps[]) {}

  hash(a: number, len: number, h: number): number {
    const children = this.children;
    for (let i = 0; i < children.length; i++) {
      h = children[i].hash(a, len, h);
    }
    return h;
  }

  equal(a: number, other: IRangeOps, b: number, len: number): boolean {
    if (!(other instanceof StructOps)) {
      return false;
    }
    for (let i = 0; i < this.children.length; i++) {
      if (!this.children[i].equal(a, other.children[i], b, len)) {
        return false;
      }
    }
    return true;
  }
}

class DictionaryOps implements IRangeOps {
  readonly indices: ArrayLike<number>;
  readonly dictionary: unknown;

  constructor(data: Data) {
    this.indices = data.values as ArrayLike<number>;
    this.dictionary = data.dictionary;
  }

  hash(a: number, len: number, h: number): number {
    for (let k = a; k < a + len; k++) {
      h = mix(h, this.indices[k]);
    }
    return h;
  }

  equal(a: number, other: IRangeOps, b: number, len: number): boolean {
    if (!(other instanceof DictionaryOps)) {
      return false; // a chunk with nulls against one without
    }
    const o = other;
    if (o.dictionary !== this.dictionary) {
      return false; // another chunk's dictionary: the same index may mean another string
    }
    for (let k = 0; k < len; k++) {
      if (this.indices[a + k] !== o.indices[b + k]) {
        return false;
      }
    }
    return true;
  }
}

/**
 * A list of dictionary indices (a session of dictionary-encoded commands: the common case),
 * hashed and compared in one loop each rather than through ListOps and DictionaryOps.
 */
class IndexListOps implements IRangeOps {
  readonly offsets: Int32Array;
  readonly indices: ArrayLike<number>;

  constructor(
    data: Data,
    readonly child: DictionaryOps
  ) {
    this.offsets = data.valueOffsets as Int32Array;
    this.indices = child.indices;
  }

  hash(a: number, len: number, h: number): number {
    const offsets = this.offsets;
    const indices = this.indices;
    const from = offsets[a];
    const to = offsets[a + len];
    if (len === 1) {
      h = mix(h, to - from); // one row (the deduper's case): no loop over lengths
    } else {
      h = hashLengths(offsets, a, len, h);
    }
    for (let i = from; i < to; i++) {
      h = mix(h, indices[i]);
    }
    return h;
  }

  rowsEqual(a: number, b: number): boolean {
    const offsets = this.offsets;
    const from = offsets[a];
    const len = offsets[a + 1] - from;
    if (offsets[b + 1] - offsets[b] !== len) {
      return false;
    }
    const shift = offsets[b] - from;
    const indices = this.indices;
    for (let i = from; i < from + len; i++) {
      if (indices[i] !== indices[i + shift]) {
        return false;
      }
    }
    return true;
  }

  equal(a: number, other: IRangeOps, b: number, len: number): boolean {
    if (!(other instanceof IndexListOps) || other.child.dictionary !== this.child.dictionary) {
      return false; // another chunk's dictionary: the same index may mean another string
    }
    const x = this.offsets;
    const y = other.offsets;
    if (!lengthsEqual(x, a, y, b, len)) {
      return false;
    }
    const shift = y[b] - x[a];
    const xi = this.indices;
    const yi = other.indices;
    for (let i = x[a]; i < x[a + len]; i++) {
      if (xi[i] !== yi[i + shift]) {
        return false;
      }
    }
    return true;
  }
}

/**
 * list<struct<dictionary, list<dictionary>>>: sessions of commands with their params as the
 * kernel sends them. The same hash and equality as the nested ops, each in a few flat loops:
 * 1.5x faster on the benchmark's sessions (bench/sessions), where a loop over any number of
 * fields was no faster than the nested ops.
 */
class CommandParamsListOps extends ListOps {
  private readonly _names: DictionaryOps;
  private readonly _params: IndexListOps;

  constructor(data: Data, child: StructOps) {
    super(data, child);
    this._names = child.children[0] as DictionaryOps;
    this._params = child.children[1] as IndexListOps;
  }

  static fits(child: IRangeOps | null): child is StructOps {
    return (
      child instanceof StructOps &&
      child.children.length === 2 &&
      child.children[0] instanceof DictionaryOps &&
      child.children[1] instanceof IndexListOps
    );
  }

  hash(a: number, len: number, h: number): number {
    // as ListOps > StructOps > (DictionaryOps, IndexListOps) hash: lengths, names, params
    const from = this.offsets[a];
    const to = this.offsets[a + len];
    h = hashLengths(this.offsets, a, len, h);
    const names = this._names.indices;
    for (let e = from; e < to; e++) {
      h = mix(h, names[e]);
    }
    return this._params.hash(from, to - from, h);
  }

  /** Event by event, in one loop. */
  rowsEqual(a: number, b: number): boolean {
    const names = this._names.indices;
    const po = this._params.offsets;
    const params = this._params.indices;
    const x = this.offsets[a];
    const y = this.offsets[b];
    const len = this.offsets[a + 1] - x;
    if (this.offsets[b + 1] - y !== len) {
      return false;
    }
    for (let e = 0; e < len; e++) {
      const i = po[x + e];
      const j = po[y + e];
      const count = po[x + e + 1] - i;
      if (names[x + e] !== names[y + e] || po[y + e + 1] - j !== count) {
        return false;
      }
      for (let k = 0; k < count; k++) {
        if (params[i + k] !== params[j + k]) {
          return false;
        }
      }
    }
    return true;
  }

  equal(a: number, other: IRangeOps, b: number, len: number): boolean {
    if (
      !(other instanceof CommandParamsListOps) ||
      other._names.dictionary !== this._names.dictionary ||
      other._params.child.dictionary !== this._params.child.dictionary
    ) {
      return super.equal(a, other, b, len);
    }
    const x = this.offsets[a];
    const y = other.offsets[b];
    const events = this.offsets[a + len] - x;
    if (!lengthsEqual(this.offsets, a, other.offsets, b, len)) {
      return false;
    }
    const xn = this._names.indices;
    const yn = other._names.indices;
    for (let e = 0; e < events; e++) {
      if (xn[x + e] !== yn[y + e]) {
        return false;
      }
    }
    return this._params.equal(x, other._params, y, events);
  }
}

/** Null slots compare by validity; their buffer contents must match too (rarely matters). */
class ValidityOps implements IRangeOps {
  constructor(
    readonly data: Data,
    readonly inner: IRangeOps
  ) {}

  hash(a: number, len: number, h: number): number {
    for (let k = a; k < a + len; k++) {
      h = mix(h, this.data.getValid(k) ? 1 : 0);
    }
    return this.inner.hash(a, len, h);
  }

  equal(a: number, other: IRangeOps, b: number, len: number): boolean {
    if (!(other instanceof ValidityOps)) {
      return false;
    }
    const o = other;
    for (let k = 0; k < len; k++) {
      if (this.data.getValid(a + k) !== o.data.getValid(b + k)) {
        return false;
      }
    }
    return this.inner.equal(a, o.inner, b, len);
  }
}

/**
 * Remembers rows (by their chunk's ops and index) and answers which earlier row a new one
 * repeats. Rows of a chunk with nulls never equal rows of one without (different ops), which
 * only misses a repeat. Open addressing over one array of (row + 1, hash) pairs: a probe
 * touches one cache line.
 */
export class RowDeduper {
  private _slots: Int32Array; // (row + 1, hash) per slot; 0: empty
  private _chunkOf: Int32Array; // chunk (its ops) of the row in each slot
  private _atOf: Int32Array; // index of the row in its chunk
  private _count = 0;
  private readonly _ops: IRangeOps[] = [];

  /** @param rows how many rows may come: sizes the table for a tenth of them being distinct */
  constructor(rows = 0) {
    let size = 1024;
    while (size < rows / 5 && size < 1 << 16) {
      size *= 2;
    }
    this._slots = new Int32Array(2 * size);
    this._chunkOf = new Int32Array(size);
    this._atOf = new Int32Array(size);
  }

  /** The earlier row equal to row `at` of `ops` (its number is `row`), or -1 after remembering it. */
  repeatOf(ops: IRangeOps, at: number, row: number): number {
    let chunk = this._ops.length - 1;
    if (chunk < 0 || this._ops[chunk] !== ops) {
      chunk = this._ops.indexOf(ops);
      chunk = chunk < 0 ? this._ops.push(ops) - 1 : chunk;
    }
    const h = ops.hash(at, 1, 0x811c9dc5) | 0;
    const slots = this._slots;
    const mask = (slots.length >> 1) - 1;
    let slot = (h ^ (h >>> 15)) & mask;
    for (; ; slot = (slot + 1) & mask) {
      const other = slots[2 * slot] - 1;
      if (other < 0) {
        break;
      }
      if (slots[2 * slot + 1] === h) {
        const otherOps = this._ops[this._chunkOf[slot]];
        const same =
          otherOps === ops && ops.rowsEqual
            ? ops.rowsEqual(at, this._atOf[slot])
            : ops.equal(at, otherOps, this._atOf[slot], 1);
        if (same) {
          return other;
        }
      }
    }
    slots[2 * slot] = row + 1;
    slots[2 * slot + 1] = h;
    this._chunkOf[slot] = chunk;
    this._atOf[slot] = at;
    if (++this._count * 2 > mask + 1) {
      this.grow();
    }
    return -1;
  }

  private grow(): void {
    const old = this._slots;
    const oldChunks = this._chunkOf;
    const oldAt = this._atOf;
    const size = old.length; // twice the slots
    this._slots = new Int32Array(2 * size);
    this._chunkOf = new Int32Array(size);
    this._atOf = new Int32Array(size);
    const mask = size - 1;
    for (let s = 0; s < old.length >> 1; s++) {
      if (old[2 * s] > 0) {
        const h = old[2 * s + 1];
        let slot = (h ^ (h >>> 15)) & mask;
        while (this._slots[2 * slot] > 0) {
          slot = (slot + 1) & mask;
        }
        this._slots[2 * slot] = old[2 * s];
        this._slots[2 * slot + 1] = h;
        this._chunkOf[slot] = oldChunks[s];
        this._atOf[slot] = oldAt[s];
      }
    }
  }
}
