// Per-column filters of the table view (text contains or regex, numeric and time ranges,
// value lists), applied in the worker after the global text filter. A user's regex is bounded
// (length, no nested quantifiers or back-references, the first MAX_REGEX_CELL_CHARS of each
// cell) and runs cell by cell under the job's time budget, so it cannot hang the worker.
import { DataType, Table, Vector } from 'apache-arrow';
import { cellText, isTemporal, toMillis } from './arrow';
import { JobContext, NO_JOB } from './job';

export type ColumnFilter =
  | { column: string; kind: 'contains'; text: string }
  | { column: string; kind: 'regex'; pattern: string }
  | { column: string; kind: 'range'; min?: number | null; max?: number | null }
  | { column: string; kind: 'values'; values: string[] };

export const MAX_REGEX_LENGTH = 200;
/** Characters of a cell a regex is tested against. */
export const MAX_REGEX_CELL_CHARS = 4096;
/** Cells between two budget checks. */
const CHECK_EVERY = 1024;

/**
 * Why a user's pattern is refused, or null when it may run: too long, not a valid regex,
 * or of a shape whose matching time can explode (a quantified group holding a quantifier,
 * such as (a+)+, or a back-reference).
 */
export function regexProblem(pattern: string): string | null {
  if (pattern.length > MAX_REGEX_LENGTH) {
    return `the pattern is ${pattern.length} characters long; at most ${MAX_REGEX_LENGTH} are allowed`;
  }
  try {
    new RegExp(pattern, 'iu');
  } catch (err) {
    return `the pattern is not a valid regular expression (${(err as Error).message})`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) {
    return 'back-references are not allowed (their matching time can explode)';
  }
  if (
    /\((?:[^()\\]|\\.)*(?:[+*]|\{\d*,\d*\})(?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d*,\d*\})/.test(pattern)
  ) {
    return 'a repeated group that itself repeats, such as (a+)+, is not allowed (its matching time can explode)';
  }
  return null;
}

/** Keep the rows (indices into the table, in order) that pass every column filter. */
export function applyColumnFilters(
  table: Table,
  rows: Int32Array,
  filters: readonly ColumnFilter[],
  ctx: JobContext = NO_JOB
): Int32Array {
  let out = rows;
  for (const filter of filters) {
    const col = table.getChild(filter.column);
    if (!col) {
      throw new Error(`Column filter: column "${filter.column}" is not in the table`);
    }
    const test = cellTest(filter, col);
    const keep = new Int32Array(out.length);
    let n = 0;
    for (let i = 0; i < out.length; i++) {
      if (i % CHECK_EVERY === 0) {
        ctx.check(i / out.length, `filtering ${filter.column}`);
      }
      const v = col.get(out[i]);
      if (v !== null && v !== undefined && test(v)) {
        keep[n++] = out[i];
      }
    }
    out = keep.slice(0, n);
  }
  return out;
}

function cellTest(filter: ColumnFilter, col: Vector): (value: unknown) => boolean {
  const type = col.type as DataType;
  const text = (v: unknown) => cellText(v, DataType.isDictionary(type) ? type.dictionary : type);
  switch (filter.kind) {
    case 'contains': {
      const needle = filter.text.toLowerCase();
      return v => text(v).toLowerCase().includes(needle);
    }
    case 'regex': {
      const problem = regexProblem(filter.pattern);
      if (problem) {
        throw new Error(`Column filter on "${filter.column}": ${problem}`);
      }
      const re = new RegExp(filter.pattern, 'iu');
      return v => re.test(text(v).slice(0, MAX_REGEX_CELL_CHARS));
    }
    case 'range': {
      const temporal = isTemporal(type);
      if (!temporal && !DataType.isInt(type) && !DataType.isFloat(type)) {
        throw new Error(
          `Column filter on "${filter.column}": a range needs a numeric or time column`
        );
      }
      const min = filter.min ?? -Infinity;
      const max = filter.max ?? Infinity;
      return v => {
        const x = temporal ? toMillis(v) : Number(v);
        return x !== null && x >= min && x <= max;
      };
    }
    case 'values': {
      const wanted = new Set(filter.values);
      return v => wanted.has(text(v));
    }
  }
}
