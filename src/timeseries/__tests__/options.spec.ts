import { stlFormFields, stlJobArgs, stlPeriodsJobArgs } from '../options';

/** time_series.csv from msticpy as a kernel sends it (pandas: datetime64[ns, UTC], int64). */
const seriesColumns = [
  { name: 'TimeGenerated', type: 'timestamp[ns, UTC]' },
  { name: 'TotalBytesSent', type: 'int64' },
  { name: 'baseline', type: 'int64' },
  { name: 'score', type: 'float64' },
  { name: 'anomalies', type: 'int64' }
];

/** host_logons.csv-like events: no volume column, so counts per bucket. */
const eventColumns = [
  { name: 'index', type: 'int64' },
  { name: 'Account', type: 'utf8' },
  { name: 'EventID', type: 'int64' },
  { name: 'TimeGenerated', type: 'timestamp[ns, UTC]' },
  { name: 'LogonType', type: 'int64' }
];

const valuesOf = (columns: { name: string; type: string }[]) =>
  Object.fromEntries(stlFormFields(columns, t => t).map(f => [f.name, f.value]));

describe('STL form', () => {
  it('guesses the time and value columns of time_series.csv, with msticpy defaults', () => {
    expect(valuesOf(seriesColumns)).toEqual({
      timeColumn: 'TimeGenerated',
      valueColumn: 'TotalBytesSent',
      bucket: '',
      agg: 'sum',
      period: '24',
      robust: false,
      score: 'zscore',
      scoreThreshold: 3,
      fill: '',
      parity: false
    });
  });

  it('offers only timestamp columns as time and numeric columns as values', () => {
    const fields = stlFormFields(seriesColumns, t => t);
    const options = (name: string) => fields.find(f => f.name === name)!.options!.map(o => o[0]);
    expect(options('timeColumn')).toEqual(['', 'TimeGenerated']);
    expect(options('valueColumn')).toEqual([
      '',
      'TotalBytesSent',
      'baseline',
      'score',
      'anomalies'
    ]);
  });

  it('counts events per hour when no column looks like a volume', () => {
    expect(valuesOf(eventColumns)).toMatchObject({
      timeColumn: 'TimeGenerated',
      valueColumn: '',
      bucket: '1h'
    });
    expect(valuesOf([{ name: 'When', type: 'date32<day>' }]).timeColumn).toBe('When');
    expect(valuesOf([{ name: 'Account', type: 'utf8' }]).timeColumn).toBe('');
  });

  it('turns the defaults into msticpy-compatible job arguments', () => {
    expect(stlJobArgs(7, valuesOf(seriesColumns))).toEqual({
      tableId: 7,
      timeColumn: 'TimeGenerated',
      valueColumn: 'TotalBytesSent',
      scoreThreshold: 3,
      robust: false,
      score: 'zscore',
      period: 24
    });
    expect(stlJobArgs(7, { ...valuesOf(seriesColumns), parity: true })).toEqual({
      tableId: 7,
      timeColumn: 'TimeGenerated',
      valueColumn: 'TotalBytesSent',
      scoreThreshold: 3,
      robust: false,
      parity: 'msticpy',
      period: 24
    });
  });

  it('counts per bucket, aggregates per bucket, MSTL periods, fill and robust scores', () => {
    const events = stlJobArgs(3, { ...valuesOf(eventColumns), bucket: '' });
    expect(events).toMatchObject({ timeColumn: 'TimeGenerated', bucket: '1h' });
    expect(events.valueColumn).toBeUndefined();
    expect(
      stlJobArgs(3, {
        ...valuesOf(seriesColumns),
        bucket: '15min',
        agg: 'max',
        period: '96, 672',
        fill: 'linear',
        score: 'robust',
        robust: true,
        scoreThreshold: 4.5
      })
    ).toEqual({
      tableId: 3,
      timeColumn: 'TimeGenerated',
      valueColumn: 'TotalBytesSent',
      bucket: '15min',
      agg: 'max',
      fill: 'linear',
      score: 'robust',
      robust: true,
      scoreThreshold: 4.5,
      periods: [96, 672]
    });
  });

  it('says what is missing or wrong', () => {
    const base = valuesOf(seriesColumns);
    const fails = (change: Record<string, string | number | boolean>) => () =>
      stlJobArgs(1, { ...base, ...change });
    expect(fails({ timeColumn: '' })).toThrow(/Choose a time column/);
    expect(fails({ valueColumn: 'TimeGenerated' })).toThrow(/must differ from the time column/);
    expect(fails({ bucket: 'soon' })).toThrow(/Cannot read the bucket size "soon"/);
    expect(fails({ agg: 'mean' })).toThrow(/Aggregating by mean needs a bucket size/);
    expect(fails({ agg: 'median' })).toThrow(/aggregation must be one of sum, mean/);
    expect(fails({ period: '' })).toThrow(/Enter a period/);
    expect(fails({ period: '1' })).toThrow(/at least 2; got "1"/);
    expect(fails({ period: '24h' })).toThrow(/whole number of points .*got "24h"/);
    expect(fails({ scoreThreshold: 0 })).toThrow(/threshold must be a number above 0/);
    expect(fails({ scoreThreshold: NaN })).toThrow(/threshold must be a number above 0/);
    expect(fails({ fill: 'mean' })).toThrow(/fill must be one of error, zero, linear/);
    expect(fails({ parity: true, period: '24 168' })).toThrow(/msticpy parity takes one period/);
    expect(fails({ parity: true, score: 'robust' })).toThrow(/parity scores with the z-score/);
  });

  it('anomaly periods: msticpy defaults in parity, else the series step and dips too', () => {
    const args = stlJobArgs(1, valuesOf(seriesColumns));
    expect(stlPeriodsJobArgs(9, { ...args, parity: 'msticpy' }, 3600e3)).toEqual({
      tableId: 9,
      timeColumn: 'TimeGenerated',
      parity: 'msticpy'
    });
    expect(stlPeriodsJobArgs(9, args, 86400e3)).toEqual({
      tableId: 9,
      timeColumn: 'TimeGenerated',
      period: 86400e3,
      posOnly: false
    });
    expect(stlPeriodsJobArgs(9, { ...args, bucket: '15min' }, 0).period).toBe('15min');
  });
});
