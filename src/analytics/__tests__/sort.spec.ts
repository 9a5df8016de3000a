import {
  Binary,
  Bool,
  Data,
  DataType,
  Timestamp,
  DateDay,
  DateMillisecond,
  Dictionary,
  Float16,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  List,
  Field,
  makeData,
  makeVector,
  TimeMillisecond,
  TimestampMicrosecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
  Vector,
  vectorFromArray
} from 'apache-arrow';
import { argsort } from '../sort';
import { comparatorSort } from './comparatorsort';
import { prng } from './prng';

const rand = prng(20261206);
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
const maybeNull = <T>(v: T, p = 0.08): T | null => (rand() < p ? null : v);
const N = 3000;

/** Both sorts, over all rows and over a subset, in both directions, must give the same order. */
function expectSameOrder(col: Vector, what: string): void {
  const all = Int32Array.from({ length: col.length }, (_, i) => i);
  const some = all.filter(i => i % 3 !== 1);
  for (const ascending of [true, false]) {
    for (const rows of [all, some]) {
      const expected = Array.from(comparatorSort(col, rows, ascending));
      const got = Array.from(argsort(col, ascending, rows === all ? undefined : rows));
      expect({ what, ascending, order: got }).toEqual({ what, ascending, order: expected });
    }
  }
}

/** A vector of two chunks, the second a slice (offsets into shared buffers). */
function chunked<T>(values: T[], type: DataType): Vector {
  const cut = Math.floor(values.length / 3);
  const first = vectorFromArray(values.slice(0, cut), type);
  const rest = vectorFromArray([values[0], ...values.slice(cut), values[0]], type);
  return first.concat(rest.slice(1, rest.length - 1));
}

const ints = (lo: number, hi: number) =>
  Array.from({ length: N }, () => maybeNull(lo + Math.floor(rand() * (hi - lo + 1))));

const floats = () => {
  const special = [0, -0, NaN, Infinity, -Infinity, 1e-310, -1e-310, 1.5, -1.5, 1e300];
  return Array.from({ length: N }, () =>
    maybeNull(rand() < 0.3 ? pick(special) : (rand() - 0.5) * 10 ** Math.floor(rand() * 12))
  );
};

/** 64-bit values beyond 2^53, spaced so that doubles still tell them apart (see below). */
const bigs = (signed: boolean) =>
  Array.from({ length: N }, () => {
    const k = BigInt(Math.floor(rand() * 2000)) * 100_000n;
    const v = signed && rand() < 0.5 ? -(2n ** 60n) - k : 2n ** 60n + k;
    return maybeNull(v);
  });

/** Nanoseconds around now (raw values ~1.7e18, beyond 2^53) and before 1970, with duplicates. */
const nanos = () =>
  Array.from({ length: N }, () => {
    const ms = BigInt(Math.floor(rand() * 5000)) * 997n;
    const sign = rand() < 0.2 ? -1n : 1n;
    return maybeNull(
      sign * (1_714_521_600_000n + ms) * 1_000_000n + BigInt(pick([0, 1000, 999000]))
    );
  });

function timestampVector(values: (bigint | null)[], type: Timestamp): Vector {
  const nullBitmap = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => v !== null && (nullBitmap[i >> 3] |= 1 << (i & 7)));
  return makeVector(
    makeData({
      type,
      length: values.length,
      nullCount: values.filter(v => v === null).length,
      nullBitmap,
      data: BigInt64Array.from(values, v => v ?? 0n)
    })
  );
}

const WORDS = [
  '',
  'a',
  'A',
  'a\u0000',
  'ab',
  'abc',
  'Zebra',
  'zebra',
  'éclair',
  'eclair',
  'Ärger',
  '日本語',
  '日本',
  '\u{1F600} grin',
  '\u{1F600}',
  '\uFF5Efullwidth',
  '\uE000private',
  '\uFEFFbom',
  'bom',
  '\uFEFF\uFEFFtwo',
  'İstanbul',
  'ß',
  'ss',
  '10',
  '9',
  'ᄀ각',
  '가'
];

/** Short words, long texts sharing prefixes of 8-30 bytes (refined runs) and unique texts. */
const strings = () =>
  Array.from({ length: N }, (_, i) => {
    const r = rand();
    const text =
      r < 0.4
        ? pick(WORDS)
        : r < 0.7
          ? `host-${Math.floor(rand() * 40)}.corp.example.org/${pick(WORDS)}`
          : `${pick(WORDS)}${i * 7919}${pick(WORDS)}`;
    return maybeNull(text);
  });

describe('argsort gives the order of the comparator sort it replaced', () => {
  it('ints of every width, signed and unsigned, booleans', () => {
    expectSameOrder(vectorFromArray(ints(-128, 127), new Int8()), 'int8');
    expectSameOrder(vectorFromArray(ints(-40000, 40000), new Int32()), 'int32 wide');
    expectSameOrder(vectorFromArray(ints(-5, 5), new Int16()), 'int16 narrow');
    expectSameOrder(vectorFromArray(ints(0, 255), new Uint8()), 'uint8');
    expectSameOrder(vectorFromArray(ints(0, 65535), new Uint16()), 'uint16');
    expectSameOrder(
      vectorFromArray(
        ints(0, 1000).map(v => (v === null ? v : v * 4_000_000)),
        new Uint32()
      ),
      'uint32 above 2^31'
    );
    expectSameOrder(chunked(ints(-1e9, 1e9), new Int32()), 'int32 in chunks');
    expectSameOrder(
      vectorFromArray(
        ints(0, 1).map(v => (v === null ? null : v === 1)),
        new Bool()
      ),
      'bool'
    );
  });

  it('floats with NaN, -0, infinities and subnormals', () => {
    expectSameOrder(vectorFromArray(floats(), new Float64()), 'float64');
    expectSameOrder(vectorFromArray(floats(), new Float32()), 'float32');
    expectSameOrder(vectorFromArray(floats(), new Float16()), 'float16');
    expectSameOrder(chunked(floats(), new Float64()), 'float64 in chunks');
  });

  it('64-bit ints and timestamps beyond 2^53, dates', () => {
    expectSameOrder(vectorFromArray(bigs(true), new Int64()), 'int64');
    expectSameOrder(vectorFromArray(bigs(false), new Uint64()), 'uint64');
    expectSameOrder(chunked(bigs(true), new Int64()), 'int64 in chunks');
    expectSameOrder(timestampVector(nanos(), new TimestampNanosecond('UTC')), 'timestamp ns');
    const micros = nanos().map(v => (v === null ? v : v / 1000n));
    expectSameOrder(timestampVector(micros, new TimestampMicrosecond()), 'timestamp us');
    const seconds = nanos().map(v => (v === null ? v : v / 1_000_000_000n));
    expectSameOrder(timestampVector(seconds, new TimestampSecond()), 'timestamp s');
    const days = ints(-20000, 20000).map(v => (v === null ? v : new Date(v * 86400000)));
    expectSameOrder(vectorFromArray(days, new DateDay()), 'date32');
    expectSameOrder(vectorFromArray(days, new DateMillisecond()), 'date64');
  });

  it('utf8: unicode, byte order marks, prefixes, shared long prefixes, duplicates', () => {
    expectSameOrder(vectorFromArray(strings(), new Utf8()), 'utf8');
    expectSameOrder(chunked(strings(), new Utf8()), 'utf8 in chunks');
    const ascii = Array.from({ length: 20000 }, () =>
      maybeNull(`${pick(['web', 'db', 'dc'])}-${Math.floor(rand() * 300)}.corp.example`)
    );
    expectSameOrder(vectorFromArray(ascii, new Utf8()), 'utf8 ascii, runs longer than 256');
    const unique = Array.from(
      { length: 20000 },
      (_, i) => `https://example.com/a/b/${i}${pick(WORDS)}`
    );
    expectSameOrder(vectorFromArray(unique, new Utf8()), 'utf8 unique, 24 shared bytes');
    // Mostly distinct texts in a few long groups: radix steps below the first one.
    const grouped = Array.from({ length: 20000 }, (_, i) =>
      maybeNull(`${pick(['alpha', 'bêta'])}/${Math.floor(rand() * 4)}/${pick(WORDS)}${i % 7000}`)
    );
    expectSameOrder(vectorFromArray(grouped, new Utf8()), 'utf8 grouped, refined by radix');
  });

  it('utf8 holding invalid UTF-8 sorts as Arrow decodes it (U+FFFD)', () => {
    const parts = [[0x61, 0xff], [0xef, 0xbf, 0xbd], [0x61], [0xe2, 0x82], [0x80, 0x61], [0x7a]];
    const bytes = Uint8Array.from(parts.flat());
    const valueOffsets = Int32Array.from(
      parts.reduce((o, p) => [...o, o[o.length - 1] + p.length], [0])
    );
    const col = makeVector(
      makeData({ type: new Utf8(), length: parts.length, nullCount: 0, valueOffsets, data: bytes })
    );
    expectSameOrder(col, 'invalid utf8');
  });

  it('dictionaries: by value text, null indices and null values, several dictionaries', () => {
    const dictType = () => new Dictionary(new Utf8(), new Int32());
    expectSameOrder(vectorFromArray(strings(), dictType()), 'dictionary<utf8>');
    expectSameOrder(chunked(strings(), dictType()), 'dictionary<utf8>, two dictionaries');
    const withNullValue = makeVector(
      makeData({
        type: dictType(),
        length: 6,
        nullCount: 1,
        nullBitmap: Uint8Array.from([0b111011]),
        data: Int32Array.from([2, 0, 1, 3, 2, 0]),
        dictionary: vectorFromArray(['b', null, 'a', 'b'], new Utf8())
      })
    );
    expectSameOrder(withNullValue, 'dictionary with a null value and a repeated value');
    expectSameOrder(
      vectorFromArray(
        ints(0, 30).map(v => (v === null ? v : v * 5)),
        new Dictionary(new Int32(), new Int8())
      ),
      'dictionary<int32> (text order, as before)'
    );
  });

  it('other types by their text: times of day, binary, lists', () => {
    expectSameOrder(vectorFromArray(ints(0, 86400000), new TimeMillisecond()), 'time32');
    const blobs = ints(0, 20).map(v => (v === null ? v : new Uint8Array(v)));
    expectSameOrder(vectorFromArray(blobs, new Binary()), 'binary');
    const lists = ints(0, 9).map(v => (v === null ? v : [v, v % 3]));
    expectSameOrder(
      vectorFromArray(lists, new List(new Field('item', new Int32(), true))),
      'list<int32>'
    );
  });

  it('an unordered subset of rows is ordered with ties in table row order', () => {
    const col = vectorFromArray([3, 1, 3, null, 1], new Int32());
    expect(Array.from(argsort(col, true, Int32Array.from([4, 2, 3, 0, 1])))).toEqual([
      1, 4, 0, 2, 3
    ]);
    expect(Array.from(argsort(col, false, Int32Array.from([4, 2, 3, 0, 1])))).toEqual([
      0, 2, 1, 4, 3
    ]);
  });
});

describe('argsort compares 64-bit values exactly', () => {
  // The comparator read int64 as doubles and nanoseconds as fractional milliseconds, so it
  // tied values a double cannot tell apart and kept them in row order; pandas' sort_values
  // and argsort order them by value.
  it('int64 around 2^53 and nanoseconds 1 ns apart', () => {
    const big = vectorFromArray([2n ** 53n + 1n, 2n ** 53n, 2n ** 53n + 1n], new Int64());
    expect(Array.from(argsort(big, true))).toEqual([1, 0, 2]);
    expect(Array.from(argsort(big, false))).toEqual([0, 2, 1]);
    expect(Array.from(comparatorSort(big, Int32Array.from([0, 1, 2]), true))).toEqual([0, 1, 2]);
    const t = 1_714_521_600_123_456_789n;
    const ns = timestampVector([t + 1n, t, null, t - 1n], new TimestampNanosecond());
    expect(Array.from(argsort(ns, true))).toEqual([3, 1, 0, 2]);
    expect(Array.from(argsort(ns, false))).toEqual([0, 1, 3, 2]);
  });

  it('timestamps a double cannot hold (the comparator threw)', () => {
    const ms = timestampVector([2n ** 62n, -(2n ** 62n), 0n], new TimestampNanosecond());
    expect(Array.from(argsort(ms, true))).toEqual([1, 2, 0]);
  });
});

/** Data of a vector, for tests that need the chunk count. */
export function chunksOf(v: Vector): Data[] {
  return v.data as Data[];
}
