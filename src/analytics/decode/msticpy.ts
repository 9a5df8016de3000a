// Parity mode: a line-by-line port of msticpy 3.0.2 transform/base64unpack.py
// (_decode_b64_string_recursive and helpers) as unpack_df runs it, quirks included:
// the whole-string replace, match_pos advancing from the previous position, recursion
// decided by the last fragment only, the "x..y." prefixes and the undecodable-string
// cache shared by all rows of one call. See docs/decode.md for the list.
import { readTar, readZip, IMember } from './archive';
import { decodeBase64Python } from './base64';
import { decompress } from './inflate';
import { makeItem, noticeItem } from './item';
import { Budget, LimitError } from './limits';
import { decodeUtf16Python, decodeUtf8, hexBytes } from './text';
import { IDecodedItem } from './types';
import { JobContext } from '../job';

const HEADER_TYPES: [string, string][] = [
  [
    'TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+AAAAA4fug',
    'exe'
  ],
  [
    'TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA8AAAAA4fug',
    'dll'
  ],
  [
    'TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA6AAAAA4fug',
    'sys'
  ],
  ['UEsDBBQAAAAIA', 'zip'],
  ['UEsDBBQAAQAIA', 'zip (pwd protected)'],
  ['H4sI', 'gz'],
  ['N3q8ryccAAR', '7z'],
  ['UmFyIRoHAM', 'rar'],
  ['JVBERi0xLjcNC', 'pdf'],
  ['0M8R4KGxGuE', 'msi'],
  ['TVNXSU0AAADQ', 'wim']
];
// msticpy compiles this with re.I, so the tar marker matches in any case.
const TAR_MARKER = /DAxMDA3NzcAMDAwMDAwM/i;
/** msticpy's _BASE64_REGEX (re.X has no effect on it). */
export const MSTICPY_B64 = /[A-Za-z0-9+/\n\r]{30,}={0,2}/g;

/** _is_known_b64_prefix: the type from the first 160 characters of the base64 text. */
export function msticpyPrefixType(b64: string): string | null {
  const head = b64.slice(0, 160).replace(/[\n\r]/g, '');
  for (const [prefix, type] of HEADER_TYPES) {
    if (head.startsWith(prefix)) {
      return type;
    }
  }
  return TAR_MARKER.test(head) ? 'tar' : null;
}

interface IRecord {
  name: string;
  fileName: string;
  fileType: string | null;
  bytes: Uint8Array;
  text: string | null;
  encoding: string;
  error?: string;
}

export interface IParityState {
  undecodable: Set<string>;
  utf16: boolean;
  budget: Budget;
  ctx: JobContext;
}

function byteEncoding(
  bytes: Uint8Array,
  utf16: boolean
): { text: string | null; encoding: string } {
  if (utf16) {
    const t = decodeUtf16Python(bytes);
    if (t !== null) {
      return { text: t, encoding: 'utf-16' };
    }
  }
  const t = decodeUtf8(bytes);
  return t !== null ? { text: t, encoding: 'utf-8' } : { text: null, encoding: 'binary' };
}

function archiveMembers(bytes: Uint8Array, type: string, budget: Budget): IMember[] {
  if (type === 'gz') {
    return [{ name: 'gzip_file', data: decompress('gzip', bytes, budget) }];
  }
  return type === 'zip' ? readZip(bytes, budget) : readTar(bytes, budget);
}

/** _unpack_and_hash_b64_binary: archive members by "[type] Filename: name", else the blob. */
function unpackAndHash(
  bytes: Uint8Array,
  fileType: string | null,
  st: IParityState
): Map<string, IRecord> | null {
  if (bytes.length === 0) {
    return null;
  }
  const out = new Map<string, IRecord>();
  let error: string | undefined;
  if (fileType === 'zip' || fileType === 'gz' || fileType === 'tar') {
    try {
      for (const m of archiveMembers(bytes, fileType, st.budget)) {
        if (m.data === null) {
          // Python raises here (encrypted or corrupt member); we report it and go on.
          throw new Error(m.error ?? 'unreadable member');
        }
        const enc = byteEncoding(m.data, st.utf16);
        out.set(`[${fileType}] Filename: ${m.name}`, {
          name: '',
          fileName: m.name,
          fileType,
          bytes: m.data,
          ...enc
        });
      }
    } catch (err) {
      if (err instanceof LimitError) {
        throw err;
      }
      out.clear();
      error = `msticpy raises an exception for this ${fileType}: ${(err as Error).message}`;
    }
  }
  if (out.size === 0) {
    const enc = byteEncoding(bytes, st.utf16);
    out.set(`[${fileType ?? 'None'}]`, {
      name: '',
      fileName: 'unknown',
      fileType,
      bytes,
      ...enc,
      error
    });
  }
  for (const [name, rec] of out) {
    rec.name = name;
  }
  return out;
}

function formatSingle(rec: IRecord, prefix: string, depth: number, index: string): string {
  if (rec.encoding === 'utf-8' || rec.encoding === 'utf-16') {
    return `<decoded type='string' name='${rec.name}' index='${prefix}${index}' depth='${depth}'>${rec.text}</decoded>`;
  }
  return (
    `<decoded value='binary'  name='${rec.name}' type='${rec.fileType ?? 'None'}' ` +
    `index='${prefix}${index}' depth='${depth}'>${hexBytes(rec.bytes)}</decoded>`
  );
}

/** _decode_and_format_b64_string: the display markup and the records, or null if it did not decode. */
function decodeAndFormat(
  cand: string,
  prefix: string,
  index: number,
  depth: number,
  st: IParityState
) {
  const fileType = msticpyPrefixType(cand);
  const bytes = decodeBase64Python(cand);
  const files = bytes === null ? null : unpackAndHash(bytes, fileType, st);
  if (!files || files.size === 0) {
    return null;
  }
  const recs = [...files.values()];
  if (recs.length === 1) {
    return { display: formatSingle(recs[0], prefix, depth, String(index)), recs };
  }
  const header = `<decoded value='multiple binary' type='multiple' index='${prefix}${index}' depth='${depth}'>`;
  const children = recs.map((r, k) =>
    formatSingle(r, prefix, depth + 1, `${prefix}${index}.${k + 1}`)
  );
  return { display: header + children.join('') + '</decoded>', recs };
}

/** _decode_b64_string_recursive for one row: returns the rewritten string; pushes items. */
export function msticpyDecodeString(
  input: string,
  row: number,
  st: IParityState,
  out: IDecodedItem[],
  maxRecursion = 20,
  depth = 1,
  prefix = ''
): string {
  let decoded = input;
  let fragment = 0;
  let matchPos = 0;
  let success = false;
  const re = new RegExp(MSTICPY_B64.source, 'g');
  for (;;) {
    st.ctx.check();
    re.lastIndex = matchPos;
    const m = re.exec(decoded);
    if (m === null) {
      break;
    }
    const cand = m[0];
    if (st.undecodable.has(cand)) {
      matchPos = m.index + cand.length;
      continue;
    }
    fragment++;
    let res: ReturnType<typeof decodeAndFormat> = null;
    try {
      res = decodeAndFormat(cand, prefix, fragment, depth, st);
    } catch (err) {
      if (!(err instanceof LimitError)) {
        throw err;
      }
      // msticpy has no caps; we report the cap and treat the fragment as undecodable.
      out.push(
        noticeItem(
          row,
          `${prefix}${fragment}`,
          depth,
          [m.index, m.index + cand.length],
          'limit',
          err.message,
          cand
        )
      );
    }
    success = res !== null && res.display !== cand;
    if (res && success) {
      res.recs.forEach((r, k) =>
        out.push(
          toItem(r, row, cand, m.index, depth, prefix, fragment, res.recs.length > 1 ? k + 1 : 0)
        )
      );
      // Python's str.replace: every occurrence, not just this match.
      decoded = decoded.split(cand).join(res.display);
      matchPos += res.display.length;
    } else {
      st.undecodable.add(cand);
      matchPos = m.index + cand.length;
    }
    if (fragment > 50) {
      break;
    }
  }
  if (maxRecursion === 0 || !success) {
    return decoded;
  }
  const next = prefix ? `${prefix}.${fragment}.` : `${fragment}.`;
  return msticpyDecodeString(decoded, row, st, out, maxRecursion - 1, depth + 1, next);
}

function toItem(
  r: IRecord,
  row: number,
  cand: string,
  start: number,
  depth: number,
  prefix: string,
  fragment: number,
  member: number
): IDecodedItem {
  const archived = r.fileName !== 'unknown' || r.name.includes('Filename:');
  return makeItem({
    row,
    id: `${prefix}${fragment}${member ? '.' + member : ''}`,
    reference: [prefix, `${depth}.`, String(fragment)],
    depth,
    start,
    end: start + cand.length,
    chain: ['base64', ...(archived && r.fileType ? [r.fileType] : []), r.encoding],
    originalString: cand,
    fileName: r.fileName,
    fileType: r.fileType,
    bytes: r.bytes,
    decodedString: r.text,
    encoding: r.encoding,
    status: r.error ? 'error' : 'ok',
    message: r.error ?? null
  });
}
