// Variable-width Arrow columns (Utf8, Binary) built in one pass. apache-arrow's builders
// (vectorFromArray) keep a Map entry and call TextEncoder once per value: on the IoC
// benchmark building the result table took longer than the extraction itself.
import { Binary, Data, makeData, Utf8 } from 'apache-arrow';

const encoder = new TextEncoder();

/** Below this length a string is written by hand; above, TextEncoder is faster. */
const SHORT = 64;

/**
 * Arrow data of strings (Utf8) or byte arrays (Binary); null and undefined are nulls.
 * A value identical to the one before it (a row's input text repeated on each of its
 * results, a type name on consecutive results) is copied instead of encoded again.
 */
export function varData<T extends Utf8 | Binary>(
  type: T,
  values: readonly (string | Uint8Array | null | undefined)[]
): Data<T> {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  const bits = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  let data = new Uint8Array(1 << 16);
  let pos = 0;
  let prev: string | Uint8Array | null = null;
  let prevStart = 0;
  let prevEnd = 0;
  const reserve = (size: number) => {
    if (size > data.length) {
      const grown = new Uint8Array(Math.max(size, data.length * 2));
      grown.set(data.subarray(0, pos));
      data = grown;
    }
  };
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      nulls++;
      offsets[i + 1] = pos;
      continue;
    }
    bits[i >> 3] |= 1 << (i & 7);
    const start = pos;
    if (v === prev) {
      reserve(pos + prevEnd - prevStart);
      data.copyWithin(pos, prevStart, prevEnd);
      pos += prevEnd - prevStart;
    } else if (typeof v !== 'string') {
      reserve(pos + v.length);
      data.set(v, pos);
      pos += v.length;
    } else {
      reserve(pos + v.length * 3);
      if (v.length > SHORT) {
        pos += encoder.encodeInto(v, data.subarray(pos)).written;
      } else {
        for (let j = 0; j < v.length; j++) {
          const c = v.charCodeAt(j);
          if (c >= 0x80) {
            // The first non-ASCII code unit, so never inside a surrogate pair.
            pos += encoder.encodeInto(v.slice(j), data.subarray(pos)).written;
            break;
          }
          data[pos++] = c;
        }
      }
    }
    prev = v;
    prevStart = start;
    prevEnd = pos;
    offsets[i + 1] = pos;
  }
  // makeData's overloads cannot pick Utf8 vs Binary from a generic T.
  const props: unknown = {
    type,
    length: n,
    nullCount: nulls,
    nullBitmap: nulls ? bits : undefined,
    valueOffsets: offsets,
    data: data.slice(0, pos)
  };
  return (makeData as (p: unknown) => Data)(props) as Data<T>;
}

/** Arrow data of strings; null and undefined are nulls. */
export function utf8Data(values: readonly (string | null | undefined)[]): Data<Utf8> {
  return varData(new Utf8(), values);
}
