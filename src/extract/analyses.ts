// The two text analyses offered on tables and cell outputs, as worker calls.
import { TranslationBundle } from '@jupyterlab/translation';
import { Table } from 'apache-arrow';
import type { HuntWorker, IHuntWorker } from '../tokens';
import type { JobArgs } from '../protocol';

/** User settings of the text analyses (schema/extract.json). */
export interface IAnalysisOptions {
  /** IoC types; empty = the extractor's default set. */
  iocTypes: string[];
  msticpyParity: boolean;
}

export const DEFAULT_ANALYSIS_OPTIONS: IAnalysisOptions = { iocTypes: [], msticpyParity: false };

export interface ITextAnalysis {
  id: 'extract-iocs' | 'decode';
  label(trans: TranslationBundle): string;
  caption(trans: TranslationBundle): string;
  resultTitle(trans: TranslationBundle): string;
  /** Column of the result whose values are counted in the summary. */
  summaryColumn: string;
  /** The worker job and its arguments ("Insert code" writes the same arguments). */
  job: 'extractIocs' | 'decode';
  args(tableId: number, columns: string[], options: IAnalysisOptions): TextJobArgs;
  run(
    worker: IHuntWorker,
    tableId: number,
    columns: string[],
    options: IAnalysisOptions
  ): HuntWorker.IJob<HuntWorker.ITableHandle>;
}

type TextJobArgs = JobArgs<'extractIocs'> | JobArgs<'decode'>;

const parity = (options: IAnalysisOptions) => (options.msticpyParity ? 'msticpy' : undefined);

export const TEXT_ANALYSES: ITextAnalysis[] = [
  {
    id: 'extract-iocs',
    label: trans => trans.__('Extract IoCs'),
    caption: trans =>
      trans.__('Find indicators (IPs, domains, URLs, hashes, …), defanged forms included'),
    resultTitle: trans => trans.__('IoCs'),
    summaryColumn: 'IoCType',
    job: 'extractIocs',
    args: (tableId, columns, options) => ({
      tableId,
      columns,
      types: options.iocTypes.length ? options.iocTypes : undefined,
      parity: parity(options)
    }),
    run(worker, tableId, columns, options) {
      return worker.run('extractIocs', this.args(tableId, columns, options));
    }
  },
  {
    id: 'decode',
    label: trans => trans.__('Decode'),
    caption: trans =>
      trans.__('Find and decode base64, hex, compressed and other encoded data, recursively'),
    resultTitle: trans => trans.__('Decoded'),
    summaryColumn: 'chain',
    job: 'decode',
    args: (tableId, columns, options) => ({ tableId, columns, parity: parity(options) }),
    run(worker, tableId, columns, options) {
      return worker.run('decode', this.args(tableId, columns, options));
    }
  }
];

/** Settings as stored, checked (the schema already limits the values). */
export function analysisOptions(composite: Partial<Record<string, unknown>>): IAnalysisOptions {
  const types = composite.iocTypes;
  return {
    iocTypes: Array.isArray(types) ? types.map(String) : [],
    msticpyParity: composite.msticpyParity === true
  };
}

/** "ipv4: 12, dns: 3" — counts of a result column, most frequent first. */
export function summarize(table: Table, column: string): string {
  const col = table.getChild(column);
  if (!col || table.numRows === 0) {
    return `${table.numRows} rows`;
  }
  const counts = new Map<string, number>();
  for (const v of col) {
    const key = String(v ?? '');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, n]) => `${k || '(none)'}: ${n}`)
    .join(', ');
}
