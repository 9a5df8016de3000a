// Default mode: refang each cell, run the detectors the wanted types need, validate,
// resolve overlaps by span and report refanged value, raw text and raw offsets.
import { JobContext } from '../job';
import { DETECTORS, ICandidate } from './detectors';
import { refangText } from './refang';
import { resolveOverlaps } from './resolve';
import { IIocMatch, IocType } from './types';

/** Thrown by `emit` when one detector has produced its share of candidates for a cell. */
class CellFull extends Error {}

/** Bounds on the output (IExtractOptions). */
export interface IOutputLimits {
  perCell: number;
  total: number;
  chars: number;
}

/** Characters of values and raw texts one cell may add (nested URLs each repeat the rest). */
const CELL_CHARS = 8 * 1024 * 1024;

export function extractDefault(
  texts: readonly (string | null)[],
  types: ReadonlySet<IocType>,
  column: string | undefined,
  ctx: JobContext,
  cap: (text: string, row: number) => string,
  limits: IOutputLimits,
  notes: string[] | undefined
): IIocMatch[] {
  const detectors = DETECTORS.filter(d => d.types.some(t => types.has(t)));
  const out: IIocMatch[] = [];
  const cands: ICandidate[] = [];
  let fromDetector = 0;
  const emit = (c: ICandidate) => {
    // The time budget applies inside a cell too (a 1 MB cell can hold 10^5 matches).
    if ((cands.length & 1023) === 1023) {
      ctx.check();
    }
    if (++fromDetector > limits.perCell) {
      throw new CellFull();
    }
    cands.push(c);
  };
  const where = (row: number) => `Row ${row}${column ? ` of column "${column}"` : ''}`;
  let chars = 0;
  for (let row = 0; row < texts.length; row++) {
    if ((row & 1023) === 0) {
      ctx.check(row / texts.length);
    }
    const cell = texts[row];
    if (typeof cell !== 'string' || cell.length < 3) {
      continue;
    }
    const raw = cap(cell, row);
    const { text, toRaw } = refangText(raw);
    cands.length = 0;
    let full = false;
    for (const d of detectors) {
      if (!d.gate || d.gate(text)) {
        fromDetector = 0;
        try {
          d.run(text, emit, types);
        } catch (err) {
          if (!(err instanceof CellFull)) {
            throw err;
          }
          full = true;
        }
        ctx.check();
      }
    }
    if (cands.length === 0) {
      continue;
    }
    let kept = 0;
    let cellChars = 0;
    for (const c of resolveOverlaps(cands)) {
      if (!types.has(c.type)) {
        continue;
      }
      const start = toRaw(c.start, false);
      const end = toRaw(c.end, true);
      const value = c.value ?? text.slice(c.start, c.end);
      cellChars += value.length + end - start;
      if (kept === limits.perCell || cellChars > Math.min(CELL_CHARS, limits.chars)) {
        full = true;
        break;
      }
      chars += value.length + end - start;
      if (out.length === limits.total || chars > limits.chars) {
        notes?.push(
          `The result was cut at ${out.length} IoCs (limits: ${limits.total} IoCs, ` +
            `${limits.chars} characters of values); ${where(row)} and later rows were not all scanned.`
        );
        return out;
      }
      kept++;
      out.push({ type: c.type, value, raw: raw.slice(start, end), row, start, end, column });
    }
    if (full) {
      notes?.push(
        `${where(row)} has more IoCs than its bounds (${limits.perCell} IoCs, ${Math.min(CELL_CHARS, limits.chars)} ` +
          `characters of values); only the first ${kept} are reported.`
      );
    }
  }
  return out;
}
