// Structural check of Arrow IPC bytes (stream or file) before apache-arrow reads them.
// apache-arrow trusts every length, count and offset in the metadata: one crafted int32 or int64
// makes it allocate gigabytes or loop for seconds (a 1.9 KB notebook output froze the tab), and
// the MIME renderer decodes outputs of untrusted notebooks. This reads the flatbuffer metadata
// lazily with apache-arrow's own generated classes and bounds each declared size by the bytes
// really present: a few reads per message and column, plus one pass over list offsets.
// Here: framing of streams and files; ipc/schema.ts plans the columns, ipc/batch.ts checks a
// batch's nodes and buffers against them.
import { ByteBuffer } from 'flatbuffers';
import { Block } from 'apache-arrow/fb/block';
import { DictionaryBatch } from 'apache-arrow/fb/dictionary-batch';
import { Footer } from 'apache-arrow/fb/footer';
import { Message } from 'apache-arrow/fb/message';
import { MessageHeader } from 'apache-arrow/fb/message-header';
import { MetadataVersion } from 'apache-arrow/fb/metadata-version';
import { RecordBatch } from 'apache-arrow/fb/record-batch';
import { Schema } from 'apache-arrow/fb/schema';
import { BatchReader } from './ipc/batch';
import {
  Context,
  IFrame,
  IIPCLimits,
  IPC_LIMITS,
  count,
  fail,
  safeInteger,
  vectorLength
} from './ipc/context';
import { StringBudget, checkKeyValues, planSchema } from './ipc/schema';

export type { IIPCLimits } from './ipc/context';
export { IPC_LIMITS, IPCCheckError } from './ipc/context';

export interface IIPCSummary {
  format: 'stream' | 'file';
  /** Rows over all record batches, as declared (and checked against the buffers). */
  rows: number;
  recordBatches: number;
  dictionaryBatches: number;
}

/**
 * Throw an IPCCheckError naming the first declared length, count or offset that the bytes
 * cannot back, or a feature this reader refuses (compression, big-endian, pre-V4 metadata).
 */
export function checkIPC(bytes: Uint8Array, limits: Partial<IIPCLimits> = {}): IIPCSummary {
  const ctx = new Context(bytes, { ...IPC_LIMITS, ...limits });
  if (bytes.byteLength >= 6 && latin1(bytes.subarray(0, 6)) === 'ARROW1') {
    checkFile(ctx);
  } else {
    checkStream(ctx);
  }
  return {
    format: ctx.format,
    rows: ctx.rows,
    recordBatches: ctx.recordBatches,
    dictionaryBatches: ctx.dictionaryBatches
  };
}

/** The message at pos (its message null at an end-of-stream marker), or null at `end`. */
function readFrame(ctx: Context, pos: number, end: number, where: string): IFrame | null {
  if (pos === end) {
    return null;
  }
  let prefix = 4;
  let metaLength = readInt32(ctx, pos, end, where);
  if (metaLength === -1) {
    prefix = 8; // continuation marker 0xFFFFFFFF, then the length
    metaLength = readInt32(ctx, pos + 4, end, where);
  }
  if (metaLength === 0) {
    return {
      message: null,
      metaLength: 0,
      bodyStart: pos + prefix,
      bodyLength: 0,
      end: pos + prefix
    };
  }
  const metaStart = pos + prefix;
  if (metaLength < 0) {
    fail(`${where}: metadata length ${metaLength} is negative`);
  }
  if (metaLength > end - metaStart) {
    fail(`${where}: metadata length ${metaLength}, but ${end - metaStart} bytes are left`);
  }
  if ((prefix + metaLength) % 8 !== 0) {
    fail(`${where}: metadata length ${metaLength} is not padded to 8 bytes`);
  }
  const meta = ctx.bytes.subarray(metaStart, metaStart + metaLength);
  const message = Message.getRootAsMessage(new ByteBuffer(meta));
  checkVersion(message.version(), where);
  const bodyStart = metaStart + metaLength;
  const bodyLength = count(message.bodyLength(), `${where}: body length`);
  if (bodyLength > end - bodyStart) {
    fail(`${where}: body length ${bodyLength}, but ${end - bodyStart} bytes are left`);
  }
  if (bodyLength % 8 !== 0) {
    fail(`${where}: body length ${bodyLength} is not padded to 8 bytes`);
  }
  checkKeyValues(message, metaLength, new StringBudget(metaLength), `${where}: metadata`);
  return { message, metaLength, bodyStart, bodyLength, end: bodyStart + bodyLength };
}

function readInt32(ctx: Context, pos: number, end: number, where: string): number {
  if (pos + 4 > end) {
    fail(`${where}: the data ends inside a message prefix (${end - pos} bytes left)`);
  }
  return ctx.view.getInt32(pos, true);
}

function checkVersion(version: MetadataVersion, where: string): void {
  if (version < MetadataVersion.V4 || version > MetadataVersion.V5) {
    fail(`${where}: metadata version ${version + 1} is not supported (V4 and V5 are)`);
  }
}

function checkStream(ctx: Context): void {
  const end = ctx.bytes.byteLength;
  const first = readFrame(ctx, 0, end, 'message 0');
  if (!first?.message) {
    return; // an empty stream: apache-arrow reads it as a table without columns
  }
  if (first.message.headerType() !== MessageHeader.Schema) {
    fail(`message 0: a stream starts with a schema, found ${headerName(first.message)}`);
  }
  if (first.bodyLength !== 0) {
    fail(`message 0: the schema declares a ${first.bodyLength}-byte body`);
  }
  ctx.version = first.message.version();
  planSchema(ctx, first.message.header(new Schema()), first.metaLength, 'message 0');
  // apache-arrow reads on after an end-of-stream marker that comes before any record batch,
  // so everything up to the end of the data is checked.
  for (let i = 1, pos = first.end; ; i++) {
    const frame = readFrame(ctx, pos, end, `message ${i}`);
    if (!frame) {
      return;
    }
    if (frame.message) {
      checkBatchMessage(ctx, frame, `message ${i}`);
    }
    pos = frame.end;
  }
}

const FILE_TAIL = 10; // int32 footer length + "ARROW1"

function checkFile(ctx: Context): void {
  ctx.format = 'file';
  const n = ctx.bytes.byteLength;
  if (n < 8 + FILE_TAIL || latin1(ctx.bytes.subarray(n - 6)) !== 'ARROW1') {
    fail('file: the data does not end with the ARROW1 magic (truncated file?)');
  }
  const footerLength = ctx.view.getInt32(n - FILE_TAIL, true);
  const footerStart = n - FILE_TAIL - footerLength;
  if (footerLength <= 0 || footerStart < 8) {
    fail(`file: footer length ${footerLength} does not fit in ${n} bytes`);
  }
  const meta = ctx.bytes.subarray(footerStart, n - FILE_TAIL);
  const footer = Footer.getRootAsFooter(new ByteBuffer(meta));
  checkVersion(footer.version(), 'file footer');
  ctx.version = footer.version();
  planSchema(ctx, footer.schema(), footerLength, 'file footer');
  const blocks = (
    kind: string,
    type: MessageHeader,
    length: number,
    at: (i: number) => Block | null
  ) => {
    const k = vectorLength(length, 24, footerLength, `file footer: ${kind} count`);
    for (let i = 0; i < k; i++) {
      const where = `file ${kind} block ${i}`;
      const block = at(i);
      const offset = count(block?.offset() ?? BigInt(-1), `${where}: offset`);
      if (offset < 8 || offset >= footerStart) {
        fail(`${where}: offset ${offset} is outside the file's messages (8..${footerStart})`);
      }
      const frame = readFrame(ctx, offset, footerStart, where);
      checkBatchMessage(ctx, frame, where, type);
      checkBlock(block!, frame!, offset, where);
    }
  };
  blocks('dictionary', MessageHeader.DictionaryBatch, footer.dictionariesLength(), i =>
    footer.dictionaries(i)
  );
  blocks('record batch', MessageHeader.RecordBatch, footer.recordBatchesLength(), i =>
    footer.recordBatches(i)
  );
}

/** apache-arrow converts a block's lengths to numbers too: they must agree with its message. */
function checkBlock(block: Block, frame: IFrame, offset: number, where: string): void {
  const bodyLength = count(block.bodyLength(), `${where}: body length`);
  const metaLength = block.metaDataLength();
  if (bodyLength !== frame.bodyLength || metaLength !== frame.bodyStart - offset) {
    fail(
      `${where}: declares ${metaLength} + ${bodyLength} bytes, its message has ${frame.bodyStart - offset} + ${frame.bodyLength}`
    );
  }
}

/** A record or dictionary batch message (a file block names which one it must be). */
function checkBatchMessage(
  ctx: Context,
  frame: IFrame | null,
  where: string,
  expected?: MessageHeader
): void {
  const type = frame?.message?.headerType() ?? MessageHeader.NONE;
  const found = frame ? headerName(frame.message) : 'the end of the data';
  if (!frame?.message || (expected !== undefined && type !== expected)) {
    fail(
      `${where}: expected a ${MessageHeader[expected ?? MessageHeader.RecordBatch]} message, found ${found}`
    );
  }
  if (ctx.recordBatches + ctx.dictionaryBatches >= ctx.limits.maxBatches) {
    fail(`${where}: more than ${ctx.limits.maxBatches} batches (limit)`);
  }
  if (type === MessageHeader.RecordBatch) {
    const batch = frame.message.header(new RecordBatch()) as RecordBatch | null;
    checkRecordBatch(ctx, frame, batch, `record batch ${ctx.recordBatches++}`);
  } else if (type === MessageHeader.DictionaryBatch) {
    const batch = frame.message.header(new DictionaryBatch()) as DictionaryBatch | null;
    checkDictionaryBatch(ctx, frame, batch, `dictionary batch ${ctx.dictionaryBatches++}`);
  } else {
    fail(`${where}: unexpected ${found}`);
  }
}

function headerName(message: Message | null): string {
  if (!message) {
    return 'an end-of-stream marker';
  }
  return `${MessageHeader[message.headerType()] ?? 'unknown'} message`;
}

function checkRecordBatch(
  ctx: Context,
  frame: IFrame,
  batch: RecordBatch | null,
  where: string
): void {
  if (!batch) {
    fail(`${where}: the header is missing`);
  }
  const length = count(batch.length(), `${where}: row count`);
  ctx.rows += length;
  if (ctx.rows > ctx.limits.maxRows) {
    fail(`${where}: the batches hold more than ${ctx.limits.maxRows} rows (limit)`);
  }
  new BatchReader(ctx, frame, batch, where).columns(ctx.columns, length);
}

function checkDictionaryBatch(
  ctx: Context,
  frame: IFrame,
  batch: DictionaryBatch | null,
  where: string
): void {
  const id = safeInteger(batch?.id() ?? BigInt(0), `${where}: id`);
  const data = batch?.data() ?? null;
  const dictionary = ctx.dictionaries.get(id);
  if (!data || !dictionary) {
    fail(`${where}: ${data ? `id ${id} is not used by any column` : 'the data is missing'}`);
  }
  const label = `${where} (id ${id})`;
  const length = count(data.length(), `${label}: length`);
  new BatchReader(ctx, frame, data, label).columns([dictionary.column], length);
  dictionary.length = batch!.isDelta() ? dictionary.length + length : length;
  dictionary.work += dictionary.length;
  if (dictionary.work > ctx.limits.maxRows) {
    fail(`${label}: dictionary deltas rebuild more than ${ctx.limits.maxRows} entries (limit)`);
  }
}

function latin1(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}
