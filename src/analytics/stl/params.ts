// STL parameters and statsmodels' resolution rules (STL.__init__ and STL.fit defaults).

export class StlInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StlInputError';
  }
}

export interface IStlOptions {
  /** Observations per seasonal cycle (>= 2). */
  period: number;
  /** Seasonal smoother length, odd >= 3. Default 7. */
  seasonal?: number;
  /** Trend smoother length, odd >= 3 and > period. Default: next odd >= 1.5 period / (1 - 1.5 / seasonal). */
  trend?: number;
  /** Low-pass filter length, odd >= 3 and > period. Default: smallest odd > period. */
  lowPass?: number;
  /** LOESS degrees, 0 or 1. Default 1 each. */
  seasonalDeg?: number;
  trendDeg?: number;
  lowPassDeg?: number;
  /** Evaluate every j-th point and interpolate. Default 1 each. */
  seasonalJump?: number;
  trendJump?: number;
  lowPassJump?: number;
  /** Robustness iterations (outer loop) with bisquare weights. Default false. */
  robust?: boolean;
  /** Inner loop passes. Default 2 if robust else 5. */
  inner?: number;
  /** Outer (robustness) passes. Default 15 if robust else 0. */
  outer?: number;
}

export type StlConfig = Required<IStlOptions>;

function isPosInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x > 0;
}

function oddWindow(name: string, value: number, period: number, abovePeriod: boolean): number {
  if (!isPosInt(value) || value % 2 !== 1 || value < 3 || (abovePeriod && value <= period)) {
    const extra = abovePeriod ? ` and greater than the period (${period})` : '';
    throw new StlInputError(`${name} must be an odd integer >= 3${extra}; got ${value}`);
  }
  return value;
}

function positive(name: string, value: number): number {
  if (!isPosInt(value)) {
    throw new StlInputError(`${name} must be a positive integer; got ${value}`);
  }
  return value;
}

function degree(name: string, value: number): number {
  if (value !== 0 && value !== 1) {
    throw new StlInputError(`${name} must be 0 or 1; got ${value}`);
  }
  return value;
}

/** The default trend window statsmodels picks for a period and seasonal window. */
export function defaultTrend(period: number, seasonal: number): number {
  const t = Math.ceil((1.5 * period) / (1 - 1.5 / seasonal));
  return t % 2 === 0 ? t + 1 : t;
}

/** Resolve defaults and validate as statsmodels does (messages name the parameter). */
export function resolveStl(options: IStlOptions): StlConfig {
  const period = options.period;
  if (!isPosInt(period) || period < 2) {
    throw new StlInputError(`period must be an integer >= 2; got ${period}`);
  }
  const seasonal = oddWindow('seasonal', options.seasonal ?? 7, period, false);
  const trend = oddWindow('trend', options.trend ?? defaultTrend(period, seasonal), period, true);
  const lowPass = oddWindow(
    'lowPass',
    options.lowPass ?? (period % 2 === 0 ? period + 1 : period + 2),
    period,
    true
  );
  const robust = options.robust ?? false;
  const inner = positive('inner', options.inner ?? (robust ? 2 : 5));
  const outer = options.outer ?? (robust ? 15 : 0);
  if (!Number.isInteger(outer) || outer < 0) {
    throw new StlInputError(`outer must be a non-negative integer; got ${outer}`);
  }
  return {
    period,
    seasonal,
    trend,
    lowPass,
    seasonalDeg: degree('seasonalDeg', options.seasonalDeg ?? 1),
    trendDeg: degree('trendDeg', options.trendDeg ?? 1),
    lowPassDeg: degree('lowPassDeg', options.lowPassDeg ?? 1),
    seasonalJump: positive('seasonalJump', options.seasonalJump ?? 1),
    trendJump: positive('trendJump', options.trendJump ?? 1),
    lowPassJump: positive('lowPassJump', options.lowPassJump ?? 1),
    robust,
    inner,
    outer
  };
}
