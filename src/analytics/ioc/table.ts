// Arrow output: msticpy's columns first (IoCType, Observable, SourceIndex, Input), then ours.
import { makeVector, Table } from 'apache-arrow';
import { utf8Data } from '../varcolumn';
import { defang } from './defang';
import { IIocMatch } from './types';

export const RESULT_COLUMNS = ['IoCType', 'Observable', 'SourceIndex', 'Input'] as const;
export const EXTRA_COLUMNS = ['Defanged', 'Raw', 'Column', 'Row', 'Start', 'End'] as const;

/** Scanned texts by row, or by column name then row (several columns scanned). */
export type IocInputs =
  readonly (string | null)[] | Readonly<Record<string, readonly (string | null)[]>>;

/** Input texts longer than this are cut (`…` marks the cut): the text repeats on every match. */
export const MAX_INPUT_CHARS = 4096;

/**
 * One row per match. `inputs` fills msticpy's `Input` column (the whole cell text);
 * SourceIndex is the row number (msticpy's index label for a default RangeIndex).
 */
export function iocMatchesToTable(matches: readonly IIocMatch[], inputs?: IocInputs): Table {
  const inputOf = (m: IIocMatch): string | null => {
    if (!inputs) {
      return null;
    }
    const texts = Array.isArray(inputs)
      ? inputs
      : (inputs as Record<string, (string | null)[]>)[m.column ?? ''];
    const text = texts?.[m.row] ?? null;
    return text && text.length > MAX_INPUT_CHARS ? text.slice(0, MAX_INPUT_CHARS) + '…' : text;
  };
  const n = matches.length;
  const row = new Int32Array(n);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const src = new Int32Array(n);
  const type: string[] = new Array(n);
  const value: string[] = new Array(n);
  const raw: string[] = new Array(n);
  const column: (string | null)[] = new Array(n);
  const input: (string | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const m = matches[i];
    type[i] = m.type;
    value[i] = m.value;
    raw[i] = m.raw;
    column[i] = m.column ?? null;
    row[i] = m.row;
    start[i] = m.start;
    end[i] = m.end;
    src[i] = m.row;
    input[i] = inputOf(m);
  }
  const utf8 = (values: (string | null)[]) => makeVector(utf8Data(values));
  return new Table({
    IoCType: utf8(type),
    Observable: utf8(value),
    SourceIndex: makeVector(src),
    Input: utf8(input),
    // Safe to paste into chat or a ticket: no viewer turns it into a live link.
    Defanged: utf8(value.map((v, i) => defang(v, type[i]))),
    Raw: utf8(raw),
    Column: utf8(column),
    Row: makeVector(row),
    Start: makeVector(start),
    End: makeVector(end)
  });
}
