// Building blocks checked against independent implementations (Node's Buffer, zlib,
// crypto and TextDecoder) and against CPython's documented base64 behaviour.
import { createHash } from 'crypto';
import { decodeBase64, decodeBase64Python } from '../base64';
import { readTar } from '../archive';
import { hashes } from '../hash';
import { Budget } from '../limits';
import { sniffType } from '../magic';
import { msticpyPrefixType } from '../msticpy';
import { decodeUtf8, guessText, hexBytes, isUtf8 } from '../text';
import { gz, makeTar } from './helpers';

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

describe('base64 decoders', () => {
  it('match Buffer on random data, standard and URL-safe, padded or not', () => {
    for (let n = 0; n < 200; n++) {
      const b = randomBytes(n);
      const std = Buffer.from(b).toString('base64');
      const same = (x: Uint8Array | null) => x !== null && Buffer.from(x).equals(b);
      expect(same(decodeBase64(std))).toBe(true);
      expect(same(decodeBase64(std.replace(/=+$/, '')))).toBe(true);
      expect(same(decodeBase64(Buffer.from(b).toString('base64url'), true))).toBe(true);
      expect(same(decodeBase64Python(std))).toBe(true);
    }
  });

  it('follow CPython a2b_base64 (non-strict) on padding and foreign characters', () => {
    const text = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString());
    expect(text(decodeBase64Python('QUJD\nREVG'))).toBe('ABCDEF'); // newlines skipped
    expect(text(decodeBase64Python('QUI='))).toBe('AB');
    expect(text(decodeBase64Python('QUI=QUJD'))).toBe('AB'); // "=" ends the data... (quad 3 + 1 pad)
    expect(decodeBase64Python('QUI')).toBeNull(); // Incorrect padding
    expect(decodeBase64Python('QUJDR')).toBeNull(); // 1 more than a multiple of 4
    expect(text(decodeBase64Python('QQ=='))).toBe('A');
    expect(decodeBase64Python('QQ=')).toBeNull();
    expect(decodeBase64('QU!D')).toBeNull();
  });
});

describe('text', () => {
  it('isUtf8 agrees with a fatal TextDecoder on random and tricky bytes', () => {
    const tricky = [
      [0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf0, 0x9f, 0x98, 0x80],
      [0xe2, 0x82],
      [0xef, 0xbb, 0xbf, 0x41]
    ].map(a => Uint8Array.from(a));
    const random = Array.from({ length: 3000 }, (_, i) =>
      randomBytes(1 + (i % 12)).map(b => (rand() < 0.5 ? b & 0x7f : b))
    );
    for (const b of [...tricky, ...random]) {
      let ok = true;
      try {
        fatal.decode(b);
      } catch {
        ok = false;
      }
      expect(isUtf8(b)).toBe(ok);
    }
    expect(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('\ufeffA'); // BOM kept, as Python
  });

  it('guesses UTF-16LE from the zero pattern and rejects binary', () => {
    expect(guessText(new Uint8Array(Buffer.from('Get-Process', 'utf16le')))).toEqual({
      text: 'Get-Process',
      encoding: 'utf-16le'
    });
    expect(guessText(randomBytes(64))).toBeNull();
    expect(hexBytes(Uint8Array.from([0, 15, 255]))).toBe('00 0f ff');
    expect(hexBytes(Uint8Array.from([1, 2, 3]), 2)).toBe('01 02 ... (3 bytes)');
  });
});

describe('hashes', () => {
  it('equal Node crypto', () => {
    for (const n of [0, 1, 55, 56, 64, 1000]) {
      const b = randomBytes(n);
      const h = (a: string) => createHash(a).update(b).digest('hex');
      expect(hashes(b)).toEqual({ md5: h('md5'), sha1: h('sha1'), sha256: h('sha256') });
    }
  });
});

describe('file typing', () => {
  it('types by magic bytes', () => {
    expect(sniffType(gz('x'))).toBe('gzip');
    expect(sniffType(Uint8Array.from([0x78, 0x9c, 1, 2]))).toBe('zlib');
    expect(sniffType(makeTar([{ name: 'a', data: new Uint8Array(1) }]))).toBe('tar');
    expect(sniffType(Uint8Array.from(Buffer.from('MZ\x90\x00')))).toBe('mz');
    expect(sniffType(Uint8Array.from(Buffer.from('hello')))).toBeNull();
  });

  it('types base64 text as msticpy does (prefix table, case-insensitive tar marker)', () => {
    expect(msticpyPrefixType('H4sIAAAA')).toBe('gz');
    expect(msticpyPrefixType('UEsDBBQAAQAIAxx')).toBe('zip (pwd protected)');
    expect(msticpyPrefixType('xx' + 'daxmda3nzcamdawmdawm')).toBe('tar');
    expect(msticpyPrefixType('TVqQAAMAAAAEAAAA')).toBeNull();
  });

  it('reads tar like Python: directories listed, same name keeps first place and last content', () => {
    const tar = makeTar([
      { name: 'a.txt', data: Uint8Array.from([1]) },
      { name: 'b.txt', data: Uint8Array.from([2]) },
      { name: 'a.txt', data: Uint8Array.from([3]) }
    ]);
    expect(readTar(tar, new Budget()).map(m => [m.name, [...m.data!]])).toEqual([
      ['a.txt', [3]],
      ['b.txt', [2]]
    ]);
  });
});
