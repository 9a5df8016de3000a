// Sessions and events read from Arrow. Accepted session columns (one row = one session):
//   list<utf8> or list<dictionary<utf8>>                       commands only
//   list<struct<name: utf8, params: list<utf8>>>               commands with a set of params
//   list<struct<name: utf8, params: map<utf8, utf8>>>          commands with params and values
//     (params may also be list<struct<key: utf8, value: utf8>>, Arrow's map layout)
//   utf8 holding JSON: ["a", "b"], [{"name": "a", "params": ["x"]}], [{"name": "a", "params": {"x": "1"}}]
// A null cell is an empty session. For events, the params column of an event is list<utf8>,
// map<utf8, utf8>, or utf8 JSON (an array is a set, an object has values).
import { Data, DataType, Field, makeVector, Table, Type, Vector } from 'apache-arrow';
import { messageOf, requireColumn } from '../arrow';
import { IRangeOps, rangeOps, RowDeduper } from '../rowdedupe';
import { addCommand, inferKind, ISessionData, SessionDataBuilder, sessionCount } from './data';
import { allSessions, distinctSessions, IDistinctSessions } from './distinct';
import { ICmd, SessionInputError, SessionKind } from './tokens';
import { UserValue } from './sessionize';
import { Utf8Interner } from './utf8intern';

/** Every row's session from one column of a table (see the file comment for the types). */
export function sessionsFromColumn(table: Table, column: string): ISessionData {
  return allSessions(readSessionColumn(table, column));
}

/**
 * The sessions of one column, each distinct session read once: rows that repeat an earlier
 * row are found by comparing Arrow buffers and only counted (what scoring needs).
 */
export function readSessionColumn(table: Table, column: string): IDistinctSessions {
  const col = requireColumn(table, column);
  const type = col.type as DataType;
  if (DataType.isList(type)) {
    const item = type.children[0].type as DataType;
    if (DataType.isUtf8(item) || DataType.isLargeUtf8(item) || isDictUtf8(item)) {
      return readStringLists(col, column);
    }
    if (DataType.isStruct(item)) {
      return readStructLists(col, column, structKind(item, column));
    }
    throw new SessionInputError(
      `Column "${column}" is a list of ${String(item)}; sessions must be lists of strings or of {name, params} structs`
    );
  }
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) {
    return distinctSessions(readJsonSessions(col, column));
  }
  throw new SessionInputError(
    `Column "${column}" has type ${String(type)}; sessions must be a list column or JSON text`
  );
}

function isDictUtf8(t: DataType): boolean {
  return (
    DataType.isDictionary(t) &&
    (DataType.isUtf8(t.dictionary) || DataType.isLargeUtf8(t.dictionary))
  );
}

/** Reads ids of strings in a utf8 / dictionary<utf8> Data; -2 for a null string. */
type IdReader = (j: number) => number;

/**
 * Id reader over one Data chunk. Plain utf8 interns bytes (`bytesInterner` is shared by the
 * chunks of a column); a dictionary decodes each dictionary entry once.
 */
function idReader(
  data: Data,
  intern: (text: string) => number,
  bytesInterner: Utf8Interner
): IdReader {
  const hasNulls = data.nullCount > 0;
  if (data.dictionary) {
    const dict = data.dictionary; // decoded entry by entry, when first used
    const ids = new Int32Array(dict.length).fill(-3);
    const idx = data.values as Int32Array;
    return j => {
      if (hasNulls && !data.getValid(j)) {
        return -2;
      }
      const k = idx[j];
      if (ids[k] === -3) {
        const text = dict.get(k) as string | null;
        ids[k] = text === null ? -2 : intern(text);
      }
      return ids[k];
    };
  }
  if (DataType.isUtf8(data.type as DataType)) {
    const vo = data.valueOffsets as Int32Array;
    const bytes = data.values as Uint8Array;
    return j => (hasNulls && !data.getValid(j) ? -2 : bytesInterner.id(bytes, vo[j], vo[j + 1]));
  }
  // large_utf8 and anything else: decode (slower, rare)
  const vec = makeVector(data);
  return j => {
    const v = vec.get(j) as string | null;
    return v === null ? -2 : intern(String(v));
  };
}

/** list<utf8> / list<dictionary<utf8>>: offsets and bytes read directly. */
function readStringLists(col: Vector, column: string): IDistinctSessions {
  const b = new SessionDataBuilder('cmds');
  // Built only for new strings and errors: a template per event would dominate the cost.
  // (The row is kept in an object: a loop variable captured by the closure would be slower.)
  const at = { row: 0 };
  const where = () => `row ${at.row} of "${column}"`;
  let row = 0;
  const intern = (text: string) => b.internCommand(text, where());
  const bytes = new Utf8Interner(intern);
  const repeats = new SessionRepeats(col.length);
  for (const chunk of col.data) {
    const offsets = chunk.valueOffsets as Int32Array;
    const ids = idReader(chunk.children[0], intern, bytes);
    const rowValid = validity(chunk);
    repeats.nextChunk(chunk);
    for (let i = 0; i < chunk.length; i++, row++) {
      if (repeats.counted(b, i, row)) {
        continue;
      }
      at.row = row;
      if (rowValid(i)) {
        for (let j = offsets[i]; j < offsets[i + 1]; j++) {
          const id = ids(j);
          if (id < 0) {
            throw new SessionInputError(`A command is null at ${where()}`);
          }
          b.beginEvent(id);
          b.endEvent();
        }
      }
      b.endSession();
    }
  }
  return repeats.finish(b.finish());
}

/**
 * Rows that repeat an earlier row are not read again: they count towards the distinct
 * session that row was read into.
 */
class SessionRepeats {
  private readonly _rows: RowDeduper;
  private readonly _of: Int32Array;
  private _weight = new Float64Array(1024);
  private _ops: IRangeOps | null = null;

  constructor(rows: number) {
    this._rows = new RowDeduper(rows);
    this._of = new Int32Array(rows);
  }

  nextChunk(chunk: Data): void {
    this._ops = rangeOps(chunk);
  }

  /** Whether row i of the chunk (row `row` of the column) repeats one already read. */
  counted(b: SessionDataBuilder, i: number, row: number): boolean {
    const first = this._ops ? this._rows.repeatOf(this._ops, i, row) : -1;
    const d = first < 0 ? b.sessionCount : this._of[first];
    this._of[row] = d;
    if (d === this._weight.length) {
      const next = new Float64Array(d * 2);
      next.set(this._weight);
      this._weight = next;
    }
    this._weight[d]++;
    return first >= 0;
  }

  finish(data: ISessionData): IDistinctSessions {
    return { data, weight: this._weight.slice(0, sessionCount(data)), of: this._of };
  }
}

function structKind(item: DataType, column: string): SessionKind {
  const fields = (item as any).children as { name: string; type: DataType }[];
  const params = fields.find(f => f.name === 'params');
  if (!fields.some(f => f.name === 'name')) {
    throw new SessionInputError(`The commands in "${column}" need a "name" field`);
  }
  if (!params) {
    return 'params';
  }
  const t = params.type;
  if (t.typeId === Type.Map) {
    return 'values';
  }
  if (DataType.isList(t)) {
    const inner = t.children[0].type as DataType;
    return DataType.isStruct(inner) ? 'values' : 'params';
  }
  throw new SessionInputError(
    `The "params" field in "${column}" must be a list or a map, not ${String(t)}`
  );
}

const fieldIndex = (t: DataType, name: string) =>
  (t as any).children.findIndex((f: Field) => f.name === name);

/** list<struct<name, params>>: names, params and values read from the child buffers. */
function readStructLists(col: Vector, column: string, kind: SessionKind): IDistinctSessions {
  const b = new SessionDataBuilder(kind);
  // The position for messages, in an object: loop variables captured by a closure would live
  // on the heap and slow every iteration.
  const at = { row: 0, cmd: 0 };
  const where = () => `row ${at.row}, command ${at.cmd} of "${column}"`;
  let row = 0;
  const cmdIntern = (t: string) => b.internCommand(t, where());
  const parIntern = (t: string) => b.internParam(t, where());
  const valIntern = (t: string) => b.internValue(t, where());
  const cmdBytes = new Utf8Interner(cmdIntern);
  const parBytes = new Utf8Interner(parIntern);
  const valBytes = new Utf8Interner(valIntern);
  const itemType = (col.type as DataType).children[0].type as DataType;
  const nameAt = fieldIndex(itemType, 'name');
  const paramsAt = fieldIndex(itemType, 'params');
  const repeats = new SessionRepeats(col.length);
  for (const chunk of col.data) {
    const offsets = chunk.valueOffsets as Int32Array;
    const items = chunk.children[0];
    repeats.nextChunk(chunk);
    const names = idReader(items.children[nameAt], cmdIntern, cmdBytes);
    const params = paramsAt >= 0 ? items.children[paramsAt] : null;
    const po = params?.valueOffsets as Int32Array | undefined;
    const inner = params?.children[0];
    const isKV = inner !== undefined && DataType.isStruct(inner.type as DataType);
    const keys = inner
      ? idReader(isKV ? inner.children[fieldIndex(inner.type, 'key')] : inner, parIntern, parBytes)
      : null;
    const vals =
      inner && isKV && kind === 'values'
        ? idReader(inner.children[fieldIndex(inner.type, 'value')], valIntern, valBytes)
        : null;
    const rowValid = validity(chunk);
    const itemValid = validity(items);
    const paramsValid = params ? validity(params) : () => false;
    for (let i = 0; i < chunk.length; i++, row++) {
      if (repeats.counted(b, i, row)) {
        continue;
      }
      at.row = row;
      if (rowValid(i)) {
        for (let j = offsets[i]; j < offsets[i + 1]; j++) {
          at.cmd = j - offsets[i];
          const id = itemValid(j) ? names(j) : -2;
          if (id < 0) {
            throw new SessionInputError(`A command or its name is null at ${where()}`);
          }
          b.beginEvent(id);
          if (paramsValid(j)) {
            for (let k = po![j]; k < po![j + 1]; k++) {
              const pid = keys!(k);
              if (pid < 0) {
                throw new SessionInputError(`A parameter name is null at ${where()}`);
              }
              const vid = vals ? vals(k) : -1;
              b.addParam(pid, vid < 0 ? -1 : vid);
            }
          }
          b.endEvent();
        }
      }
      b.endSession();
    }
  }
  return repeats.finish(b.finish());
}

const ALL_VALID = () => true;

/** Validity test of a Data node; a constant without nulls (Arrow's getValid is slow per call). */
function validity(data: Data): (i: number) => boolean {
  return data.nullCount > 0 ? i => data.getValid(i) : ALL_VALID;
}

/** A list, map or list of {key, value} structs as msticpy's set or dict. */
function paramsOf(p: unknown): ICmd['params'] {
  if (p === null || p === undefined) {
    return [];
  }
  if (p instanceof Vector) {
    const items = p.toArray() as unknown[];
    if (items.length > 0 && items[0] !== null && typeof items[0] === 'object') {
      return Object.fromEntries(
        items.map(e => {
          const kv = e as { key: string; value: string | null };
          return [kv.key, kv.value];
        })
      );
    }
    return items.map(String);
  }
  if (typeof (p as any).toJSON === 'function') {
    return (p as any).toJSON();
  }
  return p as ICmd['params'];
}

function readJsonSessions(col: Vector, column: string): ISessionData {
  let b: SessionDataBuilder | null = null;
  const pending: number[] = [];
  for (let row = 0; row < col.length; row++) {
    const text = col.get(row) as string | null;
    let session: unknown[] = [];
    if (text !== null && text.trim() !== '') {
      try {
        session = JSON.parse(text);
      } catch (err) {
        throw new SessionInputError(
          `Row ${row} of "${column}" is not valid JSON: ${messageOf(err)}`
        );
      }
      if (!Array.isArray(session)) {
        throw new SessionInputError(`Row ${row} of "${column}" is not a JSON array of commands`);
      }
    }
    if (!b && session.length > 0) {
      // msticpy decides the kind from the first command of the first session.
      b = new SessionDataBuilder(inferKind(session[0] as string | ICmd));
      pending.forEach(() => b!.endSession());
    }
    if (!b) {
      pending.push(row);
      continue;
    }
    session.forEach((cmd, j) => addCommand(b!, cmd, `row ${row}, command ${j} of "${column}"`));
    b.endSession();
  }
  if (!b) {
    b = new SessionDataBuilder('cmds');
    pending.forEach(() => b!.endSession());
  }
  return b.finish();
}

/** Event times as numbers in the column's unit, with the unit's size and the raw int64 values. */
export interface ITimes {
  /** Time of each row relative to `base`, in the column's unit; NaN when null. */
  values: Float64Array;
  unitsPerMinute: number;
  /** Raw int64 values of a timestamp or date64 column (exact), else null. */
  raw: BigInt64Array | null;
  /** Arrow time unit of `raw` (0 s, 1 ms, 2 us, 3 ns). */
  unit: number;
}

const UNITS_PER_MINUTE = [60, 60e3, 60e6, 60e9];

export function readTimes(table: Table, column: string): ITimes {
  const col = requireColumn(table, column);
  const type = col.type as DataType;
  const n = col.length;
  const values = new Float64Array(n);
  if (DataType.isTimestamp(type) || (DataType.isDate(type) && type.unit === 1)) {
    const unit = DataType.isTimestamp(type) ? type.unit : 1;
    const raw = new BigInt64Array(n);
    let row = 0;
    let base: bigint | null = null;
    for (const chunk of col.data) {
      const vals = chunk.values as BigInt64Array;
      for (let i = 0; i < chunk.length; i++, row++) {
        raw[row] = vals[i];
        if (chunk.getValid(i) && base === null) {
          base = vals[i];
        }
      }
    }
    row = 0;
    for (const chunk of col.data) {
      for (let i = 0; i < chunk.length; i++, row++) {
        // Relative to the first time, so nanosecond differences stay exact over months.
        values[row] = chunk.getValid(i) ? Number(raw[row] - base!) : NaN;
      }
    }
    return { values, unitsPerMinute: UNITS_PER_MINUTE[unit], raw, unit };
  }
  if (DataType.isDate(type)) {
    let row = 0;
    for (const v of col) {
      values[row++] = v === null ? NaN : Number(v);
    }
    return { values, unitsPerMinute: 60e3, raw: null, unit: 1 };
  }
  throw new SessionInputError(
    `Column "${column}" has type ${String(type)}; the time column must be an Arrow timestamp`
  );
}

export function readUserValues(table: Table, column: string): UserValue[] {
  const col = requireColumn(table, column);
  const out: UserValue[] = new Array(col.length);
  let i = 0;
  for (const v of col) {
    out[i++] = v === undefined ? null : (v as UserValue);
  }
  return out;
}

/** One event's params from a params column cell: list → set, map/object → values. */
export function eventParams(cell: unknown, where: string): ICmd['params'] | null {
  if (cell === null || cell === undefined) {
    return null;
  }
  if (typeof cell === 'string') {
    if (cell.trim() === '') {
      return null;
    }
    try {
      const parsed = JSON.parse(cell);
      if (parsed !== null && typeof parsed === 'object') {
        return Array.isArray(parsed) ? parsed.map(String) : parsed;
      }
    } catch {
      // fall through to the error below
    }
    throw new SessionInputError(`The params at ${where} are not a JSON array or object`);
  }
  return paramsOf(cell);
}
