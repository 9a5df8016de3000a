// Refanging: rewrite defanged indicators (hxxp, [.], (dot), [at], [:]//, ...) to their
// live form before matching, keeping a map back to the raw offsets so each result can name
// the text as written. The forms are the union collected in research/algorithms.md 2.6
// (iocextract, ioc-fanger, ioc-extractor, CyberChef). Word forms that also occur in prose
// (" at ", "DOT", ",") are only rewritten between label characters or in "user at host dot
// tld" shape, so ordinary sentences are left alone.

import { isIanaTld } from './tld';

type Rewrite = (m: string, groups: (string | undefined)[]) => string;

/**
 * "user at host dot tld": a ` dot ` is rewritten only when it continues such a chain (the
 * previous edit was its ` at ` or an earlier ` dot `, one label between). Checked in the
 * scan loop, not with a lookbehind: a lookbehind reaching back over the whole chain made
 * the scan quadratic on long runs of letters.
 */
type Guard = 'start' | 'continue' | 'backslash';
const LABEL_RUN = /^[a-zA-Z0-9-]{1,63}$/;

/**
 * `\.` is also a path or registry separator before a dot name (`C:\Users\bob\.ssh`,
 * `...\FileExts\.vbs`), so it is refanged only inside a token whose other backslashes are
 * all `\.` and which then reads as a host with a known TLD or as an IPv4 address. The
 * verdict is kept per token: a token of many `\.` is checked once (linear).
 */
class BackslashDot {
  private _end = -1;
  private _ok = false;

  accept(raw: string, at: number): boolean {
    if (at >= this._end) {
      let s = at;
      while (s > 0 && TOKEN_CHAR.test(raw[s - 1])) {
        s--;
      }
      let e = at;
      while (e < raw.length && TOKEN_CHAR.test(raw[e])) {
        e++;
      }
      this._end = e;
      this._ok = plausibleHost(raw.slice(s, e));
    }
    return this._ok;
  }
}

const TOKEN_CHAR = /[A-Za-z0-9._\\-]/;

function plausibleHost(token: string): boolean {
  if (/\\[^.]|\\$/.test(token)) {
    return false; // a backslash that separates path components
  }
  const host = token.replace(/\\\./g, '.').replace(/^\.+|\.+$/g, '');
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(host)) {
    return true;
  }
  const labels = host.split('.');
  return (
    labels.length >= 2 &&
    labels.every(l => /^[A-Za-z0-9_-]{1,63}$/.test(l)) &&
    isIanaTld(labels[labels.length - 1].toLowerCase())
  );
}

const L = '[A-Za-z0-9]'; // a label character
const OPEN = '[\\[\\(\\{<]';
const CLOSE = '[\\]\\)\\}>]';
const SCHEME_END = '(?=\\s*(?:\\[:\\]|\\(:\\)|\\{:\\}|[\\[\\(\\{]://[\\]\\)\\}]|:|__))';

/** [pattern, rewrite, guard] in priority order; each becomes one alternative of one regex. */
const FORMS: [string, Rewrite, Guard?][] = [
  // dots: [.] (.) {.} <.> [dot] (DOT) {punto} [,] and partial [. .] (. .)
  [`${OPEN}\\s*(?:\\.|,|[dD][oO][tT]|punto|PUNTO|punkt|PUNKT)\\s*${CLOSE}`, () => '.'],
  [`(?<=${L})(?:\\[\\.|\\.\\]|\\(\\.|\\.\\))(?=${L})`, () => '.'],
  [`(?<=${L})\\\\\\.(?=${L})`, () => '.', 'backslash'],
  [`(?<=${L})(?:\\^\\.|・|-dot-|-DOT-)(?=${L})`, () => '.'],
  [`(?<=[a-z0-9])DOT(?=[a-z0-9])|(?<=${L}) DOT (?=${L})|(?<=${L}) \\. (?=${L})`, () => '.'],
  // at: [@] (at) {AT} [et] (arroba) -at- " AT " " @ "
  [`${OPEN}\\s*(?:@|[aA][tT]|[eE][tT]|arroba|ARROBA)\\s*${CLOSE}`, () => '@'],
  [`(?<=[\\w.+-])(?:-at-|-AT-| (?:AT|ET|ARROBA) | @ ?|@ )(?=${L})`, () => '@'],
  // "user at example dot com": both words only in that shape
  [`(?<=[\\w.+-]) at (?=[a-zA-Z0-9-]{1,63} dot ${L})`, () => '@', 'start'],
  [` dot (?=${L})`, () => '.', 'continue'],
  // schemes: hxxp hXXps h**p h00p hTTp fxp ftx sfxp xxxx:// xxxxs:// [http]
  [`\\[(https?|ftps?|sftp)\\]`, (_m, g) => g[0] ?? ''],
  [
    `\\b[hH](?:[xX]{2}|\\*\\*|00|[xX][tT]|[tT][xX]|[A-Z]{2})[pP]([sS]?)${SCHEME_END}`,
    (_m, g) => 'http' + (g[0] ? 's' : '')
  ],
  [
    `\\b([sS]?)[fF](?:[xX][pP]|[tT][xX])([sS]?)${SCHEME_END}`,
    (_m, g) => (g[0] ? 's' : '') + 'ftp' + (g[1] ? 's' : '')
  ],
  [`\\b[xX]{4}([xXsS]?)(?=://)`, (_m, g) => (g[0] ? 'https' : 'http')],
  // separators after a scheme: [://] (://) [:]// :\\ __ :__ " :// "
  [`[\\[\\(\\{]://[\\]\\)\\}]`, () => '://'],
  [`[\\[\\(\\{]:[\\]\\)\\}](?=//)`, () => ':'],
  // IPv6 colons: 2001[:]db8[:][:]1
  [`(?<=[0-9a-fA-F\\]]|^|\\s)[\\[\\(\\{]:[\\]\\)\\}](?=[0-9a-fA-F\\[]|$|\\s)`, () => ':'],
  [
    `(?<=\\b(?:https?|ftps?|sftp|[hH][xX]{2}[pP][sS]?)):?__|(?<=\\b(?:https?|ftps?|sftp|[hH][xX]{2}[pP][sS]?)):\\\\\\\\`,
    () => '://'
  ],
  [`(?<=\\b(?:https?|ftps?|sftp)) ?:// ?(?=${L})`, () => '://'],
  // path and label separators: [/] \/ [www] [-]
  [`\\[/\\]|\\\\/`, () => '/'],
  [`\\[(www|WWW)\\]`, (_m, g) => g[0] ?? 'www'],
  [`\\[-\\]`, () => '-'],
  // 1,2,3,4 as an IPv4 address, only as a whole token (not inside a CSV row)
  [`(?<![\\w.,])[1-9]\\d{0,2},\\d{1,3},\\d{1,3},\\d{1,3}(?![\\w.,])`, m => m.replace(/,/g, '.')]
];

// Each form is wrapped in one group of the combined regex; a rewrite sees its own inner
// groups as g[0], g[1], ...
const COMBINED = new RegExp(FORMS.map(([p]) => `(${p})`).join('|'), 'g');
/** Each form's pattern on its own (the fuzz test times every one). */
export const REFANG_PATTERNS: readonly string[] = FORMS.map(([p]) => p);
const FORM_GROUPS = FORMS.map(([p]) => new RegExp(p + '|').exec('')!.length - 1);

/**
 * Cheap test run on every cell: the refang pass only runs where one of its forms may start.
 * Case variants are spelled out (no `i` flag) so ordinary words do not pass.
 */
export const MAY_BE_DEFANGED = new RegExp(
  [
    '[\\[\\(\\{<]\\s*(?:[.,@:/-]|[dD][oO][tT]|[aAeE][tT]|arroba|ARROBA|punt|PUNT|punkt|PUNKT|https?\\]|ftps?\\]|sftp\\]|www\\]|WWW\\])',
    '\\.[\\]\\)]',
    '\\\\[./]',
    '\\^\\.',
    '・',
    '-(?:dot|DOT|at|AT)-',
    '[hH](?:[xX]{2}|\\*\\*|00|[xX][tT]|[tT][xX]|[A-Z]{2})[pP]',
    '[fF](?:[xX][pP]|[tT][xX])',
    '[xX]{4}',
    'DOT',
    ' (?:AT|ET|ARROBA) ',
    ' @|@ ',
    ' at [\\w-]+ dot ',
    ' \\. ',
    '[a-z]:?__',
    ':\\\\\\\\',
    ' ://|:// ',
    '\\d,\\d{1,3},\\d{1,3},\\d'
  ].join('|')
);

export interface IRefanged {
  text: string;
  /** Raw offset of refanged offset `pos`; `isEnd` maps a span end (exclusive). */
  toRaw(pos: number, isEnd: boolean): number;
}

const IDENTITY = (text: string): IRefanged => ({ text, toRaw: pos => pos });

/** Refang `raw` and keep the offset map. Text without defang markers is returned as is. */
export function refangText(raw: string): IRefanged {
  if (!MAY_BE_DEFANGED.test(raw)) {
    return IDENTITY(raw);
  }
  // Each edit: raw span [rawStart, rawEnd) became refanged span [outStart, outEnd).
  const rawStart: number[] = [];
  const rawEnd: number[] = [];
  const outStart: number[] = [];
  const outEnd: number[] = [];
  let out = '';
  let last = 0;
  let chainEnd = -1; // raw end of the last "user at host dot ..." edit
  const backslashDot = new BackslashDot();
  COMBINED.lastIndex = 0;
  for (let m = COMBINED.exec(raw); m; m = COMBINED.exec(raw)) {
    const form = formOf(m);
    if (!form) {
      continue;
    }
    const [rewrite, groups, chain] = form;
    if (chain === 'continue' && !(chainEnd === last && LABEL_RUN.test(raw.slice(last, m.index)))) {
      continue;
    }
    if (chain === 'backslash' && !backslashDot.accept(raw, m.index)) {
      continue;
    }
    const rep = rewrite(m[0], groups);
    if (rep === m[0]) {
      continue;
    }
    out += raw.slice(last, m.index);
    rawStart.push(m.index);
    rawEnd.push(m.index + m[0].length);
    outStart.push(out.length);
    out += rep;
    outEnd.push(out.length);
    last = m.index + m[0].length;
    chainEnd = chain === 'start' || chain === 'continue' ? last : -1;
  }
  if (rawStart.length === 0) {
    return IDENTITY(raw);
  }
  out += raw.slice(last);
  const toRaw = (pos: number, isEnd: boolean): number => {
    // Last edit starting at or before pos (binary search).
    let lo = 0;
    let hi = outStart.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (outStart[mid] <= pos) {
        k = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (k < 0) {
      return pos;
    }
    if (pos < outEnd[k] || (isEnd && pos === outEnd[k] && pos > outStart[k])) {
      return isEnd ? rawEnd[k] : rawStart[k];
    }
    return rawEnd[k] + (pos - outEnd[k]);
  };
  return { text: out, toRaw };
}

function formOf(m: RegExpExecArray): [Rewrite, (string | undefined)[], Guard?] | null {
  let g = 1;
  for (let i = 0; i < FORMS.length; i++) {
    if (m[g] !== undefined) {
      const groups = Array.from({ length: FORM_GROUPS[i] }, (_, j) => m[g + 1 + j]);
      return [FORMS[i][1], groups, FORMS[i][2]];
    }
    g += 1 + FORM_GROUPS[i];
  }
  return null;
}

/** Refang a single value (e.g. typed in a search box); offsets are not kept. */
export function refang(value: string): string {
  return refangText(value).text;
}
