// Bounded decompression with fflate's streaming classes: input goes in small chunks and
// every output chunk is charged to the budget, so a bomb stops after about one chunk
// past the cap (deflate expands at most ~1032x, so 4 KB in gives at most ~4 MB out).
import { Gunzip, Inflate, Unzlib } from 'fflate';
import { Budget } from './limits';

export type Compression = 'gzip' | 'zlib' | 'deflate';

const CHUNK = 4096;

interface IStream {
  ondata: (data: Uint8Array, final: boolean) => void;
  onmember?: (offset: number) => void;
  push(chunk: Uint8Array, final?: boolean): void;
}

function makeStream(kind: Compression): IStream {
  // Cast: fflate's handler types carry an ArrayBuffer generic we do not need.
  return (kind === 'gzip'
    ? new Gunzip()
    : kind === 'zlib'
      ? new Unzlib()
      : new Inflate()) as unknown as IStream;
}

/** Decompress `data`; throws LimitError past the caps and Error for corrupt or truncated streams. */
export function decompress(kind: Compression, data: Uint8Array, budget: Budget): Uint8Array {
  const stream = makeStream(kind);
  const parts: Uint8Array[] = [];
  let size = 0;
  let done = false;
  let extraMembers = 0;
  stream.onmember = () => extraMembers++;
  stream.ondata = (chunk, final) => {
    size += chunk.length;
    budget.charge(chunk.length, size);
    // fflate reuses its window buffer, so keep a copy.
    parts.push(chunk.slice());
    done = done || final;
  };
  for (let i = 0; i < data.length && !done; i += CHUNK) {
    const end = Math.min(i + CHUNK, data.length);
    stream.push(data.subarray(i, end), end === data.length);
  }
  if (data.length === 0) {
    stream.push(data, true);
  }
  if (!done) {
    throw new Error(`${kind} stream is truncated`);
  }
  // fflate does not check the gzip trailer; its size field catches truncated streams.
  const n = data.length;
  if (
    kind === 'gzip' &&
    extraMembers === 0 &&
    n >= 18 &&
    (data[n - 4] | (data[n - 3] << 8) | (data[n - 2] << 16) | (data[n - 1] << 24)) >>> 0 !==
      size >>> 0
  ) {
    throw new Error('gzip stream is truncated or corrupt (size mismatch)');
  }
  return concat(parts, size);
}

export function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) {
    return parts[0];
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
