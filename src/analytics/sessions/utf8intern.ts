// Interns UTF-8 byte ranges straight from Arrow buffers: each distinct string is decoded once
// and every repeat costs a hash of its bytes, not a TextDecoder call and a string allocation.

const decoder = new TextDecoder();

export class Utf8Interner {
  private _slots = new Int32Array(1024).fill(-1); // entry index per slot
  private _hashes: number[] = [];
  private _starts: number[] = [];
  private _lengths: number[] = [];
  private _ids: number[] = [];
  private _pool = new Uint8Array(4096);
  private _poolUsed = 0;

  /** @param onNew called once per distinct string; returns the id to give it */
  constructor(private readonly _onNew: (text: string) => number) {}

  id(bytes: Uint8Array, start: number, end: number): number {
    // Hash the length and up to 12 bytes from both ends (the full compare settles collisions):
    // constant time per string, where a full FNV pass cost more than the lookup it saves.
    const len = end - start;
    let h = Math.imul(len, 0x9e3779b1);
    const head = Math.min(end, start + 8);
    for (let i = start; i < head; i++) {
      h = Math.imul(h ^ bytes[i], 0x01000193);
    }
    for (let i = Math.max(head, end - 4); i < end; i++) {
      h = Math.imul(h ^ bytes[i], 0x01000193);
    }
    h ^= h >>> 15;
    const mask = this._slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = this._slots[slot];
      if (e < 0) {
        return this.add(bytes, start, end, h, slot);
      }
      if (this._hashes[e] === h && this.same(e, bytes, start, end)) {
        return this._ids[e];
      }
    }
  }

  private same(e: number, bytes: Uint8Array, start: number, end: number): boolean {
    const len = end - start;
    if (this._lengths[e] !== len) {
      return false;
    }
    const pool = this._pool;
    const at = this._starts[e];
    for (let i = 0; i < len; i++) {
      if (pool[at + i] !== bytes[start + i]) {
        return false;
      }
    }
    return true;
  }

  private add(bytes: Uint8Array, start: number, end: number, h: number, slot: number): number {
    const id = this._onNew(decoder.decode(bytes.subarray(start, end)));
    const len = end - start;
    if (this._poolUsed + len > this._pool.length) {
      const next = new Uint8Array(Math.max(this._pool.length * 2, this._poolUsed + len));
      next.set(this._pool);
      this._pool = next;
    }
    this._pool.set(bytes.subarray(start, end), this._poolUsed);
    const e = this._ids.length;
    this._hashes.push(h);
    this._starts.push(this._poolUsed);
    this._lengths.push(len);
    this._ids.push(id);
    this._poolUsed += len;
    this._slots[slot] = e;
    if (this._ids.length * 2 > this._slots.length) {
      this.grow();
    }
    return id;
  }

  private grow(): void {
    const slots = new Int32Array(this._slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let e = 0; e < this._ids.length; e++) {
      let slot = this._hashes[e] & mask;
      while (slots[slot] >= 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = e;
    }
    this._slots = slots;
  }
}
