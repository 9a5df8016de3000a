// Sessions as flat typed arrays with interned strings: the form every session analytic
// works on. Strings are decoded and interned once, so the model only touches integers.
import { checkNotReserved, ICmd, SessionInputError, SessionKind } from './tokens';

export interface ISessionData {
  kind: SessionKind;
  /** Events of session s are offsets[s] .. offsets[s + 1] - 1. Length: sessions + 1. */
  offsets: Int32Array;
  /** Command of each event, an index into cmdNames. */
  cmds: Int32Array;
  cmdNames: string[];
  /** Params of event i are paramOffsets[i] .. paramOffsets[i + 1] - 1 (params/values kinds). */
  paramOffsets?: Int32Array;
  /** Index into paramNames. */
  params?: Int32Array;
  paramNames?: string[];
  /** Value of each param entry (values kind): index into valueNames, -1 when null or falsy. */
  values?: Int32Array;
  valueNames?: string[];
  /**
   * Optional, from readers that spot repeated sessions cheaply: the first session equal to
   * session s (firstOf[s] <= s). Scoring computes it when absent.
   */
  firstOf?: Int32Array;
}

export function sessionCount(data: ISessionData): number {
  return data.offsets.length - 1;
}

class Interner {
  readonly names: string[] = [];
  private readonly _index = new Map<string, number>();

  id(name: string): number {
    let id = this._index.get(name);
    if (id === undefined) {
      id = this.names.length;
      this._index.set(name, id);
      this.names.push(name);
    }
    return id;
  }
}

class GrowableInt32 {
  data = new Int32Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  finish(): Int32Array {
    return this.data.subarray(0, this.length); // no copy: the builder is done with it
  }
}

/**
 * Builds ISessionData event by event. `where` strings passed in name the row for errors.
 * msticpy's truthiness rule for values is applied here: null and '' count as "no value".
 */
export class SessionDataBuilder {
  private readonly _cmds = new Interner();
  private readonly _params = new Interner();
  private readonly _values = new Interner();
  private readonly _offsets = new GrowableInt32();
  private readonly _events = new GrowableInt32();
  private readonly _paramOffsets = new GrowableInt32();
  private readonly _paramIds = new GrowableInt32();
  private readonly _valueIds = new GrowableInt32();
  // Per param id: the event (+1) that last used it and where, to collapse repeats without a Map.
  private _stamp = new Int32Array(64);
  private _slot = new Int32Array(64);

  constructor(readonly kind: SessionKind) {
    this._offsets.push(0);
    this._paramOffsets.push(0);
  }

  get eventCount(): number {
    return this._events.length;
  }

  /** Close the current session (call after its events; an empty session is allowed here). */
  endSession(): void {
    this._offsets.push(this._events.length);
  }

  /** Sessions ended so far. */
  get sessionCount(): number {
    return this._offsets.length - 1;
  }

  /** Id of a command name (checked against the reserved tokens). */
  internCommand(name: string, where: string): number {
    checkNotReserved(name, 'Command', where);
    return this._cmds.id(name);
  }

  internParam(name: string, where: string): number {
    checkNotReserved(name, 'Parameter', where);
    return this._params.id(name);
  }

  /** Id of a value; -1 for msticpy's falsy values (null and ''). */
  internValue(v: string | null, where: string): number {
    if (v === null || v === '') {
      return -1;
    }
    checkNotReserved(v, 'Value', where);
    return this._values.id(v);
  }

  /** Start an event; add its params with addParam, then call endEvent. */
  beginEvent(cmdId: number): void {
    this._events.push(cmdId);
  }

  /** A param of the current event: a repeated param counts once (a set / dict key), the last value wins. */
  addParam(pid: number, vid = -1): void {
    if (pid >= this._stamp.length) {
      const size = Math.max(pid + 1, this._stamp.length * 2);
      const stamp = new Int32Array(size);
      stamp.set(this._stamp);
      const slot = new Int32Array(size);
      slot.set(this._slot);
      this._stamp = stamp;
      this._slot = slot;
    }
    const event = this._events.length; // the current event, + 1
    if (this._stamp[pid] === event) {
      if (this.kind === 'values') {
        this._valueIds.data[this._slot[pid]] = vid;
      }
      return;
    }
    this._stamp[pid] = event;
    this._slot[pid] = this._paramIds.length;
    this._paramIds.push(pid);
    if (this.kind === 'values') {
      this._valueIds.push(vid);
    }
  }

  endEvent(): void {
    if (this.kind !== 'cmds') {
      this._paramOffsets.push(this._paramIds.length);
    }
  }

  command(name: string, where: string): void {
    this.beginEvent(this.internCommand(name, where));
    this.endEvent();
  }

  /** A command with a set of params (duplicates collapse, as in a Python set). */
  commandWithParams(name: string, params: readonly string[], where: string): void {
    this.beginEvent(this.internCommand(name, where));
    for (const p of params) {
      this.addParam(this.internParam(p, where));
    }
    this.endEvent();
  }

  /** A command with params and values (values kind). */
  commandWithValues(name: string, params: Iterable<[string, string | null]>, where: string): void {
    if (this.kind !== 'values') {
      throw new SessionInputError(`Parameter values at ${where} need the "values" session kind`);
    }
    this.beginEvent(this.internCommand(name, where));
    for (const [p, v] of params) {
      this.addParam(this.internParam(p, where), this.internValue(v, where));
    }
    this.endEvent();
  }

  finish(): ISessionData {
    const data: ISessionData = {
      kind: this.kind,
      offsets: this._offsets.finish(),
      cmds: this._events.finish(),
      cmdNames: this._cmds.names
    };
    if (this.kind !== 'cmds') {
      data.paramOffsets = this._paramOffsets.finish();
      data.params = this._paramIds.finish();
      data.paramNames = this._params.names;
    }
    if (this.kind === 'values') {
      data.values = this._valueIds.finish();
      data.valueNames = this._values.names;
    }
    return data;
  }
}

/** The kind msticpy would infer (`Model._asses_input`): from the first command of the first session. */
export function inferKind(first: string | ICmd): SessionKind {
  if (typeof first === 'string') {
    return 'cmds';
  }
  return Array.isArray(first.params) ? 'params' : 'values';
}

/**
 * Sessions given as JS arrays, as msticpy takes them: lists of strings, or of commands whose
 * params are a list (a set) or a record (param → value). The kind comes from the first
 * command, as in msticpy, unless given; every command must then match it.
 */
export function sessionsFromArrays(
  sessions: readonly (readonly (string | ICmd)[])[],
  kind?: SessionKind
): ISessionData {
  const first = sessions.find(s => s.length > 0)?.[0];
  const k = kind ?? (first === undefined ? 'cmds' : inferKind(first));
  const b = new SessionDataBuilder(k);
  sessions.forEach((session, s) => {
    session.forEach((cmd, i) => addCommand(b, cmd, `session ${s}, command ${i}`));
    b.endSession();
  });
  return b.finish();
}

export function addCommand(b: SessionDataBuilder, cmd: unknown, where: string): void {
  if (typeof cmd === 'string') {
    if (b.kind !== 'cmds') {
      // msticpy would fail on a bare string among Cmds; a command without params is clearer.
      b.commandWithParams(cmd, [], where);
      return;
    }
    b.command(cmd, where);
    return;
  }
  if (cmd === null || typeof cmd !== 'object' || typeof (cmd as ICmd).name !== 'string') {
    throw new SessionInputError(`The command at ${where} is neither a string nor {name, params}`);
  }
  const { name, params } = cmd as ICmd;
  if (b.kind === 'cmds') {
    throw new SessionInputError(
      `The command at ${where} has params but the sessions are commands only (the first command is a string)`
    );
  }
  if (params === null || params === undefined) {
    b.commandWithParams(name, [], where);
  } else if (Array.isArray(params)) {
    b.commandWithParams(name, params.map(String), where);
  } else if (typeof params === 'object') {
    const entries = Object.entries(params).map(
      ([p, v]) => [p, valueText(v)] as [string, string | null]
    );
    if (b.kind === 'params') {
      b.commandWithParams(
        name,
        entries.map(e => e[0]),
        where
      );
    } else {
      b.commandWithValues(name, entries, where);
    }
  } else {
    throw new SessionInputError(
      `The params of the command at ${where} are not a list or an object`
    );
  }
}

/** Values are modelled as text; msticpy's falsy values (None, '', 0, False) mean "no value". */
export function valueText(v: unknown): string | null {
  if (v === null || v === undefined || v === false || v === 0 || v === '') {
    return null;
  }
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}
