// Structural check of Arrow IPC bytes (stream or file) before apache-arrow reads them.
// apache-arrow trusts every length, count and offset in the metadata: one crafted int32 or int64
// makes it allocate gigabytes or loop for seconds (a 1.9 KB notebook output froze the tab), and
// the MIME renderer decodes outputs of untrusted notebooks. This reads the flatbuffer metadata
// lazily with apache-arrow's own generated classes and bounds each declared size by the bytes
// really present: a few reads per message and column, plus one pass over list offsets.
import { ByteBuffer, Encoding } from 'flatbuffers';
import { Block } from 'apache-arrow/fb/block';
import { Buffer as BufferRegion } from 'apache-arrow/fb/buffer';
import { CompressionType } from 'apache-arrow/fb/compression-type';
import { Date as DateType } from 'apache-arrow/fb/date';
import { DateUnit } from 'apache-arrow/fb/date-unit';
import { Decimal } from 'apache-arrow/fb/decimal';
import { DictionaryBatch } from 'apache-arrow/fb/dictionary-batch';
import { Endianness } from 'apache-arrow/fb/endianness';
import { Field } from 'apache-arrow/fb/field';
import { FieldNode } from 'apache-arrow/fb/field-node';
import { FixedSizeBinary } from 'apache-arrow/fb/fixed-size-binary';
import { FixedSizeList } from 'apache-arrow/fb/fixed-size-list';
import { FloatingPoint } from 'apache-arrow/fb/floating-point';
import { Footer } from 'apache-arrow/fb/footer';
import { Int } from 'apache-arrow/fb/int';
import { Interval } from 'apache-arrow/fb/interval';
import { KeyValue } from 'apache-arrow/fb/key-value';
import { Message } from 'apache-arrow/fb/message';
import { MessageHeader } from 'apache-arrow/fb/message-header';
import { MetadataVersion } from 'apache-arrow/fb/metadata-version';
import { RecordBatch } from 'apache-arrow/fb/record-batch';
import { Schema } from 'apache-arrow/fb/schema';
import { Time } from 'apache-arrow/fb/time';
import { Timestamp } from 'apache-arrow/fb/timestamp';
import { Type } from 'apache-arrow/fb/type';
import { Union } from 'apache-arrow/fb/union';
import { UnionMode } from 'apache-arrow/fb/union-mode';

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

export interface IIPCSummary {
  format: 'stream' | 'file';
  /** Rows over all record batches, as declared (and checked against the buffers). */
  rows: number;
  recordBatches: number;
  dictionaryBatches: number;
}

export class IPCCheckError extends Error {
  constructor(message: string) {
    super(`Arrow IPC: ${message}`);
    this.name = 'IPCCheckError';
  }
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

// ---- columns planned from the schema -------------------------------------------------------

type Layout =
  | { kind: 'null' }
  | { kind: 'bool' }
  | { kind: 'fixed'; width: number }
  | { kind: 'binary'; offsetWidth: 4 | 8 }
  | { kind: 'view' }
  | { kind: 'list'; offsetWidth: 4 | 8 }
  | { kind: 'fixedList'; size: number }
  | { kind: 'struct' }
  | { kind: 'union'; dense: boolean; validity: boolean };

interface IColumn {
  name: string;
  layout: Layout;
  children: IColumn[];
  /** Set for the indices of a dictionary-encoded column. */
  dictionaryId?: number;
}

interface IDictionary {
  column: IColumn;
  length: number;
  /** Dictionary entries rebuilt so far: apache-arrow copies the whole dictionary per delta. */
  work: number;
}

class Context {
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

/** Bounds the strings apache-arrow decodes from one metadata block (names, key-values). */
class StringBudget {
  private left: number;
  constructor(metaLength: number) {
    // Each string has its own bytes in a flatbuffer; shared ones (cycles) must not multiply them.
    this.left = 4 * metaLength + 65536;
  }
  take(s: string | Uint8Array | null, what: string): void {
    this.left -= s ? s.length : 0;
    if (this.left < 0) {
      fail(`${what}: the metadata reuses its strings far more than it holds bytes`);
    }
  }
}

function planSchema(ctx: Context, schema: Schema | null, metaLength: number, where: string): void {
  if (!schema) {
    fail(`${where}: the schema is missing`);
  }
  if (schema.endianness() === Endianness.Big) {
    fail(`${where}: big-endian data is not supported`);
  }
  const strings = new StringBudget(metaLength);
  checkKeyValues(schema, metaLength, strings, `${where}: schema metadata`);
  const n = vectorLength(schema.fieldsLength(), 4, metaLength, `${where}: field count`);
  ctx.columns = [];
  for (let i = 0; i < n; i++) {
    ctx.columns.push(planField(ctx, schema.fields(i), 1, metaLength, strings));
  }
}

function planField(
  ctx: Context,
  field: Field | null,
  depth: number,
  metaLength: number,
  strings: StringBudget
): IColumn {
  const name = field?.name(Encoding.UTF8_BYTES) ?? null;
  strings.take(name, 'field names');
  const label = name ? quote(new TextDecoder().decode(name as Uint8Array)) : "''";
  if (!field) {
    fail(`schema: field ${label} is missing`);
  }
  if (++ctx.fields > ctx.limits.maxFields) {
    fail(`schema: more than ${ctx.limits.maxFields} fields (limit)`);
  }
  if (depth > ctx.limits.maxDepth) {
    fail(`schema: field ${label} is nested deeper than ${ctx.limits.maxDepth} levels (limit)`);
  }
  checkKeyValues(field, metaLength, strings, `schema: field ${label} metadata`);
  const encoding = field.dictionary();
  if (!encoding) {
    return planValues(ctx, field, label, depth, metaLength, strings);
  }
  const id = safeInteger(encoding.id(), `schema: field ${label}: dictionary id`);
  const indexType = encoding.indexType();
  const width = indexType ? intWidth(indexType, `schema: field ${label}: dictionary index`) : 4;
  if (!ctx.dictionaries.has(id)) {
    // As apache-arrow: the value type comes from the first field naming the id, registered
    // after its children (so a field nested in itself recurses, up to maxDepth).
    const column = planValues(ctx, field, label, depth, metaLength, strings);
    ctx.dictionaries.set(id, { column, length: 0, work: 0 });
  }
  return { name: label, layout: { kind: 'fixed', width }, children: [], dictionaryId: id };
}

function planValues(
  ctx: Context,
  field: Field,
  label: string,
  depth: number,
  metaLength: number,
  strings: StringBudget
): IColumn {
  const where = `schema: field ${label}`;
  const n = vectorLength(field.childrenLength(), 4, metaLength, `${where}: child count`);
  const children: IColumn[] = [];
  for (let i = 0; i < n; i++) {
    children.push(planField(ctx, field.children(i), depth + 1, metaLength, strings));
  }
  const layout = layoutOf(ctx, field, where, metaLength, strings);
  const oneChild = layout.kind === 'list' || layout.kind === 'fixedList';
  if (oneChild && children.length !== 1) {
    fail(`${where}: a list or map needs one child field, found ${children.length}`);
  }
  return { name: label, layout, children };
}

function layoutOf(
  ctx: Context,
  field: Field,
  where: string,
  metaLength: number,
  strings: StringBudget
): Layout {
  const type = field.typeType();
  switch (type) {
    case Type.NONE:
    case Type.Null:
      return { kind: 'null' };
    case Type.Bool:
      return { kind: 'bool' };
    case Type.Utf8:
    case Type.Binary:
      return { kind: 'binary', offsetWidth: 4 };
    case Type.LargeUtf8:
    case Type.LargeBinary:
      return { kind: 'binary', offsetWidth: 8 };
    case Type.Utf8View:
    case Type.BinaryView:
      return { kind: 'view' };
    case Type.List:
    case Type.Map:
      return { kind: 'list', offsetWidth: 4 };
    case Type.LargeList:
      return { kind: 'list', offsetWidth: 8 };
    case Type.Struct_:
      return { kind: 'struct' };
    case Type.FixedSizeList: {
      const size = (field.type(new FixedSizeList()) as FixedSizeList | null)?.listSize() ?? 0;
      return size >= 0 ? { kind: 'fixedList', size } : fail(`${where}: list size ${size}`);
    }
    case Type.Union: {
      const union = field.type(new Union()) as Union | null;
      vectorLength(union?.typeIdsLength() ?? 0, 4, metaLength, `${where}: union type ids`);
      const dense = union?.mode() === UnionMode.Dense;
      return { kind: 'union', dense, validity: ctx.version < MetadataVersion.V5 };
    }
    case Type.Timestamp: {
      strings.take(
        (field.type(new Timestamp()) as Timestamp | null)?.timezone(Encoding.UTF8_BYTES) ?? null,
        where
      );
      return { kind: 'fixed', width: 8 };
    }
  }
  return { kind: 'fixed', width: fixedWidth(field, type, where) };
}

/** Bytes per value of a fixed-width type. */
function fixedWidth(field: Field, type: Type, where: string): number {
  const width = (() => {
    switch (type) {
      case Type.Int:
        return intWidth(field.type(new Int()) as Int | null, where);
      case Type.FloatingPoint:
        return [2, 4, 8][
          (field.type(new FloatingPoint()) as FloatingPoint | null)?.precision() ?? 0
        ];
      case Type.Decimal: {
        const bits = (field.type(new Decimal()) as Decimal | null)?.bitWidth() ?? 128;
        return [32, 64, 128, 256].includes(bits) ? bits / 8 : undefined;
      }
      case Type.Date:
        return (field.type(new DateType()) as DateType | null)?.unit() === DateUnit.DAY ? 4 : 8;
      case Type.Time: {
        const bits = (field.type(new Time()) as Time | null)?.bitWidth() ?? 32;
        return bits === 32 || bits === 64 ? bits / 8 : undefined;
      }
      case Type.Duration:
        return 8;
      case Type.Interval:
        return [4, 8, 16][(field.type(new Interval()) as Interval | null)?.unit() ?? 0];
      case Type.FixedSizeBinary: {
        const w = (field.type(new FixedSizeBinary()) as FixedSizeBinary | null)?.byteWidth() ?? 0;
        return w > 0 ? w : undefined;
      }
    }
    return fail(`${where}: type ${Type[type] ?? type} is not supported by this reader`);
  })();
  if (width === undefined) {
    fail(`${where}: the ${Type[type]} type has an invalid width`);
  }
  return width;
}

function intWidth(int: Int | null, where: string): number {
  const bits = int?.bitWidth() ?? 0;
  if (![8, 16, 32, 64].includes(bits)) {
    fail(`${where}: integer bit width ${bits}`);
  }
  return bits / 8;
}

// ---- messages ------------------------------------------------------------------------------

interface IFrame {
  /** Null for an end-of-stream marker. */
  message: Message | null;
  metaLength: number;
  bodyStart: number;
  bodyLength: number;
  end: number;
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

// ---- buffers of one batch ------------------------------------------------------------------

interface IRegion {
  offset: number;
  length: number;
}

/** Walks a batch's field nodes and buffers in the order apache-arrow's VectorLoader reads them. */
class BatchReader {
  private node = 0;
  private buffer = 0;
  private variadic = 0;
  private readonly nodeCount: number;
  private readonly bufferCount: number;
  private readonly variadicCount: number;
  private readonly fieldNode = new FieldNode();
  private readonly region = new BufferRegion();

  constructor(
    private readonly ctx: Context,
    private readonly frame: IFrame,
    private readonly batch: RecordBatch,
    private readonly where: string
  ) {
    const compression = batch.compression();
    if (compression) {
      const codec = CompressionType[compression.codec()] ?? compression.codec();
      fail(`${where}: the body is compressed (${codec}); write it uncompressed (compression=None)`);
    }
    const meta = frame.metaLength;
    this.nodeCount = vectorLength(batch.nodesLength(), 16, meta, `${where}: field node count`);
    this.bufferCount = vectorLength(batch.buffersLength(), 16, meta, `${where}: buffer count`);
    this.variadicCount = vectorLength(
      batch.variadicBufferCountsLength(),
      8,
      meta,
      `${where}: variadic counts`
    );
  }

  /** Top-level columns: each as long as the batch. */
  columns(columns: IColumn[], length: number): void {
    for (const column of columns) {
      this.column(column, length, true);
    }
    if (this.node !== this.nodeCount || this.buffer !== this.bufferCount) {
      fail(
        `${this.where}: declares ${this.nodeCount} field nodes and ${this.bufferCount} buffers, the schema needs ${this.node} and ${this.buffer}`
      );
    }
  }

  private column(column: IColumn, minLength: number, exact: boolean): void {
    const where = `${this.where}, column ${column.name}`;
    const { length, nulls } = this.nextNode(where);
    if (exact ? length !== minLength : length < minLength) {
      fail(`${where}: ${length} values, ${exact ? '' : 'at least '}${minLength} expected`);
    }
    const { layout } = column;
    const zeroWidth =
      layout.kind === 'null' ||
      (layout.kind === 'struct' && column.children.length === 0) ||
      (layout.kind === 'fixedList' && layout.size === 0);
    if (zeroWidth && length > this.ctx.limits.maxRows) {
      fail(`${where}: ${length} values of no width (limit ${this.ctx.limits.maxRows})`);
    }
    if (layout.kind !== 'null' && layout.kind !== 'union') {
      this.validity(where, length, nulls);
    }
    if (
      column.dictionaryId !== undefined &&
      !this.ctx.dictionaries.get(column.dictionaryId)?.length
    ) {
      this.missingDictionary(where, column.dictionaryId, length, nulls);
    }
    this.values(column, where, length, nulls);
  }

  /** Indices need a dictionary batch first, unless there is nothing to look up. */
  private missingDictionary(where: string, id: number, length: number, nulls: number): void {
    if (length > nulls) {
      fail(`${where}: dictionary id ${id} has no entries before this batch`);
    }
  }

  private values(column: IColumn, where: string, length: number, nulls: number): void {
    const { layout } = column;
    switch (layout.kind) {
      case 'null':
        return;
      case 'bool':
        return this.need(this.nextBuffer(where), Math.ceil(length / 8), where, 'values');
      case 'fixed':
        return this.need(this.nextBuffer(where), length * layout.width, where, 'values');
      case 'binary': {
        const last = this.offsets(where, length, layout.offsetWidth);
        return this.need(this.nextBuffer(where), last, where, 'values');
      }
      case 'view':
        return this.views(where, length);
      case 'list':
        return this.column(
          column.children[0],
          this.offsets(where, length, layout.offsetWidth, true),
          false
        );
      case 'fixedList':
        return this.column(column.children[0], length * layout.size, false);
      case 'struct':
        return column.children.forEach(child => this.column(child, length, false));
      case 'union':
        return this.union(column, layout, where, length, nulls);
    }
  }

  private union(
    column: IColumn,
    layout: { dense: boolean; validity: boolean },
    where: string,
    length: number,
    nulls: number
  ): void {
    if (layout.validity) {
      this.validity(where, length, nulls);
    }
    this.need(this.nextBuffer(where), length, where, 'type ids');
    if (layout.dense) {
      this.need(this.nextBuffer(where), length * 4, where, 'offsets');
    }
    column.children.forEach(child => this.column(child, layout.dense ? 0 : length, false));
  }

  private views(where: string, length: number): void {
    this.need(this.nextBuffer(where), length * 16, where, 'views');
    if (this.variadic >= this.variadicCount) {
      fail(`${where}: no variadic buffer count for this column`);
    }
    const n = count(
      this.batch.variadicBufferCounts(this.variadic++) ?? BigInt(-1),
      `${where}: variadic buffer count`
    );
    if (n > this.bufferCount - this.buffer) {
      fail(`${where}: ${n} variadic buffers, ${this.bufferCount - this.buffer} left`);
    }
    for (let i = 0; i < n; i++) {
      this.nextBuffer(where);
    }
  }

  /**
   * Checks an offsets buffer and returns its last offset (the values it spans). The offsets of
   * lists and maps are all read (one pass): apache-arrow slices the child by them, and an
   * offset below its predecessor makes a negative-length slice (an allocation failure).
   * Strings are only cut short by a bad inner offset, so theirs cost two reads.
   */
  private offsets(where: string, length: number, width: 4 | 8, all = false): number {
    const buf = this.nextBuffer(where);
    if (length === 0) {
      return 0; // writers may leave the offsets of an empty column out
    }
    this.need(buf, (length + 1) * width, where, 'offsets');
    const start = this.frame.bodyStart + buf.offset;
    const read = offsetReader(this.ctx, start, width, length, where);
    const first = read(0);
    if (first < 0) {
      fail(`${where}: the first offset is ${first}`);
    }
    let previous = first;
    for (let i = all ? 1 : length; i <= length; i++) {
      const offset = read(i);
      if (offset < previous) {
        fail(`${where}: offset ${i} (${offset}) is below the offset before it (${previous})`);
      }
      previous = offset;
    }
    return previous;
  }

  private validity(where: string, length: number, nulls: number): void {
    const buf = this.nextBuffer(where);
    if (nulls > 0) {
      this.need(buf, Math.ceil(length / 8), where, 'validity bitmap');
    }
  }

  private need(buf: IRegion, bytes: number, where: string, what: string): void {
    if (buf.length < bytes) {
      fail(`${where}: ${what} buffer holds ${buf.length} bytes, needs ${bytes}`);
    }
  }

  private nextNode(where: string): { length: number; nulls: number } {
    if (this.node >= this.nodeCount) {
      fail(`${where}: the batch declares only ${this.nodeCount} field nodes`);
    }
    const node = this.batch.nodes(this.node++, this.fieldNode)!;
    const length = count(node.length(), `${where}: length`);
    const nulls = count(node.nullCount(), `${where}: null count`);
    if (nulls > length) {
      fail(`${where}: null count ${nulls} exceeds the length ${length}`);
    }
    return { length, nulls };
  }

  private nextBuffer(where: string): IRegion {
    if (this.buffer >= this.bufferCount) {
      fail(`${where}: the batch declares only ${this.bufferCount} buffers`);
    }
    const i = this.buffer++;
    const region = this.batch.buffers(i, this.region)!;
    const offset = count(region.offset(), `${where}: buffer ${i} offset`);
    const length = count(region.length(), `${where}: buffer ${i} length`);
    if (offset + length > this.frame.bodyLength) {
      fail(
        `${where}: buffer ${i} (${offset}+${length}) is outside the ${this.frame.bodyLength}-byte body`
      );
    }
    return { offset, length };
  }
}

// ---- small readers -------------------------------------------------------------------------

/** Offset i of an offsets buffer at `start`; an Int32Array when aligned (the common case). */
function offsetReader(
  ctx: Context,
  start: number,
  width: 4 | 8,
  length: number,
  where: string
): (i: number) => number {
  const address = ctx.bytes.byteOffset + start;
  if (width === 4 && address % 4 === 0) {
    const offsets = new Int32Array(ctx.bytes.buffer, address, length + 1);
    return i => offsets[i];
  }
  if (width === 4) {
    return i => ctx.view.getInt32(start + i * 4, true);
  }
  return i => safeInteger(ctx.view.getBigInt64(start + i * 8, true), `${where}: offset ${i}`);
}

interface IHasKeyValues {
  customMetadataLength(): number;
  customMetadata(index: number, obj?: KeyValue): KeyValue | null;
}

/** apache-arrow decodes every key-value of a message, schema and field eagerly. */
function checkKeyValues(
  owner: IHasKeyValues,
  metaLength: number,
  strings: StringBudget,
  where: string
): void {
  const n = vectorLength(owner.customMetadataLength(), 4, metaLength, `${where} count`);
  const kv = new KeyValue();
  for (let i = 0; i < n; i++) {
    const entry = owner.customMetadata(i, kv);
    strings.take(entry?.key(Encoding.UTF8_BYTES) ?? null, where);
    strings.take(entry?.value(Encoding.UTF8_BYTES) ?? null, where);
  }
}

/** A flatbuffer vector's declared length, bounded by the bytes its elements need. */
function vectorLength(n: number, elementBytes: number, metaLength: number, what: string): number {
  if (n < 0 || n * elementBytes > metaLength) {
    fail(`${what} ${n} does not fit in ${metaLength} bytes of metadata`);
  }
  return n;
}

/** A non-negative int64 field as a number. */
function count(value: bigint, what: string): number {
  if (value < BigInt(0)) {
    fail(`${what} ${value} is negative`);
  }
  return safeInteger(value, what);
}

function safeInteger(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    fail(`${what} ${value} is too large`);
  }
  return Number(value);
}

function latin1(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

/** A field name for messages: quoted and cut, as names come from untrusted data. */
function quote(name: string): string {
  return `'${name.length > 60 ? name.slice(0, 60) + '…' : name}'`;
}

function fail(message: string): never {
  throw new IPCCheckError(message);
}
