// Ids for sequences of integers: equal sequences get the same id, ids count up in first-seen
// order. Used to find repeated sessions (by their command and param ids) and repeated events
// (a command with the same params scores the same wherever it appears).

const mix = (h: number, x: number) => Math.imul(h ^ x, 0x01000193);

export class IntSequenceIds {
  /** Write a key here (growing it with `room`), then call id(length). */
  key = new Int32Array(64);
  private _pool = new Int32Array(1024);
  private _used = 0;
  private _starts = new Int32Array(64);
  private _lengths = new Int32Array(64);
  private _hashes = new Int32Array(64);
  private _slots = new Int32Array(128).fill(-1); // id per slot, at most half used
  private _count = 0;

  get size(): number {
    return this._count;
  }

  /** Makes room for a key of `length` ints (the key written so far is kept). */
  room(length: number): Int32Array {
    if (length > this.key.length) {
      const next = new Int32Array(Math.max(length, this.key.length * 2));
      next.set(this.key);
      this.key = next;
    }
    return this.key;
  }

  /** The id of key[0 .. length - 1]: an earlier equal key's, or the next new id. */
  id(length: number): number {
    const key = this.key;
    let h = mix(0x811c9dc5, length);
    for (let i = 0; i < length; i++) {
      h = mix(h, key[i]);
    }
    h = (h ^ (h >>> 15)) & 0x7fffffff;
    const mask = this._slots.length - 1;
    let slot = h & mask;
    for (; ; slot = (slot + 1) & mask) {
      const e = this._slots[slot];
      if (e < 0) {
        break;
      }
      if (this._hashes[e] === h && this.same(e, length)) {
        return e;
      }
    }
    return this.add(h, length, slot);
  }

  private same(e: number, length: number): boolean {
    if (this._lengths[e] !== length) {
      return false;
    }
    const pool = this._pool;
    const at = this._starts[e];
    const key = this.key;
    for (let i = 0; i < length; i++) {
      if (pool[at + i] !== key[i]) {
        return false;
      }
    }
    return true;
  }

  private add(h: number, length: number, slot: number): number {
    const e = this._count++;
    if (e === this._hashes.length) {
      this._starts = grown(this._starts, e * 2);
      this._lengths = grown(this._lengths, e * 2);
      this._hashes = grown(this._hashes, e * 2);
    }
    if (this._used + length > this._pool.length) {
      this._pool = grown(this._pool, Math.max(this._pool.length * 2, this._used + length));
    }
    this._pool.set(this.key.subarray(0, length), this._used);
    this._starts[e] = this._used;
    this._lengths[e] = length;
    this._hashes[e] = h;
    this._used += length;
    this._slots[slot] = e;
    if (this._count * 2 > this._slots.length) {
      this.rehash();
    }
    return e;
  }

  private rehash(): void {
    const slots = new Int32Array(this._slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let e = 0; e < this._count; e++) {
      let slot = this._hashes[e] & mask;
      while (slots[slot] >= 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = e;
    }
    this._slots = slots;
  }
}

function grown(x: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(x);
  return next;
}
