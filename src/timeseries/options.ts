// The "Time-series anomalies (STL)" form: which column is the time, which the value (or counts
// of events per bucket), the STL and scoring options, and the job arguments they become.
import { parseDuration } from '../analytics/stl/periods';
import { guessColumn, IColumn, isNumeric, isTimestamp } from '../ui/columns';
import type { FieldValue, IFormField } from '../ui/formdialog';
import type { Translate } from '../common/translate';
import { columnOptions } from '../ui/formdialog';
import type { IStlJobArgs, IStlPeriodsJobArgs } from '../protocol';

/** The value-column choice meaning "count the rows per bucket". */
export const COUNT_EVENTS = '';
/** The fill choice meaning "the analytics' default" (zero for counts and sums, else error). */
export const AUTO_FILL = '';

const AGGREGATIONS = ['sum', 'mean', 'min', 'max', 'count'] as const;
const FILLS = ['error', 'zero', 'linear'] as const;
const SCORES = ['zscore', 'robust'] as const;

/** Names of a column of counts or volumes (msticpy's TotalBytesSent, Sentinel's flow counts). */
const VALUE_PATTERNS = [
  /^total/i,
  /bytes/i,
  /(count|flows|packets|events|amount|sum|size|volume|value)$/i
];

export function stlFormFields(columns: IColumn[], labels: Translate): IFormField[] {
  const valueColumn = guessColumn(columns, VALUE_PATTERNS, isNumeric);
  return [
    {
      name: 'timeColumn',
      label: labels('Time column'),
      kind: 'select',
      options: [['', labels('(none)')], ...columnOptions(columns, isTimestamp)],
      value: guessColumn(columns, [/^timegenerated$/i, /time/i, /date/i, /./], isTimestamp)
    },
    {
      name: 'valueColumn',
      label: labels('Value column'),
      kind: 'select',
      options: [
        [COUNT_EVENTS, labels('(count events per bucket)')],
        ...columnOptions(columns, isNumeric)
      ],
      value: valueColumn,
      help: labels('A numeric column, or the number of rows per time bucket')
    },
    {
      name: 'bucket',
      label: labels('Bucket size'),
      kind: 'text',
      value: valueColumn === COUNT_EVENTS ? '1h' : '',
      help: labels(
        'e.g. 1h, 15min, 1d. Counts default to 1h; with a value column, empty uses the rows as they are'
      )
    },
    {
      name: 'agg',
      label: labels('Aggregation per bucket'),
      kind: 'select',
      options: AGGREGATIONS.map(a => [a, a]),
      value: 'sum'
    },
    {
      name: 'period',
      label: labels('Period (points per cycle)'),
      kind: 'text',
      value: '24',
      help: labels('24 for daily cycles of hourly points; several (e.g. 24, 168) for MSTL')
    },
    {
      name: 'robust',
      label: labels('Robust STL (down-weights outliers)'),
      kind: 'checkbox',
      value: false
    },
    {
      name: 'score',
      label: labels('Score'),
      kind: 'select',
      options: [
        ['zscore', labels('z-score of the residual')],
        ['robust', labels('robust (median / MAD)')]
      ],
      value: 'zscore'
    },
    {
      name: 'scoreThreshold',
      label: labels('Score threshold'),
      kind: 'number',
      value: 3,
      min: 0,
      step: 0.5
    },
    {
      name: 'fill',
      label: labels('Missing values'),
      kind: 'select',
      options: [
        [AUTO_FILL, labels('(automatic: zero for counts and sums, else error)')],
        ['error', labels('error')],
        ['zero', labels('fill with zero')],
        ['linear', labels('interpolate linearly')]
      ],
      value: AUTO_FILL
    },
    {
      name: 'parity',
      label: labels('msticpy parity (ts_anomalies_stl)'),
      kind: 'checkbox',
      value: false,
      help: labels('Integer results, z-score, spikes only, exactly as msticpy')
    }
  ];
}

function oneOf<T extends string>(
  value: FieldValue | undefined,
  allowed: readonly T[],
  what: string
): T {
  const text = String(value ?? '');
  if (!(allowed as readonly string[]).includes(text)) {
    throw new Error(`${what} must be one of ${allowed.join(', ')}; got "${text}"`);
  }
  return text as T;
}

/** "24" or "24, 168" → [24] or [24, 168]; each an integer of at least 2. */
function readPeriods(value: FieldValue | undefined): number[] {
  const parts = String(value ?? '')
    .split(/[\s,;]+/)
    .filter(Boolean);
  if (!parts.length) {
    throw new Error('Enter a period: the number of points per cycle (e.g. 24 for hourly data)');
  }
  return parts.map(part => {
    const p = Number(part);
    if (!Number.isInteger(p) || p < 2) {
      throw new Error(`The period must be a whole number of points of at least 2; got "${part}"`);
    }
    return p;
  });
}

function readBucket(value: FieldValue | undefined): string | undefined {
  const text = String(value ?? '').trim();
  if (!text) {
    return undefined;
  }
  try {
    parseDuration(text);
  } catch {
    throw new Error(`Cannot read the bucket size "${text}" (use e.g. 1h, 15min, 1d)`);
  }
  return text;
}

/** Job arguments from the form, or an error naming what is missing or wrong. */
export function stlJobArgs(tableId: number, v: Record<string, FieldValue>): IStlJobArgs {
  const timeColumn = String(v.timeColumn ?? '');
  if (!timeColumn) {
    throw new Error('Choose a time column (a timestamp column of the table)');
  }
  const valueColumn = String(v.valueColumn ?? '') || undefined;
  if (valueColumn === timeColumn) {
    throw new Error('The value column must differ from the time column');
  }
  const bucket = readBucket(v.bucket);
  const agg = oneOf(v.agg ?? 'sum', AGGREGATIONS, 'The aggregation');
  if (valueColumn && !bucket && agg !== 'sum') {
    throw new Error(`Aggregating by ${agg} needs a bucket size (e.g. 1h); set one or choose sum`);
  }
  const periods = readPeriods(v.period);
  const threshold = Number(v.scoreThreshold);
  if (!Number.isFinite(threshold) || threshold <= 0) {
    throw new Error(
      `The score threshold must be a number above 0; got ${String(v.scoreThreshold)}`
    );
  }
  const score = oneOf(v.score ?? 'zscore', SCORES, 'The score method');
  const fillText = String(v.fill ?? AUTO_FILL);
  const fill =
    fillText === AUTO_FILL ? undefined : oneOf(fillText, FILLS, 'The missing-value fill');
  const parity = Boolean(v.parity);
  if (parity && periods.length > 1) {
    throw new Error('msticpy parity takes one period; untick it to use several periods (MSTL)');
  }
  if (parity && score !== 'zscore') {
    throw new Error('msticpy parity scores with the z-score; choose z-score or untick parity');
  }
  const args: IStlJobArgs = {
    tableId,
    timeColumn,
    scoreThreshold: threshold,
    robust: Boolean(v.robust)
  };
  if (valueColumn) {
    args.valueColumn = valueColumn;
    if (bucket) {
      args.bucket = bucket;
      args.agg = agg;
    }
  } else {
    args.bucket = bucket ?? '1h';
  }
  if (fill) {
    args.fill = fill;
  }
  if (parity) {
    args.parity = 'msticpy';
  } else {
    args.score = score;
  }
  if (periods.length > 1) {
    args.periods = periods;
  } else {
    args.period = periods[0];
  }
  return args;
}

/**
 * Arguments of the anomaly-periods job on a scored table. msticpy parity keeps msticpy's
 * defaults (1 hour granularity, spikes only); otherwise periods follow the series' step and
 * include dips, which the default mode flags too.
 */
export function stlPeriodsJobArgs(
  scoredTableId: number,
  args: IStlJobArgs,
  stepMs: number
): IStlPeriodsJobArgs {
  if (args.parity === 'msticpy') {
    return { tableId: scoredTableId, timeColumn: args.timeColumn, parity: 'msticpy' };
  }
  return {
    tableId: scoredTableId,
    timeColumn: args.timeColumn,
    period: stepMs > 0 ? stepMs : (args.bucket ?? '1h'),
    posOnly: false
  };
}
