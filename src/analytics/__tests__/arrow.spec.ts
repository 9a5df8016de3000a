import { makeData, makeVector, tableFromArrays, TimestampMillisecond } from 'apache-arrow';
import {
  ArrowDecodeError,
  base64ToBytes,
  bytesToBase64,
  cellText,
  decodeIPC,
  encodeIPC
} from '../arrow';

describe('Arrow IPC helpers', () => {
  const table = tableFromArrays({ a: Int32Array.from([1, 2, 3]), s: ['x', 'y', null] });

  it('round-trips a table through IPC and base64', () => {
    const bytes = encodeIPC(table);
    const back = decodeIPC(base64ToBytes(bytesToBase64(bytes)));
    expect(back.numRows).toBe(3);
    expect(back.getChild('s')!.toArray()).toEqual(['x', 'y', null]);
  });

  it('names the problem for bytes that are not Arrow', () => {
    expect(() => decodeIPC(new TextEncoder().encode('hello world, not arrow'))).toThrow(
      /does not start with an IPC stream/
    );
    expect(() => decodeIPC(new Uint8Array(3))).toThrow(ArrowDecodeError);
  });

  it('names the problem for truncated bytes', () => {
    const bytes = encodeIPC(table);
    expect(() => decodeIPC(bytes.subarray(0, 40))).toThrow(/malformed or truncated/);
  });

  it('rejects text that is not base64', () => {
    expect(() => base64ToBytes('not base64 !!')).toThrow(/not valid base64/);
  });
});

describe('cellText of timestamps', () => {
  const ms = Date.UTC(2019, 0, 15, 4, 35, 26, 10);
  const column = (timezone: string | null) =>
    makeVector(
      makeData({
        type: new TimestampMillisecond(timezone),
        length: 1,
        data: BigInt64Array.of(BigInt(ms)) as any
      })
    );

  it('shows zoned instants in UTC with a Z', () => {
    const v = column('Europe/Paris');
    expect(cellText(v.get(0), v.type)).toBe('2019-01-15 04:35:26.010Z');
  });

  it('shows naive wall-clock times without claiming UTC', () => {
    const v = column(null);
    expect(cellText(v.get(0), v.type)).toBe('2019-01-15 04:35:26.010');
  });
});
