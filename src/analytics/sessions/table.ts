// Arrow in, Arrow out: sessionize an event table, score a session table. Result columns
// follow msticpy (`rarest_window{k}_likelihood`, `rarest_window{k}`), extras after them.
import {
  Data,
  Duration,
  Field,
  Float64,
  Int32,
  List,
  makeData,
  makeVector,
  Struct,
  Table,
  Utf8,
  Vector,
  vectorFromArray
} from 'apache-arrow';
import { requireColumn } from '../arrow';
import { JobContext, NO_JOB } from '../job';
import { takeRows } from '../rows';
import { commandListVector, gatherRows, namesData, utf8Data } from './arrowOut';
import { eventParams, readSessionColumn, readTimes, readUserValues } from './arrowIn';
import { addCommand, ISessionData, SessionDataBuilder } from './data';
import { explanationTexts, IExplanations } from './extras';
import { distinctSessions, IDistinctSessions } from './distinct';
import { IScoreOptions, ISessionScores, scoreDistinctSessions } from './score';
import { DUMMY_USER, ISessionizeOptions, sessionize } from './sessionize';
import { SessionInputError, SessionKind } from './tokens';

export interface ISessionizeTableOptions extends ISessionizeOptions {
  /** msticpy's user_identifier_cols. */
  userColumns: string[];
  /** msticpy's time_col: an Arrow timestamp column. */
  timeColumn: string;
  /** msticpy's event_col: the command of each event (text). */
  commandColumn: string;
  /** Optional params of each event: list<utf8> (a set), map<utf8, utf8> or JSON text. */
  paramsColumn?: string;
}

export interface ISessionizedTable {
  /** One row per session: users, {time}_min, {time}_max, {command}_list, duration, number_events. */
  table: Table;
  sessions: ISessionData;
}

/** msticpy's sessionize_data on an Arrow event table. */
export function sessionizeTable(
  table: Table,
  options: ISessionizeTableOptions,
  ctx: JobContext = NO_JOB
): ISessionizedTable {
  const { userColumns, timeColumn, commandColumn, paramsColumn } = options;
  const times = readTimes(table, timeColumn);
  const users = userColumns.map(c => readUserValues(table, c));
  const commands = requireColumn(table, commandColumn);
  const params = paramsColumn ? requireColumn(table, paramsColumn) : null;
  const { order, offsets } = sessionize(users, times.values, times.unitsPerMinute, options, ctx);
  const n = offsets.length - 1;
  const cmdText = commands.toArray() as unknown[];
  const paramCells = params ? (params.toArray() as unknown[]) : null;
  const kind = paramCells ? eventKind(paramCells, paramsColumn!) : 'cmds';
  const b = new SessionDataBuilder(kind);
  for (let s = 0; s < n; s++) {
    for (let k = offsets[s]; k < offsets[s + 1]; k++) {
      const row = order[k];
      const where = `row ${row} of "${commandColumn}"`;
      const name = cmdText[row];
      if (name === null || name === undefined) {
        throw new SessionInputError(`The command is missing at ${where}`);
      }
      const p = paramCells ? eventParams(paramCells[row], `row ${row} of "${paramsColumn}"`) : null;
      addCommand(
        b,
        kind === 'cmds' ? String(name) : { name: String(name), params: p ?? [] },
        where
      );
    }
    b.endSession();
  }
  const sessions = b.finish();
  const first = Int32Array.from({ length: n }, (_, s) => order[offsets[s]]);
  const last = Int32Array.from({ length: n }, (_, s) => order[offsets[s + 1] - 1]);
  const userTable = takeRows(table.select(userColumns), first);
  const columns: Record<string, Vector> = {};
  userColumns.forEach(c => {
    const v = userTable.getChild(c)!;
    columns[c] = options.parity ? dummyToNull(v) : v;
  });
  const timeCol = table.select([timeColumn]);
  columns[`${timeColumn}_min`] = takeRows(timeCol, first).getChild(timeColumn)!;
  columns[`${timeColumn}_max`] = takeRows(timeCol, last).getChild(timeColumn)!;
  columns[`${commandColumn}_list`] = commandListVector(
    sessions,
    sessions.offsets,
    sessions.offsets
  );
  columns.duration = durationVector(times, first, last);
  columns.number_events = makeVector(
    Int32Array.from({ length: n }, (_, s) => offsets[s + 1] - offsets[s])
  );
  return { table: new Table(columns), sessions };
}

function eventKind(cells: unknown[], column: string): SessionKind {
  for (let i = 0; i < cells.length; i++) {
    const p = eventParams(cells[i], `row ${i} of "${column}"`);
    if (p !== null) {
      return Array.isArray(p) ? 'params' : 'values';
    }
  }
  return 'params';
}

/** msticpy turns the "dummy_str" placeholder back into NaN, real users of that name included. */
function dummyToNull(v: Vector): Vector {
  const values = v.toArray() as unknown[];
  if (!values.some(x => x === DUMMY_USER)) {
    return v;
  }
  return vectorFromArray(values.map(x => (x === DUMMY_USER ? null : x)) as string[], v.type);
}

function durationVector(
  times: ReturnType<typeof readTimes>,
  first: Int32Array,
  last: Int32Array
): Vector {
  const n = first.length;
  const out = new BigInt64Array(n);
  for (let s = 0; s < n; s++) {
    out[s] = times.raw
      ? times.raw[last[s]] - times.raw[first[s]]
      : BigInt(Math.round(times.values[last[s]] - times.values[first[s]]));
  }
  const data = makeData({
    type: new Duration(times.unit),
    length: n,
    nullCount: 0,
    data: out
  } as any);
  return makeVector(data as unknown as Data<Duration>);
}

export interface IScoreTableOptions extends IScoreOptions {
  /** A column of sessions (see arrowIn.ts for the accepted types)... */
  sessionColumn?: string;
  /** ...or an event table to sessionize first. */
  events?: ISessionizeTableOptions;
}

/**
 * msticpy's score_sessions on an Arrow table: the input (or the sessionized events) with the
 * score columns appended. Without a window (fewer than W - 1 commands with tokens) the
 * likelihood is null and the window an empty list, as msticpy's NaN and [].
 */
export function scoreSessionTable(
  table: Table,
  options: IScoreTableOptions,
  ctx: JobContext = NO_JOB
): Table {
  let base: Table;
  let sessions: IDistinctSessions;
  if (options.events) {
    const sessionized = sessionizeTable(table, options.events, ctx);
    base = sessionized.table;
    sessions = distinctSessions(sessionized.sessions);
  } else if (options.sessionColumn) {
    base = table;
    sessions = readSessionColumn(table, options.sessionColumn);
  } else {
    throw new SessionInputError('Give either a session column or the event columns to sessionize');
  }
  const scores = scoreDistinctSessions(sessions, options, ctx);
  const columns: Record<string, Vector> = {};
  base.schema.fields.forEach((f, i) => (columns[f.name] = base.getChildAt(i)!));
  Object.assign(columns, scoreColumns(sessions, scores));
  return new Table(columns);
}

/** The score columns, in order: msticpy's two, then the extras. */
export function scoreColumns(
  sessions: IDistinctSessions,
  scores: ISessionScores
): Record<string, Vector> {
  const k = scores.windowLength;
  const { distinct, of } = scores;
  const rw = distinct.rarest;
  const offsets = sessions.data.offsets;
  const n = of.length;
  // Each row's rarest window: events of the distinct session it stands for.
  const winOffsets = new Int32Array(n + 1);
  const winStart = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    const d = of[s];
    winOffsets[s + 1] = winOffsets[s] + rw.length[d];
    winStart[s] = offsets[d] + rw.start[d];
  }
  const cols: Record<string, Vector> = {
    [`rarest_window${k}_likelihood`]: floats(rw.likelihood, of),
    [`rarest_window${k}`]: commandListVector(sessions.data, winOffsets, winStart)
  };
  // Everything beyond msticpy's two columns is an extra.
  const {
    sessions: lik,
    rarestPercentile,
    meanLogLikelihood,
    meanLogLikelihoodPercentile
  } = distinct;
  if (lik && rarestPercentile && meanLogLikelihood && meanLogLikelihoodPercentile) {
    cols[`rarest_window${k}_log_likelihood`] = floats(rw.logLikelihood, of);
    cols[`rarest_window${k}_start`] = ints(rw.start, of);
    cols[`rarest_window${k}_percentile`] = floats(rarestPercentile, of);
    cols.session_likelihood = floats(lik.likelihood, of);
    cols.session_log_likelihood = floats(lik.logLikelihood, of);
    cols.session_geomean_likelihood = floats(lik.geomean, of);
    cols.session_mean_log_likelihood = floats(meanLogLikelihood, of);
    cols.session_mean_log_likelihood_percentile = floats(meanLogLikelihoodPercentile, of);
  }
  const ex = distinct.explanations;
  if (ex) {
    cols[`rarest_window${k}_explanation`] = textVector(explanationTexts(ex), of);
    cols[`rarest_window${k}_steps`] = stepsVector(ex, of);
  }
  return cols;
}

/**
 * list<struct<from, to, probability, param_probability, log_probability>>: row r holds the
 * steps of distinct session of[r], gathered from the buffers (names dictionary-encoded).
 */
function stepsVector(ex: IExplanations, of: Int32Array): Vector {
  const n = of.length;
  const offsets = new Int32Array(n + 1);
  const start = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    offsets[s + 1] = offsets[s] + ex.offsets[of[s] + 1] - ex.offsets[of[s]];
    start[s] = ex.offsets[of[s]];
  }
  const total = offsets[n];
  const float = (x: Float64Array) =>
    makeData({
      type: new Float64(),
      length: total,
      nullCount: 0,
      data: gatherRows(x, offsets, start)
    });
  const children = [
    namesData(gatherRows(ex.from, offsets, start), ex.names, true),
    namesData(gatherRows(ex.to, offsets, start), ex.names),
    float(ex.probability),
    float(ex.paramProbability),
    float(ex.logProbability)
  ];
  const names = ['from', 'to', 'probability', 'param_probability', 'log_probability'];
  const struct = makeData({
    type: new Struct<any>(children.map((c, i) => new Field(names[i], c.type, i === 0))),
    length: total,
    nullCount: 0,
    children
  });
  const list = makeData({
    type: new List(new Field('item', struct.type, false)),
    length: n,
    nullCount: 0,
    valueOffsets: offsets,
    child: struct
  } as any);
  return makeVector(list as unknown as Data<List>);
}

/** Texts of the distinct sessions, one per row (each distinct text encoded once). */
function textVector(texts: (string | null)[], of: Int32Array): Vector<Utf8> {
  const index = new Map<string, number>();
  const names: string[] = [];
  const textId = texts.map(t => {
    if (t === null) {
      return -1;
    }
    let id = index.get(t);
    if (id === undefined) {
      id = names.push(t) - 1;
      index.set(t, id);
    }
    return id;
  });
  return makeVector(
    utf8Data(
      Int32Array.from(of, d => textId[d]),
      names
    )
  );
}

/** Float64 column of x[of[r]] per row, NaN as null (pandas reads it back as NaN). */
function floats(x: Float64Array, of: Int32Array): Vector<Float64> {
  return spreadColumn(new Float64(), x, of);
}

/** Int32 column of x[of[r]] per row, negative values as null. */
function ints(x: Int32Array, of: Int32Array): Vector<Int32> {
  return spreadColumn(new Int32(), x, of);
}

/** A column of x[of[r]] per row: NaN floats and negative ints are null. */
function spreadColumn<T extends Float64 | Int32>(
  type: T,
  x: Float64Array | Int32Array,
  of: Int32Array
): Vector<T> {
  const ints = x instanceof Int32Array;
  const values = new (x.constructor as new (n: number) => Float64Array | Int32Array)(of.length);
  const bitmap = new Uint8Array((of.length + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < of.length; i++) {
    const v = x[of[i]];
    values[i] = v;
    if (ints ? v >= 0 : v === v) {
      bitmap[i >> 3] |= 1 << (i & 7);
    } else {
      nulls++;
    }
  }
  const data = makeData({
    type,
    length: values.length,
    nullCount: nulls,
    data: values,
    nullBitmap: nulls ? bitmap : undefined
  } as any);
  return makeVector(data as unknown as Data<T>);
}
