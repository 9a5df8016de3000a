// Row repeats found by comparing Arrow buffers: equal rows are found (the first one's number),
// rows that differ anywhere are not, chunks and nulls never make it crash, and a random property
// test against a JSON reference.
import {
  Binary,
  Data,
  Dictionary,
  Field,
  Int32,
  List,
  makeData,
  makeVector,
  Map_,
  Struct,
  Table,
  Utf8,
  Vector,
  vectorFromArray
} from 'apache-arrow';
import { IRangeOps, rangeOps, RowDeduper } from '../rowdedupe';
import { prng } from './prng';

type Row = (string | null)[] | null;

const utf8Item = (nullable = true) => new Field('item', new Utf8(), nullable);
const LIST = new List(utf8Item());
const DICT_LIST = new List(new Field('item', new Dictionary(new Utf8(), new Int32()), true));
const CMD = new Struct<any>([
  new Field('name', new Utf8(), true),
  new Field('params', new List(utf8Item()), true)
]);
const CMD_LIST = new List(new Field('item', CMD, true));
const dictionary = () => new Dictionary(new Utf8(), new Int32());
/** Commands with params as the kernel sends them: dictionary-encoded strings, no nulls. */
const KERNEL_CMD_LIST = new List(
  new Field(
    'item',
    new Struct<any>([
      new Field('name', dictionary(), false),
      new Field('params', new List(new Field('item', dictionary(), false)), false)
    ]),
    false
  )
);

const strings = (rows: Row[]) => vectorFromArray(rows as any, LIST);

function opsOf(data: Data): IRangeOps {
  const ops = rangeOps(data);
  if (!ops) {
    throw new Error(`no range ops for ${String(data.type)}`);
  }
  return ops;
}

/** repeatOf for every row of every chunk, in order, with one deduper; row numbers from `base`. */
function scan(vec: Vector, base = 0, rows = new RowDeduper()): number[] {
  const out: number[] = [];
  let row = base;
  for (const chunk of vec.data) {
    const ops = opsOf(chunk);
    for (let i = 0; i < chunk.length; i++, row++) {
      out.push(rows.repeatOf(ops, i, row));
    }
  }
  return out;
}

/** The earliest earlier row with the same JSON, or -1. */
function reference(rows: unknown[]): number[] {
  const first = new Map<string, number>();
  return rows.map((r, i) => {
    const key = JSON.stringify(r);
    const f = first.get(key);
    if (f === undefined) {
      first.set(key, i);
      return -1;
    }
    return f;
  });
}

/** One vector of several chunks (record batches), each built on its own. */
function chunked<T>(parts: T[][], type: any): Vector {
  return makeVector(parts.map(p => vectorFromArray(p as any, type).data[0]));
}

describe('rangeOps', () => {
  it('supports utf8, binary, lists, maps, structs and dictionaries, not other types', () => {
    expect(rangeOps(vectorFromArray(['a'], new Utf8()).data[0])).not.toBeNull();
    expect(rangeOps(vectorFromArray([Uint8Array.of(1)], new Binary()).data[0])).not.toBeNull();
    expect(rangeOps(vectorFromArray(['a', 'b', 'a']).data[0])).not.toBeNull(); // dictionary
    expect(rangeOps(strings([['a']]).data[0])).not.toBeNull();
    expect(rangeOps(vectorFromArray([[{ name: 'a', params: [] }]], CMD_LIST).data[0])).not.toBe(
      null
    );
    expect(rangeOps(vectorFromArray([1, 2], new Int32()).data[0])).toBeNull();
    expect(
      rangeOps(vectorFromArray([[1]], new List(new Field('item', new Int32(), true))).data[0])
    ).toBeNull();
    const mixed = new Struct<any>([
      new Field('name', new Utf8(), true),
      new Field('n', new Int32(), true)
    ]);
    expect(rangeOps(vectorFromArray([{ name: 'a', n: 1 }], mixed).data[0])).toBeNull();
    expect(
      rangeOps(vectorFromArray([[{ name: 'a', n: 1 }]], new List(new Field('item', mixed))).data[0])
    ).toBeNull();
  });

  it('hashes equal ranges equally and compares ranges of several rows', () => {
    const v = strings([['ab', 'c'], ['x'], ['ab', 'c'], ['x'], ['ab', 'c'], ['y']]);
    const ops = opsOf(v.data[0]);
    expect(ops.equal(0, ops, 2, 2)).toBe(true);
    expect(ops.hash(0, 2, 7)).toBe(ops.hash(2, 2, 7));
    expect(ops.equal(0, ops, 4, 1)).toBe(true);
    expect(ops.equal(2, ops, 4, 2)).toBe(false); // ['x'] vs ['y'] in the second row
    expect(ops.equal(0, ops, 1, 1)).toBe(false);
    // ops of another chunk with the same contents
    const other = opsOf(strings([['q'], ['ab', 'c'], ['x']]).data[0]);
    expect(ops.equal(0, other, 1, 2)).toBe(true);
    expect(ops.hash(0, 2, 7)).toBe(other.hash(1, 2, 7));
    expect(other.equal(1, ops, 2, 2)).toBe(true);
  });
});

describe('IRangeOps.equal', () => {
  // Direct calls: through repeatOf these checks only matter when hashes collide.
  const differ = (rows: Row[], a: number, b: number) => {
    const ops = opsOf(strings(rows).data[0]);
    expect(ops.equal(a, ops, b, 1)).toBe(false);
    expect(ops.equal(b, ops, a, 1)).toBe(false);
  };

  it('compares bytes after the last full 4-byte word', () => {
    differ([['abcdef'], ['abcdeF']], 0, 1);
    differ([['abcdefg'], ['abcdefG']], 0, 1);
    differ([['abc'], ['abC']], 0, 1);
  });

  it('compares string lengths, list lengths and null-ness, not only bytes', () => {
    differ(
      [
        ['ab', 'c'],
        ['a', 'bc']
      ],
      0,
      1
    );
    differ([['a'], ['a', 'x']], 0, 1);
    differ([[], ['a']], 0, 1);
    differ(
      [
        ['a', null],
        ['a', '']
      ],
      0,
      1
    );
    differ([null, []], 0, 1);
    differ([[null], ['']], 0, 1);
  });

  it('compares rows stored at different byte offsets', () => {
    const ops = opsOf(strings([['abcdefgh', 'ij'], ['x'], ['abcdefgh', 'ij']]).data[0]);
    expect(ops.equal(0, ops, 2, 1)).toBe(true);
    expect(ops.equal(2, ops, 0, 1)).toBe(true);
    const other = opsOf(strings([['abcdefgh', 'ij']]).data[0]);
    expect(ops.equal(2, other, 0, 1)).toBe(true);
    expect(other.equal(0, ops, 0, 1)).toBe(true);
  });

  it('compares dictionary indices and every struct child', () => {
    const rows: Row[] = [['a', 'b'], ['a', 'c'], ['a', 'b'], ['a'], ['a', 'b', 'c'], []];
    const dict = opsOf(vectorFromArray(rows, DICT_LIST).data[0]);
    expect(dict.equal(0, dict, 1, 1)).toBe(false);
    expect(dict.equal(0, dict, 2, 1)).toBe(true);
    expect(dict.equal(2, dict, 0, 1)).toBe(true);
    expect(dict.equal(3, dict, 0, 1)).toBe(false); // a prefix
    expect(dict.equal(0, dict, 3, 1)).toBe(false);
    expect(dict.equal(0, dict, 4, 1)).toBe(false);
    expect(dict.equal(5, dict, 3, 1)).toBe(false);
    // a slice (same dictionary, shifted offsets) against the whole
    const whole = vectorFromArray([['z'], ...rows], DICT_LIST).data[0];
    const sliced = opsOf(whole.slice(1, rows.length));
    const all = opsOf(whole);
    expect(sliced.equal(0, all, 3, 1)).toBe(true);
    expect(all.equal(1, sliced, 2, 1)).toBe(true);
    expect(sliced.equal(0, all, 2, 1)).toBe(false);
    expect(sliced.hash(0, 1, 3)).toBe(all.hash(3, 1, 3));
    // ranges of several rows
    const twice = opsOf(vectorFromArray([...rows, ...rows], DICT_LIST).data[0]);
    expect(twice.equal(0, twice, rows.length, rows.length)).toBe(true);
    expect(twice.hash(0, rows.length, 3)).toBe(twice.hash(rows.length, rows.length, 3));
    expect(twice.equal(0, twice, 1, 3)).toBe(false);
    // dictionary strings without a list, and lists of them with null items
    const flat = opsOf(
      vectorFromArray(['a', 'b', 'a'], new Dictionary(new Utf8(), new Int32())).data[0]
    );
    expect(flat.equal(0, flat, 1, 1)).toBe(false);
    expect(flat.equal(0, flat, 2, 1)).toBe(true);
    const nullRows: Row[] = [
      ['a', null],
      ['b', null],
      ['a', null],
      [null, 'a']
    ];
    const withNulls = opsOf(vectorFromArray(nullRows, DICT_LIST).data[0]);
    expect(withNulls.equal(0, withNulls, 1, 1)).toBe(false);
    expect(withNulls.equal(0, withNulls, 2, 1)).toBe(true);
    expect(withNulls.equal(0, withNulls, 3, 1)).toBe(false);
    const cmds = vectorFromArray(
      [
        [{ name: 'a', params: ['p'] }],
        [{ name: 'b', params: ['p'] }],
        [{ name: 'a', params: ['q'] }],
        [{ name: 'a', params: ['p'] }]
      ] as any,
      CMD_LIST
    );
    const ops = opsOf(cmds.data[0]);
    expect(ops.equal(0, ops, 1, 1)).toBe(false);
    expect(ops.equal(0, ops, 2, 1)).toBe(false);
    expect(ops.equal(0, ops, 3, 1)).toBe(true);
  });

  it('calls ops of a chunk with nulls and one without unequal', () => {
    const plain = opsOf(strings([['a']]).data[0]);
    const nulls = opsOf(strings([['a'], null]).data[0]);
    expect(plain.equal(0, nulls, 0, 1)).toBe(false);
    expect(nulls.equal(0, plain, 0, 1)).toBe(false);
  });
});

/**
 * A list<utf8> column of `perRow` items a row: item i has lengths[i] bytes (all 'x') and is
 * null when bit i of `bitmap` is clear (no nulls without a bitmap).
 */
function itemRows(perRow: number, lengths: Int32Array, bitmap?: Uint8Array): Vector {
  const items = lengths.length;
  const offsets = new Int32Array(items + 1);
  for (let i = 0; i < items; i++) {
    offsets[i + 1] = offsets[i] + lengths[i];
  }
  const child = makeData({
    type: new Utf8(),
    length: items,
    valueOffsets: offsets,
    data: new Uint8Array(offsets[items]).fill(120),
    nullBitmap: bitmap
  });
  const rows = items / perRow;
  const listOffsets = Int32Array.from({ length: rows + 1 }, (_, r) => r * perRow);
  return makeVector(makeData({ type: LIST, length: rows, valueOffsets: listOffsets, child }));
}

/** Pairs of rows whose hashes are equal. */
function collisions(ops: IRangeOps, n: number): [number, number][] {
  const hashes = Int32Array.from({ length: n }, (_, i) => ops.hash(i, 1, 0x811c9dc5) | 0);
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
    (x, y) => hashes[x] - hashes[y] || x - y
  );
  const pairs: [number, number][] = [];
  for (let a = 0; a < n;) {
    let b = a + 1;
    while (b < n && hashes[order[b]] === hashes[order[a]]) {
      b++;
    }
    if (b - a > 100) {
      throw new Error(`${b - a} rows have the same hash: it ignores what they differ in`);
    }
    for (let i = a; i < b; i++) {
      for (let j = i + 1; j < b; j++) {
        pairs.push([order[i], order[j]]);
      }
    }
    a = b;
  }
  return pairs;
}

describe('rows with colliding hashes', () => {
  // Rows whose hashes depend only on what the test varies, many enough that some hashes
  // collide (a condition on the data, checked so the test keeps its power): equality alone
  // must then tell the rows apart, and the deduper must not call them repeats.
  function check(vec: Vector, key: (row: number) => number | string) {
    const ops = opsOf(vec.data[0]);
    const pairs = collisions(ops, vec.length).filter(([i, j]) => key(i) !== key(j));
    expect(pairs.length).toBeGreaterThan(0);
    for (const [i, j] of pairs) {
      expect(ops.equal(i, ops, j, 1)).toBe(false);
      const rows = new RowDeduper();
      expect(rows.repeatOf(ops, i, 0)).toBe(-1);
      expect(rows.repeatOf(ops, j, 1)).toBe(-1);
      expect(rows.repeatOf(ops, i, 2)).toBe(0);
      expect(rows.repeatOf(ops, j, 3)).toBe(1);
    }
  }

  it('tells apart rows of the same bytes cut into strings at other places', () => {
    const random = prng(21);
    const n = 300_000;
    // 8 strings over the same 40 bytes: only the cut points differ
    const lengths = new Int32Array(8 * n);
    const cut = new Uint8Array(40);
    for (let r = 0; r < n; r++) {
      cut.fill(0);
      for (let k = 0; k < 7;) {
        const at = 1 + Math.floor(random() * 39);
        k += cut[at] ? 0 : 1;
        cut[at] = 1;
      }
      let item = 8 * r;
      let len = 0;
      for (let at = 1; at <= 40; at++) {
        len++;
        if (at === 40 || cut[at]) {
          lengths[item++] = len;
          len = 0;
        }
      }
    }
    check(itemRows(8, lengths), r => lengths.subarray(8 * r, 8 * r + 8).join());
  });

  it('tells apart rows differing only in which items are null', () => {
    const random = prng(22);
    const n = 200_000;
    // 24 empty strings, each null or not: 3 bytes of validity bitmap a row
    const bitmap = new Uint8Array(3 * n);
    for (let i = 0; i < bitmap.length; i++) {
      bitmap[i] = Math.floor(random() * 256);
    }
    const key = (r: number) => bitmap[3 * r] | (bitmap[3 * r + 1] << 8) | (bitmap[3 * r + 2] << 16);
    check(itemRows(24, new Int32Array(24 * n), bitmap), key);
  });
});

describe('RowDeduper on list<utf8>', () => {
  it('finds equal rows and answers with the first row, not a later repeat', () => {
    const rows: Row[] = [['a', 'b'], ['c'], ['a', 'b'], ['a', 'b'], ['c'], [], ['c'], []];
    expect(scan(strings(rows))).toEqual([-1, -1, 0, 0, 1, -1, 1, 5]);
  });

  it('answers with the row number it was given, not the index in the chunk', () => {
    expect(scan(strings([['a'], ['b'], ['a'], ['b']]), 100)).toEqual([-1, -1, 100, 101]);
  });

  it('finds a row equal to itself asked again (same index, as a new row number)', () => {
    const ops = opsOf(strings([['a', 'b']]).data[0]);
    const rows = new RowDeduper();
    expect(rows.repeatOf(ops, 0, 0)).toBe(-1);
    expect(rows.repeatOf(ops, 0, 1)).toBe(0);
  });

  it('tells apart rows differing in one byte in the middle (same length, same ends)', () => {
    // Same lengths and the same first and last 4 bytes: equal hashes, so equality decides.
    const rows: Row[] = [
      ['abcdefXhijkl'],
      ['abcdefYhijkl'],
      ['abcdefXhijkl'],
      ['abcdeXghijkl'],
      ['abcdefghijkl', 'mnopqrstuvwx'],
      ['abcdefghijkl', 'mnopqXstuvwx'],
      ['abcdefghijkl', 'mnopqrstuvwx']
    ];
    expect(scan(strings(rows))).toEqual([-1, -1, 0, -1, -1, -1, 4]);
  });

  it('tells apart rows differing only in a byte past the last full 4-byte word', () => {
    // 6 bytes: one 4-byte word, then 2 bytes compared one at a time
    expect(scan(strings([['abcdef'], ['abcdeF'], ['abcdXf'], ['abcdef']]))).toEqual([
      -1, -1, -1, 0
    ]);
  });

  it('tells apart rows with the same bytes split into other strings', () => {
    const rows: Row[] = [['ab', 'c'], ['a', 'bc'], ['abc'], ['a', 'b', 'c'], ['', 'abc']];
    expect(scan(strings(rows))).toEqual([-1, -1, -1, -1, -1]);
    expect(scan(strings([['é', '😀'], ['é😀'], ['😀', 'é'], ['é', '😀']]))).toEqual([
      -1, -1, -1, 0
    ]);
  });

  it('tells apart rows of different lengths', () => {
    const rows: Row[] = [['a'], ['a', 'a'], ['a', ''], [''], [], ['a', 'a', 'a'], ['a', 'a']];
    expect(scan(strings(rows))).toEqual([-1, -1, -1, -1, -1, -1, 1]);
  });

  it('tells apart a null item from an empty string, and a null row from an empty list', () => {
    const rows: Row[] = [['a', null], ['a', ''], null, [], [null], [''], ['a', null], null, []];
    expect(scan(strings(rows))).toEqual([-1, -1, -1, -1, -1, -1, 0, 2, 3]);
  });

  it('finds repeats of empty lists and of null rows', () => {
    expect(scan(strings([[], [], ['a'], []]))).toEqual([-1, 0, -1, 0]);
    expect(scan(strings([null, ['a'], null, null]))).toEqual([-1, -1, 0, 0]);
  });

  it('reads a sliced column (non-zero offsets) like an unsliced one', () => {
    const rows: Row[] = [['z'], ['a', 'b'], ['c'], ['a', 'b'], null, ['c'], null];
    const t = new Table({ s: strings(rows) }).slice(1);
    expect(t.getChild('s')!.data[0].offset).toBe(1);
    expect(scan(t.getChild('s')!)).toEqual(reference(rows.slice(1)));
  });

  it('finds every forced repeat among many distinct rows (the table grows)', () => {
    const distinct: Row[] = [];
    for (let i = 0; i < 5000; i++) {
      const len = i % 4;
      distinct.push(Array.from({ length: len + 1 }, (_, k) => `c${(i * 7 + k) % 5003}-${i}`));
    }
    const random = prng(11);
    // every distinct row once, then 3000 repeats of random earlier rows, then a new one
    const repeats = Array.from({ length: 3000 }, () => Math.floor(random() * distinct.length));
    const rows: Row[] = [...distinct, ...repeats.map(r => distinct[r]), ['new']];
    const got = scan(strings(rows));
    expect(got.slice(0, 5000)).toEqual(new Array(5000).fill(-1));
    expect(got.slice(5000, 8000)).toEqual(repeats);
    expect(got[8000]).toBe(-1);
  });

  it('finds repeats among many rows whose hashes all collide', () => {
    // Same length, same first and last 4 bytes: the sampled hash is the same for all.
    const n = 1500;
    const row = (i: number): Row => [`AAAA${String(i).padStart(6, '0')}ZZZZ`];
    const order = [...Array(n).keys(), ...[...Array(n).keys()].reverse()];
    const got = scan(strings(order.map(row)));
    expect(got).toEqual(order.map((i, k) => (k < n ? -1 : i)));
    const ops = opsOf(strings([row(1), row(2)]).data[0]);
    expect(ops.hash(0, 1, 1)).toBe(ops.hash(1, 1, 1));
  });
});

describe('RowDeduper on other column types', () => {
  it('reads plain utf8 and binary columns', () => {
    const text = ['abc', 'abd', 'abc', '', 'é', 'e\u0301', '', 'é'];
    expect(scan(vectorFromArray(text, new Utf8()))).toEqual(reference(text));
    const bytes = [Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0), Uint8Array.of(1, 2)];
    expect(scan(vectorFromArray(bytes, new Binary()))).toEqual([-1, -1, 0]);
  });

  it('reads dictionary columns and lists of dictionary strings', () => {
    const text = ['a', 'b', 'a', 'c', 'b'];
    const dict = vectorFromArray(text); // inferred dictionary<utf8>
    expect(String(dict.type)).toMatch(/Dictionary/);
    expect(scan(dict)).toEqual(reference(text));
    const rows: Row[] = [['a', 'b'], ['b', 'a'], ['a', 'b'], ['a'], [], ['a'], ['a', null], []];
    expect(scan(vectorFromArray(rows, DICT_LIST))).toEqual(reference(rows));
  });

  it('compares every child of struct items', () => {
    const rows = [
      [{ name: 'Set-User', params: ['Identity', 'City'] }],
      [{ name: 'Set-User', params: ['Identity', 'Town'] }],
      [{ name: 'Set-Mailbox', params: ['Identity', 'City'] }],
      [{ name: 'Set-User', params: ['Identity'] }],
      [{ name: 'Set-User', params: [] }],
      [{ name: 'Set-User', params: null }],
      [{ name: 'Set-User', params: ['IdentityCity'] }],
      [{ name: 'Set-User', params: ['Identity', 'City'] }],
      [
        { name: 'Set-User', params: ['Identity'] },
        { name: 'Set-User', params: ['City'] }
      ],
      [],
      [{ name: 'Set-User', params: null }],
      [{ name: 'Set-User', params: [] }]
    ];
    expect(scan(vectorFromArray(rows as any, CMD_LIST))).toEqual([
      -1, -1, -1, -1, -1, -1, -1, 0, -1, -1, 5, 4
    ]);
    // a struct column, not a list of structs
    const cmds = rows.filter(r => r.length === 1).map(r => r[0]);
    expect(scan(vectorFromArray(cmds as any, CMD))).toEqual(reference(cmds));
  });

  it('compares maps by keys and values', () => {
    const MAP = new Map_(
      new Field(
        'entries',
        new Struct<any>([
          new Field('key', new Utf8(), false),
          new Field('value', new Utf8(), true)
        ]),
        false
      )
    );
    const maps = [
      { x: '1', y: '2' },
      { x: '1', y: '3' },
      { x: '1' },
      { x: '1', y: '2' },
      { x: '1', y: null },
      { x: '1', z: '2' },
      { x: '1', y: null }
    ];
    const vec = vectorFromArray(maps.map(m => new Map(Object.entries(m))) as any, MAP);
    expect(scan(vec)).toEqual([-1, -1, -1, 0, -1, -1, 4]);
  });
});

describe('RowDeduper across chunks', () => {
  const a: Row[] = [['a', 'b'], ['c'], []];
  const b: Row[] = [['c'], ['x'], ['a', 'b'], [], ['x']];

  it('finds equal utf8 rows of another chunk (makeVector of two Data)', () => {
    const vec = chunked([a, b], LIST);
    expect(vec.data.length).toBe(2);
    expect(scan(vec)).toEqual([-1, -1, -1, 1, -1, 0, 2, 4]);
  });

  it('finds repeats of rows of many chunks after the table grew', () => {
    const distinct: Row[] = Array.from({ length: 3000 }, (_, i) => [`r${i}`, `${i % 7}`]);
    const random = prng(31);
    const repeats = Array.from({ length: 2000 }, () => Math.floor(random() * distinct.length));
    const rows = [...distinct, ...repeats.map(r => distinct[r])];
    const parts: Row[][] = [];
    for (let i = 0; i < rows.length; i += 97) {
      parts.push(rows.slice(i, i + 97));
    }
    const got = scan(chunked(parts, LIST));
    expect(got.slice(0, 3000).every(r => r === -1)).toBe(true);
    expect(got.slice(3000)).toEqual(repeats);
  });

  it('finds equal utf8 rows across the batches of a concatenated table', () => {
    const t = new Table([
      ...new Table({ s: strings(a) }).batches,
      ...new Table({ s: strings(b) }).batches
    ]);
    expect(t.getChild('s')!.data.length).toBe(2);
    expect(scan(t.getChild('s')!)).toEqual(reference([...a, ...b]));
  });

  it('finds equal rows across chunks that both have nulls', () => {
    const x: Row[] = [['a', null], null, ['b']];
    const y: Row[] = [null, ['b'], ['a', null], ['a', '']];
    expect(scan(chunked([x, y], LIST))).toEqual(reference([...x, ...y]));
  });

  it('never calls dictionary rows of chunks with different dictionaries equal', () => {
    const x: Row[] = [['a', 'b'], ['b']];
    const y: Row[] = [['b'], ['a'], ['a']];
    for (const vec of [
      chunked([x, y], DICT_LIST),
      new Table([
        ...new Table({ s: vectorFromArray(x, DICT_LIST) }).batches,
        ...new Table({ s: vectorFromArray(y, DICT_LIST) }).batches
      ]).getChild('s')!
    ]) {
      const [d0, d1] = vec.data;
      expect(d0.children[0].dictionary).not.toBe(d1.children[0].dictionary);
      // ['a'] in the second chunk has the index ['b'] has in the first
      expect(Array.from(d1.children[0].values.subarray(1, 2))).toEqual(
        Array.from(d0.children[0].values.subarray(1, 2))
      );
      const got = scan(vec);
      expect(got.slice(0, 2)).toEqual([-1, -1]);
      expect(got[3]).not.toBe(1);
      // a repeat within the second chunk is still found
      expect(got[4]).toBe(3);
      // nothing is called equal to a row with other values
      const rows = [...x, ...y];
      got.forEach((r, i) => {
        if (r >= 0) {
          expect(rows[r]).toEqual(rows[i]);
        }
      });
    }
  });

  it('never calls dictionary strings of chunks with different dictionaries equal', () => {
    const DICT = new Dictionary(new Utf8(), new Int32());
    // plain dictionary columns, and lists of them with null items (each chunk has some)
    const flat = chunked(
      [
        ['a', 'b'],
        ['b', 'a', 'a']
      ],
      DICT
    );
    expect(scan(flat)).toEqual([-1, -1, -1, -1, 3]);
    const x: Row[] = [
      ['a', null],
      ['b', null]
    ];
    const y: Row[] = [
      ['b', null],
      ['a', null],
      ['a', null]
    ];
    expect(scan(chunked([x, y], DICT_LIST))).toEqual([-1, -1, -1, -1, 3]);
  });

  it('does not crash on a chunk with nulls next to one without (repeats may be missed)', () => {
    const plain: Row[] = [['a', 'b'], ['c'], []];
    const rowNulls: Row[] = [['a', 'b'], null, ['c'], []];
    const itemNulls: Row[] = [['c'], ['a', null], ['a', 'b'], ['a', null]];
    const structs = [
      [[{ name: 'a', params: ['p'] }], []],
      [[{ name: 'a', params: null }], [{ name: 'a', params: ['p'] }], [], null]
    ];
    const cases: [Vector, unknown[]][] = [
      [chunked([plain, rowNulls, itemNulls, plain], LIST), [plain, rowNulls, itemNulls, plain]],
      [chunked([rowNulls, plain], LIST), [rowNulls, plain]],
      [chunked([plain, itemNulls], DICT_LIST), [plain, itemNulls]],
      [chunked(structs, CMD_LIST), structs]
    ].map(([v, parts]) => [v as Vector, (parts as unknown[][]).flat()]);
    for (const [vec, rows] of cases) {
      const got = scan(vec);
      got.forEach((r, i) => {
        // -1, or an earlier row with the same value
        expect(r).toBeLessThan(i);
        if (r >= 0) {
          expect(JSON.stringify(rows[r])).toBe(JSON.stringify(rows[i]));
        }
      });
    }
    // repeats within a chunk are still found
    const got = scan(chunked([plain, itemNulls], LIST));
    expect(got[3 + 3]).toBe(3 + 1);
  });
});

describe('RowDeduper property test', () => {
  const VOCAB = ['a', 'b', 'ab', '', 'é', 'e\u0301', '😀', 'é😀', 'xxxxAxxxx', 'xxxxBxxxx'];

  function randomRows(random: () => number, n: number, nulls: boolean): Row[] {
    // few short rows so that repeats are common, plus some longer ones
    return Array.from({ length: n }, () => {
      if (nulls && random() < 0.05) {
        return null;
      }
      const len = random() < 0.8 ? Math.floor(random() * 3) : Math.floor(random() * 8);
      return Array.from({ length: len }, () =>
        nulls && random() < 0.05 ? null : VOCAB[Math.floor(random() * VOCAB.length)]
      );
    });
  }

  function randomSplit(random: () => number, rows: Row[]): Row[][] {
    const parts: Row[][] = [];
    for (let i = 0; i < rows.length;) {
      const len = 1 + Math.floor(random() * 200);
      parts.push(rows.slice(i, i + len));
      i += len;
    }
    return parts;
  }

  it('matches the JSON reference on list<utf8> without nulls, in random chunks', () => {
    const random = prng(1);
    for (let session = 0; session < 30; session++) {
      const rows = randomRows(random, 1 + Math.floor(random() * 1500), false);
      const vec = chunked(randomSplit(random, rows), LIST);
      expect(scan(vec)).toEqual(reference(rows));
    }
  });

  it('matches the JSON reference on list<utf8> with null rows and items, one chunk', () => {
    const random = prng(2);
    for (let session = 0; session < 30; session++) {
      const rows = randomRows(random, 1 + Math.floor(random() * 1500), true);
      expect(scan(strings(rows))).toEqual(reference(rows));
    }
  });

  it('matches the JSON reference on chunks that all have null rows and items', () => {
    const random = prng(3);
    for (let session = 0; session < 20; session++) {
      const rows = randomRows(random, 1 + Math.floor(random() * 1500), true);
      // every chunk starts with a null row and a null item: the same ops shape in each
      const parts = randomSplit(random, rows).map(p => [null, ['a', null], ...p]);
      expect(scan(chunked(parts, LIST))).toEqual(reference(parts.flat()));
    }
  });

  it('matches the JSON reference on list<dictionary<utf8>>, one chunk', () => {
    const random = prng(4);
    for (let session = 0; session < 20; session++) {
      const rows = randomRows(random, 1 + Math.floor(random() * 1500), random() < 0.5);
      expect(scan(vectorFromArray(rows, DICT_LIST))).toEqual(reference(rows));
    }
  });

  /** Chunks cut from one batch: they share its dictionaries, as a pyarrow stream's do. */
  function sliced(data: Data, random: () => number): Vector {
    const parts: Data[] = [];
    for (let at = 0; at < data.length;) {
      const len = Math.min(data.length - at, 1 + Math.floor(random() * 300));
      parts.push(data.slice(at, len));
      at += len;
    }
    return makeVector(parts);
  }

  it('matches the JSON reference on list<dictionary> in slices of one batch (fast path)', () => {
    const random = prng(6);
    for (let session = 0; session < 20; session++) {
      const rows = randomRows(random, 1 + Math.floor(random() * 1500), false);
      const data = vectorFromArray(rows, DICT_LIST).data[0];
      expect(opsOf(data).constructor.name).toBe('IndexListOps');
      expect(scan(sliced(data, random))).toEqual(reference(rows));
    }
  });

  it('matches the JSON reference on the kernel shape of commands with params (fast path)', () => {
    const random = prng(7);
    const pick = () => VOCAB[Math.floor(random() * VOCAB.length)];
    for (let session = 0; session < 20; session++) {
      const n = 1 + Math.floor(random() * 1500);
      const rows = Array.from({ length: n }, () =>
        Array.from({ length: Math.floor(random() * 3) }, () => ({
          name: pick(),
          params: Array.from({ length: Math.floor(random() * 3) }, () => pick())
        }))
      );
      const data = vectorFromArray(rows as any, KERNEL_CMD_LIST).data[0];
      expect(opsOf(data).constructor.name).toBe('CommandParamsListOps');
      expect(scan(sliced(data, random))).toEqual(reference(rows));
    }
  });

  it('compares rows of one chunk with rowsEqual exactly as equal() (both fast paths)', () => {
    // rowsEqual is what the deduper uses within a chunk; rows differ in one name or param
    const random = prng(8);
    const rows = Array.from({ length: 4000 }, () =>
      Array.from({ length: 1 + Math.floor(random() * 2) }, () => ({
        name: VOCAB[Math.floor(random() * 2)],
        params: Array.from(
          { length: Math.floor(random() * 3) },
          () => VOCAB[Math.floor(random() * 3)]
        )
      }))
    );
    const names = rows.map(r => r.map(c => c.name));
    for (const [values, vec] of [
      [rows, vectorFromArray(rows as any, KERNEL_CMD_LIST)],
      [names, vectorFromArray(names, DICT_LIST)]
    ] as const) {
      const ops = opsOf(vec.data[0]);
      expect(ops.rowsEqual).toBeDefined();
      let equalPairs = 0;
      for (let k = 0; k < 20000; k++) {
        const i = Math.floor(random() * values.length);
        const j = Math.floor(random() * values.length);
        const same = JSON.stringify(values[i]) === JSON.stringify(values[j]);
        equalPairs += same && i !== j ? 1 : 0;
        expect(ops.rowsEqual!(i, j)).toBe(same);
        expect(ops.equal(i, ops, j, 1)).toBe(same);
      }
      expect(equalPairs).toBeGreaterThan(100);
    }
  });

  it('matches the JSON reference on list<struct<name, params>>, one chunk', () => {
    const random = prng(5);
    const pick = () => VOCAB[Math.floor(random() * VOCAB.length)];
    for (let session = 0; session < 20; session++) {
      const n = 1 + Math.floor(random() * 1000);
      const rows = Array.from({ length: n }, () =>
        Array.from({ length: Math.floor(random() * 3) }, () => ({
          name: pick(),
          params:
            random() < 0.1 ? null : Array.from({ length: Math.floor(random() * 3) }, () => pick())
        }))
      );
      expect(scan(vectorFromArray(rows as any, CMD_LIST))).toEqual(reference(rows));
    }
  });
});
