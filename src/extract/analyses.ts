// The two text analyses offered on tables and cell outputs, as worker calls.
import { Remote } from 'comlink';
import { TranslationBundle } from '@jupyterlab/translation';
import { Table } from 'apache-arrow';
import type { HuntWorkerApi } from '../worker/api';
import type { ITableInfo } from '../worker/store';

export interface ITextAnalysis {
  id: 'extract-iocs' | 'decode';
  label(trans: TranslationBundle): string;
  caption(trans: TranslationBundle): string;
  resultTitle(trans: TranslationBundle): string;
  /** Column of the result whose values are counted in the summary. */
  summaryColumn: string;
  run(api: Remote<HuntWorkerApi>, jobId: number, tableId: number, columns: string[]): Promise<ITableInfo>;
}

export const TEXT_ANALYSES: ITextAnalysis[] = [
  {
    id: 'extract-iocs',
    label: trans => trans.__('Extract IoCs'),
    caption: trans => trans.__('Find indicators (IPs, domains, URLs, hashes, …), defanged forms included'),
    resultTitle: trans => trans.__('IoCs'),
    summaryColumn: 'IoCType',
    run: (api, jobId, tableId, columns) => api.extractIocs(jobId, { tableId, columns })
  },
  {
    id: 'decode',
    label: trans => trans.__('Decode'),
    caption: trans => trans.__('Find and decode base64, hex, compressed and other encoded data, recursively'),
    resultTitle: trans => trans.__('Decoded'),
    summaryColumn: 'chain',
    run: (api, jobId, tableId, columns) => api.decode(jobId, { tableId, columns })
  }
];

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
