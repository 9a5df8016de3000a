// Worker job: IoC extraction over columns of a stored table.
import { Table } from 'apache-arrow';
import { columnStrings } from '../../analytics/arrow';
import { JobContext } from '../../analytics/job';
import { extractIocs, IIocMatch, iocMatchesToTable } from '../../analytics/ioc';
import { TableStore } from '../store';
import type { IExtractIocsArgs } from '../../protocol';

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

/**
 * IoCs found in `columns` of table `tableId`, as an Arrow table (IoCType, Observable,
 * SourceIndex, Input, then Defanged, Raw, Column, Row, Start, End). Notes about skipped input (cells
 * over the length cap) are in the schema metadata under "notes" (a JSON array of strings).
 */
export function extractIocsJob(tables: TableStore, ctx: JobContext, args: IExtractIocsArgs): Table {
  const table = tables.get(args.tableId);
  if (!args.columns || args.columns.length === 0) {
    throw new Error('No columns were given to extract IoCs from');
  }
  const inputs: Record<string, (string | null)[]> = {};
  const matches: IIocMatch[] = [];
  const notes: string[] = [];
  args.columns.forEach((column, k) => {
    const texts = columnStrings(table, column);
    inputs[column] = texts;
    const found = extractIocs(
      texts,
      { types: args.types, parity: args.parity, column, notes, maxCellLength: args.maxCellLength },
      new ColumnContext(ctx, k, args.columns.length)
    );
    for (const m of found) {
      matches.push(m);
    }
  });
  // msticpy orders rows by source row, then column; so do we (stable within a cell).
  matches.sort(
    (a, b) => a.row - b.row || args.columns.indexOf(a.column!) - args.columns.indexOf(b.column!)
  );
  const result = iocMatchesToTable(matches, inputs);
  if (notes.length) {
    result.schema.metadata.set('notes', JSON.stringify(notes));
  }
  return result;
}
