// Bytes <-> text: strict UTF-8/UTF-16 decoding, text detection and printable views.
// TextDecoder exists in browsers, Web Workers and Node, so no Buffer is needed.

const utf8Lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const utf16leStrict = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const utf16beStrict = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

export function utf8Bytes(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Arguments per String.fromCharCode call: a spread of 10^5+ values overflows the stack. */
const CODES_PER_CALL = 8192;

/** Text of UTF-16 code units (`'unit'`) or code points (`'point'`), any number of them. */
export function textOfCodes(codes: readonly number[], kind: 'unit' | 'point'): string {
  const make = kind === 'unit' ? String.fromCharCode : String.fromCodePoint;
  const parts: string[] = [];
  for (let i = 0; i < codes.length; i += CODES_PER_CALL) {
    parts.push(make(...codes.slice(i, i + CODES_PER_CALL)));
  }
  return parts.join('');
}

/**
 * Well-formed UTF-8 as Python and WHATWG define it: no overlongs, no surrogates, nothing
 * past U+10FFFF. Checked here because a fatal TextDecoder throws, and throwing on every
 * binary blob costs more than the decoding itself.
 */
export function isUtf8(b: Uint8Array): boolean {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      lo = c === 0xe0 ? 0xa0 : 0x80;
      hi = c === 0xed ? 0x9f : 0xbf;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      lo = c === 0xf0 ? 0x90 : 0x80;
      hi = c === 0xf4 ? 0x8f : 0xbf;
    } else {
      return false;
    }
    if (i + need >= n) {
      return false;
    }
    if (b[i + 1] < lo || b[i + 1] > hi) {
      return false;
    }
    for (let k = 2; k <= need; k++) {
      if ((b[i + k] & 0xc0) !== 0x80) {
        return false;
      }
    }
    i += need + 1;
  }
  return true;
}

/** Strict UTF-8 (as Python's bytes.decode('utf-8'): BOM kept, invalid bytes fail); null on failure. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  return isUtf8(bytes) ? utf8Lenient.decode(bytes) : null;
}

/** Strict UTF-16 with an optional BOM choosing the byte order; null on failure. */
export function decodeUtf16(bytes: Uint8Array, order: 'le' | 'be' = 'le'): string | null {
  if (bytes.length % 2 !== 0) {
    return null;
  }
  try {
    return (order === 'le' ? utf16leStrict : utf16beStrict).decode(bytes);
  } catch {
    return null;
  }
}

/** Python's bytes.decode('utf-16'): a BOM picks the order and is dropped, else little-endian. */
export function decodeUtf16Python(bytes: Uint8Array): string | null {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return decodeUtf16(bytes.subarray(2), 'be');
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return decodeUtf16(bytes.subarray(2), 'le');
  }
  return decodeUtf16(bytes, 'le');
}

/** Fraction of characters that are printable (letters, marks, punctuation, tab/CR/LF). */
export function printableRatio(text: string): number {
  if (text.length === 0) {
    return 0;
  }
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c < 0x20 && c !== 9 && c !== 10 && c !== 13) ||
      c === 0x7f ||
      (c >= 0x80 && c < 0xa0) ||
      c === 0xfffd
    ) {
      bad++;
    }
  }
  return 1 - bad / text.length;
}

export interface ITextGuess {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
}

/** Share of zero bytes at odd offsets: UTF-16LE ASCII text has nearly all of them zero. */
function looksUtf16le(bytes: Uint8Array): boolean {
  const pairs = bytes.length >> 1;
  if (pairs < 2) {
    return false;
  }
  let oddZero = 0;
  let evenZero = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    if (bytes[i] === 0) {
      evenZero++;
    }
    if (bytes[i + 1] === 0) {
      oddZero++;
    }
  }
  return oddZero >= 0.9 * pairs && evenZero <= 0.1 * pairs;
}

/**
 * Text if the bytes read as text: a BOM, UTF-16LE by its zero pattern (PowerShell
 * -EncodedCommand), then strict UTF-8; the text must be mostly printable.
 */
export function guessText(bytes: Uint8Array, minPrintable = 0.85): ITextGuess | null {
  let guess: ITextGuess | null = null;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const t = decodeUtf8(bytes.subarray(3));
    guess = t === null ? null : { text: t, encoding: 'utf-8' };
  } else if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    const t = decodeUtf16(bytes.subarray(2, bytes.length - (bytes.length % 2)), 'le');
    guess = t === null ? null : { text: t, encoding: 'utf-16le' };
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const t = decodeUtf16(bytes.subarray(2, bytes.length - (bytes.length % 2)), 'be');
    guess = t === null ? null : { text: t, encoding: 'utf-16be' };
  } else if (looksUtf16le(bytes)) {
    // A trailing odd byte is common in truncated -EncodedCommand values: drop it.
    const t = decodeUtf16(bytes.subarray(0, bytes.length - (bytes.length % 2)), 'le');
    guess = t === null ? null : { text: t, encoding: 'utf-16le' };
  } else {
    const t = decodeUtf8(bytes);
    guess = t === null ? null : { text: t, encoding: 'utf-8' };
  }
  if (guess === null || printableRatio(guess.text) < minPrintable) {
    return null;
  }
  return guess;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

const latin1 = new TextDecoder('latin1');
const HEX_CODES = new TextEncoder().encode('0123456789abcdef');

/** msticpy's printable_bytes: space-separated lowercase hex of (at most maxBytes) bytes. */
export function hexBytes(bytes: Uint8Array, maxBytes = Infinity): string {
  const n = Math.min(bytes.length, maxBytes);
  if (n === 0) {
    return '';
  }
  // One ASCII buffer decoded once: far less garbage than a string per byte.
  const out = new Uint8Array(n * 3 - 1).fill(32);
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    out[o] = HEX_CODES[bytes[i] >> 4];
    out[o + 1] = HEX_CODES[bytes[i] & 15];
  }
  return latin1.decode(out) + (n < bytes.length ? ` ... (${bytes.length} bytes)` : '');
}

export function hexString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    s += HEX[bytes[i]];
  }
  return s;
}

/** A short, single-line view: controls shown as \xNN, ellipsis past maxChars. */
export function previewText(text: string, maxChars = 200): string {
  const head = text.length > maxChars ? text.slice(0, maxChars) : text;
  const safe = head.replace(/[\x00-\x1f\x7f-\x9f]/g, c =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : '\\x' + HEX[c.charCodeAt(0)]
  );
  return text.length > maxChars ? safe + '…' : safe;
}

/** ASCII view of binary (as `strings`/hexdump's right column): '.' for non-printable bytes. */
export function previewBytes(bytes: Uint8Array, maxBytes = 64): string {
  const n = Math.min(bytes.length, maxBytes);
  let s = '';
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  }
  return n < bytes.length ? s + '…' : s;
}
