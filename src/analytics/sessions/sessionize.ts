// msticpy's sessionize_data / create_session_col (sessionize.py) on plain arrays, in
// O(n log n) instead of a Python loop over rows: sort events by the user columns then time
// (stable, as pandas' multi-column sort), and start a new session when a user value changes,
// when the gap to the previous event exceeds the maximum separation, or when the time since
// the session's first event exceeds the maximum session length (both strict >).
import { JobContext, NO_JOB } from '../job';
import { SessionInputError } from './tokens';

export type UserValue = string | number | bigint | boolean | null;

export interface ISessionizeOptions {
  /** msticpy's max_session_time_mins. */
  maxSessionMinutes: number;
  /** msticpy's max_event_separation_mins. */
  maxGapMinutes: number;
  /**
   * msticpy replaces missing user values by the text "dummy_str" while grouping, so they share
   * a session with a real user called "dummy_str". Default: missing is its own user, sorted last.
   */
  parity?: boolean;
}

export interface ISessionizeResult {
  /** Input rows in session order (user, then time). */
  order: Int32Array;
  /** Session s holds order[offsets[s] .. offsets[s + 1] - 1]. */
  offsets: Int32Array;
}

/** msticpy's placeholder for missing user values. */
export const DUMMY_USER = 'dummy_str';

/**
 * @param users one array of values per user column
 * @param times event times, in any unit, as numbers (no NaN)
 * @param unitsPerMinute how many time units make a minute
 */
export function sessionize(
  users: readonly (readonly UserValue[])[],
  times: Float64Array,
  unitsPerMinute: number,
  options: ISessionizeOptions,
  ctx: JobContext = NO_JOB
): ISessionizeResult {
  const n = times.length;
  checkMinutes(options.maxSessionMinutes, 'maximum session time');
  checkMinutes(options.maxGapMinutes, 'maximum gap between events');
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(times[i])) {
      throw new SessionInputError(`The time of row ${i} is missing; every event needs a time`);
    }
  }
  const ranks = users.map(col => rankColumn(col, options.parity ?? false));
  let order: Int32Array = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    order[i] = i;
  }
  // LSD radix over the user columns: each pass is a stable counting sort.
  for (let c = ranks.length - 1; c >= 0; c--) {
    order = countingSort(order, ranks[c].rank, ranks[c].distinct);
  }
  ctx.check(0.3, 'sorting events');
  const sameUser = (x: number, y: number) => ranks.every(r => r.rank[x] === r.rank[y]);
  // Sort each user's events by time (stable: ties keep input order), unless already sorted.
  for (let a = 0; a < n;) {
    let b = a + 1;
    while (b < n && sameUser(order[a], order[b])) {
      b++;
    }
    let sorted = true;
    for (let i = a + 1; i < b && sorted; i++) {
      sorted = times[order[i - 1]] <= times[order[i]];
    }
    if (!sorted) {
      const part = order.subarray(a, b);
      part.sort((x, y) => times[x] - times[y] || x - y);
    }
    a = b;
  }
  ctx.check(0.6, 'splitting sessions');
  const maxGap = options.maxGapMinutes * unitsPerMinute;
  const maxSession = options.maxSessionMinutes * unitsPerMinute;
  const starts: number[] = [0];
  let cml = 0;
  for (let i = 1; i < n; i++) {
    const cur = order[i];
    const prev = order[i - 1];
    const dif = times[cur] - times[prev];
    const next = cml + dif;
    if (!sameUser(cur, prev) || dif > maxGap || next > maxSession) {
      starts.push(i);
      cml = 0;
    } else {
      cml = next;
    }
    if ((i & 0xfffff) === 0) {
      ctx.check(0.6 + (0.4 * i) / n, 'splitting sessions');
    }
  }
  const offsets = n === 0 ? new Int32Array([0]) : Int32Array.from([...starts, n]);
  return { order, offsets };
}

function checkMinutes(x: number, what: string): void {
  if (typeof x !== 'number' || !(x >= 0) || !Number.isFinite(x)) {
    throw new SessionInputError(`The ${what} must be a number of minutes >= 0, not ${String(x)}`);
  }
}

interface IRanks {
  rank: Int32Array;
  distinct: number;
}

/** Dense rank of each row's value in pandas' sort order (missing values last). */
function rankColumn(values: readonly UserValue[], parity: boolean): IRanks {
  const index = new Map<UserValue, number>();
  const keys: UserValue[] = [];
  const ids = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let v = values[i];
    if (v === null && parity) {
      v = DUMMY_USER;
    }
    let id = index.get(v);
    if (id === undefined) {
      id = keys.length;
      index.set(v, id);
      keys.push(v);
    }
    ids[i] = id;
  }
  const sorted = keys.map((_, i) => i).sort((x, y) => compareValues(keys[x], keys[y]));
  const rankOf = new Int32Array(keys.length);
  sorted.forEach((k, r) => (rankOf[k] = r));
  const rank = ids.map(id => rankOf[id]);
  return { rank, distinct: keys.length };
}

function compareValues(a: UserValue, b: UserValue): number {
  if (a === b) {
    return 0;
  }
  if (a === null) {
    return 1;
  }
  if (b === null) {
    return -1;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    return a < b ? -1 : 1;
  }
  if (typeof a === 'string' || typeof b === 'string') {
    return typeof a === 'string' ? 1 : -1; // numbers before text (only a parity placeholder mixes them)
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function countingSort(order: Int32Array, rank: Int32Array, distinct: number): Int32Array {
  const counts = new Int32Array(distinct + 1);
  for (let i = 0; i < order.length; i++) {
    counts[rank[order[i]] + 1]++;
  }
  for (let r = 0; r < distinct; r++) {
    counts[r + 1] += counts[r];
  }
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) {
    out[counts[rank[order[i]]]++] = order[i];
  }
  return out;
}
