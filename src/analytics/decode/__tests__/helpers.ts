// Test helpers: payload encoders (Node's Buffer/zlib are fine in tests, and they check
// our decoders against an independent implementation) and a minimal zip writer.
import * as zlib from 'zlib';

export const b64 = (s: string | Uint8Array, enc: BufferEncoding = 'utf8') =>
  (typeof s === 'string' ? Buffer.from(s, enc) : Buffer.from(s)).toString('base64');
export const gz = (s: string | Uint8Array) =>
  new Uint8Array(zlib.gzipSync(typeof s === 'string' ? Buffer.from(s) : s));
export const deflateRaw = (s: string) => new Uint8Array(zlib.deflateRawSync(Buffer.from(s)));
export const zlibWrap = (s: string) => new Uint8Array(zlib.deflateSync(Buffer.from(s)));

export interface IZipEntry {
  name: string;
  data: Uint8Array;
  /** Point the central directory entry at this earlier entry's local data (overlap bomb). */
  sameAs?: number;
}

/** A zip with deflated entries; overlapping entries reuse one local file (Fifield-style bomb). */
export function makeZip(entries: IZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  const offsets: { offset: number; csize: number; size: number }[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    let at = offsets[e.sameAs ?? -1];
    if (!at) {
      const comp = zlib.deflateRawSync(Buffer.from(e.data));
      const h = Buffer.alloc(30);
      h.writeUInt32LE(0x04034b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(8, 8);
      h.writeUInt32LE(comp.length, 18);
      h.writeUInt32LE(e.data.length, 22);
      h.writeUInt16LE(name.length, 26);
      locals.push(h, name, comp);
      at = { offset, csize: comp.length, size: e.data.length };
      offset += 30 + name.length + comp.length;
    }
    offsets.push(at);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(at.csize, 20);
    c.writeUInt32LE(at.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(at.offset, 42);
    central.push(c, name);
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, eocd]));
}

/** A ustar archive (512-byte headers, octal sizes, valid checksums). */
export function makeTar(files: { name: string; data: Uint8Array }[]): Uint8Array {
  const blocks: Buffer[] = [];
  for (const f of files) {
    const h = Buffer.alloc(512);
    h.write(f.name, 0);
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(f.data.length.toString(8).padStart(11, '0') + '\0', 124);
    h.write('00000000000\0', 136);
    h.write('0', 156);
    h.write('ustar\x0000', 257);
    h.fill(32, 148, 156);
    let sum = 0;
    for (const b of h) {
      sum += b;
    }
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    blocks.push(h, Buffer.from(f.data), Buffer.alloc((512 - (f.data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return new Uint8Array(Buffer.concat(blocks));
}
