// Decoded items as an Arrow table: msticpy's unpack_df columns first (same names, same
// order, same value types where Arrow has them), then this project's extra columns.
import {
  Binary,
  Data,
  Field,
  Int32,
  List,
  makeData,
  makeVector,
  Struct,
  Table,
  Vector
} from 'apache-arrow';
import { utf8Data, varData } from '../varcolumn';
import { IDecodedItem } from './types';

/** msticpy's 12 BinaryRecord columns, then the 2 that unpack_df adds around the input column. */
export const MSTICPY_COLUMNS = [
  'reference',
  'original_string',
  'file_name',
  'file_type',
  'input_bytes',
  'decoded_string',
  'encoding_type',
  'file_hashes',
  'md5',
  'sha1',
  'sha256',
  'printable_bytes',
  'src_index',
  'full_decoded_string'
] as const;

export const EXTRA_COLUMNS = [
  'id',
  'depth',
  'start',
  'end',
  'chain',
  'preview',
  'iocs',
  'status',
  'message'
] as const;

export interface IDecodeTableOptions {
  /** Name of the input column: unpack_df repeats the input text under that name. */
  inputColumn?: string;
  /** The texts that were decoded (index = item.row), needed for the input column. */
  inputs?: (string | null)[];
}

/** Validity bitmap and null count; null when nothing is null (Arrow's cheap case). */
function validity(values: unknown[]): [Uint8Array | undefined, number] {
  const bits = new Uint8Array((values.length + 7) >> 3);
  let nulls = 0;
  values.forEach((v, i) => {
    if (v === null || v === undefined) {
      nulls++;
    } else {
      bits[i >> 3] |= 1 << (i & 7);
    }
  });
  return [nulls ? bits : undefined, nulls];
}

function int32Data(values: number[]): Data<Int32> {
  return makeData({ type: new Int32(), length: values.length, data: Int32Array.from(values) });
}

function structData(names: string[], children: Data[], values: unknown[]): Data<Struct> {
  const [nullBitmap, nullCount] = validity(values);
  const type = new Struct(names.map((n, k) => new Field(n, children[k].type, true)));
  return makeData({ type, length: values.length, nullCount, nullBitmap, children });
}

function listData(child: Data, lengths: number[]): Data<List> {
  const offsets = new Int32Array(lengths.length + 1);
  lengths.forEach((n, i) => (offsets[i + 1] = offsets[i] + n));
  return makeData({
    type: new List(new Field('item', child.type, true)),
    length: lengths.length,
    nullCount: 0,
    valueOffsets: offsets,
    child
  });
}

type Getter = (items: IDecodedItem[]) => Data;
const text =
  (f: (it: IDecodedItem) => string | null): Getter =>
  items =>
    utf8Data(items.map(f));
const int =
  (f: (it: IDecodedItem) => number): Getter =>
  items =>
    int32Data(items.map(f));

const COLUMNS: Record<string, Getter> = {
  reference: items =>
    listData(
      utf8Data(items.flatMap(it => it.reference)),
      items.map(() => 3)
    ),
  original_string: text(it => it.originalString),
  file_name: text(it => it.fileName),
  file_type: text(it => it.fileType),
  input_bytes: items =>
    varData(
      new Binary(),
      items.map(it => it.bytes)
    ),
  decoded_string: text(it => it.decodedString),
  encoding_type: text(it => it.encoding),
  file_hashes: items =>
    structData(
      ['md5', 'sha1', 'sha256'],
      [
        utf8Data(items.map(it => it.md5)),
        utf8Data(items.map(it => it.sha1)),
        utf8Data(items.map(it => it.sha256))
      ],
      items.map(it => it.md5)
    ),
  md5: text(it => it.md5),
  sha1: text(it => it.sha1),
  sha256: text(it => it.sha256),
  printable_bytes: text(it => it.printableBytes),
  src_index: int(it => it.row),
  full_decoded_string: text(it => it.fullDecodedString),
  id: text(it => it.id),
  depth: int(it => it.depth),
  start: int(it => it.start),
  end: int(it => it.end),
  chain: text(it => it.chain.join(' > ')),
  preview: text(it => it.preview),
  iocs: items => {
    const all = items.flatMap(it => it.iocs);
    const struct = structData(
      ['type', 'value'],
      [utf8Data(all.map(m => m.type)), utf8Data(all.map(m => m.value))],
      all
    );
    return listData(
      struct,
      items.map(it => it.iocs.length)
    );
  },
  status: text(it => it.status),
  message: text(it => it.message)
};

export function decodedItemsToTable(
  items: IDecodedItem[],
  options: IDecodeTableOptions = {}
): Table {
  const cols: Record<string, Vector> = {};
  const { inputColumn, inputs } = options;
  for (const name of [...MSTICPY_COLUMNS, ...EXTRA_COLUMNS]) {
    cols[name] = makeVector(COLUMNS[name](items));
    // unpack_df puts the input column between src_index and full_decoded_string.
    if (name === 'src_index' && inputColumn && inputs && !(inputColumn in COLUMNS)) {
      cols[inputColumn] = makeVector(utf8Data(items.map(it => inputs[it.row] ?? null)));
    }
  }
  return new Table(cols);
}
