// Arrow output: msticpy's columns first (IoCType, Observable, SourceIndex, Input), then ours.
import { makeData, makeVector, Table, Utf8, Vector } from 'apache-arrow';
import { defang } from './defang';
import { IIocMatch } from './types';

export const RESULT_COLUMNS = ['IoCType', 'Observable', 'SourceIndex', 'Input'] as const;
export const EXTRA_COLUMNS = ['Defanged', 'Raw', 'Column', 'Row', 'Start', 'End'] as const;

/** Scanned texts by row, or by column name then row (several columns scanned). */
export type IocInputs =
  readonly (string | null)[] | Readonly<Record<string, readonly (string | null)[]>>;

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
    return texts?.[m.row] ?? null;
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

const encoder = new TextEncoder();

/**
 * A Utf8 column in one pass. vectorFromArray's builder (a Map entry and a TextEncoder call
 * per value) took longer than the extraction itself on 400,000 matches. A value equal to the
 * one before it (Input, IoCType and Column repeat across the matches of a cell) is copied
 * instead of encoded again; ASCII is written directly.
 */
function utf8(values: readonly (string | null)[]): Vector<Utf8> {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  const bits = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  let data = new Uint8Array(1 << 16);
  let pos = 0;
  let prev: string | null = null;
  let prevStart = 0;
  let prevEnd = 0;
  const reserve = (size: number) => {
    if (size > data.length) {
      const grown = new Uint8Array(Math.max(size, data.length * 2));
      grown.set(data.subarray(0, pos));
      data = grown;
    }
  };
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      nulls++;
    } else if (v === prev) {
      bits[i >> 3] |= 1 << (i & 7);
      const len = prevEnd - prevStart;
      reserve(pos + len);
      data.copyWithin(pos, prevStart, prevEnd);
      prevStart = pos;
      pos += len;
      prevEnd = pos;
    } else {
      bits[i >> 3] |= 1 << (i & 7);
      reserve(pos + v.length * 3);
      const start = pos;
      let j = 0;
      for (; j < v.length; j++) {
        const c = v.charCodeAt(j);
        if (c >= 0x80) {
          // j is the first non-ASCII code unit, so never inside a surrogate pair.
          pos += encoder.encodeInto(v.slice(j), data.subarray(pos)).written;
          break;
        }
        data[pos++] = c;
      }
      prev = v;
      prevStart = start;
      prevEnd = pos;
    }
    offsets[i + 1] = pos;
  }
  return makeVector(
    makeData({
      type: new Utf8(),
      length: n,
      nullCount: nulls,
      nullBitmap: nulls ? bits : undefined,
      valueOffsets: offsets,
      data: data.slice(0, pos)
    })
  );
}
