// The worker service run in Node with the same code the Web Worker runs.
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  tableFromArrays,
  Table,
  vectorFromArray,
  Dictionary,
  Utf8,
  Int32,
  makeTable
} from 'apache-arrow';
import { decodeIPC, encodeIPC } from '../../analytics/arrow';
import { pandasTimestamp } from '../../analytics/stl';
import { timeSeriesTable } from '../../analytics/stl/__tests__/csv';
import { WorkerService } from '../service';

/** host_logons.csv from msticpy's test data as an Arrow table (strings + numbers). */
function hostLogons(): Table {
  const text = readFileSync(join(__dirname, '../../../data/msticpy/host_logons.csv'), 'utf8');
  const [header, ...lines] = text.trim().split(/\r?\n/);
  // The unnamed first column is the saved pandas index.
  const names = header.split(',').map(n => n || 'index');
  const cols: Record<string, string[]> = Object.fromEntries(names.map(n => [n, []]));
  for (const line of lines) {
    const cells = line.split(',');
    names.forEach((n, i) => cols[n].push(cells[i] ?? ''));
  }
  return tableFromArrays(cols as any);
}

describe('WorkerService', () => {
  let api: WorkerService;
  beforeEach(() => (api = new WorkerService()));

  it('loads a table, exports it back unchanged and drops it', () => {
    const table = hostLogons();
    const info = api.load(encodeIPC(table));
    expect(info.numRows).toBe(table.numRows);
    expect(info.columns.map(c => c.name)).toEqual(table.schema.fields.map(f => f.name));
    const back = decodeIPC(api.export(info.id));
    expect(back.numRows).toBe(table.numRows);
    expect(back.getChild('Account')!.toArray()).toEqual(table.getChild('Account')!.toArray());
    api.drop(info.id);
    expect(() => api.export(info.id)).toThrow(/not loaded in the worker/);
  });

  it('rejects malformed bytes with a message, and keeps working', () => {
    expect(() => api.load(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toThrow(/IPC/);
    expect(api.ping()).toBe('pong');
  });

  it('profiles real data: nulls, distinct counts, min/max and top values', async () => {
    const table = hostLogons();
    const { id } = api.load(encodeIPC(table));
    const progress: number[] = [];
    const profile = await api.run(1, 'profile', { tableId: id }, p => progress.push(p.fraction));
    const account = profile.find(p => p.name === 'Account')!;
    const values = table.getChild('Account')!.toArray() as string[];
    const counts = new Map<string, number>();
    values.forEach(v => counts.set(v, (counts.get(v) ?? 0) + 1));
    expect(account.distinct).toBe(counts.size);
    expect(account.distinctExact).toBe(true);
    const [topValue, topCount] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    expect(account.top[0]).toEqual({ value: topValue, count: topCount });
    expect(progress.length).toBeGreaterThan(0);
  });

  it('profiles numbers, nulls and dictionaries', async () => {
    const dict = vectorFromArray(
      ['a', 'b', 'a', null, 'a'],
      new Dictionary(new Utf8(), new Int32())
    );
    const table = makeTable({ n: Float64Array.from([3, NaN, -1, 7, 2]) }).assign(
      new Table({ cat: dict, i: vectorFromArray([1, null, 3, null, 5], new Int32()) })
    );
    const { id } = api.load(encodeIPC(table));
    const [n, cat, i] = await api.run(2, 'profile', { tableId: id });
    expect(n).toMatchObject({ nulls: 1, min: '-1', max: '7', distinct: 4 });
    expect(cat).toMatchObject({ type: 'category<utf8>', nulls: 1, distinct: 2 });
    expect(cat.top[0]).toEqual({ value: 'a', count: 3 });
    expect(i).toMatchObject({ nulls: 2, min: '1', max: '5' });
  });

  it('filters and sorts rows, and takes them into a new table with types kept', async () => {
    const table = hostLogons();
    const { id } = api.load(encodeIPC(table));
    const rows = await api.run(3, 'queryRows', {
      tableId: id,
      filterText: 'ADMIN',
      sortColumn: 'TimeGenerated',
      ascending: false
    });
    const accounts = table.getChild('Account')!;
    const all = [...Array(table.numRows).keys()];
    const expected = all.filter(r =>
      table.schema.fields.some((_, c) =>
        String(table.getChildAt(c)!.get(r) ?? '')
          .toLowerCase()
          .includes('admin')
      )
    );
    expect(rows.length).toBe(expected.length);
    expect(rows.length).toBeGreaterThan(0);
    const times = Array.from(rows, r => String(table.getChild('TimeGenerated')!.get(r)));
    expect([...times].sort().reverse()).toEqual(times);
    const taken = decodeIPC(api.export((await api.run(4, 'takeRows', { tableId: id, rows })).id));
    expect(taken.getChild('Account')!.toArray()).toEqual(Array.from(rows, r => accounts.get(r)));
  });

  it('STL anomalies and their periods on time_series.csv, as msticpy finds them', async () => {
    const { id } = api.load(encodeIPC(timeSeriesTable()));
    const scored = await api.run(11, 'stlAnomalies', {
      tableId: id,
      timeColumn: 'TimeGenerated',
      valueColumn: 'TotalBytesSent',
      parity: 'msticpy'
    });
    expect(scored.numRows).toBe(840);
    expect(scored.columns.map(c => c.name)).toEqual([
      'TimeGenerated',
      'TotalBytesSent',
      'residual',
      'trend',
      'seasonal',
      'weights',
      'baseline',
      'score',
      'anomalies'
    ]);
    const table = decodeIPC(api.export(scored.id));
    const time = table.getChild('TimeGenerated')!;
    const anomalies = table.getChild('anomalies')!;
    const flagged = [...Array(table.numRows).keys()].filter(i => Number(anomalies.get(i)) !== 0);
    expect(flagged.map(i => pandasTimestamp(Number(time.get(i))))).toEqual([
      '2019-05-13 17:00:00+00:00',
      '2019-05-17 21:00:00+00:00',
      '2019-05-26 05:00:00+00:00'
    ]);
    expect(flagged.every(i => Number(table.getChild('score')!.get(i)) > 3)).toBe(true);

    const periods = await api.run(12, 'stlPeriods', {
      tableId: scored.id,
      timeColumn: 'TimeGenerated',
      parity: 'msticpy'
    });
    expect(periods.numRows).toBe(3);
    const kql = decodeIPC(api.export(periods.id)).schema.metadata.get('kql')!;
    expect(kql).toMatch(
      /^\| where TimeGenerated between \(datetime\(2019-05-13 16:00:00\+00:00\) \.\. datetime\(2019-05-13 18:00:00\+00:00\)\) or /
    );
    expect(kql.split(' between ').length - 1).toBe(3);
  });

  it('cancels a running job between chunks', async () => {
    const { id } = api.load(encodeIPC(hostLogons()));
    const pending = api.run(9, 'profile', { tableId: id });
    api.cancel(9);
    await expect(pending).rejects.toThrow(/cancelled/);
  });

  it('names an unknown job instead of failing silently', async () => {
    await expect(api.run(5, 'nope' as 'profile', { tableId: 1 })).rejects.toThrow(/no job "nope"/);
  });
});
