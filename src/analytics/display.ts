// How a cell value becomes the text a table view draws. Arrow JS hands some values over in a
// form with no meaning as it is: a decimal as the words of its unscaled integer, a duration
// as a raw count of its unit. They get exact text here (no float on the way). Bidi controls
// are made visible in what is drawn, so hostile text cannot reorder it ('\u202Eexe.gnp' must
// not read 'png.exe'); copied and exported values keep them.
import { DataType, TimeUnit } from 'apache-arrow';
import { cellText, typeLabel } from './arrow';

/** The full text of a cell, exact: what is copied. */
export function valueText(value: unknown, type?: DataType): string {
  if (value !== null && value !== undefined && type) {
    if (DataType.isDecimal(type)) {
      return formatDecimal(value, type.scale);
    }
    if (DataType.isDuration(type)) {
      return formatDuration(value as bigint | number, type.unit);
    }
  }
  return cellText(value, type);
}

/**
 * The text drawn for a cell: `valueText` (its first `maxChars` characters: a long cell is
 * cut before the markers go in) with bidi controls shown.
 */
export function displayText(value: unknown, type?: DataType, maxChars = Infinity): string {
  return visibleBidi(valueText(value, type).slice(0, maxChars));
}

/** Type of a column as drawn under its name: decimals and durations as pyarrow names them. */
export function typeText(type: DataType): string {
  if (DataType.isDecimal(type)) {
    return `decimal${type.bitWidth}(${type.precision}, ${type.scale})`;
  }
  if (DataType.isDuration(type)) {
    return `duration[${UNITS[type.unit].name}]`;
  }
  return typeLabel(type);
}

// Explicit embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the marks
// LRM, RLM and ALM: the characters that reorder text around them.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** Each bidi control replaced by a visible marker such as '⟨U+202E⟩'. */
export function visibleBidi(text: string): string {
  return text.replace(
    BIDI_CONTROLS,
    c => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`
  );
}

/**
 * A decimal cell as text, exactly: `value` is what Arrow JS returns, the little-endian
 * 32-bit words of the two's-complement unscaled integer (4 for decimal128, 8 for
 * decimal256), or a bigint/number; `scale` is the column's.
 */
export function formatDecimal(value: unknown, scale: number): string {
  const unscaled = unscaledInteger(value);
  if (unscaled === null) {
    return String(value);
  }
  if (scale <= 0) {
    return (unscaled * 10n ** BigInt(-scale)).toString();
  }
  return fixedPoint(unscaled, scale, scale);
}

function unscaledInteger(value: unknown): bigint | null {
  if (typeof value === 'bigint') {
    return value;
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? BigInt(value) : null;
  }
  if (!(value instanceof Uint32Array || value instanceof Int32Array) || !value.length) {
    return null;
  }
  const words = new Uint32Array(value.buffer, value.byteOffset, value.length);
  let n = 0n;
  for (let i = words.length - 1; i >= 0; i--) {
    n = (n << 32n) | BigInt(words[i]);
  }
  const bits = BigInt(32 * words.length);
  return n >= 1n << (bits - 1n) ? n - (1n << bits) : n; // two's complement
}

/**
 * `n / 10^scale` in decimal notation with at least `keep` fraction digits (further
 * trailing zeros dropped).
 */
function fixedPoint(n: bigint, scale: number, keep: number): string {
  const sign = n < 0n ? '-' : '';
  const digits = (n < 0n ? -n : n).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  let fraction = digits.slice(digits.length - scale);
  while (fraction.length > keep && fraction.endsWith('0')) {
    fraction = fraction.slice(0, -1);
  }
  return fraction ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}

const UNITS: Record<TimeUnit, { name: string; ns: bigint }> = {
  [TimeUnit.SECOND]: { name: 's', ns: 1_000_000_000n },
  [TimeUnit.MILLISECOND]: { name: 'ms', ns: 1_000_000n },
  [TimeUnit.MICROSECOND]: { name: 'us', ns: 1_000n },
  [TimeUnit.NANOSECOND]: { name: 'ns', ns: 1n }
};

const NS_PER_S = 1_000_000_000n;
/** Days, hours and minutes, for durations of a minute or more. */
const LARGE_PARTS: [string, bigint][] = [
  ['d', 86_400n * NS_PER_S],
  ['h', 3_600n * NS_PER_S],
  ['m', 60n * NS_PER_S]
];
/** Units of durations under a second, with their size in ns and digits of fraction. */
const SMALL_UNITS: [string, bigint, number][] = [
  ['ms', 1_000_000n, 6],
  ['µs', 1_000n, 3],
  ['ns', 1n, 0]
];

/**
 * A duration of `value` `unit`s as text, exactly: '1 d 2 h 3 m', '1 m 4.5 s', '20.0 s',
 * '1.5 ms', '250 ns', '-2 h'.
 */
export function formatDuration(value: bigint | number, unit: TimeUnit): string {
  if (typeof value === 'number' && !Number.isInteger(value)) {
    return String(value);
  }
  const ns = BigInt(value) * (UNITS[unit]?.ns ?? 1n);
  const sign = ns < 0n ? '-' : '';
  const abs = ns < 0n ? -ns : ns;
  if (abs === 0n) {
    return '0 s';
  }
  if (abs < NS_PER_S) {
    const [name, , digits] = SMALL_UNITS.find(([, size]) => abs >= size)!;
    return `${sign}${fixedPoint(abs, digits, 0)} ${name}`;
  }
  if (abs < 60n * NS_PER_S) {
    return `${sign}${fixedPoint(abs, 9, 1)} s`;
  }
  const parts: string[] = [];
  let rest = abs;
  for (const [name, size] of LARGE_PARTS) {
    if (rest >= size) {
      parts.push(`${rest / size} ${name}`);
      rest %= size;
    }
  }
  if (rest > 0n) {
    parts.push(`${fixedPoint(rest, 9, 0)} s`);
  }
  return sign + parts.join(' ');
}
