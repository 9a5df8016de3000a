// Safety: no catastrophic backtracking (time grows about linearly with input size, checked
// as the ratio of times for n and 4n with generous tolerance, never an absolute time), and
// bad input (10 MB cells, binary garbage, lone surrogates, NULs, nulls) is handled.
import { ALL_TYPES, extractIocs } from '../index';
import { growthRatio } from '../../__tests__/timing';

const ALL = { types: [...ALL_TYPES] };

const rep = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

const ADVERSARIAL: Record<string, (n: number) => string> = {
  letters: n => rep('a', n),
  dots: n => rep('.', n),
  digitDots: n => rep('1.', n),
  digits: n => rep('1', n),
  hex: n => rep('a1', n),
  atRuns: n => rep('a@', n),
  labels: n => rep('a.', n),
  hyphenLabels: n => rep('a-', n) + '.com',
  slashes: n => rep('/a', n),
  backslashes: n => rep('\\a', n),
  colons: n => rep('1:', n),
  hexColons: n => rep('ab:', n),
  percent: n => 'http://x/' + rep('%41', n),
  urlHost: n => 'http://' + rep('a.', n),
  brackets: n => rep('[.', n),
  nesting: n => rep('(', n / 2) + rep(')', n / 2),
  defangNest: n => rep('[(', n / 2) + rep(')]', n / 2),
  winPath: n => 'c:\\' + rep('a a\\', n),
  drives: n => rep('c:\\', n),
  userAgent: n => 'Mozilla/5.0 ' + rep('(a) ', n),
  registry: n => 'HKLM\\' + rep('a b ', n),
  spacedAt: n => rep('a at b ', n),
  base58: n => rep('1A', n),
  ssdeep: n => rep('3:ab', n),
  emailish: n => rep('a.b@', n),
  mixed: n =>
    rep('x 1.2.3.4 a@b.com http://e.com/%41 c:\\t\\x 00236a2ae558018ed13b5222ef1bd987 ', n)
};

describe('linear time on adversarial input (default mode)', () => {
  const N = 100_000;
  it.each(Object.keys(ADVERSARIAL))('%s', name => {
    const gen = ADVERSARIAL[name];
    const small = gen(N);
    const big = gen(4 * N);
    const ratio = growthRatio(text => extractIocs([text], ALL), small, big, 10);
    // Linear would be 4x; quadratic 16x. Generous for noise on a shared machine.
    expect(ratio).toBeLessThan(10);
  });
});

describe('random input', () => {
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const ALPHABET = 'a1.:/\\@[]()-_%x0F hxxp://';
  it('random strings from an IoC-heavy alphabet, 4x size grows about linearly', () => {
    const make = (n: number) =>
      Array.from({ length: n }, () => ALPHABET[Math.floor(rnd() * ALPHABET.length)]).join('');
    const small = make(200_000);
    const big = make(800_000);
    const ratio = growthRatio(text => extractIocs([text], ALL), small, big, 10);
    expect(ratio).toBeLessThan(10);
  });
  it('binary garbage, lone surrogates and NULs do not throw and give consistent spans', () => {
    const bytes = Array.from({ length: 300_000 }, () => Math.floor(rnd() * 256));
    const latin1 = String.fromCharCode(...bytes.slice(0, 100_000));
    const utf8ish = new TextDecoder('utf-8').decode(Uint8Array.from(bytes));
    const surrogates = '\ud800 1.2.3.4 \udfff evil.com \u0000 bob@evil.com\u0000\ud83d';
    const matches = extractIocs([latin1, utf8ish, surrogates, null, '', 'x'], ALL);
    const texts = [latin1, utf8ish, surrogates];
    for (const m of matches) {
      expect(texts[m.row].slice(m.start, m.end)).toBe(m.raw);
    }
    expect(matches.filter(m => m.row === 2).map(m => m.value)).toEqual(
      expect.arrayContaining(['1.2.3.4', 'evil.com', 'bob@evil.com'])
    );
  });
});

describe('cell length cap', () => {
  it('scans a 10 MB cell up to the cap and says so', () => {
    const ten = rep('x 8.8.8.8 ', 10_000_000);
    const notes: string[] = [];
    const m = extractIocs([ten], { types: ['ipv4'], column: 'msg', notes });
    expect(m.length).toBeGreaterThan(90_000);
    expect(m.every(x => x.end <= 1_000_000)).toBe(true);
    expect(notes).toEqual([
      'Row 0 of column "msg" has 10000000 characters; only the first 1000000 were scanned for IoCs.'
    ]);
  });
  it('parity mode has a lower cap (msticpy patterns are quadratic on some inputs)', () => {
    const notes: string[] = [];
    extractIocs([rep('a', 200_000)], { parity: 'msticpy', notes });
    expect(notes[0]).toMatch(/only the first 50000 were scanned/);
  });
});
