// Default mode: find candidates in a text, decode and unpack them, keep the ones that
// are plausibly real (text, a known file type, an unpacked container, or an explicitly
// marked encoding), emit one item per layer and recurse into decoded text.
import { JobContext } from '../job';
import { findCandidates, ICandidate } from './finders';
import { makeItem, noticeItem } from './item';
import { Budget, LimitError } from './limits';
import { hexBytes, utf8Bytes } from './text';
import { ILeaf, unpackBlob } from './unpack';
import { IDecodedItem, IDecodeOptions } from './types';

/** Cap on the original_string and printable_bytes kept per item (the bytes are kept whole). */
const MAX_ORIGINAL_CHARS = 64 * 1024;
const MAX_HEX_BYTES = 4096;

interface IEnv {
  row: number;
  budget: Budget;
  ctx: JobContext;
  minBase64: number;
  out: IDecodedItem[];
}

export function decodeDefault(
  text: string,
  row: number,
  options: IDecodeOptions,
  budget: Budget,
  ctx: JobContext,
  out: IDecodedItem[]
): string {
  return scanLayer(text, 1, '', { row, budget, ctx, minBase64: options.minBase64Chars ?? 16, out });
}

function leavesOf(c: ICandidate, env: IEnv): ILeaf[] | null {
  if (c.text !== undefined) {
    return [
      {
        bytes: utf8Bytes(c.text),
        chain: [c.encoding],
        fileName: 'unknown',
        fileType: null,
        text: c.text,
        encoding: 'utf-8',
        status: 'ok',
        message: null,
        unpacked: false
      }
    ];
  }
  const leaves = unpackBlob(c.bytes!, [c.encoding], env.budget);
  const real =
    c.explicit ||
    leaves.some(l => l.unpacked || l.fileType !== null || l.text !== null || l.status !== 'ok');
  if (real) {
    return leaves;
  }
  // Undecodable binary from an unmarked run: keep only long random-looking base64.
  return c.binaryOk ? leaves : null;
}

function scanLayer(text: string, depth: number, parentId: string, env: IEnv): string {
  const cands = findCandidates(text, env.minBase64);
  if (cands.length === 0) {
    return text;
  }
  const { limits } = env.budget;
  if (depth > limits.maxDepth) {
    env.out.push(
      noticeItem(
        env.row,
        parentId + '.limit',
        depth,
        [0, text.length],
        'limit',
        `limit reached: encoded data nested deeper than ${limits.maxDepth} layers (maxDepth)`
      )
    );
    return text;
  }
  const pieces: string[] = [];
  let pos = 0;
  let k = 0;
  let tried = 0;
  for (const c of cands) {
    if (c.start < pos) {
      continue;
    }
    if (++tried > limits.maxCandidatesPerLayer) {
      env.out.push(
        noticeItem(
          env.row,
          `${parentId}${parentId ? '.' : ''}limit`,
          depth,
          [c.start, text.length],
          'limit',
          `limit reached: more than ${limits.maxCandidatesPerLayer} candidates in one text (maxCandidatesPerLayer)`
        )
      );
      break;
    }
    env.ctx.check();
    const leaves = leavesOf(c, env);
    if (!leaves) {
      continue;
    }
    if (env.out.length + leaves.length > limits.maxItems) {
      throw new LimitError(`limit reached: ${limits.maxItems} items (maxItems)`);
    }
    k++;
    const id = parentId ? `${parentId}.${k}` : String(k);
    const marks = leaves.map((leaf, j) =>
      emitLeaf(leaf, c, text, depth, parentId, k, leaves.length > 1 ? `${id}.${j + 1}` : id, env)
    );
    pieces.push(
      text.slice(pos, c.start),
      marks.length > 1
        ? `<decoded value='multiple binary' type='multiple' index='${id}' depth='${depth}'>${marks.join('')}</decoded>`
        : marks[0]
    );
    pos = c.end;
  }
  pieces.push(text.slice(pos));
  return pieces.join('');
}

/** Push the leaf's item (then its children's) and return its markup for the rewritten text. */
function emitLeaf(
  leaf: ILeaf,
  c: ICandidate,
  text: string,
  depth: number,
  parentId: string,
  k: number,
  id: string,
  env: IEnv
): string {
  const chain = leaf.text !== null ? [...leaf.chain, leaf.encoding] : leaf.chain;
  const original = text.slice(c.start, Math.min(c.end, c.start + MAX_ORIGINAL_CHARS));
  const noBytes = leaf.status !== 'ok' && leaf.bytes.length === 0;
  env.out.push(
    makeItem(
      {
        row: env.row,
        id,
        reference: [parentId ? parentId + '.' : '', `${depth}.`, String(k)],
        depth,
        start: c.start,
        end: c.end,
        chain,
        originalString: original.length < c.end - c.start ? original + '…' : original,
        fileName: leaf.fileName,
        fileType: leaf.fileType,
        bytes: noBytes ? null : leaf.bytes,
        decodedString: leaf.text,
        encoding: leaf.encoding,
        status: leaf.status,
        message: leaf.message
      },
      MAX_HEX_BYTES
    )
  );
  const name = `[${chain.join(' > ')}]${leaf.fileName !== 'unknown' ? ' Filename: ' + leaf.fileName : ''}`;
  if (leaf.text !== null) {
    const inner = scanLayer(leaf.text, depth + 1, id, env);
    return `<decoded type='string' name='${name}' index='${id}' depth='${depth}'>${inner}</decoded>`;
  }
  return `<decoded value='binary' name='${name}' type='${leaf.fileType ?? 'binary'}' index='${id}' depth='${depth}'>${hexBytes(leaf.bytes, 64)}</decoded>`;
}
