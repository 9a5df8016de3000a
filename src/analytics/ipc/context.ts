// Shared state, plans and small readers of the Arrow IPC check (entry: ../ipccheck.ts).
import { Message } from 'apache-arrow/fb/message';
import { MetadataVersion } from 'apache-arrow/fb/metadata-version';

export interface IIPCLimits {
  /** Rows over all record batches; also bounds columns that hold no bytes per row (null type). */
  maxRows: number;
  /** Schema fields, nested and dictionary value fields included. */
  maxFields: number;
  /** Nesting depth of a field (a top-level column is 1). */
  maxDepth: number;
  /** Record and dictionary batches. */
  maxBatches: number;
}

export const IPC_LIMITS: Readonly<IIPCLimits> = {
  maxRows: 50_000_000,
  maxFields: 10_000,
  maxDepth: 64,
  maxBatches: 100_000
};

export class IPCCheckError extends Error {
  constructor(message: string) {
    super(`Arrow IPC: ${message}`);
    this.name = 'IPCCheckError';
  }
}

export type Layout =
  | { kind: 'null' }
  | { kind: 'bool' }
  | { kind: 'fixed'; width: number }
  | { kind: 'binary'; offsetWidth: 4 | 8 }
  | { kind: 'view' }
  | { kind: 'list'; offsetWidth: 4 | 8 }
  | { kind: 'fixedList'; size: number }
  | { kind: 'struct' }
  | { kind: 'union'; dense: boolean; validity: boolean };

export interface IColumn {
  name: string;
  layout: Layout;
  children: IColumn[];
  /** Set for the indices of a dictionary-encoded column. */
  dictionaryId?: number;
}

export interface IDictionary {
  column: IColumn;
  length: number;
  /** Dictionary entries rebuilt so far: apache-arrow copies the whole dictionary per delta. */
  work: number;
}

export class Context {
  readonly view: DataView;
  format: 'stream' | 'file' = 'stream';
  columns: IColumn[] = [];
  dictionaries = new Map<number, IDictionary>();
  version = MetadataVersion.V5;
  rows = 0;
  recordBatches = 0;
  dictionaryBatches = 0;
  fields = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly limits: IIPCLimits
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}

export interface IFrame {
  /** Null for an end-of-stream marker. */
  message: Message | null;
  metaLength: number;
  bodyStart: number;
  bodyLength: number;
  end: number;
}

/** A flatbuffer vector's declared length, bounded by the bytes its elements need. */
export function vectorLength(
  n: number,
  elementBytes: number,
  metaLength: number,
  what: string
): number {
  if (n < 0 || n * elementBytes > metaLength) {
    fail(`${what} ${n} does not fit in ${metaLength} bytes of metadata`);
  }
  return n;
}

/** A non-negative int64 field as a number. */
export function count(value: bigint, what: string): number {
  if (value < BigInt(0)) {
    fail(`${what} ${value} is negative`);
  }
  return safeInteger(value, what);
}

export function safeInteger(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    fail(`${what} ${value} is too large`);
  }
  return Number(value);
}

/** A field name for messages: quoted and cut, as names come from untrusted data. */
export function quote(name: string): string {
  return `'${name.length > 60 ? name.slice(0, 60) + '…' : name}'`;
}

export function fail(message: string): never {
  throw new IPCCheckError(message);
}
