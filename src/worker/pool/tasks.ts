// What a pool worker runs on its slice, by task kind: the same functions one worker runs on
// the whole table. Text tasks put the slice's rows after `start` nulls, so rows, SourceIndex,
// src_index and the row numbers in notes and messages are the stored table's, as one
// worker gives them, with no offsets to fix afterwards.
import { Table } from 'apache-arrow';
import { columnStrings, encodeIPC } from '../../analytics/arrow';
import { JobContext } from '../../analytics/job';
import { profileTable } from '../../analytics/profile';
import { queryRows } from '../../analytics/rows';
import { decodeColumn } from '../jobs/decode';
import { ColumnTexts, iocResult } from '../jobs/ioc';
import type { ISubTaskMap, SubTaskKind } from './messages';

type Task<K extends SubTaskKind> = (
  slice: Table,
  args: ISubTaskMap[K]['args'],
  ctx: JobContext
) => ISubTaskMap[K]['result'];

/** The column's texts at their stored-table rows (earlier rows null). */
function textsAt(slice: Table, column: string, start: number): (string | null)[] {
  const texts = columnStrings(slice, column);
  const out = new Array<string | null>(start + texts.length).fill(null, 0, start);
  for (let i = 0; i < texts.length; i++) {
    out[start + i] = texts[i];
  }
  return out;
}

export const SUB_TASKS: { readonly [K in SubTaskKind]: Task<K> } = {
  ioc: (slice, args, ctx) => {
    const inputs: ColumnTexts = {};
    for (const column of args.columns) {
      inputs[column] = textsAt(slice, column, args.start);
    }
    const { table, notes, totals } = iocResult(inputs, args, ctx);
    return { table: encodeIPC(table), notes, totals };
  },
  decode: (slice, args, ctx) => ({
    tables: args.columns.map(column =>
      encodeIPC(decodeColumn(textsAt(slice, column, args.start), column, args, ctx))
    )
  }),
  filter: (slice, args, ctx) => {
    const rows = queryRows(slice, args, ctx);
    for (let i = 0; i < rows.length; i++) {
      rows[i] += args.start;
    }
    return rows;
  },
  profile: (slice, _args, ctx) => profileTable(slice, ctx)
};
