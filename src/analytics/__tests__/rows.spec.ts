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
  Bool
} from 'apache-arrow';
import { decodeIPC, encodeIPC } from '../arrow';
import { queryRows, takeRows } from '../rows';

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

  it('handles an empty selection', () => {
    expect(takeRows(typedTable(), new Int32Array(0)).numRows).toBe(0);
  });
});
