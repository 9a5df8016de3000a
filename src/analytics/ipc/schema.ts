// The columns an Arrow IPC schema declares, planned once per stream (or file footer) with
// every count bounded by the metadata bytes, as apache-arrow reads them eagerly.
import { Encoding } from 'flatbuffers';
import { Date as DateType } from 'apache-arrow/fb/date';
import { DateUnit } from 'apache-arrow/fb/date-unit';
import { Decimal } from 'apache-arrow/fb/decimal';
import { Endianness } from 'apache-arrow/fb/endianness';
import { Field } from 'apache-arrow/fb/field';
import { FixedSizeBinary } from 'apache-arrow/fb/fixed-size-binary';
import { FixedSizeList } from 'apache-arrow/fb/fixed-size-list';
import { FloatingPoint } from 'apache-arrow/fb/floating-point';
import { Int } from 'apache-arrow/fb/int';
import { Interval } from 'apache-arrow/fb/interval';
import { KeyValue } from 'apache-arrow/fb/key-value';
import { MetadataVersion } from 'apache-arrow/fb/metadata-version';
import { Schema } from 'apache-arrow/fb/schema';
import { Time } from 'apache-arrow/fb/time';
import { Timestamp } from 'apache-arrow/fb/timestamp';
import { Type } from 'apache-arrow/fb/type';
import { Union } from 'apache-arrow/fb/union';
import { UnionMode } from 'apache-arrow/fb/union-mode';
import { Context, IColumn, Layout, fail, quote, safeInteger, vectorLength } from './context';

/** Bounds the strings apache-arrow decodes from one metadata block (names, key-values). */
export class StringBudget {
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

export function planSchema(
  ctx: Context,
  schema: Schema | null,
  metaLength: number,
  where: string
): void {
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

interface IHasKeyValues {
  customMetadataLength(): number;
  customMetadata(index: number, obj?: KeyValue): KeyValue | null;
}

/** apache-arrow decodes every key-value of a message, schema and field eagerly. */
export function checkKeyValues(
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
