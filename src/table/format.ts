// The text a grid cell shows, by column: numbers with thousands separators (not identifiers
// such as EventID or ports), floats to six significant digits, byte counts with units (columns
// named *Bytes* or *Size*), timestamps whole with their time zone, lists and records as
// lists and records (strings quoted, not JSON-escaped), and friendly type names. Exact values
// (copy, detail pane, export) stay with `valueText` in analytics/display.ts.
import { DataType, TimeUnit } from 'apache-arrow';
import { formatTimestamp, toMillis } from '../analytics/arrow';
import { typeText, valueText } from '../analytics/display';

export type CellFormatter = (value: unknown) => string;

const SIGNIFICANT_DIGITS = 6;
/** Items of a list (or fields of a record) drawn before '…'; the grid cuts cells anyway. */
const MAX_ITEMS = 50;

/** Integer columns that hold identifiers or codes: drawn without separators. */
const IDENTIFIER_NAME = /(id|pid|port|code|year|num|number|no|seq|index|version)$/i;
/** Numeric columns that hold byte counts. */
const BYTES_NAME = /bytes|size/i;

/** How the cells of a column are drawn. */
export function columnFormatter(name: string, type: DataType): CellFormatter {
  const inner = valueFormatter(type, name);
  return value => (value === null || value === undefined ? '' : inner(value));
}

function valueFormatter(type: DataType, name = ''): CellFormatter {
  if (DataType.isDictionary(type)) {
    return valueFormatter(type.dictionary, name);
  }
  const numeric = DataType.isInt(type) || DataType.isFloat(type);
  if (numeric && BYTES_NAME.test(name)) {
    return v => formatBytes(Number(v));
  }
  if (DataType.isInt(type)) {
    return IDENTIFIER_NAME.test(name) ? v => String(v) : v => groupDigits(String(v));
  }
  if (DataType.isFloat(type)) {
    return v => formatFloat(Number(v));
  }
  if (DataType.isTimestamp(type)) {
    const digits = type.unit === TimeUnit.SECOND ? 0 : 3;
    return v => formatInstant(toMillis(v), type.timezone ?? null, digits);
  }
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) {
    const item = quoted(valueFormatter(type.children[0].type));
    return v => `[${items(v as Iterable<unknown>, item)}]`;
  }
  if (DataType.isStruct(type)) {
    const fields = type.children.map(f => [f.name, quoted(valueFormatter(f.type))] as const);
    return v => {
      const row = v as Record<string, unknown>;
      const parts = fields.slice(0, MAX_ITEMS).map(([k, f]) => `${k}: ${f(row[k])}`);
      return `{${parts.join(', ')}${fields.length > MAX_ITEMS ? ', …' : ''}}`;
    };
  }
  if (DataType.isMap(type)) {
    return v => `{${items(mapEntries(v), ([k, x]) => `${String(k)}: ${quoteText(x)}`)}}`;
  }
  return v => valueText(v, type);
}

/** Strings inside a list or record are quoted (so '[a, b]' and '["a, b"]' differ); nulls shown. */
function quoted(format: CellFormatter): CellFormatter {
  return v => (v === null || v === undefined ? 'null' : quoteText(v, format));
}

function quoteText(value: unknown, format: CellFormatter = v => valueText(v)): string {
  return typeof value === 'string' ? `"${value}"` : value === null ? 'null' : format(value);
}

function items<T>(values: Iterable<T>, format: (v: T) => string): string {
  const out: string[] = [];
  for (const v of values) {
    if (out.length === MAX_ITEMS) {
      out.push('…');
      break;
    }
    out.push(format(v));
  }
  return out.join(', ');
}

function mapEntries(value: unknown): Iterable<[unknown, unknown]> {
  if (value instanceof Map) {
    return value.entries();
  }
  const json = (value as { toJSON?: () => Record<string, unknown> }).toJSON?.() ?? {};
  return Object.entries(json);
}

/** '1234567' -> '1,234,567' (signs kept; exact for bigints). */
export function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Six significant digits, all integer digits kept, separators; tiny or huge in exponent form. */
export function formatFloat(x: number): string {
  if (!Number.isFinite(x)) {
    return Number.isNaN(x) ? 'NaN' : x > 0 ? '∞' : '-∞';
  }
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e15)) {
    return x.toExponential(SIGNIFICANT_DIGITS - 1).replace(/\.?0+e/, 'e');
  }
  const intDigits = abs < 1 ? 0 : Math.floor(Math.log10(abs)) + 1;
  const fraction = Math.max(0, SIGNIFICANT_DIGITS - intDigits);
  const fixed =
    abs < 1 ? Number(x.toPrecision(SIGNIFICANT_DIGITS)).toString() : x.toFixed(fraction);
  const [whole, part] = fixed.split('.');
  const trimmed = part?.replace(/0+$/, '');
  return groupDigits(whole) + (trimmed ? `.${trimmed}` : '');
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** A byte count with a binary unit: '512 B', '1.5 KiB', '3.0 GiB'. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) {
    return formatFloat(n);
  }
  let unit = 0;
  let abs = Math.abs(n);
  while (abs >= 1024 && unit < BYTE_UNITS.length - 1) {
    abs /= 1024;
    unit++;
  }
  const sign = n < 0 ? '-' : '';
  return unit === 0
    ? `${sign}${groupDigits(String(Math.round(abs)))} B`
    : `${sign}${abs.toFixed(abs < 10 ? 2 : 1)} ${BYTE_UNITS[unit]}`;
}

/**
 * An instant in its column's time zone with the zone shown: '2019-01-15 05:15:26.000 UTC',
 * '2024-05-01 10:00:00.000 +02:00'; a naive time (no zone) without one.
 */
export function formatInstant(ms: number | null, timezone: string | null, digits: number): string {
  if (ms === null) {
    return '';
  }
  const cut = (text: string) => (digits === 0 ? text.slice(0, 19) : text.slice(0, 23));
  if (!timezone) {
    return cut(formatTimestamp(ms, false));
  }
  const offset = zoneOffsetMinutes(ms, timezone);
  if (offset === null || /^(utc|z|gmt|etc\/utc|[+-]00:?00)$/i.test(timezone)) {
    return `${cut(formatTimestamp(ms, false))} UTC`;
  }
  const local = cut(formatTimestamp(ms + offset * 60_000, false));
  const sign = offset < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${local} ${sign}${hh}:${mm}`;
}

/** Minutes the zone is ahead of UTC at that instant (null for a zone Intl does not know). */
function zoneOffsetMinutes(ms: number, timezone: string): number | null {
  const fixed = /^([+-])(\d{2}):?(\d{2})$/.exec(timezone);
  if (fixed) {
    return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
  }
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = zoneFormat(timezone).formatToParts(new Date(ms));
  } catch {
    return null;
  }
  const get = (t: string) => Number(parts.find(p => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour') % 24,
    get('minute'),
    get('second')
  );
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const ZONE_FORMATS = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timezone: string): Intl.DateTimeFormat {
  let f = ZONE_FORMATS.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    });
    ZONE_FORMATS.set(timezone, f);
  }
  return f;
}

/** A type as a reader names it: 'text', 'integer', 'date & time (UTC)', 'list of text'. */
export function friendlyType(type: DataType): string {
  if (DataType.isDictionary(type)) {
    return `${friendlyType(type.dictionary)} (category)`;
  }
  if (DataType.isTimestamp(type)) {
    return type.timezone ? `date & time (${type.timezone})` : 'date & time';
  }
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) {
    return `list of ${friendlyType(type.children[0].type)}`;
  }
  const names: [(t: DataType) => boolean, string][] = [
    [DataType.isInt, 'integer'],
    [DataType.isFloat, 'number'],
    [DataType.isDecimal, 'decimal'],
    [t => DataType.isUtf8(t) || DataType.isLargeUtf8(t), 'text'],
    [DataType.isBool, 'true/false'],
    [DataType.isDate, 'date'],
    [DataType.isTime, 'time of day'],
    [DataType.isDuration, 'duration'],
    [DataType.isStruct, 'record'],
    [DataType.isMap, 'map'],
    [t => DataType.isBinary(t) || DataType.isFixedSizeBinary(t), 'bytes'],
    [DataType.isNull, 'empty']
  ];
  return names.find(([is]) => is(type))?.[1] ?? typeText(type);
}
