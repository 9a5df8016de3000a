// Where the lengths, counts and offsets of a *valid* Arrow IPC stream or file sit, so the
// hostile-input tests can overwrite each one. Reads the metadata with apache-arrow's generated
// flatbuffer classes; the vtable slots are those of Message.fbs, Schema.fbs and File.fbs.
import { ByteBuffer } from 'flatbuffers';
import { Field } from 'apache-arrow/fb/field';
import { Footer } from 'apache-arrow/fb/footer';
import { Message } from 'apache-arrow/fb/message';
import { MessageHeader } from 'apache-arrow/fb/message-header';
import { RecordBatch } from 'apache-arrow/fb/record-batch';
import { DictionaryBatch } from 'apache-arrow/fb/dictionary-batch';
import { Schema } from 'apache-arrow/fb/schema';

export interface IIPCField {
  name: string;
  /** Byte position in the whole stream or file. */
  pos: number;
  width: 4 | 8;
}

interface ITable {
  bb: ByteBuffer | null;
  bb_pos: number;
}

/** Message starts (stream) or block starts (file), then the end of the data. */
export function messageBoundaries(bytes: Uint8Array): number[] {
  return walk(bytes).boundaries;
}

export function ipcFields(bytes: Uint8Array): IIPCField[] {
  return walk(bytes).fields;
}

/** A copy of bytes with one field set to value (truncated to the field's width). */
export function overwrite(bytes: Uint8Array, field: IIPCField, value: bigint): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  if (field.width === 8) {
    view.setBigInt64(field.pos, BigInt.asIntN(64, value), true);
  } else {
    view.setInt32(field.pos, Number(BigInt.asIntN(32, value)), true);
  }
  return out;
}

function walk(bytes: Uint8Array): { fields: IIPCField[]; boundaries: number[] } {
  const fields: IIPCField[] = [];
  const boundaries: number[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isFile = String.fromCharCode(...bytes.subarray(0, 6)) === 'ARROW1';
  let pos = isFile ? 8 : 0;
  const end = isFile
    ? bytes.byteLength - 10 - view.getInt32(bytes.byteLength - 10, true)
    : bytes.byteLength;
  for (let i = 0; pos + 8 <= end; i++) {
    const metaLength = view.getInt32(pos + 4, true);
    if (metaLength === 0) {
      break;
    }
    boundaries.push(pos);
    fields.push({ name: `message ${i} metadata length`, pos: pos + 4, width: 4 });
    const base = pos + 8;
    const message = Message.getRootAsMessage(
      new ByteBuffer(bytes.subarray(base, base + metaLength))
    );
    messageFields(message, base, `message ${i}`, fields);
    pos = base + metaLength + Number(message.bodyLength());
  }
  if (isFile) {
    boundaries.push(end);
    footerFields(bytes, end, fields);
  }
  boundaries.push(bytes.byteLength);
  return { fields, boundaries };
}

function messageFields(message: Message, base: number, label: string, fields: IIPCField[]): void {
  scalar(message, 10, base, `${label} body length`, 8, fields);
  const type = message.headerType();
  if (type === MessageHeader.Schema) {
    schemaFields(message.header(new Schema()) as Schema, base, label, fields);
  } else if (type === MessageHeader.RecordBatch) {
    batchFields(message.header(new RecordBatch()) as RecordBatch, base, label, fields);
  } else if (type === MessageHeader.DictionaryBatch) {
    const dict = message.header(new DictionaryBatch()) as DictionaryBatch;
    scalar(dict, 4, base, `${label} dictionary id`, 8, fields);
    batchFields(dict.data()!, base, `${label} dictionary`, fields);
  }
}

function schemaFields(schema: Schema, base: number, label: string, fields: IIPCField[]): void {
  vectorLength(schema, 6, base, `${label} field count`, fields);
  const visit = (field: Field, name: string) => {
    vectorLength(field, 14, base, `${name} child count`, fields);
    const encoding = field.dictionary();
    if (encoding) {
      scalar(encoding, 4, base, `${name} dictionary id`, 8, fields);
    }
    for (let i = 0; i < field.childrenLength(); i++) {
      visit(field.children(i)!, `${name}.${i}`);
    }
  };
  for (let i = 0; i < schema.fieldsLength(); i++) {
    visit(schema.fields(i)!, `${label} field ${i}`);
  }
}

function batchFields(batch: RecordBatch, base: number, label: string, fields: IIPCField[]): void {
  scalar(batch, 4, base, `${label} length`, 8, fields);
  vectorLength(batch, 6, base, `${label} node count`, fields);
  vectorLength(batch, 8, base, `${label} buffer count`, fields);
  for (let i = 0; i < batch.nodesLength(); i++) {
    const at = base + batch.nodes(i)!.bb_pos;
    fields.push({ name: `${label} node ${i} length`, pos: at, width: 8 });
    fields.push({ name: `${label} node ${i} null count`, pos: at + 8, width: 8 });
  }
  for (let i = 0; i < batch.buffersLength(); i++) {
    const at = base + batch.buffers(i)!.bb_pos;
    fields.push({ name: `${label} buffer ${i} offset`, pos: at, width: 8 });
    fields.push({ name: `${label} buffer ${i} length`, pos: at + 8, width: 8 });
  }
}

function footerFields(bytes: Uint8Array, start: number, fields: IIPCField[]): void {
  fields.push({ name: 'footer length', pos: bytes.byteLength - 10, width: 4 });
  const footer = Footer.getRootAsFooter(
    new ByteBuffer(bytes.subarray(start, bytes.byteLength - 10))
  );
  schemaFields(footer.schema()!, start, 'footer', fields);
  vectorLength(footer, 8, start, 'footer dictionary block count', fields);
  vectorLength(footer, 10, start, 'footer record batch block count', fields);
  const blocks = (kind: string, n: number, at: (i: number) => ITable) => {
    for (let i = 0; i < n; i++) {
      const pos = start + at(i).bb_pos;
      fields.push({ name: `footer ${kind} block ${i} offset`, pos, width: 8 });
      fields.push({ name: `footer ${kind} block ${i} metadata length`, pos: pos + 8, width: 4 });
      fields.push({ name: `footer ${kind} block ${i} body length`, pos: pos + 16, width: 8 });
    }
  };
  blocks('dictionary', footer.dictionariesLength(), i => footer.dictionaries(i)!);
  blocks('record batch', footer.recordBatchesLength(), i => footer.recordBatches(i)!);
}

function scalar(
  t: ITable,
  slot: number,
  base: number,
  name: string,
  width: 4 | 8,
  fields: IIPCField[]
): void {
  const o = t.bb!.__offset(t.bb_pos, slot);
  if (o) {
    fields.push({ name, pos: base + t.bb_pos + o, width });
  }
}

function vectorLength(
  t: ITable,
  slot: number,
  base: number,
  name: string,
  fields: IIPCField[]
): void {
  const o = t.bb!.__offset(t.bb_pos, slot);
  if (o) {
    const at = t.bb_pos + o;
    fields.push({ name, pos: base + at + t.bb!.readInt32(at), width: 4 });
  }
}
