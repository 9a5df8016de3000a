// Zip and tar readers: list members in directory order and extract them through the
// bounded decompressor. Zip uses the central directory (as Python's zipfile does).
import { decompress } from './inflate';
import { Budget, LimitError } from './limits';

export interface IMember {
  name: string;
  data: Uint8Array | null;
  /** Why the member has no data (encrypted, unsupported method, corrupt, limit). */
  error?: string;
  limit?: boolean;
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) =>
  (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

function findEocd(b: Uint8Array): number {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) {
      return i;
    }
  }
  return -1;
}

/** Members of a zip; throws Error when there is no readable central directory. */
export function readZip(b: Uint8Array, budget: Budget): IMember[] {
  const eocd = findEocd(b);
  if (eocd < 0) {
    throw new Error('zip has no end of central directory (truncated or not a zip)');
  }
  const count = u16(b, eocd + 10);
  let p = u32(b, eocd + 16);
  if (p === 0xffffffff || count === 0xffff) {
    throw new Error('zip64 archives are not supported');
  }
  const members: IMember[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) {
      throw new Error('zip central directory is corrupt');
    }
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const csize = u32(b, p + 20);
    const nameLen = u16(b, p + 28);
    const next = p + 46 + nameLen + u16(b, p + 30) + u16(b, p + 32);
    const name = (flags & 0x800 ? utf8 : latin1).decode(b.subarray(p + 46, p + 46 + nameLen));
    members.push(readMember(b, u32(b, p + 42), name, flags, method, csize, budget));
    p = next;
  }
  return members;
}

function readMember(
  b: Uint8Array,
  local: number,
  name: string,
  flags: number,
  method: number,
  csize: number,
  budget: Budget
): IMember {
  if (local + 30 > b.length || u32(b, local) !== 0x04034b50) {
    return { name, data: null, error: 'zip local header is missing' };
  }
  if (flags & 1) {
    return { name, data: null, error: 'zip member is encrypted' };
  }
  const start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
  const raw = b.subarray(start, Math.min(b.length, start + csize));
  try {
    if (method === 0) {
      budget.charge(raw.length, raw.length);
      return { name, data: raw.slice() };
    }
    if (method === 8) {
      return { name, data: decompress('deflate', raw, budget) };
    }
    return { name, data: null, error: `zip compression method ${method} is not supported` };
  } catch (err) {
    const limit = err instanceof LimitError;
    if (limit) {
      throw err;
    }
    return { name, data: null, error: `zip member is corrupt: ${(err as Error).message}` };
  }
}

function cString(b: Uint8Array, start: number, len: number): string {
  let end = start;
  while (end < start + len && b[end] !== 0) {
    end++;
  }
  return utf8.decode(b.subarray(start, end));
}

function tarSize(b: Uint8Array, o: number): number {
  if (b[o] & 0x80) {
    // GNU base-256 size for members over 8 GB: far beyond any cap, so just report huge.
    return Number.MAX_SAFE_INTEGER;
  }
  const s = cString(b, o, 12).trim();
  return s ? parseInt(s, 8) || 0 : 0;
}

function paxPath(data: Uint8Array): string | null {
  const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(utf8.decode(data));
  return m ? m[1] : null;
}

/** Members of a tar in order, directories included (as Python's getnames); same-name members keep the first position and the last content. */
export function readTar(b: Uint8Array, budget: Budget): IMember[] {
  const byName = new Map<string, IMember>();
  let p = 0;
  let longName: string | null = null;
  while (p + 512 <= b.length) {
    if (b.subarray(p, p + 512).every(x => x === 0)) {
      break;
    }
    const type = String.fromCharCode(b[p + 156]);
    const size = tarSize(b, p + 124);
    const dataStart = p + 512;
    const next = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'L' || type === 'x') {
      const data = b.subarray(dataStart, Math.min(b.length, dataStart + size));
      longName = type === 'L' ? cString(data, 0, data.length) : paxPath(data);
      p = next;
      continue;
    }
    if (type === 'g') {
      p = next;
      continue;
    }
    const fromLong = longName;
    longName = null;
    let name = fromLong ?? cString(b, p, 100);
    if (fromLong === null && b[p + 257] === 0x75 && b[p + 345] !== 0) {
      name = `${cString(b, p + 345, 155)}/${name}`;
    }
    const isDir = type === '5' || ((type === '0' || type === '\0') && name.endsWith('/'));
    const regular = !isDir && (type === '0' || type === '\0' || type === '7');
    if (isDir) {
      name = name.replace(/\/+$/, '');
    }
    let data: Uint8Array = new Uint8Array(0);
    if (regular) {
      if (dataStart + size > b.length) {
        byName.set(name, { name, data: null, error: 'tar member is truncated' });
        break;
      }
      budget.charge(size, size);
      data = b.slice(dataStart, dataStart + size);
    }
    byName.set(name, { name, data });
    p = next;
  }
  return [...byName.values()];
}
