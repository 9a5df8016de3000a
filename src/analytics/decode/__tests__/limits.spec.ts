// Bombs, caps, time budget and hostile input: results or clear "limit reached" rows,
// never an exception or runaway memory.
import * as zlib from 'zlib';
import { JobContext } from '../../job';
import { decodeTexts } from '../index';
import { b64, makeZip } from './helpers';

/** A real gzip bomb: `members` gzip members of 1 MiB of zeros each (~1 KB apiece). */
function gzipBomb(members: number): Uint8Array {
  const one = zlib.gzipSync(Buffer.alloc(1 << 20), { level: 9 });
  return new Uint8Array(Buffer.concat(new Array(members).fill(one)));
}

describe('decode limits', () => {
  it('stops a 1 GiB gzip bomb at the per-item cap with a limit row', () => {
    const bomb = gzipBomb(1024);
    expect(bomb.length).toBeLessThan(1_200_000);
    const before = process.memoryUsage().rss;
    const items = decodeTexts(['payload ' + b64(bomb)]);
    expect(process.memoryUsage().rss - before).toBeLessThan(400 * 1024 * 1024);
    expect(items).toHaveLength(1);
    expect(items[0].status).toBe('limit');
    expect(items[0].message).toMatch(/limit reached: an item exceeds \d+ bytes \(maxItemBytes\)/);
    expect(items[0].fileType).toBe('gzip');
    expect(items[0].chain).toEqual(['base64']);
  });

  it('stops an overlapping-entry zip bomb at the total cap', () => {
    // 200 central-directory entries share one local file of 4 MiB zeros: 800 MiB out of ~4 KB.
    const entries = [
      { name: 'f0', data: new Uint8Array(4 << 20) },
      ...Array.from({ length: 199 }, (_, i) => ({
        name: `f${i + 1}`,
        data: new Uint8Array(4 << 20),
        sameAs: 0
      }))
    ];
    const zip = makeZip(entries);
    expect(zip.length).toBeLessThan(64 * 1024);
    const items = decodeTexts([b64(zip)], { limits: { maxTotalBytes: 64 << 20 } });
    const last = items[items.length - 1];
    expect(last.status).toBe('limit');
    expect(last.message).toMatch(/maxTotalBytes/);
  });

  it('caps nesting depth with a limit row', () => {
    let text = 'core text at the bottom';
    for (let i = 0; i < 14; i++) {
      text = b64(text);
    }
    const items = decodeTexts([text], { limits: { maxDepth: 5 } });
    expect(items.filter(i => i.status === 'ok')).toHaveLength(5);
    expect(items[items.length - 1].message).toMatch(/nested deeper than 5 layers/);
  });

  it('caps gzip inside gzip inside ... by depth too', () => {
    let data: Uint8Array = new Uint8Array(Buffer.from('innermost'));
    for (let i = 0; i < 30; i++) {
      data = new Uint8Array(zlib.gzipSync(data));
    }
    const [it] = decodeTexts([b64(data)]);
    expect(it.status).toBe('limit');
    expect(it.message).toMatch(/containers nested deeper/);
  });

  it('scans only maxCellChars of a long cell and says so', () => {
    const items = decodeTexts(['x'.repeat(100) + b64('hidden past the cap')], {
      limits: { maxCellChars: 50 }
    });
    expect(items).toHaveLength(1);
    expect(items[0].message).toMatch(/only the first 50 of \d+ characters/);
  });

  it('stops at the time budget with a limit row and keeps earlier results', () => {
    const ctx = new JobContext({ budgetMs: 1 });
    const texts = Array.from(
      { length: 200_000 },
      (_, i) => `row ${i} ${b64('some encoded text number ' + i)}`
    );
    const items = decodeTexts(texts, {}, ctx);
    const last = items[items.length - 1];
    expect(last.status).toBe('limit');
    expect(last.message).toMatch(/time budget/);
    expect(items.length).toBeLessThan(texts.length);
  });

  it('handles a 10 MB cell of base64-looking and binary content', () => {
    const big = 'A'.repeat(5_000_000) + ' ' + 'QUJD'.repeat(1_250_000);
    const items = decodeTexts([big]);
    expect(items.length).toBeGreaterThan(0);
    const garbage = Array.from({ length: 10_000_000 }, (_, i) =>
      String.fromCharCode((i * 7919) % 65536)
    ).join('');
    expect(() => decodeTexts([garbage])).not.toThrow();
  });

  it('survives invalid UTF-8, lone surrogates and NULs', () => {
    const texts = [
      '\ud800\udfff\ud800 abc',
      '\0\0\0' + b64(new Uint8Array([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe, 0xfd])) + '\0',
      b64(new Uint8Array([0xed, 0xa0, 0x80, 0x41]))
    ];
    expect(() => decodeTexts(texts)).not.toThrow();
    expect(() => decodeTexts(texts, { parity: 'msticpy' })).not.toThrow();
  });

  it('reports a corrupt gzip and a truncated zip as errors, not exceptions', () => {
    const gz = zlib.gzipSync(
      Buffer.from(Array.from({ length: 300 }, (_, i) => `line ${i * 7919}`).join('\n'))
    );
    const [a] = decodeTexts([b64(new Uint8Array(gz.subarray(0, gz.length - 20)))]);
    expect(a.status).toBe('error');
    expect(a.message).toMatch(/gzip could not be unpacked/);
    const zip = makeZip([{ name: 'a.txt', data: new Uint8Array(Buffer.from('hello zip')) }]);
    const [b] = decodeTexts([b64(zip.subarray(0, zip.length - 30))]);
    expect(b.status).toBe('error');
    expect(b.message).toMatch(/zip could not be unpacked/);
  });
});
