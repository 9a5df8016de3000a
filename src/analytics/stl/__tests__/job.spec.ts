// The worker job wrappers: tables by id in, Arrow tables out, cancellation honoured.
import { makeData, makeVector, Table, TimestampMillisecond, vectorFromArray } from 'apache-arrow';
import { JobCancelledError, JobContext } from '../../job';
import { TableStore } from '../../../worker/store';
import { stlJob, stlPeriodsJob } from '../../../worker/jobs/stl';
import { series } from './helpers';

const y = series('ts');
const t0 = Date.UTC(2019, 4, 1, 6);
const times = makeVector(
  makeData({
    type: new TimestampMillisecond('UTC'),
    length: y.length,
    data: BigInt64Array.from(y, (_, i) => BigInt(t0 + i * 3600e3)) as any
  })
);

describe('stl jobs', () => {
  const store = new TableStore();
  const { id } = store.add(new Table({ TimeGenerated: times, Total: vectorFromArray(y) }));

  it('stlJob then stlPeriodsJob give msticpy parity results and the KQL filter', () => {
    const scored = stlJob(store, new JobContext(), {
      tableId: id,
      timeColumn: 'TimeGenerated',
      valueColumn: 'Total',
      parity: 'msticpy'
    });
    expect(scored.numRows).toBe(840);
    const { id: sid } = store.add(scored);
    const periods = stlPeriodsJob(store, new JobContext(), {
      tableId: sid,
      timeColumn: 'TimeGenerated',
      parity: 'msticpy'
    });
    expect(periods.numRows).toBe(3);
    expect(periods.schema.metadata.get('kql')).toMatch(
      /^\| where TimeGenerated between \(datetime\(2019-05-13 16:00:00\+00:00\)/
    );
  });

  it('reports progress and stops when cancelled', () => {
    const fractions: number[] = [];
    const ctx = new JobContext({
      onProgress: p => fractions.push(p.fraction),
      progressIntervalMs: 0
    });
    stlJob(store, ctx, {
      tableId: id,
      timeColumn: 'TimeGenerated',
      valueColumn: 'Total',
      robust: true
    });
    expect(fractions.length).toBeGreaterThan(10);
    const cancelled = new JobContext();
    cancelled.cancelled = true;
    expect(() =>
      stlJob(store, cancelled, { tableId: id, timeColumn: 'TimeGenerated', valueColumn: 'Total' })
    ).toThrow(JobCancelledError);
  });
});
