// Building IDecodedItem records: hashes, hex and previews in one place for both modes.
import { hashes } from './hash';
import { hexBytes, previewBytes, previewText } from './text';
import { DecodeStatus, IDecodedItem } from './types';

/** What a caller supplies; hashes, hex, preview and IoCs are derived or filled later. */
export type IItemFields = Omit<
  IDecodedItem,
  | 'md5'
  | 'sha1'
  | 'sha256'
  | 'printableBytes'
  | 'preview'
  | 'iocs'
  | 'fullDecodedString'
  | 'status'
  | 'message'
> & { status?: DecodeStatus; message?: string | null };

/** An item with hashes, printable bytes (capped at maxHexBytes) and a preview filled in. */
export function makeItem(f: IItemFields, maxHexBytes = Infinity): IDecodedItem {
  const h = f.bytes ? hashes(f.bytes) : null;
  const preview =
    f.decodedString !== null ? previewText(f.decodedString) : f.bytes ? previewBytes(f.bytes) : '';
  // Every field written out in one order: one hidden class for all items (a spread of `f`
  // made objects of many shapes, and building them was the largest single cost of decoding).
  return {
    row: f.row,
    id: f.id,
    reference: f.reference,
    depth: f.depth,
    start: f.start,
    end: f.end,
    chain: f.chain,
    originalString: f.originalString,
    fileName: f.fileName,
    fileType: f.fileType,
    bytes: f.bytes,
    decodedString: f.decodedString,
    encoding: f.encoding,
    md5: h?.md5 ?? null,
    sha1: h?.sha1 ?? null,
    sha256: h?.sha256 ?? null,
    printableBytes: f.bytes ? hexBytes(f.bytes, maxHexBytes) : null,
    preview,
    iocs: [],
    fullDecodedString: null,
    status: f.status ?? 'ok',
    message: f.message ?? null
  };
}

/** A row that says why decoding stopped (a limit or an error); it carries no bytes. */
export function noticeItem(
  row: number,
  id: string,
  depth: number,
  span: [number, number],
  status: DecodeStatus,
  message: string,
  originalString = ''
): IDecodedItem {
  return makeItem({
    row,
    id,
    reference: ['', `${depth}.`, id],
    depth,
    start: span[0],
    end: span[1],
    chain: [],
    originalString,
    fileName: 'unknown',
    fileType: null,
    bytes: null,
    decodedString: null,
    encoding: 'none',
    status,
    message
  });
}
