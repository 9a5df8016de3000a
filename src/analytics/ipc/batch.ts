// One record or dictionary batch: its field nodes and buffers walked in the order
// apache-arrow's VectorLoader reads them, each bounded by the body and by its column's needs.
import { Buffer as BufferRegion } from 'apache-arrow/fb/buffer';
import { CompressionType } from 'apache-arrow/fb/compression-type';
import { FieldNode } from 'apache-arrow/fb/field-node';
import { RecordBatch } from 'apache-arrow/fb/record-batch';
import { Context, IColumn, IFrame, count, fail, safeInteger, vectorLength } from './context';

interface IRegion {
  offset: number;
  length: number;
}

/** Walks a batch's field nodes and buffers in the order apache-arrow's VectorLoader reads them. */
export class BatchReader {
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
