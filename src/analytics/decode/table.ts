// Decoded items as an Arrow table: msticpy's unpack_df columns first (same names, same
// order, same value types where Arrow has them), then this project's extra columns.
import {
  Binary,
  DataType,
  Field,
  Int32,
  List,
  Struct,
  Table,
  Utf8,
  vectorFromArray,
  Vector
} from 'apache-arrow';
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

const utf8 = new Utf8();
const int32 = new Int32();
const struct = (...names: string[]) => new Struct(names.map(n => new Field(n, utf8, true)));
const listOf = (t: DataType) => new List(new Field('item', t, true));

type Getter = (it: IDecodedItem) => unknown;

const COLUMNS: Record<string, [DataType, Getter]> = {
  reference: [listOf(utf8), it => it.reference],
  original_string: [utf8, it => it.originalString],
  file_name: [utf8, it => it.fileName],
  file_type: [utf8, it => it.fileType],
  input_bytes: [new Binary(), it => it.bytes],
  decoded_string: [utf8, it => it.decodedString],
  encoding_type: [utf8, it => it.encoding],
  file_hashes: [
    struct('md5', 'sha1', 'sha256'),
    it => (it.md5 === null ? null : { md5: it.md5, sha1: it.sha1, sha256: it.sha256 })
  ],
  md5: [utf8, it => it.md5],
  sha1: [utf8, it => it.sha1],
  sha256: [utf8, it => it.sha256],
  printable_bytes: [utf8, it => it.printableBytes],
  src_index: [int32, it => it.row],
  full_decoded_string: [utf8, it => it.fullDecodedString],
  id: [utf8, it => it.id],
  depth: [int32, it => it.depth],
  start: [int32, it => it.start],
  end: [int32, it => it.end],
  chain: [utf8, it => it.chain.join(' > ')],
  preview: [utf8, it => it.preview],
  iocs: [listOf(struct('type', 'value')), it => it.iocs],
  status: [utf8, it => it.status],
  message: [utf8, it => it.message]
};

export function decodedItemsToTable(
  items: IDecodedItem[],
  options: IDecodeTableOptions = {}
): Table {
  const cols: Record<string, Vector> = {};
  for (const name of [...MSTICPY_COLUMNS, ...EXTRA_COLUMNS]) {
    const [type, get] = COLUMNS[name];
    cols[name] = vectorFromArray(items.map(get), type);
    const { inputColumn, inputs } = options;
    // unpack_df puts the input column between src_index and full_decoded_string.
    if (name === 'src_index' && inputColumn && inputs && !(inputColumn in COLUMNS)) {
      cols[inputColumn] = vectorFromArray(
        items.map(it => inputs[it.row] ?? null),
        utf8
      );
    }
  }
  return new Table(cols);
}
