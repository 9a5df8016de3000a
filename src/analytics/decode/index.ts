// Finding and decoding encoded data in texts: base64 (all alphabets), hex forms,
// percent-encoding, char-code lists and PowerShell -EncodedCommand, then gzip, zlib,
// raw deflate, zip and tar recursively, with magic-byte typing, hashes and IoCs.
// `parity: 'msticpy'` reproduces msticpy's base64unpack.unpack_df instead.
import { JobBudgetError, JobCancelledError, JobContext, NO_JOB } from '../job';
import { decodeDefault } from './engine';
import { Budget, LimitError } from './limits';
import { noticeItem } from './item';
import { MSTICPY_B64, msticpyDecodeString } from './msticpy';
import { IDecodedItem, IDecodeOptions, IocExtractor } from './types';

export { decodedItemsToTable, MSTICPY_COLUMNS, EXTRA_COLUMNS } from './table';
export type { IDecodeTableOptions } from './table';
export * from './types';

/** Decode every text; items come out in input order, each row's layers depth-first. */
export function decodeTexts(
  texts: (string | null)[],
  options: IDecodeOptions = {},
  ctx: JobContext = NO_JOB
): IDecodedItem[] {
  const budget = new Budget(options.limits);
  const items: IDecodedItem[] = [];
  const parityState = { undecodable: new Set<string>(), utf16: !!options.utf16, budget, ctx };
  const test = new RegExp(MSTICPY_B64.source);
  for (let row = 0; row < texts.length; row++) {
    let text = texts[row];
    if (typeof text !== 'string' || text.length === 0) {
      continue;
    }
    if (ctx.overBudget) {
      items.push(budgetNotice(row, text.length));
      break;
    }
    ctx.check(row / texts.length, 'decoding');
    if (text.length > budget.limits.maxCellChars) {
      items.push(
        noticeItem(
          row,
          'limit',
          0,
          [budget.limits.maxCellChars, text.length],
          'limit',
          `limit reached: only the first ${budget.limits.maxCellChars} of ${text.length} characters were scanned (maxCellChars)`
        )
      );
      text = text.slice(0, budget.limits.maxCellChars);
    }
    if (!budget.itemsLeft) {
      items.push(
        noticeItem(
          row,
          'limit',
          0,
          [0, text.length],
          'limit',
          `limit reached: ${budget.limits.maxItems} items (maxItems); later rows were not decoded`
        )
      );
      break;
    }
    const first = items.length;
    let full: string;
    try {
      if (options.parity === 'msticpy') {
        // unpack_df only looks at rows its regex matches.
        if (!test.test(text)) {
          continue;
        }
        full = msticpyDecodeString(text, row, parityState, items);
      } else {
        full = decodeDefault(text, row, options, budget, ctx, items);
      }
    } catch (err) {
      if (err instanceof JobBudgetError) {
        // Out of time: keep what was decoded and say where it stopped.
        items.push(budgetNotice(row, text.length));
        break;
      }
      if (err instanceof JobCancelledError) {
        throw err;
      }
      // One bad row never fails the call: its failure is a row of its own.
      items.push(rowFailure(row, text.length, err));
      continue;
    }
    budget.items = items.length;
    for (let i = first; i < items.length; i++) {
      items[i].fullDecodedString = full;
    }
  }
  if (options.iocExtractor) {
    attachIocs(items, options.iocExtractor);
  }
  if (!ctx.overBudget) {
    ctx.check(1, 'decoded');
  }
  return items;
}

/** A limit row for a cap, an error row naming what went wrong otherwise. */
function rowFailure(row: number, length: number, err: unknown): IDecodedItem {
  if (err instanceof LimitError) {
    return noticeItem(row, 'limit', 0, [0, length], 'limit', err.message);
  }
  const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return noticeItem(row, 'error', 0, [0, length], 'error', `decoding row ${row} failed: ${what}`);
}

function budgetNotice(row: number, length: number): IDecodedItem {
  return noticeItem(
    row,
    'limit',
    0,
    [0, length],
    'limit',
    `limit reached: the job's time budget ran out at row ${row}; later rows were not decoded`
  );
}

/** One extractor call over all decoded texts; matches go back to their items by row. */
function attachIocs(items: IDecodedItem[], extract: IocExtractor): void {
  const matches = extract(items.map(it => it.decodedString));
  for (const m of matches) {
    const item = items[m.row];
    if (item && !item.iocs.some(x => x.type === m.type && x.value === m.value)) {
      item.iocs.push({ type: m.type, value: m.value });
    }
  }
}
