// Hex forms: \xHH runs, 0xHH lists (or one 0x-prefixed run), plain even-length hex runs,
// separated pairs ("4d 5a 90 00", "4d:5a:90"), and %uHHHH / \uHHHH UTF-16 escapes.
// Hand-written scans, linear time.
import { textOfCodes } from '../text';
import { ICandidate, hexValue, isAlnum, isHexDigit } from './candidate';

const MIN_ESCAPES = 4;
const MIN_PLAIN = 16;
const MIN_PAIRS = 8;

function byteAt(text: string, i: number): number {
  return (hexValue(text.charCodeAt(i)) << 4) | hexValue(text.charCodeAt(i + 1));
}

function hex2(text: string, i: number): boolean {
  return isHexDigit(text.charCodeAt(i)) && isHexDigit(text.charCodeAt(i + 1));
}

/** "\x41\x42..." (also "\X"). */
function findBackslashX(text: string, out: ICandidate[]): void {
  for (let i = text.indexOf('\\'); i >= 0 && i < text.length; i = text.indexOf('\\', i + 1)) {
    const start = i;
    const bytes: number[] = [];
    while (
      text.charCodeAt(i) === 92 &&
      (text.charCodeAt(i + 1) | 0x20) === 120 &&
      hex2(text, i + 2)
    ) {
      bytes.push(byteAt(text, i + 2));
      i += 4;
    }
    if (bytes.length >= MIN_ESCAPES) {
      out.push({
        start,
        end: i,
        encoding: 'hex-escape',
        bytes: Uint8Array.from(bytes),
        explicit: true,
        priority: 10
      });
    }
    i = Math.max(i - 1, start);
  }
}

/** "0x41,0x42, 0x43" lists and "0x41424344" runs. */
function findZeroX(text: string, out: ICandidate[]): void {
  const re = /0[xX]/g;
  const isSep = (c: number) => c === 44 || c === 32 || c === 59;
  const is0x = (k: number) => text.charCodeAt(k) === 48 && (text.charCodeAt(k + 1) | 0x20) === 120;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    if (start > 0 && isAlnum(text.charCodeAt(start - 1))) {
      continue;
    }
    let j = start + 2;
    while (isHexDigit(text.charCodeAt(j))) {
      j++;
    }
    const digits = j - start - 2;
    if (digits > 2) {
      // One long run: 0x4142434445...
      const len = digits & ~1;
      if (len >= MIN_PLAIN && !isAlnum(text.charCodeAt(j))) {
        out.push({
          start,
          end: start + 2 + len,
          encoding: 'hex-0x',
          bytes: pairs(text, start + 2, len),
          explicit: true,
          priority: 10
        });
      }
      re.lastIndex = j;
      continue;
    }
    const bytes: number[] = [];
    let end = start;
    let k = start;
    while (is0x(k) && hex2(text, k + 2) && !isHexDigit(text.charCodeAt(k + 4))) {
      bytes.push(byteAt(text, k + 2));
      end = k + 4;
      k = end;
      while (k < text.length && isSep(text.charCodeAt(k))) {
        k++;
      }
    }
    if (bytes.length >= MIN_ESCAPES) {
      out.push({
        start,
        end,
        encoding: 'hex-0x',
        bytes: Uint8Array.from(bytes),
        explicit: true,
        priority: 10
      });
    }
    re.lastIndex = Math.max(end, start + 2);
  }
}

function pairs(text: string, i: number, len: number, step = 2): Uint8Array {
  const out = new Uint8Array(len / 2);
  for (let k = 0; k < out.length; k++) {
    out[k] = byteAt(text, i + k * step);
  }
  return out;
}

/** Plain runs ("48656c6c6f...") bounded by non-alphanumerics, and separated pairs. */
function findPlain(text: string, out: ICandidate[]): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isHexDigit(text.charCodeAt(i)) || (i > 0 && isAlnum(text.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && isHexDigit(text.charCodeAt(j))) {
      j++;
    }
    if (j - i >= MIN_PLAIN && (j - i) % 2 === 0 && !isAlnum(text.charCodeAt(j))) {
      out.push({
        start: i,
        end: j,
        encoding: 'hex',
        bytes: pairs(text, i, j - i),
        explicit: false,
        priority: 15
      });
    } else if (j - i === 2) {
      j = separatedPairs(text, i, out);
    }
    i = Math.max(j, i + 1);
  }
}

/** "4d 5a 90 00 03" with one consistent separator (space, colon or hyphen). */
function separatedPairs(text: string, i: number, out: ICandidate[]): number {
  const sep = text.charCodeAt(i + 2);
  if (sep !== 32 && sep !== 58 && sep !== 45) {
    return i + 2;
  }
  let k = i;
  let count = 0;
  let end = i;
  while (hex2(text, k) && !isHexDigit(text.charCodeAt(k + 2))) {
    count++;
    end = k + 2;
    if (text.charCodeAt(end) !== sep) {
      break;
    }
    k = end + 1;
  }
  if (count >= MIN_PAIRS && !isAlnum(text.charCodeAt(end))) {
    out.push({
      start: i,
      end,
      encoding: 'hex',
      bytes: pairs(text, i, count * 2, 3),
      explicit: true,
      priority: 15
    });
  }
  return Math.max(end, i + 2);
}

/** %u0041%u0042 and \u0041\u0042: UTF-16 code units, yielding text. */
function findUnicodeEscapes(text: string, out: ICandidate[]): void {
  const re = /(?:%u|\\u)[0-9a-fA-F]{4}/gi;
  let run: { start: number; end: number; codes: number[]; enc: string } | null = null;
  const flush = () => {
    if (run && run.codes.length >= 3) {
      out.push({
        start: run.start,
        end: run.end,
        encoding: run.enc,
        text: textOfCodes(run.codes, 'unit'),
        explicit: true,
        priority: 10
      });
    }
    run = null;
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const code = parseInt(m[0].slice(2), 16);
    const enc = m[0][0] === '%' ? 'percent-u' : 'unicode-escape';
    if (run && run.end === m.index && run.enc === enc && run.codes.length < 1e6) {
      run.codes.push(code);
      run.end = m.index + 6;
    } else {
      flush();
      run = { start: m.index, end: m.index + 6, codes: [code], enc };
    }
  }
  flush();
}

export function findHex(text: string): ICandidate[] {
  const out: ICandidate[] = [];
  if (text.includes('\\')) {
    findBackslashX(text, out);
  }
  if (text.includes('0x') || text.includes('0X')) {
    findZeroX(text, out);
  }
  findPlain(text, out);
  if (text.includes('%u') || text.includes('\\u') || text.includes('%U') || text.includes('\\U')) {
    findUnicodeEscapes(text, out);
  }
  return out;
}
