// A regular time series from an Arrow table: a time column plus a value column, or counts per
// time bucket of an event table. STL assumes equal spacing and no gaps, so irregular input is
// either regularised explicitly (bucket + fill) or rejected with the row that breaks it.
import { DataType, Table } from 'apache-arrow';
import { requireColumn } from '../arrow';
import { StlInputError } from './params';
import { pandasTimestamp, parseDuration } from './periods';

export interface ISeriesOptions {
  timeColumn: string;
  /** Numeric column; without it the series is the count of rows per bucket. */
  valueColumn?: string;
  /** Bucket size ('1h', '15min', ms). Required for counts (default '1h'); with a value column
   * it aggregates values per bucket and regularises the spacing. */
  bucket?: string | number;
  /** Aggregation of values per bucket. Default 'sum'. */
  agg?: 'sum' | 'mean' | 'min' | 'max' | 'count';
  /** Missing points (null/NaN values, empty buckets, gaps): 'error', 'zero' or 'linear'
   * interpolation. Default 'zero' for counts and sums per bucket, else 'error'. */
  fill?: 'error' | 'zero' | 'linear';
}

export interface ITimeSeries {
  /** ms since the epoch (UTC), equally spaced by stepMs */
  times: Float64Array;
  values: Float64Array;
  stepMs: number;
  /** Output name of the value column ('Total' for counts). */
  valueName: string;
  /** What was done to the input (sorting, filling), for the user. */
  notes: string[];
}

/** Limit on the number of points a bucket size may create. */
const MAX_POINTS = 20_000_000;

function readTimesMs(table: Table, name: string): Float64Array {
  const col = requireColumn(table, name);
  const type = col.type as DataType;
  const out = new Float64Array(col.length);
  let scale = 0;
  if (DataType.isTimestamp(type)) {
    scale = [1e3, 1, 1e-3, 1e-6][type.unit];
  } else if (DataType.isDate(type)) {
    scale = type.unit === 0 ? 86400e3 : 1;
  } else if (!DataType.isInt(type) && !DataType.isFloat(type)) {
    throw new StlInputError(
      `Column "${name}" has type ${String(type)}; the time column must be a timestamp`
    );
  }
  let i = 0;
  for (const chunk of col.data) {
    const vals = chunk.values as ArrayLike<number | bigint>;
    for (let j = 0; j < chunk.length; j++, i++) {
      if (!chunk.getValid(j)) {
        throw new StlInputError(`The time column "${name}" is empty at row ${i}`);
      }
      // Timestamps and date64 are int64 (bigint); date32 days and plain numbers are numbers.
      const v = Number(vals[j]);
      out[i] = scale ? v * scale : v;
    }
  }
  return out;
}

function readValues(table: Table, name: string): Float64Array {
  const col = requireColumn(table, name);
  const type = col.type as DataType;
  if (!DataType.isInt(type) && !DataType.isFloat(type)) {
    throw new StlInputError(
      `Column "${name}" has type ${String(type)}; the value column must be numeric`
    );
  }
  const out = new Float64Array(col.length);
  let i = 0;
  for (const chunk of col.data) {
    const direct = DataType.isFloat(type) || (DataType.isInt(type) && type.bitWidth < 64);
    for (let j = 0; j < chunk.length; j++, i++) {
      if (!chunk.getValid(j)) {
        out[i] = NaN;
      } else {
        out[i] = direct ? Number((chunk.values as ArrayLike<number>)[j]) : Number(col.get(i));
      }
    }
  }
  return out;
}

/** Fill NaN points in place by policy; `what` names the column for the error. */
function fillMissing(
  values: Float64Array,
  times: Float64Array,
  fill: string,
  what: string,
  notes: string[]
): void {
  let missing = 0;
  let firstBad = -1;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      missing++;
      firstBad = firstBad < 0 ? i : firstBad;
    }
  }
  if (!missing) {
    return;
  }
  if (fill === 'error') {
    throw new StlInputError(
      `${what} has ${missing} missing or non-finite point(s), the first at ${pandasTimestamp(times[firstBad])} (value ${values[firstBad]}); pass fill: 'zero' or 'linear'`
    );
  }
  if (fill === 'zero') {
    for (let i = 0; i < values.length; i++) {
      values[i] = Number.isFinite(values[i]) ? values[i] : 0;
    }
  } else {
    linearFill(values, what);
  }
  notes.push(`${missing} missing point(s) of ${what} filled (${fill})`);
}

function linearFill(values: Float64Array, what: string): void {
  const n = values.length;
  let prev = -1;
  for (let i = 0; i <= n; i++) {
    if (i < n && !Number.isFinite(values[i])) {
      continue;
    }
    if (prev < 0 && i === n) {
      throw new StlInputError(`${what} has no valid value to interpolate from`);
    }
    // Ends take the nearest valid value; inner gaps are interpolated.
    for (let j = prev + 1; j < i; j++) {
      values[j] =
        prev < 0
          ? values[i]
          : i === n
            ? values[prev]
            : values[prev] + ((values[i] - values[prev]) * (j - prev)) / (i - prev);
    }
    prev = i;
  }
}

function sortByTime(times: Float64Array, values: Float64Array | null, notes: string[]): void {
  let sorted = true;
  for (let i = 1; i < times.length && sorted; i++) {
    sorted = times[i] >= times[i - 1];
  }
  if (sorted) {
    return;
  }
  const order = Array.from({ length: times.length }, (_, i) => i).sort(
    (a, b) => times[a] - times[b] || a - b
  );
  const t = Float64Array.from(order, i => times[i]);
  times.set(t);
  if (values) {
    values.set(Float64Array.from(order, i => values[i]));
  }
  notes.push('rows were not in time order: sorted by time');
}

/** Rows as they are: must be equally spaced (gaps of whole steps are filled by policy). */
function regularRows(
  times: Float64Array,
  values: Float64Array,
  fill: string,
  what: string,
  notes: string[]
) {
  const n = times.length;
  if (n < 2) {
    return { times, values, stepMs: 0 };
  }
  const diffs = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) {
    diffs[i - 1] = times[i] - times[i - 1];
    if (diffs[i - 1] === 0) {
      throw new StlInputError(
        `Duplicate timestamp ${pandasTimestamp(times[i])} (rows ${i - 1} and ${i} after sorting); aggregate with a bucket`
      );
    }
  }
  const step = Float64Array.from(diffs).sort()[(n - 1) >> 1];
  let total = 1;
  for (let i = 0; i < n - 1; i++) {
    const k = diffs[i] / step;
    if (Math.abs(k - Math.round(k)) > 1e-9) {
      throw new StlInputError(
        `Irregular timestamps: ${pandasTimestamp(times[i + 1])} is ${diffs[i]} ms after the previous row, not a multiple of the usual step of ${step} ms; pass a bucket to regularise`
      );
    }
    total += Math.round(k);
  }
  if (total === n) {
    return { times, values, stepMs: step };
  }
  if (total > MAX_POINTS) {
    throw new StlInputError(
      `The gaps in the time column would make ${total} points; pass a larger bucket`
    );
  }
  const t = new Float64Array(total);
  const v = new Float64Array(total).fill(NaN);
  for (let i = 0; i < total; i++) {
    t[i] = times[0] + i * step;
  }
  for (let i = 0; i < n; i++) {
    v[Math.round((times[i] - times[0]) / step)] = values[i];
  }
  notes.push(`${total - n} missing time step(s) inserted`);
  fillMissing(v, t, fill, what, notes);
  return { times: t, values: v, stepMs: step };
}

function bucketed(times: Float64Array, values: Float64Array | null, stepMs: number, agg: string) {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < times.length; i++) {
    lo = Math.min(lo, times[i]);
    hi = Math.max(hi, times[i]);
  }
  // Buckets aligned to the epoch, as KQL bin() and make-series do.
  const first = Math.floor(lo / stepMs) * stepMs;
  const count = Math.floor((hi - first) / stepMs) + 1;
  if (count > MAX_POINTS) {
    throw new StlInputError(
      `A bucket of ${stepMs} ms makes ${count} points; choose a larger bucket`
    );
  }
  const out = new Float64Array(count);
  const hits = new Float64Array(count);
  if (agg === 'min' || agg === 'max') {
    out.fill(agg === 'min' ? Infinity : -Infinity);
  }
  for (let i = 0; i < times.length; i++) {
    const b = Math.floor((times[i] - first) / stepMs);
    const v = values ? values[i] : 1;
    if (values && !Number.isFinite(v)) {
      continue;
    }
    hits[b]++;
    if (agg === 'min') {
      out[b] = Math.min(out[b], v);
    } else if (agg === 'max') {
      out[b] = Math.max(out[b], v);
    } else {
      out[b] += agg === 'count' ? 1 : v;
    }
  }
  for (let b = 0; b < count; b++) {
    if (!hits[b] && values) {
      out[b] = agg === 'count' ? 0 : NaN;
    } else if (agg === 'mean') {
      out[b] /= hits[b];
    }
  }
  const t = new Float64Array(count);
  for (let b = 0; b < count; b++) {
    t[b] = first + b * stepMs;
  }
  return { times: t, values: out };
}

/** Build the regular series STL needs from a table (see ISeriesOptions for the rules). */
export function seriesFromTable(table: Table, options: ISeriesOptions): ITimeSeries {
  const notes: string[] = [];
  const { timeColumn, valueColumn } = options;
  if (table.numRows === 0) {
    throw new StlInputError('The table has no rows');
  }
  const times = readTimesMs(table, timeColumn);
  const values = valueColumn ? readValues(table, valueColumn) : null;
  sortByTime(times, values, notes);
  const agg = options.agg ?? 'sum';
  if (!values || options.bucket !== undefined) {
    const stepMs = parseDuration(options.bucket ?? '1h');
    const b = bucketed(times, values, stepMs, values ? agg : 'count');
    const what = values ? `${agg}(${valueColumn}) per ${options.bucket}` : 'the counts';
    const fill = options.fill ?? (!values || agg === 'sum' || agg === 'count' ? 'zero' : 'error');
    if (values && (agg === 'sum' || agg === 'count') && fill === 'zero') {
      // Empty buckets of a sum are 0 by definition; fill only the rest.
      for (let i = 0; i < b.values.length; i++) {
        b.values[i] = Number.isFinite(b.values[i]) ? b.values[i] : 0;
      }
    }
    fillMissing(b.values, b.times, fill, what, notes);
    return { times: b.times, values: b.values, stepMs, valueName: valueColumn ?? 'Total', notes };
  }
  const what = `column "${valueColumn}"`;
  const fill = options.fill ?? 'error';
  fillMissing(values, times, fill, what, notes);
  const r = regularRows(times, values, fill, what, notes);
  return { ...r, valueName: valueColumn!, notes };
}
