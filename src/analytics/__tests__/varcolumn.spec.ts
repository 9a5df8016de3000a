import { Binary, makeVector, Table } from 'apache-arrow';
import { decodeIPC, encodeIPC } from '../arrow';
import { utf8Data, varData } from '../varcolumn';

const roundTrip = (values: unknown[]) =>
  decodeIPC(encodeIPC(new Table({ c: makeVector(values as any) })))
    .getChild('c')!
    .toArray();

describe('varData', () => {
  it('encodes strings as UTF-8 with nulls, repeats, long and non-ASCII values', () => {
    const long = 'x'.repeat(5000) + 'é' + 'y'.repeat(100);
    const values = [
      'plain',
      null,
      'plain',
      'plain',
      '',
      undefined,
      'naïve 😀 end',
      '😀',
      'ascii then ü',
      long,
      long,
      'a'.repeat(64),
      'b'.repeat(65) + '€',
      '\u0000\u007f\u0080\u07ff\u0800\uffff'
    ];
    const data = utf8Data(values);
    expect(data.length).toBe(values.length);
    expect(data.nullCount).toBe(2);
    expect(roundTrip([data])).toEqual(values.map(v => v ?? null));
  });

  it('grows past its first buffer', () => {
    const values = Array.from({ length: 3000 }, (_, i) => `row ${i} ` + 'z'.repeat(i % 97));
    expect(roundTrip([utf8Data(values)])).toEqual(values);
  });

  it('has no validity bitmap when nothing is null, and handles no values', () => {
    expect(utf8Data(['a', 'b']).nullBitmap?.length ?? 0).toBe(0);
    expect(roundTrip([utf8Data([])])).toEqual([]);
  });

  it('builds Binary columns, copying repeated byte arrays', () => {
    const a = Uint8Array.from([1, 2, 3]);
    const values = [a, a, null, new Uint8Array(0), Uint8Array.from([255])];
    const got = roundTrip([varData(new Binary(), values)]);
    expect(got.map((v: Uint8Array | null) => (v ? [...v] : null))).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      null,
      [],
      [255]
    ]);
  });
});
