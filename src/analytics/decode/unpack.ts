// From decoded bytes to leaves: decompress gzip/zlib/raw deflate, open zip and tar,
// type by magic bytes and read text. Each leaf keeps its chain of transformations.
import { inflateSync } from 'fflate';
import { IMember, readTar, readZip } from './archive';
import { Compression, decompress } from './inflate';
import { Budget, LimitError } from './limits';
import { sniffType } from './magic';
import { guessText } from './text';
import { DecodeStatus } from './types';

export interface ILeaf {
  bytes: Uint8Array;
  chain: string[];
  fileName: string;
  fileType: string | null;
  text: string | null;
  encoding: string;
  status: DecodeStatus;
  message: string | null;
  /** A decompression or archive step succeeded: the data is real, not a chance decode. */
  unpacked: boolean;
}

const MIN_RAW_DEFLATE = 8;

/** Leaves of a blob; `nest` counts containers opened so far (bounded by maxDepth). */
export function unpackBlob(
  bytes: Uint8Array,
  chain: string[],
  budget: Budget,
  fileName = 'unknown',
  nest = 0
): ILeaf[] {
  const type = sniffType(bytes);
  const leaf = (over: Partial<ILeaf> = {}): ILeaf[] => {
    const t = type === null || type === 'rtf' ? guessText(bytes) : null;
    return [
      {
        bytes,
        chain,
        fileName,
        fileType: type,
        text: t?.text ?? null,
        encoding: t?.encoding ?? 'binary',
        status: 'ok',
        message: null,
        unpacked: nest > 0,
        ...over
      }
    ];
  };
  if (
    nest >= budget.limits.maxDepth &&
    (type === 'gzip' || type === 'zlib' || type === 'zip' || type === 'tar')
  ) {
    return leaf({
      status: 'limit',
      message: `limit reached: containers nested deeper than ${budget.limits.maxDepth} (maxDepth)`
    });
  }
  try {
    if (type === 'gzip' || type === 'zlib') {
      const out = decompress(type, bytes, budget);
      return unpackBlob(out, [...chain, type], budget, fileName, nest + 1);
    }
    if (type === 'zip' || type === 'tar') {
      return members(
        type === 'zip' ? readZip(bytes, budget) : readTar(bytes, budget),
        type,
        chain,
        budget,
        nest
      );
    }
  } catch (err) {
    const limit = err instanceof LimitError;
    return leaf({
      status: limit ? 'limit' : 'error',
      message: limit
        ? (err as Error).message
        : `${type} could not be unpacked: ${(err as Error).message}`
    });
  }
  const leaves = leaf();
  if (type === null && leaves[0].text === null && bytes.length >= MIN_RAW_DEFLATE) {
    // Raw deflate has no header (PowerShell DeflateStream): keep it only if it yields text or a known type.
    const raw = tryInflate('deflate', bytes, budget);
    if (raw) {
      const inner = unpackBlob(raw, [...chain, 'deflate'], budget, fileName, nest + 1);
      if (inner.some(l => l.text !== null || l.fileType !== null)) {
        return inner;
      }
    }
  }
  return leaves;
}

/** Most random blobs fail here: block type 3 is invalid, a stored block needs LEN = ~NLEN. */
function plausibleDeflate(b: Uint8Array): boolean {
  const type = (b[0] >> 1) & 3;
  return (
    type === 1 ||
    type === 2 ||
    (type === 0 && b.length >= 5 && (b[1] ^ b[3]) === 0xff && (b[2] ^ b[4]) === 0xff)
  );
}

function tryInflate(kind: Compression, bytes: Uint8Array, budget: Budget): Uint8Array | null {
  if (!plausibleDeflate(bytes)) {
    return null;
  }
  // Failed attempts are common and expected: skip capturing stack traces for them (V8).
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // A one-shot attempt into a small buffer first (cheap for the many blobs that are not
    // deflate at all); only a blob that fills it goes through the bounded stream.
    const out = inflateSync(bytes, {
      out: new Uint8Array(Math.min(bytes.length * 8 + 256, budget.limits.maxItemBytes))
    });
    if (out.length < bytes.length * 8 + 256) {
      budget.charge(out.length, out.length);
      return out.slice();
    }
    return decompress(kind, bytes, budget);
  } catch (err) {
    if (err instanceof LimitError) {
      throw err;
    }
    return null;
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function members(
  list: IMember[],
  type: string,
  chain: string[],
  budget: Budget,
  nest: number
): ILeaf[] {
  const out: ILeaf[] = [];
  for (const m of list) {
    if (m.data === null) {
      out.push({
        bytes: new Uint8Array(0),
        chain: [...chain, type],
        fileName: m.name,
        fileType: null,
        text: null,
        encoding: 'binary',
        status: 'error',
        message: m.error ?? 'unreadable member',
        unpacked: true
      });
      continue;
    }
    const inner = unpackBlob(m.data, [...chain, type], budget, m.name, nest + 1);
    for (const l of inner) {
      l.unpacked = true;
      out.push(l);
    }
  }
  return out;
}
