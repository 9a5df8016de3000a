// Anomaly periods and KQL time filters as msticpy's extract_anomaly_periods and
// create_time_period_kqlfilter produce them, and the Kusto query that does the same analysis
// server-side (msticpy's get_timeseries_anomalies template) for data too large for the browser.
import { StlInputError } from './params';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1e3,
  sec: 1e3,
  m: 60e3,
  min: 60e3,
  t: 60e3,
  h: 3600e3,
  hr: 3600e3,
  hour: 3600e3,
  d: 86400e3,
  day: 86400e3,
  w: 604800e3,
  week: 604800e3
};

/** Duration in ms from a number (ms) or a pandas/KQL-style string: '1h', '30min', '15m', '2d'. */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') {
    if (!(value > 0) || !Number.isFinite(value)) {
      throw new StlInputError(`A duration must be a positive number of milliseconds; got ${value}`);
    }
    return value;
  }
  const m = /^\s*(\d+(?:\.\d+)?)?\s*([a-z]+)\s*$/i.exec(value);
  const word = m ? m[2].toLowerCase() : '';
  const unit = UNIT_MS[word] ?? (word.endsWith('s') ? UNIT_MS[word.slice(0, -1)] : undefined);
  if (!m || unit === undefined || !(Number(m[1] ?? 1) > 0)) {
    throw new StlInputError(`Cannot read the duration "${value}" (use e.g. 1h, 30min, 15m, 1d)`);
  }
  return Number(m[1] ?? 1) * unit;
}

export interface IAnomalyPeriod {
  /** ms since the epoch (UTC) */
  start: number;
  end: number;
}

export interface IPeriodOptions {
  /** Granularity for merging neighbouring anomalies; default '1h'. */
  period?: string | number;
  /** Only +1 anomalies (default true), else +1 and -1. */
  posOnly?: boolean;
}

const DAY = 86400e3;

/**
 * msticpy's extract_anomaly_periods: anomalous rows are resampled into `period` buckets
 * (pandas' origin 'start_day': midnight UTC of the first one); each bucket b gives
 * [b - period, b + period], and a bucket within 2 periods of the previous one extends it.
 */
export function anomalyPeriods(
  times: ArrayLike<number>,
  anomalies: ArrayLike<number>,
  options: IPeriodOptions = {}
): IAnomalyPeriod[] {
  const p = parseDuration(options.period ?? '1h');
  const posOnly = options.posOnly ?? true;
  const hits: number[] = [];
  for (let i = 0; i < anomalies.length; i++) {
    const a = anomalies[i];
    if ((a === 1 || (!posOnly && a === -1)) && Number.isFinite(times[i])) {
      hits.push(times[i]);
    }
  }
  if (!hits.length) {
    return [];
  }
  hits.sort((a, b) => a - b);
  const origin = Math.floor(hits[0] / DAY) * DAY;
  const periods: IAnomalyPeriod[] = [];
  let last: number | null = null;
  for (const t of hits) {
    const b = origin + Math.floor((t - origin) / p) * p;
    if (b === last) {
      continue;
    }
    if (last !== null && b - last <= 2 * p) {
      periods[periods.length - 1].end = b + p;
    } else {
      periods.push({ start: b - p, end: b + p });
    }
    last = b;
  }
  return periods;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** str(pd.Timestamp) of a UTC time: '2019-05-13 16:00:00+00:00' (microseconds when non-zero). */
export function pandasTimestamp(ms: number): string {
  const d = new Date(ms);
  const frac = ms - Math.floor(ms / 1000) * 1000;
  const micro = frac ? `.${pad(Math.round(frac * 1000), 6)}` : '';
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${micro}+00:00`;
}

export interface IKqlFilterOptions {
  /** Default 'TimeGenerated' (msticpy hard-codes it; parity ignores this option). */
  timeColumn?: string;
  parity?: 'msticpy';
}

/** A KQL column name, bracket-quoted when it is not a plain identifier. */
export function kqlName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
    ? name
    : `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/**
 * msticpy's create_time_period_kqlfilter: '| where TimeGenerated between (datetime(S) ..
 * datetime(E)) or ...'. With no periods msticpy returns '| where ' (invalid KQL); the default
 * mode returns '| where false' (no rows), and takes the time column name.
 */
export function kqlTimeFilter(periods: IAnomalyPeriod[], options: IKqlFilterOptions = {}): string {
  const parity = options.parity === 'msticpy';
  const col = parity ? 'TimeGenerated' : kqlName(options.timeColumn ?? 'TimeGenerated');
  if (!periods.length && !parity) {
    return '| where false';
  }
  const clauses = periods.map(
    p =>
      `${col} between (datetime(${pandasTimestamp(p.start)}) .. datetime(${pandasTimestamp(p.end)}))`
  );
  return `| where ${clauses.join(' or ')}`;
}

export interface IKqlAnomalyQuery {
  table: string;
  start: number;
  end: number;
  /** make-series step; default '1h'. */
  timeframe?: string;
  scoreThreshold?: number;
  timeColumn?: string;
  /** Name of the aggregate; default 'Total'. */
  aggregateColumn?: string;
  /** KQL aggregation; default 'count()'. */
  aggregateFunction?: string;
  /** Optional `by` column (msticpy's default is Type). */
  groupByColumn?: string;
  whereClause?: string;
}

const isoKql = (ms: number) => new Date(ms).toISOString();

/** Kusto-side equivalent: msticpy's get_timeseries_anomalies (series_decompose_anomalies). */
export function kqlAnomaliesQuery(q: IKqlAnomalyQuery): string {
  const t = kqlName(q.timeColumn ?? 'TimeGenerated');
  const agg = kqlName(q.aggregateColumn ?? 'Total');
  const by = q.groupByColumn ? kqlName(q.groupByColumn) : null;
  const [start, end] = [isoKql(q.start), isoKql(q.end)];
  const step = q.timeframe ?? '1h';
  parseDuration(step);
  return [
    kqlName(q.table),
    ...(q.whereClause ? [q.whereClause] : []),
    `| where ${t} >= datetime(${start})`,
    `| where ${t} <= datetime(${end})`,
    `| make-series ${agg}=${q.aggregateFunction ?? 'count()'} on ${t} from datetime(${start}) to datetime(${end}) step ${step}${by ? ` by ${by}` : ''}`,
    `| extend (anomalies, score, baseline) = series_decompose_anomalies(${agg}, ${q.scoreThreshold ?? 3}, -1, "linefit")`,
    `| mv-expand ${agg} to typeof(double), ${t} to typeof(datetime), anomalies to typeof(double), score to typeof(double), baseline to typeof(long)`,
    '| extend score = round(score, 2)'
  ].join('\n');
}
