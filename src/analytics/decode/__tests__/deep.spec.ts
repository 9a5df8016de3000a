// Inputs that once blew up: deeply nested base64 (its cost was spent in the layers' IoC
// scan before the depth limit answered), char-code lists too long for one spread call,
// and a row whose decoding throws (it must become an error row, not fail the call).
import * as finders from '../finders';
import { decodeTexts } from '../index';
import { extractIocs } from '../../ioc';
import { growthRatio } from '../../__tests__/timing';
import { b64 } from './helpers';

const withIocs = { iocExtractor: (t: (string | null)[]) => extractIocs(t) };

function nested(levels: number): string {
  let t = 'cmd /c echo hello world 123 from x';
  for (let i = 0; i < levels; i++) {
    t = b64(t);
  }
  return t;
}

describe('decode time is linear in the input', () => {
  it('base64 nested past the depth limit (22 vs 29 levels: 7.5x the characters)', () => {
    const small = nested(22);
    const large = nested(29);
    expect(large.length / small.length).toBeGreaterThan(7);
    const ratio = growthRatio(t => decodeTexts([t], withIocs), small, large, 20);
    expect(ratio).toBeLessThan(20);
  });
  it('stops at the depth limit with a limit row', () => {
    const items = decodeTexts([nested(25)], withIocs);
    expect(items.map(i => i.status)).toEqual([...Array(10).fill('ok'), 'limit']);
  });
});

describe('long code lists', () => {
  const codes = Array.from({ length: 150_000 }, (_, i) => 65 + (i % 26));
  const expected = String.fromCharCode(...codes.slice(0, 26)).repeat(Math.ceil(150_000 / 26));
  it.each([
    ['String.fromCharCode', `String.fromCharCode(${codes.join(',')})`],
    ['a plain comma list', `x = (${codes.join(', ')});`],
    ['[char] sums', codes.map(c => `[char]${c}`).join('+')],
    ['%u escapes', codes.map(c => '%u00' + c.toString(16)).join('')],
    ['\\u escapes', codes.map(c => '\\u00' + c.toString(16)).join('')]
  ])('%s of 150,000 codes decodes to text', (_name, text) => {
    const items = decodeTexts([text]);
    expect(items).toHaveLength(1);
    expect(items[0].status).toBe('ok');
    expect(items[0].decodedString).toBe(expected.slice(0, 150_000));
  });
});

describe('a row that fails', () => {
  afterEach(() => jest.restoreAllMocks());
  it('becomes an error row naming what went wrong; the other rows are decoded', () => {
    const real = finders.findCandidates;
    jest.spyOn(finders, 'findCandidates').mockImplementation((text, min) => {
      if (text.startsWith('boom')) {
        throw new RangeError('Maximum call stack size exceeded');
      }
      return real(text, min);
    });
    const ok = b64('hello world from row zero');
    const items = decodeTexts([ok, 'boom ' + ok, ok]);
    expect(items.map(i => [i.row, i.status])).toEqual([
      [0, 'ok'],
      [1, 'error'],
      [2, 'ok']
    ]);
    expect(items[1].message).toBe(
      'decoding row 1 failed: RangeError: Maximum call stack size exceeded'
    );
  });
});
