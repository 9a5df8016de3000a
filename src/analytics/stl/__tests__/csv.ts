// msticpy's data/msticpy/time_series.csv as the Arrow table a kernel would send: hourly
// TimeGenerated (UTC timestamps), TotalBytesSent, and the KQL-side baseline, score, anomalies.
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  Float64,
  Int64,
  makeData,
  makeVector,
  Table,
  TimestampMillisecond,
  Vector
} from 'apache-arrow';

export const TIME_SERIES_CSV = join(__dirname, '../../../../data/msticpy/time_series.csv');

const int64 = (values: number[]): Vector =>
  makeVector(
    makeData({ type: new Int64(), length: values.length, data: BigInt64Array.from(values, BigInt) })
  );

export function timeSeriesTable(): Table {
  const text = readFileSync(TIME_SERIES_CSV, 'utf8').replace(/^\uFEFF/, '');
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const names = header.split(',');
  const rows = lines.map(line => line.split(',').map(cell => cell.replace(/^"|"$/g, '')));
  const col = (name: string) => rows.map(r => r[names.indexOf(name)]);
  const times = col('TimeGenerated').map(t => Date.parse(t));
  return new Table({
    TimeGenerated: makeVector(
      makeData({
        type: new TimestampMillisecond('UTC'),
        length: times.length,
        data: BigInt64Array.from(times, BigInt) as any
      })
    ),
    TotalBytesSent: int64(col('TotalBytesSent').map(Number)),
    baseline: int64(col('baseline').map(Number)),
    score: makeVector(
      makeData({
        type: new Float64(),
        length: rows.length,
        data: Float64Array.from(col('score'), Number)
      })
    ),
    anomalies: int64(col('anomalies').map(Number))
  });
}
