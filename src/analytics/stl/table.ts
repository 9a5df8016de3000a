// Arrow in, Arrow out: the decomposition/anomaly table with msticpy's columns, and the anomaly
// periods of such a table with their KQL filter.
import {
  DataType,
  Float64,
  Int64,
  makeData,
  makeVector,
  RecordBatch,
  Schema,
  Table,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
  Vector
} from 'apache-arrow';
import { requireColumn } from '../arrow';
import { JobContext, NO_JOB } from '../job';
import { IAnomalyOptions, stlAnomalies } from './anomalies';
import { StlInputError } from './params';
import { anomalyPeriods, IKqlFilterOptions, IPeriodOptions, kqlTimeFilter } from './periods';
import { ISeriesOptions, seriesFromTable } from './series';

export type IStlTableOptions = ISeriesOptions & IAnomalyOptions;

function timeVector(ms: ArrayLike<number>): Vector {
  const data = new BigInt64Array(ms.length);
  for (let i = 0; i < ms.length; i++) {
    data[i] = BigInt(Math.round(ms[i]));
  }
  return makeVector(
    makeData({ type: new TimestampMillisecond('UTC'), length: ms.length, data: data as any })
  );
}

function intVector(a: ArrayLike<number>): Vector {
  const data = new BigInt64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    data[i] = BigInt(a[i]);
  }
  return makeVector(makeData({ type: new Int64(), length: a.length, data }));
}

function withMetadata(table: Table, key: string, value: string): Table {
  const schema = new Schema(table.schema.fields, new Map([[key, value]]));
  return new Table(
    schema,
    table.batches.map(b => new RecordBatch(schema, b.data))
  );
}

const floatVector = (a: Float64Array): Vector =>
  makeVector(makeData({ type: new Float64(), length: a.length, data: a }));

/**
 * msticpy's ts_anomalies_stl on a table: `<time>, <value>, residual, trend, seasonal, weights,
 * baseline, score, anomalies` (int64 like msticpy in parity mode, float64 otherwise; anomalies
 * int64), then `seasonal_<period>` per period with MSTL. Notes on the input go in the schema
 * metadata ('stl.notes', JSON).
 */
export function stlAnomaliesTable(
  table: Table,
  options: IStlTableOptions,
  ctx: JobContext = NO_JOB
): Table {
  const s = seriesFromTable(table, options);
  const res = stlAnomalies(s.values, options, ctx);
  const num = res.integer ? intVector : floatVector;
  const columns: [string, Vector][] = [
    [options.timeColumn, timeVector(s.times)],
    [s.valueName, num(res.value)],
    ['residual', num(res.residual)],
    ['trend', num(res.trend)],
    ['seasonal', num(res.seasonal)],
    ['weights', num(res.weights)],
    ['baseline', num(res.baseline)],
    ['score', floatVector(res.score)],
    ['anomalies', intVector(res.anomalies)]
  ];
  for (const { period, values } of res.seasonals ?? []) {
    columns.push([`seasonal_${period}`, floatVector(values)]);
  }
  const names = new Set<string>();
  for (const [name] of columns) {
    if (names.has(name)) {
      throw new StlInputError(
        `The output would have two columns named "${name}"; rename the input column`
      );
    }
    names.add(name);
  }
  const out = new Table(Object.fromEntries(columns));
  return withMetadata(out, 'stl.notes', JSON.stringify(s.notes));
}

export interface IPeriodTableOptions extends IPeriodOptions, IKqlFilterOptions {
  timeColumn: string;
  /** Default 'anomalies'. */
  anomaliesColumn?: string;
}

/**
 * Anomaly periods of a scored table (msticpy's find_anomaly_periods): columns start, end (UTC
 * timestamps) and `filter` (each period's KQL clause); the whole filter is the schema metadata
 * 'kql' (msticpy's create_time_period_kqlfilter).
 */
export function anomalyPeriodsTable(table: Table, options: IPeriodTableOptions): Table {
  const time = requireColumn(table, options.timeColumn);
  const anomCol = requireColumn(table, options.anomaliesColumn ?? 'anomalies');
  if (!DataType.isTimestamp(time.type) && !DataType.isDate(time.type)) {
    throw new StlInputError(`Column "${options.timeColumn}" must be a timestamp column`);
  }
  const n = table.numRows;
  const times = new Float64Array(n);
  const anomalies = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = time.get(i);
    times[i] = t === null ? NaN : t instanceof Date ? t.getTime() : Number(t);
    const a = anomCol.get(i);
    anomalies[i] = a === null ? 0 : Number(a);
  }
  const periods = anomalyPeriods(times, anomalies, options);
  const kql = kqlTimeFilter(periods, options);
  const starts = timeVector(periods.map(p => p.start));
  const ends = timeVector(periods.map(p => p.end));
  const filters = periods.map(p => kqlTimeFilter([p], options).replace(/^\| where /, ''));
  const body = new Table({
    start: starts,
    end: ends,
    filter: vectorFromArray(filters, new Utf8())
  });
  return withMetadata(body, 'kql', kql);
}
