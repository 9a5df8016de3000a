// Base64 runs: standard or URL-safe alphabet, padded or not, and line-wrapped (a line of
// 40+ characters that ends in a line break and continues on the next line, as MIME
// and PEM wrap). A hand-written scan: linear time, no regex backtracking.
import { decodeBase64 } from '../base64';
import { ICandidate, isAlnum } from './candidate';

const WRAP_MIN_LINE = 40;

function isB64(c: number): boolean {
  return isAlnum(c) || c === 43 || c === 47 || c === 45 || c === 95;
}

function mixedClasses(s: string): boolean {
  return /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s);
}

/** Candidates for each run; a run with both alphabets' extra characters is split on - and _. */
export function findBase64(text: string, minChars: number): ICandidate[] {
  const out: ICandidate[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isB64(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let lineStart = i;
    for (;;) {
      while (i < n && isB64(text.charCodeAt(i))) {
        i++;
      }
      // Continue across a line break only after a long full line (wrapped base64).
      const br =
        text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10
          ? 2
          : text.charCodeAt(i) === 10
            ? 1
            : 0;
      if (br && i - lineStart >= WRAP_MIN_LINE && i + br < n && isB64(text.charCodeAt(i + br))) {
        i += br;
        lineStart = i;
        continue;
      }
      break;
    }
    let end = i;
    for (let p = 0; p < 2 && text.charCodeAt(end) === 61; p++) {
      end++;
    }
    i = Math.max(end, i);
    const run = text.slice(start, end);
    if (end - start >= minChars) {
      pushRun(run, start, minChars, out);
    }
  }
  return out;
}

function pushRun(run: string, start: number, minChars: number, out: ICandidate[]): void {
  const hasStd = /[+/]/.test(run);
  const hasUrl = /[-_]/.test(run);
  if (!hasUrl) {
    add(run, start, false, out);
    return;
  }
  if (!hasStd) {
    add(run, start, true, out);
  }
  // Also the pieces between - and _ (base64 joined to words: "name-SGVsbG8...").
  const re = /[^-_]+/g;
  for (let m = re.exec(run); m; m = re.exec(run)) {
    if (m[0].length >= minChars && m[0].length < run.length) {
      add(m[0], start + m.index, false, out, 1);
    }
  }
}

function add(s: string, start: number, urlSafe: boolean, out: ICandidate[], priority = 0): void {
  const bytes = decodeBase64(s, urlSafe);
  if (bytes && bytes.length > 0) {
    out.push({
      start,
      end: start + s.length,
      encoding: urlSafe ? 'base64url' : 'base64',
      bytes,
      explicit: false,
      priority: 20 + priority,
      binaryOk: s.length >= 64 && mixedClasses(s)
    });
  }
}
