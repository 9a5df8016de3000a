// Safety: adversarial inputs must take time roughly linear in their size (n vs 4n, a
// generous ratio, never an absolute time), and random hostile strings must never throw.
import { decodeTexts } from '../index';
import { extractIocs } from '../../ioc';
import { IDecodeOptions } from '../types';
import { b64 } from './helpers';
import { growthRatio } from '../../__tests__/timing';

/** Repeat `unit` to about `chars` characters. */
const rep = (unit: string, chars: number) => unit.repeat(Math.ceil(chars / unit.length));

let nest = 'x';
for (let i = 0; i < 12; i++) {
  nest = b64(nest + ' layer ' + i);
}

const PATTERNS: [string, (n: number) => string][] = [
  ['base64 alphabet run', n => rep('A', n)],
  ['base64 text run', n => rep('QUJD', n)],
  ['runs of 29 (under msticpy minimum)', n => rep('ABCDEFGHIJKLMNOPQRSTUVWXYZabc ', n)],
  ['short base64 tokens', n => rep('SGVsbG8gd29ybGQ= ', n)],
  ['percent signs', n => rep('%', n)],
  ['broken percent escapes', n => rep('%4%g%', n)],
  ['percent escapes', n => rep('%41', n)],
  ['hex run', n => rep('0123456789abcdef', n)],
  ['odd hex runs', n => rep('abc ', n)],
  ['\\x without digits', n => rep('\\x4', n)],
  ['\\x escapes', n => rep('\\x41', n)],
  ['0x prefixes', n => rep('0x0x', n)],
  ['0x list', n => rep('0x41,', n)],
  ['spaced hex pairs', n => rep('4d ', n)],
  ['char codes', n => rep('[char]65+', n)],
  ['comma numbers', n => rep('1,', n)],
  ['chr calls', n => rep('chr(', n)],
  ['-e flags', n => rep(' -e ', n)],
  ['-enc values', n => rep(' -enc QUJD', n)],
  ['url-safe and dashes', n => rep('a-_', n)],
  ['wrapped lines', n => rep('A'.repeat(40) + '\n', n)],
  ['%u escapes', n => rep('%u0041', n)],
  ['nested base64', n => rep(nest + ' ', n)]
];

const MODES: [string, IDecodeOptions][] = [
  ['default', {}],
  // Decoded layers go through the IoC extractor: its time counts too.
  ['default with IoCs', { iocExtractor: texts => extractIocs(texts) }],
  ['msticpy', { parity: 'msticpy' }]
];

describe.each(MODES)('linear time (%s mode)', (_mode, options) => {
  it.each(PATTERNS)('%s', (_name, make) => {
    // n stays small enough for 4n to fit in CPU caches (past ~1 MB even a plain V8 regex
    // scan slows down ~10x). Both sizes are warmed up (JIT), each timing repeats the call k
    // times to last ~20 ms of CPU, and n and 4n are timed interleaved, best of 5 (load only adds).
    const n = 40_000;
    const small = make(n);
    const large = make(4 * n);
    const best = growthRatio(text => decodeTexts([text], options), small, large, 10);
    expect(best).toBeLessThan(10);
  });
});

describe('random hostile strings', () => {
  const ALPHABET = 'AZaz09+/=-_%\\x0u,[]()char \n\r\t\0\ud800\uffff\u00e9';
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;

  it.each(MODES)('never throw and keep spans inside the text (%s mode)', (_m, options) => {
    for (let k = 0; k < 300; k++) {
      const len = Math.floor(rand() * 2000);
      let s = '';
      for (let i = 0; i < len; i++) {
        s +=
          rand() < 0.5
            ? ALPHABET[Math.floor(rand() * ALPHABET.length)]
            : String.fromCharCode(65 + Math.floor(rand() * 58));
      }
      const items = decodeTexts([s, s + b64(s)], options);
      for (const it of items.filter(i => i.depth === 1 && i.status === 'ok')) {
        expect(it.start).toBeGreaterThanOrEqual(0);
        expect(it.end).toBeLessThanOrEqual([s, s + b64(s)][it.row].length);
      }
    }
  });
});
