// Percent-encoding: a whitespace-free token with at least 3 %HH escapes (a URL, a
// query value, "cmd%20%2Fc%20..."). Decoded as bytes: escapes to their byte, other
// characters to their UTF-8 bytes.
import { utf8Bytes } from '../text';
import { ICandidate, hexValue, isHexDigit } from './candidate';

const MIN_ESCAPES = 3;

export function findPercent(text: string): ICandidate[] {
  const out: ICandidate[] = [];
  if (!text.includes('%')) {
    return out;
  }
  const re = /[^\s"'<>]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const tok = m[0];
    if (!tok.includes('%')) {
      continue;
    }
    let escapes = 0;
    for (let i = tok.indexOf('%'); i >= 0; i = tok.indexOf('%', i + 1)) {
      if (isHexDigit(tok.charCodeAt(i + 1)) && isHexDigit(tok.charCodeAt(i + 2))) {
        escapes++;
      }
    }
    if (escapes >= MIN_ESCAPES) {
      out.push({
        start: m.index,
        end: m.index + tok.length,
        encoding: 'percent',
        bytes: percentBytes(tok),
        explicit: false,
        priority: 5
      });
    }
  }
  return out;
}

function percentBytes(tok: string): Uint8Array {
  const out: number[] = [];
  let lit = '';
  const flush = () => {
    if (lit) {
      for (const b of utf8Bytes(lit)) {
        out.push(b);
      }
      lit = '';
    }
  };
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    if (c === 37 && isHexDigit(tok.charCodeAt(i + 1)) && isHexDigit(tok.charCodeAt(i + 2))) {
      flush();
      out.push((hexValue(tok.charCodeAt(i + 1)) << 4) | hexValue(tok.charCodeAt(i + 2)));
      i += 2;
    } else {
      lit += tok[i];
    }
  }
  flush();
  return Uint8Array.from(out);
}
