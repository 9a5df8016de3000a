// Worker job for decoding: reads text columns of a stored table, finds and decodes
// encoded data (analytics/decode) and returns one Arrow table of decoded layers. Large
// tables are split by row ranges across the pool workers (`pool/jobs.ts`).
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import { columnStrings } from '../../analytics/arrow';
import { decodedItemsToTable, decodeTexts, IocExtractor } from '../../analytics/decode';
import { extractIocs } from '../../analytics/ioc';
import { JobBudgetError, JobContext } from '../../analytics/job';
import { TableStore } from '../store';
import type { IDecodeJobArgs } from '../../protocol';
import { pooledDecode } from '../pool/jobs';

export type DecodeOptions = Omit<IDecodeJobArgs, 'tableId'>;

/**
 * Decode the given columns. With one column the table has msticpy's unpack_df columns
 * (the input text under the column's own name); with several, the input text is in
 * `input`. A last column `column` names the source column of each row.
 */
export function decodeJob(
  tables: TableStore,
  ctx: JobContext,
  args: IDecodeJobArgs
): Table | Promise<Table> {
  const table = tables.get(args.tableId);
  if (!args.columns || args.columns.length === 0) {
    throw new Error('Decoding needs at least one text column');
  }
  return (
    pooledDecode(table, args, ctx, () => decodeAll(table, args, ctx)) ?? decodeAll(table, args, ctx)
  );
}

function decodeAll(table: Table, args: IDecodeJobArgs, ctx: JobContext): Table {
  const parts = args.columns.map(column =>
    decodeColumn(columnStrings(table, column), column, args, ctx)
  );
  return parts.length === 1 ? parts[0] : parts[0].concat(...parts.slice(1));
}

/** The decoded layers of one column's texts (a pool worker's rows before its slice are null). */
export function decodeColumn(
  texts: (string | null)[],
  column: string,
  args: DecodeOptions,
  ctx: JobContext
): Table {
  const withIocs = args.iocs ?? args.parity !== 'msticpy';
  const iocExtractor: IocExtractor | undefined = withIocs
    ? found => iocsWithinBudget(found, ctx)
    : undefined;
  const items = decodeTexts(
    texts,
    { parity: args.parity, utf16: args.utf16, limits: args.limits, iocExtractor },
    ctx
  );
  const out = decodedItemsToTable(items, {
    inputColumn: args.columns.length === 1 ? column : 'input',
    inputs: texts
  });
  return out.assign(
    new Table({
      column: vectorFromArray(new Array<string>(out.numRows).fill(column), new Utf8())
    })
  );
}

/** IoCs are extras: when the time budget is spent, the decoded rows are kept without them. */
function iocsWithinBudget(texts: (string | null)[], ctx: JobContext) {
  if (ctx.overBudget) {
    return [];
  }
  try {
    return extractIocs(texts, {}, ctx);
  } catch (err) {
    if (err instanceof JobBudgetError) {
      return [];
    }
    throw err;
  }
}
