// Default mode: refang each cell, run the detectors the wanted types need, validate,
// resolve overlaps by span and report refanged value, raw text and raw offsets.
import { JobContext } from '../job';
import { DETECTORS, ICandidate } from './detectors';
import { refangText } from './refang';
import { resolveOverlaps } from './resolve';
import { IIocMatch, IocType } from './types';

export function extractDefault(
  texts: readonly (string | null)[],
  types: ReadonlySet<IocType>,
  column: string | undefined,
  ctx: JobContext,
  cap: (text: string, row: number) => string
): IIocMatch[] {
  const detectors = DETECTORS.filter(d => d.types.some(t => types.has(t)));
  const out: IIocMatch[] = [];
  const cands: ICandidate[] = [];
  const emit = (c: ICandidate) => {
    cands.push(c);
  };
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
    for (const d of detectors) {
      if (!d.gate || d.gate(text)) {
        d.run(text, emit, types);
      }
    }
    if (cands.length === 0) {
      continue;
    }
    for (const c of resolveOverlaps(cands)) {
      if (!types.has(c.type)) {
        continue;
      }
      const start = toRaw(c.start, false);
      const end = toRaw(c.end, true);
      out.push({
        type: c.type,
        value: c.value ?? text.slice(c.start, c.end),
        raw: raw.slice(start, end),
        row,
        start,
        end,
        column
      });
    }
  }
  return out;
}
