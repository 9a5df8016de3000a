import { tableFromArrays } from 'apache-arrow';
import { ArrowDecodeError, base64ToBytes, bytesToBase64, decodeIPC, encodeIPC } from '../arrow';

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
