// QueryTime arithmetic (msticpy nbwidgets parity) and validation. Pure: no DOM, no JupyterLab.
import type { HuntContext } from '../tokens';
import { plainTranslate, Translate } from './translate';

export type TimeUnit = HuntContext.TimeUnit;
export type IQueryTimeSpec = HuntContext.IQueryTimeSpec;

export const TIME_UNITS: readonly TimeUnit[] = ['minute', 'hour', 'day', 'week'];
export const UNIT_SECONDS: Record<TimeUnit, number> = {
  minute: 60,
  hour: 3600,
  day: 86400,
  week: 604800
};
/** msticpy's slider range per unit when no maximum is given (`default_max_buffer`). */
export const UNIT_MAX: Record<TimeUnit, number> = { minute: 240, hour: 72, day: 28, week: 20 };
/**
 * Largest before/after amounts accepted when the settings give none. Wider than msticpy's
 * slider ranges (its 28 days would reject the "last 30 days" preset); see schema/timerange.json.
 */
export const DEFAULT_MAX: Record<TimeUnit, number> = { minute: 1440, hour: 168, day: 90, week: 52 };

/** msticpy `parse_time_unit`, without SECOND (QueryTime excludes it): m first, then h, d, w. */
export function parseTimeUnit(text: string): TimeUnit {
  const c = text.trim().toLowerCase()[0];
  return c === 'h' ? 'hour' : c === 'd' ? 'day' : c === 'w' ? 'week' : 'minute';
}

/** msticpy `default_before_after`. */
export function defaultBeforeAfter(value: number | null | undefined, unit: TimeUnit): number {
  if (value !== null && value !== undefined) {
    return Math.abs(value);
  }
  return unit === 'day' || unit === 'week' ? 1 : unit === 'hour' ? 6 : 60;
}

/** msticpy `default_max_buffer`: the slider maximum for a unit given a default value. */
export function defaultMaxBuffer(
  max: number | null | undefined,
  dflt: number,
  unit: TimeUnit
): number {
  const m = Math.abs(Math.trunc(dflt * 4));
  if (max !== null && max !== undefined) {
    return Math.max(Math.abs(max), m);
  }
  return Math.max(UNIT_MAX[unit], m);
}

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parse a time typed by a user or read from metadata: ISO 8601 with `Z` or an offset, or a
 * naive `YYYY-MM-DD[ HH:MM[:SS]]`, which is UTC as in msticpy. Anything else is null
 * (Date.parse alone accepts too much, e.g. "1" or "March 7").
 */
export function parseTime(text: string): Date | null {
  const s = text.trim();
  const naive = NAIVE.exec(s);
  if (naive) {
    const [, y, mo, d, h, mi, sec, frac] = naive;
    const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
    const date = new Date(Date.UTC(+y, +mo - 1, +d, +(h ?? 0), +(mi ?? 0), +(sec ?? 0), ms));
    // Reject rolled-over dates such as 2024-02-31.
    return date.getUTCMonth() === +mo - 1 && date.getUTCDate() === +d && +(h ?? 0) < 24
      ? date
      : null;
  }
  if (ZONED.test(s)) {
    const t = Date.parse(s.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(t) ? null : new Date(t);
  }
  return null;
}

/** ISO 8601 UTC with a `Z`, without milliseconds when they are zero. */
export function toIso(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('.000Z') ? iso.slice(0, -5) + 'Z' : iso;
}

/** A resolved range: concrete instants. */
export interface IResolvedRange {
  start: Date;
  end: Date;
  /** The origin instant of a relative range ("now" resolved), null for an absolute one. */
  origin: Date | null;
}

/** Concrete start/end for a spec; "now" as origin is evaluated at `now`. Null when unusable. */
export function resolveQueryTime(spec: IQueryTimeSpec, now: Date): IResolvedRange | null {
  if (spec.origin !== null) {
    const origin = spec.origin === 'now' ? now : parseTime(spec.origin);
    const unitSeconds = spec.units === null ? undefined : UNIT_SECONDS[spec.units];
    if (!origin || !unitSeconds || !Number.isFinite(spec.before) || !Number.isFinite(spec.after)) {
      return null;
    }
    const start = new Date(origin.getTime() - spec.before! * unitSeconds * 1000);
    const end = new Date(origin.getTime() + spec.after! * unitSeconds * 1000);
    // Far-out amounts leave the Date range (about ±275,000 years).
    return Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())
      ? null
      : { origin, start, end };
  }
  const start = spec.start === null ? null : parseTime(spec.start);
  const end = spec.end === null ? null : parseTime(spec.end);
  return start && end ? { start, end, origin: null } : null;
}

/** Limits from the user's settings. Absent per-unit maximums use DEFAULT_MAX. */
export interface IQueryTimeLimits {
  maxBefore?: Partial<Record<TimeUnit, number>>;
  maxAfter?: Partial<Record<TimeUnit, number>>;
  /** Longest allowed span, in days. */
  maxSpanDays?: number;
}

export type QueryTimeField =
  'origin' | 'before' | 'after' | 'units' | 'start' | 'end' | 'range' | 'label';
export interface IFieldError {
  field: QueryTimeField;
  message: string;
}

function checkAmount(
  field: 'before' | 'after',
  value: number | null,
  max: number,
  __: Translate
): IFieldError | null {
  if (value === null || !Number.isInteger(value) || value < 0) {
    return { field, message: __('Enter a whole number of 0 or more.') };
  }
  return value > max ? { field, message: __('At most %1.', max) } : null;
}

/** Every problem with a spec, by field; empty when the spec may be used. */
export function validateQueryTime(
  spec: IQueryTimeSpec,
  limits: IQueryTimeLimits,
  now: Date,
  __: Translate = plainTranslate
): IFieldError[] {
  const errors: IFieldError[] = [];
  if (spec.origin !== null) {
    if (spec.origin !== 'now' && !parseTime(spec.origin)) {
      errors.push({
        field: 'origin',
        message: __('Not a date and time, e.g. 2024-01-10 12:00 (UTC).')
      });
    }
    if (spec.units === null || !TIME_UNITS.includes(spec.units)) {
      errors.push({ field: 'units', message: __('Choose minute, hour, day or week.') });
      return errors;
    }
    const unit = spec.units;
    const before = checkAmount(
      'before',
      spec.before,
      limits.maxBefore?.[unit] ?? DEFAULT_MAX[unit],
      __
    );
    const after = checkAmount(
      'after',
      spec.after,
      limits.maxAfter?.[unit] ?? DEFAULT_MAX[unit],
      __
    );
    errors.push(...([before, after].filter(e => e !== null) as IFieldError[]));
  } else {
    for (const field of ['start', 'end'] as const) {
      if (spec[field] === null || !parseTime(spec[field]!)) {
        errors.push({ field, message: __('Not a date and time, e.g. 2024-01-10 12:00 (UTC).') });
      }
    }
  }
  if (errors.length) {
    return errors;
  }
  const range = resolveQueryTime(spec, now);
  if (!range) {
    return [{ field: 'range', message: __('The range is out of bounds.') }];
  }
  const spanMs = range.end.getTime() - range.start.getTime();
  if (spanMs <= 0) {
    errors.push({ field: 'range', message: __('The start must be before the end.') });
  } else if (limits.maxSpanDays && spanMs > limits.maxSpanDays * 86400000) {
    errors.push({
      field: 'range',
      message: __('The range is longer than %1 days.', limits.maxSpanDays)
    });
  }
  return errors;
}

/**
 * A spec from an absolute start/end, as msticpy `QueryTime.set_time`: origin = end,
 * before = whole units in the span, after = 0; without units the unit is inferred
 * (day above one day, hour above one hour, else minute). Kept absolute (origin null)
 * because the amounts are truncated and would not reproduce the start exactly.
 */
export function specFromRange(start: Date, end: Date, label: string | null = null): IQueryTimeSpec {
  return {
    start: toIso(start),
    end: toIso(end),
    origin: null,
    before: null,
    after: null,
    units: null,
    label
  };
}

/** msticpy's unit inference and whole-unit amounts for a span (QueryTime set_time). */
export function inferAmounts(
  start: Date,
  end: Date,
  units?: TimeUnit
): { before: number; after: number; units: TimeUnit } {
  const seconds = (end.getTime() - start.getTime()) / 1000;
  const unit = units ?? (seconds > 86400 ? 'day' : seconds > 3600 ? 'hour' : 'minute');
  return { before: Math.trunc(seconds / UNIT_SECONDS[unit]), after: 0, units: unit };
}

/** A relative spec around an origin (ISO or "now"). */
export function relativeSpec(
  origin: string,
  before: number,
  after: number,
  units: TimeUnit,
  label: string | null = null
): IQueryTimeSpec {
  return { start: null, end: null, origin, before, after, units, label };
}

export interface IPreset {
  id: string;
  label: string;
  before: number;
  units: TimeUnit;
}

/** "Last ..." presets: relative to now, so they keep moving. */
export const PRESETS: readonly IPreset[] = [
  { id: 'last-15m', label: 'Last 15 minutes', before: 15, units: 'minute' },
  { id: 'last-1h', label: 'Last hour', before: 1, units: 'hour' },
  { id: 'last-24h', label: 'Last 24 hours', before: 24, units: 'hour' },
  { id: 'last-7d', label: 'Last 7 days', before: 7, units: 'day' },
  { id: 'last-30d', label: 'Last 30 days', before: 30, units: 'day' }
];

export function presetSpec(preset: IPreset): IQueryTimeSpec {
  return relativeSpec('now', preset.before, 0, preset.units, preset.label);
}

/** The spec as stored in notebook metadata: relative "now" stays relative, start/end are a snapshot. */
export function specForMetadata(spec: IQueryTimeSpec, now: Date): IQueryTimeSpec {
  const range = resolveQueryTime(spec, now);
  return range ? { ...spec, start: toIso(range.start), end: toIso(range.end) } : spec;
}

/** The kernel's view of the range: start/end computed now, origin an instant or null. */
export function wireQueryTime(spec: IQueryTimeSpec, now: Date): IQueryTimeSpec | null {
  const range = resolveQueryTime(spec, now);
  if (!range) {
    return null;
  }
  return {
    start: toIso(range.start),
    end: toIso(range.end),
    origin: range.origin ? toIso(range.origin) : null,
    before: spec.origin !== null ? spec.before : null,
    after: spec.origin !== null ? spec.after : null,
    units: spec.origin !== null ? spec.units : null,
    label: spec.label
  };
}

/** Python keyword arguments for a range, e.g. for a msticpy query call. */
export function pythonArgs(range: IResolvedRange): string {
  return `start="${toIso(range.start)}", end="${toIso(range.end)}"`;
}

/** Display as `2024-01-10 12:00:00 UTC` (to the second: "now" ranges carry milliseconds). */
export function formatUtc(date: Date): string {
  return toIso(date)
    .replace('T', ' ')
    .replace(/(\.\d+)?Z$/, ' UTC');
}

/** Coerce untrusted JSON (notebook metadata, settings) to a spec; null when it is not one. */
export function asQueryTimeSpec(value: unknown): IQueryTimeSpec | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return null;
  }
  const v = value as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === 'string' ? x : null);
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  const units =
    typeof v.units === 'string' && TIME_UNITS.includes(v.units as TimeUnit)
      ? (v.units as TimeUnit)
      : null;
  const spec: IQueryTimeSpec = {
    start: str(v.start),
    end: str(v.end),
    origin: str(v.origin),
    before: num(v.before),
    after: num(v.after),
    units,
    label: str(v.label)
  };
  return resolveQueryTime(spec, new Date()) ? spec : null;
}
