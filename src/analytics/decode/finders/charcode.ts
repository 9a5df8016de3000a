// Char-code lists: PowerShell "[char]72+[char]101", "[char[]](72,101,...)", VBScript
// "Chr(72) & Chr(101)", JavaScript "String.fromCharCode(72,101,...)", SQL "CHAR(72,101)".
// A hand-written tokenizer: numbers joined by separators and the char/chr keywords.
import { textOfCodes } from '../text';
import { ICandidate } from './candidate';

const MIN_CODES = 5;
const KEYWORDS = ['[char]', 'chrw(', 'chrb(', 'chr$(', 'chr(', 'char(', 'fromcharcode('];

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Length of a char keyword at i (case-insensitive), or 0. */
function keywordAt(lower: string, i: number): number {
  for (const k of KEYWORDS) {
    if (lower.startsWith(k, i)) {
      return k.length;
    }
  }
  return 0;
}

function isSep(c: number): boolean {
  // space, tab, comma, plus, ampersand, parentheses, semicolon
  return (
    c === 32 || c === 9 || c === 44 || c === 43 || c === 38 || c === 40 || c === 41 || c === 59
  );
}

export function findCharCodes(text: string): ICandidate[] {
  const out: ICandidate[] = [];
  const lower = text.toLowerCase();
  if (!/char|chr|,\s*\d/.test(lower)) {
    return out;
  }
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (
      !isDigit(text.charCodeAt(i)) ||
      (i > 0 && /[\w.]/.test(text[i - 1]) && !/[\])(]/.test(text[i - 1]))
    ) {
      i++;
      continue;
    }
    // Walk back over a keyword right before the first number.
    let start = i;
    for (const k of KEYWORDS) {
      if (i >= k.length && lower.startsWith(k, i - k.length)) {
        start = i - k.length;
        break;
      }
    }
    const codes: number[] = [];
    let keyworded = start < i;
    let commas = 0;
    let end = i;
    let p = i;
    for (;;) {
      let q = p;
      while (q < n && isDigit(text.charCodeAt(q)) && q - p < 7) {
        q++;
      }
      const v = Number(text.slice(p, q));
      if (q === p || isDigit(text.charCodeAt(q)) || v > 0x10ffff) {
        break;
      }
      codes.push(v);
      end = q;
      // Separators and keywords up to the next number.
      let r = q;
      for (;;) {
        if (r < n && isSep(text.charCodeAt(r))) {
          commas += text.charCodeAt(r) === 44 ? 1 : 0;
          r++;
          continue;
        }
        const kl = keywordAt(lower, r);
        if (kl) {
          keyworded = true;
          r += kl;
          continue;
        }
        break;
      }
      if (r === q || !isDigit(text.charCodeAt(r))) {
        break;
      }
      p = r;
    }
    // A closing parenthesis belongs to the expression.
    while (end < n && text.charCodeAt(end) === 41) {
      end++;
    }
    if (codes.length >= MIN_CODES && (keyworded || commas >= codes.length - 1)) {
      out.push({
        start,
        end,
        encoding: 'charcode',
        text: textOfCodes(codes.slice(0, 1e6), 'point'),
        explicit: keyworded,
        priority: 8
      });
    }
    i = Math.max(end, i + 1);
  }
  return out;
}
