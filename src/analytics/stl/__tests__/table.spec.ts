// Series from tables, the output table (msticpy's columns), anomaly periods and KQL filters
// (msticpy's extract_anomaly_periods / create_time_period_kqlfilter on its own test data).
import {
  Float64,
  Int64,
  makeData,
  makeVector,
  Table,
  TimestampMillisecond,
  TimestampSecond,
  Utf8,
  vectorFromArray
} from 'apache-arrow';
import {
  anomalyPeriods,
  anomalyPeriodsTable,
  kqlAnomaliesQuery,
  kqlTimeFilter,
  pandasTimestamp,
  parseDuration,
  seriesFromTable,
  stlAnomaliesTable
} from '..';
import { fixture, series } from './helpers';

const ref = fixture('msticpy_ts.json');
const y = series('ts');
const t0 = Date.UTC(2019, 4, 1, 6);
const H = 3600e3;
const hours = y.map((_, i) => t0 + i * H);

function timeCol(ms: ArrayLike<number>, unit: 'ms' | 's' = 'ms') {
  const data = BigInt64Array.from(Array.from(ms), v => BigInt(unit === 'ms' ? v : v / 1000));
  const type = unit === 'ms' ? new TimestampMillisecond('UTC') : new TimestampSecond('UTC');
  return makeVector(makeData({ type, length: ms.length, data: data as any }));
}

const tsTable = new Table({
  TimeGenerated: timeCol(hours, 's'),
  TotalBytesSent: makeVector(
    makeData({ type: new Int64(), length: y.length, data: BigInt64Array.from(y, BigInt) })
  )
});

describe('stlAnomaliesTable', () => {
  it('msticpy parity: same columns, int64 like msticpy, the 3 anomalies', () => {
    const out = stlAnomaliesTable(tsTable, {
      timeColumn: 'TimeGenerated',
      valueColumn: 'TotalBytesSent',
      parity: 'msticpy'
    });
    expect(out.schema.fields.map(f => f.name)).toEqual([
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
    expect(out.getChild('trend')!.type).toBeInstanceOf(Int64);
    expect(out.getChild('score')!.type).toBeInstanceOf(Float64);
    expect(Array.from(out.getChild('residual')!.toArray(), Number)).toEqual(ref.residual);
    expect(Array.from(out.getChild('anomalies')!.toArray(), Number)).toEqual(ref.anomalies);
    expect(out.getChild('TimeGenerated')!.get(0)).toBe(t0);

    const periods = anomalyPeriodsTable(out, { timeColumn: 'TimeGenerated', parity: 'msticpy' });
    expect(periods.numRows).toBe(3);
    expect(periods.schema.metadata.get('kql')).toBe(ref.kql);
  });

  it('MSTL adds one seasonal column per period after msticpy columns', () => {
    const out = stlAnomaliesTable(tsTable, {
      timeColumn: 'TimeGenerated',
      valueColumn: 'TotalBytesSent',
      periods: [24, 168]
    });
    expect(out.schema.fields.slice(-2).map(f => f.name)).toEqual(['seasonal_24', 'seasonal_168']);
    expect(out.getChild('trend')!.type).toBeInstanceOf(Float64);
  });

  it('unsorted rows are sorted and noted', () => {
    const order = Array.from(hours.keys()).reverse();
    const shuffled = new Table({
      TimeGenerated: timeCol(order.map(i => hours[i])),
      v: vectorFromArray(Float64Array.from(order, i => y[i]))
    });
    const out = stlAnomaliesTable(shuffled, {
      timeColumn: 'TimeGenerated',
      valueColumn: 'v',
      parity: 'msticpy'
    });
    expect(Array.from(out.getChild('anomalies')!.toArray(), Number)).toEqual(ref.anomalies);
    expect(JSON.parse(out.schema.metadata.get('stl.notes')!)).toEqual([
      'rows were not in time order: sorted by time'
    ]);
  });
});

describe('seriesFromTable', () => {
  const events = new Table({
    t: timeCol([0, 10, 20, 3 * H + 5, 3 * H + 7].map(v => v + t0)),
    bytes: vectorFromArray(new Float64Array([1, 2, 3, 4, NaN]))
  });

  it('counts per bucket, aligned to the epoch, empty buckets 0', () => {
    const s = seriesFromTable(events, { timeColumn: 't', bucket: '1h' });
    expect(Array.from(s.values)).toEqual([3, 0, 0, 2]);
    expect(s.times[0]).toBe(t0);
    expect(s.valueName).toBe('Total');
  });

  it('values per bucket: sum (NaN skipped), mean, max; empty mean buckets need a fill', () => {
    expect(
      Array.from(
        seriesFromTable(events, { timeColumn: 't', valueColumn: 'bytes', bucket: '1h' }).values
      )
    ).toEqual([6, 0, 0, 4]);
    expect(() =>
      seriesFromTable(events, { timeColumn: 't', valueColumn: 'bytes', bucket: '1h', agg: 'mean' })
    ).toThrow(/mean\(bytes\) per 1h has 2 missing/);
    const lin = seriesFromTable(events, {
      timeColumn: 't',
      valueColumn: 'bytes',
      bucket: '1h',
      agg: 'mean',
      fill: 'linear'
    });
    expect(Array.from(lin.values)).toEqual([2, 2.6666666666666665, 3.333333333333333, 4]);
  });

  it('gaps of whole steps are filled by policy; others are rejected with the row', () => {
    const gap = new Table({
      t: timeCol([0, H, 3 * H, 4 * H]),
      v: vectorFromArray(new Float64Array([1, 2, 4, 5]))
    });
    expect(() => seriesFromTable(gap, { timeColumn: 't', valueColumn: 'v' })).toThrow(
      /1 missing or non-finite point\(s\), the first at 1970-01-01 02:00:00\+00:00/
    );
    expect(
      Array.from(seriesFromTable(gap, { timeColumn: 't', valueColumn: 'v', fill: 'linear' }).values)
    ).toEqual([1, 2, 3, 4, 5]);
    const odd = new Table({
      t: timeCol([0, H, 2 * H + 60e3, 3 * H]),
      v: vectorFromArray(new Float64Array([1, 2, 3, 4]))
    });
    expect(() => seriesFromTable(odd, { timeColumn: 't', valueColumn: 'v' })).toThrow(
      /Irregular timestamps: 1970-01-01 02:01:00/
    );
  });

  it('duplicates, nulls, wrong types and empty tables are named', () => {
    const dup = new Table({
      t: timeCol([0, H, H]),
      v: vectorFromArray(new Float64Array([1, 2, 3]))
    });
    expect(() => seriesFromTable(dup, { timeColumn: 't', valueColumn: 'v' })).toThrow(
      /Duplicate timestamp 1970-01-01 01:00:00\+00:00/
    );
    const nulls = new Table({ t: timeCol([0, H]), v: vectorFromArray([1, null], new Float64()) });
    expect(() => seriesFromTable(nulls, { timeColumn: 't', valueColumn: 'v' })).toThrow(
      /column "v" has 1 missing/
    );
    const text = new Table({ t: timeCol([0, H]), v: vectorFromArray(['a', 'b'], new Utf8()) });
    expect(() => seriesFromTable(text, { timeColumn: 't', valueColumn: 'v' })).toThrow(
      /"v" has type Utf8; the value column must be numeric/
    );
    expect(() => seriesFromTable(text, { timeColumn: 'v' })).toThrow(
      /the time column must be a timestamp/
    );
    expect(() => seriesFromTable(text, { timeColumn: 'nope' })).toThrow(
      /Column "nope" is not in the table/
    );
    expect(() => seriesFromTable(text.slice(0, 0), { timeColumn: 't' })).toThrow(
      'The table has no rows'
    );
  });
});

describe('anomaly periods and KQL (msticpy helpers)', () => {
  const times = ref.time.map((t: string) => Date.parse(t.replace(' ', 'T')));
  const asPairs = (ps: { start: number; end: number }[]) =>
    ps.map(p => [pandasTimestamp(p.start), pandasTimestamp(p.end)]);

  it('extract_anomaly_periods on the ts_anomalies_stl result', () => {
    expect(asPairs(anomalyPeriods(times, ref.anomalies))).toEqual(ref.periods);
    expect(asPairs(anomalyPeriods(times, ref.anomalies, { period: '2h', posOnly: false }))).toEqual(
      ref.periodsBoth2h
    );
  });

  it('create_time_period_kqlfilter, and the KQL-side anomalies of the CSV', () => {
    expect(kqlTimeFilter(anomalyPeriods(times, ref.anomalies), { parity: 'msticpy' })).toBe(
      ref.kql
    );
    const csv = fixture('stl_data.json');
    expect(csv.ts.length).toBe(840);
    expect(
      ref.kqlCsv.startsWith(
        '| where TimeGenerated between (datetime(2019-05-13 16:00:00+00:00) .. datetime(2019-05-13 18:00:00+00:00)) or'
      )
    ).toBe(true);
    expect(ref.kqlCsv.split('between').length - 1).toBe(3);
  });

  it('merges neighbours within two periods and starts a new one after', () => {
    const h = (k: number) => t0 + k * H;
    const ps = anomalyPeriods([h(0), h(2), h(5), h(6)], [1, 1, 1, -1]);
    expect(ps).toEqual([
      { start: h(-1), end: h(3) },
      { start: h(4), end: h(6) }
    ]);
    expect(anomalyPeriods([h(0)], [-1])).toEqual([]);
  });

  it('default mode: column name, and a filter that selects nothing when there are no periods', () => {
    expect(kqlTimeFilter([], { parity: 'msticpy' })).toBe('| where ');
    expect(kqlTimeFilter([])).toBe('| where false');
    expect(kqlTimeFilter([{ start: 0, end: 1500 }], { timeColumn: 'Event Time' })).toBe(
      "| where ['Event Time'] between (datetime(1970-01-01 00:00:00+00:00) .. datetime(1970-01-01 00:00:01.500000+00:00))"
    );
  });

  it('durations and the Kusto-side query', () => {
    expect([
      parseDuration('1h'),
      parseDuration('30min'),
      parseDuration('15m'),
      parseDuration('2 days'),
      parseDuration('1ms')
    ]).toEqual([H, 30 * 60e3, 15 * 60e3, 2 * 86400e3, 1]);
    expect(() => parseDuration('soon')).toThrow(/Cannot read the duration "soon"/);
    const q = kqlAnomaliesQuery({ table: 'SigninLogs', start: t0, end: t0 + 24 * H });
    expect(q).toContain(
      '| make-series Total=count() on TimeGenerated from datetime(2019-05-01T06:00:00.000Z) to datetime(2019-05-02T06:00:00.000Z) step 1h'
    );
    expect(q).toContain('series_decompose_anomalies(Total, 3, -1, "linefit")');
  });
});
