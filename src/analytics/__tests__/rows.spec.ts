import {
  makeData,
  makeVector,
  Table,
  TimestampNanosecond,
  vectorFromArray,
  Dictionary,
  Utf8,
  Int8,
  Int64,
  Bool,
  Float64,
  Field,
  Int32,
  List,
  Map_,
  Struct
} from 'apache-arrow';
import { cellText, decodeIPC, encodeIPC } from '../arrow';
import { filterRows, queryRows, takeRows } from '../rows';

function typedTable(): Table {
  const ns = BigInt64Array.from([1704067200123456789n, 1704067200000000001n, 0n]);
  const time = makeVector(
    makeData({
      type: new TimestampNanosecond('UTC'),
      length: 3,
      nullCount: 1,
      nullBitmap: Uint8Array.from([0b011]),
      data: ns
    })
  );
  return new Table({
    time,
    cat: vectorFromArray(['b', 'a', null], new Dictionary(new Utf8(), new Int8())),
    big: vectorFromArray([2n ** 62n, null, -5n], new Int64()),
    flag: vectorFromArray([true, null, false], new Bool()),
    text: vectorFromArray(['x', null, 'z'], new Utf8())
  });
}

describe('takeRows', () => {
  it('keeps types and exact 64-bit values through a permutation and IPC', () => {
    const table = typedTable();
    const taken = decodeIPC(encodeIPC(takeRows(table, Int32Array.from([2, 0, 1]))));
    expect(taken.schema.fields.map(f => String(f.type))).toEqual(
      table.schema.fields.map(f => String(f.type))
    );
    const ns = taken.getChild('time')!.data[0].values as BigInt64Array;
    expect(ns[1]).toBe(1704067200123456789n);
    expect(taken.getChild('time')!.get(0)).toBeNull();
    expect(taken.getChild('cat')!.toArray()).toEqual([null, 'b', 'a']);
    expect([...taken.getChild('big')!]).toEqual([-5n, 2n ** 62n, null]);
    expect(taken.getChild('flag')!.toArray()).toEqual([false, true, null]);
    expect(taken.getChild('text')!.toArray()).toEqual(['z', 'x', null]);
  });

  it('sorts with nulls last in both directions and filters case-insensitively', () => {
    const table = typedTable();
    expect(Array.from(queryRows(table, { sortColumn: 'big', ascending: true }))).toEqual([2, 0, 1]);
    expect(Array.from(queryRows(table, { sortColumn: 'big', ascending: false }))).toEqual([
      0, 2, 1
    ]);
    expect(Array.from(queryRows(table, { filterText: 'X' }))).toEqual([0]);
    expect(Array.from(queryRows(table, { filterText: '2024-01-01 00:00:00.123' }))).toEqual([0]);
  });

  it('keeps lists, structs and maps (dictionary-encoded items too) and reads sliced columns', () => {
    const dict = () => new Dictionary(new Utf8(), new Int32());
    const cmd = new Struct<any>([
      new Field('name', dict(), false),
      new Field('params', new List(new Field('item', dict(), false)), false)
    ]);
    const sessions = [['ls', 'cd'], null, ['curl', 'sh', 'ls']];
    const commands = [
      [{ name: 'cmd.exe', params: ['/c'] }],
      [],
      [
        { name: 'net.exe', params: [] },
        { name: 'cmd.exe', params: ['/c', '/q'] }
      ]
    ];
    const table = new Table({
      plain: vectorFromArray(sessions, new List(new Field('item', new Utf8(), false))),
      coded: vectorFromArray(sessions, new List(new Field('item', dict(), false))),
      cmds: vectorFromArray(commands as any, new List(new Field('item', cmd, false))),
      kv: vectorFromArray(
        [new Map([['a', '1']]), null, new Map([['b', null]])] as any,
        new Map_(
          new Field(
            'entries',
            new Struct<any>([new Field('key', new Utf8(), false), new Field('value', new Utf8())])
          )
        )
      ),
      n: vectorFromArray([1, 2, 3], new Int32())
    });
    const taken = decodeIPC(encodeIPC(takeRows(table, Int32Array.from([2, 1, 0]))));
    const json = (name: string) => JSON.parse(JSON.stringify(taken.getChild(name)!.toArray()));
    expect(json('plain')).toEqual([...sessions].reverse());
    expect(json('coded')).toEqual([...sessions].reverse());
    expect(json('cmds')).toEqual([...commands].reverse());
    expect(json('kv')).toEqual([{ b: null }, null, { a: '1' }]);
    expect(String(taken.getChild('coded')!.type)).toBe(String(table.getChild('coded')!.type));
    // two record batches: gathered through Arrow's builders, with the same values
    const twice = table.concat(table);
    const both = decodeIPC(encodeIPC(takeRows(twice, Int32Array.from([5, 0, 3]))));
    expect(JSON.parse(JSON.stringify(both.getChild('cmds')!.toArray()))).toEqual([
      commands[2],
      commands[0],
      commands[0]
    ]);
    expect(JSON.parse(JSON.stringify(both.getChild('coded')!.toArray()))).toEqual([
      sessions[2],
      sessions[0],
      sessions[0]
    ]);
    // a slice of a table (its buffers start at an offset)
    const slice = table.slice(1);
    const sliced = takeRows(slice, Int32Array.from([1, 0]));
    expect(sliced.getChild('n')!.toArray()).toEqual(Int32Array.from([3, 2]));
    expect(JSON.parse(JSON.stringify(sliced.getChild('cmds')!.toArray()))).toEqual([
      commands[2],
      commands[1]
    ]);
  });

  it('handles an empty selection', () => {
    expect(takeRows(typedTable(), new Int32Array(0)).numRows).toBe(0);
  });
});

describe('filterRows', () => {
  /** The plain definition: a row matches when any cell's text contains the trimmed needle. */
  function naive(table: Table, text: string): number[] {
    const needle = text.trim();
    const out: number[] = [];
    for (let r = 0; r < table.numRows; r++) {
      const hit = table.schema.fields.some((_, c) => {
        const col = table.getChildAt(c)!;
        const v = col.get(r);
        return v !== null && cellText(v, col.type).toLowerCase().includes(needle.toLowerCase());
      });
      if (hit) {
        out.push(r);
      }
    }
    return out;
  }

  it('skips columns that cannot match and reads dictionaries once, with the same result', () => {
    const base = typedTable();
    const table = new Table({
      ...Object.fromEntries(base.schema.fields.map((f, i) => [f.name, base.getChildAt(i)!])),
      float: vectorFromArray([1.5e-7, NaN, -Infinity], new Float64())
    });
    const needles = [
      'x',
      'A',
      'b',
      '-5',
      '2024',
      '00:00',
      '.123z',
      'tru',
      'fals',
      'nan',
      '-inf',
      'e-7',
      '4611686018427387904',
      'z',
      '1',
      ' ',
      ' 00 ',
      'nothing'
    ];
    for (const needle of needles) {
      expect([needle, Array.from(filterRows(table, needle))]).toEqual([
        needle,
        naive(table, needle)
      ]);
    }
  });

  it('text columns in several chunks, with nulls, ASCII or not, match as cell by cell', () => {
    const words = ['WEB-0042.corp', 'db-7', null, 'Ünïcode host', '', 'web-00421', 'x'];
    const chunk = (k: number) =>
      new Table({
        ascii: vectorFromArray(
          Array.from({ length: 50 }, (_, i) =>
            words[(i + k) % words.length] === 'Ünïcode host'
              ? 'plain'
              : words[(i + k) % words.length]
          ),
          new Utf8()
        ),
        mixed: vectorFromArray(
          Array.from({ length: 50 }, (_, i) => words[(i * 3 + k) % words.length]),
          new Utf8()
        )
      });
    const table = chunk(0).concat(chunk(1), chunk(2));
    expect(table.getChild('ascii')!.data.length).toBe(3);
    for (const needle of ['web-0042', 'WEB-0042.', '0042.c', 'ïc', 'de h', 'x', 'db-7w', 'plain']) {
      expect([needle, Array.from(filterRows(table, needle))]).toEqual([
        needle,
        naive(table, needle)
      ]);
    }
  });
});
