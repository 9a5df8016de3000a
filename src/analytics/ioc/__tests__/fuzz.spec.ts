// Safety: no catastrophic backtracking (time grows about linearly with input size, checked
// as the ratio of times for n and 8n with generous tolerance, never an absolute time, for
// every pattern on input that passes every gate: __tests__/hostile.ts), and
// bad input (10 MB cells, binary garbage, lone surrogates, NULs, nulls) is handled.
import { ALL_TYPES, defang, extractIocs } from '../index';
import { DETECTORS } from '../detectors';
import * as P from '../patterns';
import { MAY_BE_DEFANGED, REFANG_PATTERNS } from '../refang';
import { growthRatio } from '../../__tests__/timing';
import { allRuns, REFANG_SAMPLES, RUNS, TRIGGERS } from './hostile';

const ALL = { types: [...ALL_TYPES] };

const rep = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/** Linear is 8x; quadratic 64x. Generous for noise on a shared machine. */
const LIMIT = 20;

function scanAll(re: RegExp): (text: string) => void {
  if (re.sticky) {
    // Anchored patterns run where their detector starts them: after each '@' (email domains).
    const y = new RegExp(re.source, re.flags);
    return text => {
      for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
        y.lastIndex = at + 1;
        y.exec(text);
      }
    };
  }
  const g = new RegExp(re.source, re.global ? re.flags : re.flags + 'g');
  return text => {
    g.lastIndex = 0;
    for (let m = g.exec(text); m; m = g.exec(text)) {
      if (m[0] === '') {
        g.lastIndex++;
      }
    }
  };
}

describe('the hostile input reaches every pattern', () => {
  it.each(REFANG_PATTERNS.map((p, i) => [i, p]))('refang form %i has a sample', (i, p) => {
    expect(new RegExp(p as string).test(REFANG_SAMPLES[i as number])).toBe(true);
  });
  it('passes the refang pre-check and every detector gate', () => {
    expect(MAY_BE_DEFANGED.test(TRIGGERS)).toBe(true);
    for (const d of DETECTORS) {
      expect([d.types, !d.gate || d.gate(TRIGGERS)]).toEqual([d.types, true]);
    }
  });
});

describe('linear time: every refang and detector pattern on long runs of every alphabet', () => {
  const N = 160_000;
  const small = allRuns(N);
  const big = allRuns(8 * N);
  const patterns: [string, RegExp][] = [
    ...REFANG_PATTERNS.map((p, i): [string, RegExp] => [`refang ${i}`, new RegExp(p, 'g')]),
    ['refang pre-check', MAY_BE_DEFANGED],
    ...Object.entries(P)
      .filter((e): e is [string, RegExp] => e[1] instanceof RegExp)
      .map(([k, re]): [string, RegExp] => [k, re])
  ];
  it.each(patterns)('%s', (_name, re) => {
    expect(growthRatio(scanAll(re), small, big, LIMIT)).toBeLessThan(LIMIT);
  });
});

describe('linear time: extraction, refang and defang after every trigger (default mode)', () => {
  const N = 10_000;
  it.each(Object.keys(RUNS))('%s', name => {
    const make = (n: number) => TRIGGERS + RUNS[name](n);
    const scan = (text: string) => {
      extractIocs([text], ALL);
      defang(text);
      defang(text, 'url');
      defang(text, 'ipv6');
      defang(text, 'dns');
    };
    expect(growthRatio(scan, make(N), make(8 * N), LIMIT)).toBeLessThan(LIMIT);
  });
  it('every run in one cell', () => {
    const [small, big] = [allRuns(40_000), allRuns(320_000)];
    const ratio = growthRatio(t => extractIocs([t], ALL), small, big, LIMIT);
    expect(ratio).toBeLessThan(LIMIT);
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
    const m = extractIocs([ten], {
      types: ['ipv4'],
      column: 'msg',
      notes,
      maxMatchesPerCell: 200_000
    });
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
