// Arrow IPC helpers shared by the worker, the views and the benchmarks.
// Every decode error names what was wrong, so views can show it instead of crashing.
import { Table, tableFromIPC, tableToIPC, Vector, DataType, Type } from 'apache-arrow';
import { checkIPC } from './ipccheck';

export class ArrowDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArrowDecodeError';
  }
}

const ARROW_CONTINUATION = 0xffffffff;

/** Decode an Arrow IPC stream (or file). Throws ArrowDecodeError naming the problem. */
export function decodeIPC(bytes: Uint8Array): Table {
  if (!(bytes instanceof Uint8Array)) {
    throw new ArrowDecodeError('Arrow data must be bytes (Uint8Array)');
  }
  if (bytes.byteLength < 8) {
    throw new ArrowDecodeError(
      `Arrow data is too short (${bytes.byteLength} bytes) to be an IPC stream`
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isStream = view.getUint32(0, true) === ARROW_CONTINUATION;
  const isFile = String.fromCharCode(...bytes.subarray(0, 6)) === 'ARROW1';
  if (!isStream && !isFile) {
    throw new ArrowDecodeError('Arrow data does not start with an IPC stream or file header');
  }
  let table: Table;
  try {
    checkIPC(bytes); // declared sizes bounded by the bytes before apache-arrow trusts them
    table = tableFromIPC(bytes);
  } catch (err) {
    throw new ArrowDecodeError(`Arrow data is malformed or truncated: ${messageOf(err)}`);
  }
  // Truncated streams can decode to fewer batches without throwing; touching every column
  // buffer's extent catches bodies that were cut short.
  for (const batch of table.batches) {
    for (const child of batch.data.children) {
      if (child.values && child.values.length < 0) {
        throw new ArrowDecodeError('Arrow data has a negative buffer length');
      }
    }
  }
  return table;
}

export function encodeIPC(table: Table): Uint8Array {
  return tableToIPC(table, 'stream');
}

/** Base64 → bytes; throws ArrowDecodeError for text that is not base64. */
export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) {
    throw new ArrowDecodeError('Arrow output is not valid base64 text');
  }
  if (typeof Buffer !== 'undefined') {
    const buf = Buffer.from(clean, 'base64');
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  const bin = atob(clean);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) {
    out[i] = bin.charCodeAt(i);
  }
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  if (typeof Buffer !== 'undefined') {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  }
  let bin = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    bin += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(bin);
}

/** Copy of the bytes a comm buffer (DataView or ArrayBuffer) holds, as a Uint8Array. */
export function bytesOf(buf: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (buf instanceof ArrayBuffer) {
    return new Uint8Array(buf);
  }
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Human name of an Arrow type for column headers ("int64", "timestamp[ms, UTC]", ...). */
export function typeLabel(type: DataType): string {
  if (DataType.isTimestamp(type)) {
    const unit = ['s', 'ms', 'us', 'ns'][type.unit] ?? '?';
    return `timestamp[${unit}${type.timezone ? ', ' + type.timezone : ''}]`;
  }
  if (DataType.isDictionary(type)) {
    return `category<${typeLabel(type.dictionary)}>`;
  }
  return String(type).toLowerCase();
}

export function isTemporal(type: DataType): boolean {
  return type.typeId === Type.Timestamp || type.typeId === Type.Date;
}

/**
 * Milliseconds since epoch for a timestamp/date cell. Arrow JS returns numbers in ms for
 * timestamps of any unit (bigint for ns is converted by the library), so this only
 * normalises Date and bigint values.
 */
export function toMillis(value: unknown): number | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  if (typeof value === 'bigint') {
    return Number(value);
  }
  if (value instanceof Date) {
    return value.getTime();
  }
  return null;
}

/** Plain text of any cell, for display, filtering and text analytics. */
export function cellText(value: unknown, type?: DataType): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (type && isTemporal(type)) {
    const ms = toMillis(value);
    return ms === null ? '' : formatTimestamp(ms, isZoned(type));
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return String(value);
  }
  if (value instanceof Uint8Array) {
    return `<${value.byteLength} bytes>`;
  }
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return String(value);
  }
}

/** A timestamp column with a time zone holds UTC instants; one without holds wall-clock times. */
function isZoned(type: DataType): boolean {
  return DataType.isTimestamp(type) && Boolean((type as { timezone?: string | null }).timezone);
}

/**
 * '2019-01-15 04:35:26.010Z' for an instant (shown in UTC); without the 'Z' for a naive time,
 * which must not be presented as UTC.
 */
export function formatTimestamp(ms: number, zoned = true): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) {
    return '';
  }
  const text = d.toISOString().replace('T', ' ');
  return zoned ? text : text.slice(0, -1);
}

/** All values of a column rendered as strings (null → null), the input of text analytics. */
export function columnStrings(table: Table, name: string): (string | null)[] {
  const col = requireColumn(table, name);
  const out: (string | null)[] = new Array(table.numRows);
  let i = 0;
  for (const v of col) {
    out[i++] = v === null || v === undefined ? null : cellText(v, col.type);
  }
  return out;
}

export function requireColumn(table: Table, name: string): Vector {
  const col = table.getChild(name);
  if (!col) {
    const names = table.schema.fields.map(f => f.name).join(', ');
    throw new Error(`Column "${name}" is not in the table (columns: ${names})`);
  }
  return col;
}
