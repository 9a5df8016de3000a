// Worker job: IoC extraction over columns of a stored table. Large tables are split by row
// ranges across the pool workers (`pool/jobs.ts`); each runs `iocResult` on its rows.
import { Table } from 'apache-arrow';
import { columnStrings } from '../../analytics/arrow';
import { JobContext } from '../../analytics/job';
import { extractIocs, IIocMatch, iocMatchesToTable } from '../../analytics/ioc';
import { TableStore } from '../store';
import type { IExtractIocsArgs } from '../../protocol';
import { pooledIocs } from '../pool/jobs';

/** Reports progress of column k of n as a share of the whole job. */
class ColumnContext extends JobContext {
  constructor(
    private readonly _job: JobContext,
    private readonly _k: number,
    private readonly _n: number
  ) {
    super();
  }

  check(fraction?: number, message?: string): void {
    this._job.check(fraction === undefined ? undefined : (this._k + fraction) / this._n, message);
  }
}

export type IocOptions = Omit<IExtractIocsArgs, 'tableId'>;

/** Texts of each column by row (a pool worker's rows before its slice are null). */
export type ColumnTexts = Record<string, (string | null)[]>;

/**
 * IoCs found in `columns` of table `tableId`, as an Arrow table (IoCType, Observable,
 * SourceIndex, Input, then Defanged, Raw, Column, Row, Start, End). Notes about skipped input (cells
 * over the length cap) are in the schema metadata under "notes" (a JSON array of strings).
 */
export function extractIocsJob(
  tables: TableStore,
  ctx: JobContext,
  args: IExtractIocsArgs
): Table | Promise<Table> {
  const table = tables.get(args.tableId);
  if (!args.columns || args.columns.length === 0) {
    throw new Error('No columns were given to extract IoCs from');
  }
  return (
    pooledIocs(table, args, ctx, () => oneWorker(table, args, ctx)) ?? oneWorker(table, args, ctx)
  );
}

function oneWorker(table: Table, args: IExtractIocsArgs, ctx: JobContext): Table {
  const inputs: ColumnTexts = {};
  for (const column of args.columns) {
    inputs[column] = columnStrings(table, column);
  }
  const { table: result, notes } = iocResult(inputs, args, ctx);
  return withNotes(result, notes.flat());
}

/** IoCs and characters (values and raw texts) one column gave: what the output limits count. */
export interface IOutputTotals {
  matches: number;
  chars: number;
}

/** The result table of `inputs`, and the notes and output totals of each column (`columns` order). */
export function iocResult(
  inputs: ColumnTexts,
  args: IocOptions,
  ctx: JobContext
): { table: Table; notes: string[][]; totals: IOutputTotals[] } {
  const matches: IIocMatch[] = [];
  const totals: IOutputTotals[] = [];
  const notes = args.columns.map((column, k) => {
    const columnNotes: string[] = [];
    const found = extractIocs(
      inputs[column],
      {
        types: args.types,
        parity: args.parity,
        column,
        notes: columnNotes,
        maxCellLength: args.maxCellLength
      },
      new ColumnContext(ctx, k, args.columns.length)
    );
    let chars = 0;
    for (const m of found) {
      matches.push(m);
      chars += m.value.length + m.end - m.start;
    }
    totals.push({ matches: found.length, chars });
    return columnNotes;
  });
  // msticpy orders rows by source row, then column; so do we (stable within a cell).
  matches.sort(
    (a, b) => a.row - b.row || args.columns.indexOf(a.column!) - args.columns.indexOf(b.column!)
  );
  return { table: iocMatchesToTable(matches, inputs), notes, totals };
}

/** The notes in the schema metadata (none: no key). */
export function withNotes(table: Table, notes: string[]): Table {
  if (notes.length) {
    table.schema.metadata.set('notes', JSON.stringify(notes));
  }
  return table;
}
