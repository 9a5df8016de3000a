// Hostile input for the linear-time tests: a prefix that passes every gate (one sample of
// each refang form, each detector's trigger) and long runs of each pattern's alphabet. A
// pattern that backtracks over a run is quadratic in the run's length.

/** One sample of each refang form, in FORMS order (refang.ts; the fuzz test checks each matches). */
export const REFANG_SAMPLES = [
  'a[.]b',
  'a[.b',
  'a\\.b',
  'a^.b',
  'aDOTb',
  'a[@]b',
  'a AT b',
  'a at b dot c',
  ' dot b',
  '[http]',
  'hxxp://',
  'fxp://',
  'xxxx://',
  'a[://]b',
  '[:]//',
  '1[:]2',
  'http:__',
  'http :// a',
  'a[/]b',
  '[www]',
  'a[-]b',
  ' 1,2,3,4 '
];

/** Triggers of the detectors' gates and of the refang pre-check. */
const GATES = [
  '://',
  'a@b',
  'a.b',
  '::',
  ':::::::',
  'cve-',
  'AS1',
  '-----',
  'aaaa.bbbb.',
  'HK',
  '\\REGISTRY',
  'bc1',
  '0x',
  '/',
  '\\'
];

export const TRIGGERS = [...REFANG_SAMPLES, ...GATES].join(' ') + ' ';

/** Deterministic pseudo-random text over an alphabet. */
function random(alphabet: string, seed: number): (n: number) => string {
  return n => {
    let s = seed;
    let out = '';
    for (let i = 0; i < n; i++) {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      out += alphabet[s % alphabet.length];
    }
    return out;
  };
}

const rep = (unit: string) => (n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const B64 = LETTERS + LETTERS.toUpperCase() + '0123456789+/';

/** Long runs of each pattern's alphabet; each returns n characters. */
export const RUNS: Record<string, (n: number) => string> = {
  letters: rep('a'),
  upper: rep('A'),
  digits: rep('1'),
  hexPairs: rep('a1'),
  randomHex: random('0123456789abcdef', 7),
  randomBase64: random(B64, 11),
  randomBase64Url: random(B64.slice(0, 62) + '-_', 13),
  randomBase58: random('123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz', 17),
  randomIocAlphabet: random('a1.:/\\@[]()-_%x0F hxxp://', 19),
  labels: rep('a.'),
  hyphens: rep('a-'),
  dots: rep('.'),
  digitDots: rep('1.'),
  spaces: rep(' '),
  wordDot: rep('a dot '),
  wordAt: rep('a at '),
  atDotChain: n => 'x at ' + rep('a dot ')(n),
  spacedAt: rep(' at '),
  spacedDot: rep(' . '),
  upperDot: rep('aDOT'),
  spacedUpperDot: rep(' DOT '),
  dashDot: rep('a-dot-'),
  bracketDots: rep('[.'),
  parenDots: rep('(.'),
  backslashDots: rep('\\.'),
  caretDots: rep('^.'),
  ats: rep('@'),
  atRuns: rep('a@'),
  spacedAts: rep(' @ '),
  emailish: rep('a.b@'),
  slashes: rep('/a'),
  doubleSlashes: rep('//'),
  backslashes: rep('\\a'),
  doubleBackslashes: rep('\\\\'),
  colons: rep(':'),
  digitColons: rep('1:'),
  hexColons: rep('ab:'),
  bracketColons: rep('[:]'),
  percentEscapes: rep('%41'),
  percents: rep('%'),
  open: rep('('),
  close: rep(')'),
  mixedBrackets: rep('[({<'),
  commas: rep(','),
  digitCommas: rep('1,'),
  underscores: rep('_'),
  schemes: rep('http://'),
  percentUrls: rep('http://%/'),
  defangedSchemes: rep('hxxp'),
  hs: rep('h'),
  xs: rep('x'),
  drives: rep('c:\\'),
  winPath: n => 'c:\\' + rep('a a\\')(n),
  registry: n => 'HKLM\\' + rep('a b ')(n),
  userAgent: n => 'Mozilla/5.0 ' + rep('(a) ')(n),
  uaVersions: rep('a/1 '),
  ssdeep: rep('3:ab'),
  bech32: n => 'bc1' + rep('q')(n),
  eth: rep('0x'),
  cve: rep('CVE-1'),
  mitre: rep('T1059.'),
  asn: rep('AS1 '),
  mac: rep('00:'),
  macDots: rep('0000.')
};

/** Every run after the triggers, each of about n / (number of runs) characters. */
export function allRuns(n: number, skip: ReadonlySet<string> = new Set()): string {
  const names = Object.keys(RUNS).filter(k => !skip.has(k));
  const each = Math.ceil(n / names.length);
  return TRIGGERS + names.map(k => RUNS[k](each)).join('\n');
}
