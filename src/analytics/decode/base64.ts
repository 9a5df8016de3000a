// Base64 decoding: Python's non-validating b64decode (for parity) and a lenient decoder
// for standard and URL-safe alphabets, padded or not (default mode).

const STD = new Int16Array(128).fill(-1);
const URL = new Int16Array(128).fill(-1);
const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
for (let i = 0; i < 62; i++) {
  STD[ALPHA.charCodeAt(i)] = i;
  URL[ALPHA.charCodeAt(i)] = i;
}
STD[43] = 62; // +
STD[47] = 63; // /
URL[45] = 62; // -
URL[95] = 63; // _

/**
 * CPython binascii.a2b_base64 in non-strict mode: characters outside the alphabet are
 * skipped, a complete pad sequence ends the input, and leftover quad positions raise
 * ("Incorrect padding" or "1 more than a multiple of 4"), returned here as null.
 */
export function decodeBase64Python(text: string): Uint8Array | null {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let o = 0;
  let quad = 0;
  let left = 0;
  let pads = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 61) {
      if (quad >= 2 && quad + ++pads >= 4) {
        return out.slice(0, o);
      }
      continue;
    }
    const v = ch < 128 ? STD[ch] : -1;
    if (v < 0) {
      continue;
    }
    pads = 0;
    switch (quad) {
      case 0:
        quad = 1;
        left = v;
        break;
      case 1:
        quad = 2;
        out[o++] = (left << 2) | (v >> 4);
        left = v & 0x0f;
        break;
      case 2:
        quad = 3;
        out[o++] = ((left << 4) | (v >> 2)) & 0xff;
        left = v & 0x03;
        break;
      default:
        quad = 0;
        out[o++] = ((left << 6) | v) & 0xff;
        left = 0;
    }
  }
  return quad === 0 ? out.slice(0, o) : null;
}

/**
 * Lenient decoding of a run found by the base64 finder: whitespace and padding skipped,
 * standard or URL-safe alphabet, unpadded tails accepted; a lone trailing character
 * (length ≡ 1 mod 4, which no encoder produces) is dropped. Null if a character is foreign.
 */
export function decodeBase64(text: string, urlSafe = false): Uint8Array | null {
  const table = urlSafe ? URL : STD;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let o = 0;
  let acc = 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 61 || ch === 10 || ch === 13 || ch === 32 || ch === 9) {
      continue;
    }
    const v = ch < 128 ? table[ch] : -1;
    if (v < 0) {
      return null;
    }
    acc = (acc << 6) | v;
    n++;
    if (n === 4) {
      out[o++] = (acc >> 16) & 0xff;
      out[o++] = (acc >> 8) & 0xff;
      out[o++] = acc & 0xff;
      acc = 0;
      n = 0;
    }
  }
  if (n === 2) {
    out[o++] = (acc >> 4) & 0xff;
  } else if (n === 3) {
    out[o++] = (acc >> 10) & 0xff;
    out[o++] = (acc >> 2) & 0xff;
  }
  return out.slice(0, o);
}
