// Distinct sessions: real session tables repeat the same short command sequences many times
// (26,050 sessions of the sample host hold 2,601 distinct ones), and a session's scores depend
// only on its commands. So the model is trained on distinct sessions weighted by how often
// they occur (integer counts: the same sums, bit for bit) and each distinct session is scored
// once, then the results are spread back to every session.
import { ISessionData, sessionCount } from './data';
import { IntSequenceIds } from './intkeys';

export interface IDistinctSessions {
  /** The distinct sessions, in order of first appearance (so first-seen orders are kept). */
  data: ISessionData;
  /** How many sessions each distinct session stands for. */
  weight: Float64Array;
  /** The distinct session of each session. */
  of: Int32Array;
}

/** Distinct sessions of `data`, from data.firstOf when a reader found the repeats. */
export function distinctSessions(data: ISessionData): IDistinctSessions {
  const n = sessionCount(data);
  const of = data.firstOf ? distinctOfFirsts(data.firstOf) : sessionIds(data);
  const firsts: number[] = [];
  const weight = new Float64Array(n > 0 ? of.reduce((m, d) => Math.max(m, d), 0) + 1 : 0);
  for (let s = 0; s < n; s++) {
    if (weight[of[s]]++ === 0) {
      firsts.push(s);
    }
  }
  const distinct = firsts.length === n ? data : subset(data, firsts);
  return { data: distinct, weight, of };
}

/** Every session again: distinct session of[r] for each r (with firstOf set). */
export function allSessions(d: IDistinctSessions): ISessionData {
  const { data, of } = d;
  const firstOf = new Int32Array(of.length);
  const firstRow = new Int32Array(sessionCount(data)).fill(-1);
  of.forEach((s, r) => {
    if (firstRow[s] < 0) {
      firstRow[s] = r;
    }
    firstOf[r] = firstRow[s];
  });
  return { ...subset(data, Array.from(of)), firstOf };
}

/** Distinct index per session from "first equal session" indices. */
function distinctOfFirsts(firstOf: Int32Array): Int32Array {
  const of = new Int32Array(firstOf.length);
  let next = 0;
  for (let s = 0; s < firstOf.length; s++) {
    of[s] = firstOf[s] === s ? next++ : of[firstOf[s]];
  }
  return of;
}

/** Sessions `which` of data, in that order. */
function subset(data: ISessionData, which: number[]): ISessionData {
  const m = which.length;
  const offsets = new Int32Array(m + 1);
  for (let k = 0; k < m; k++) {
    const s = which[k];
    offsets[k + 1] = offsets[k] + data.offsets[s + 1] - data.offsets[s];
  }
  const cmds = new Int32Array(offsets[m]);
  for (let k = 0; k < m; k++) {
    const from = data.offsets[which[k]];
    for (let i = offsets[k]; i < offsets[k + 1]; i++) {
      cmds[i] = data.cmds[from + i - offsets[k]];
    }
  }
  const out: ISessionData = { kind: data.kind, offsets, cmds, cmdNames: data.cmdNames };
  const po = data.paramOffsets;
  if (po && data.params) {
    const paramOffsets = new Int32Array(cmds.length + 1);
    let e = 0;
    for (const s of which) {
      for (let i = data.offsets[s]; i < data.offsets[s + 1]; i++, e++) {
        paramOffsets[e + 1] = paramOffsets[e] + po[i + 1] - po[i];
      }
    }
    const params = new Int32Array(paramOffsets[e]);
    const values = data.values ? new Int32Array(paramOffsets[e]) : null;
    e = 0;
    for (const s of which) {
      for (let i = data.offsets[s]; i < data.offsets[s + 1]; i++, e++) {
        const to = paramOffsets[e];
        for (let j = po[i]; j < po[i + 1]; j++) {
          params[to + j - po[i]] = data.params[j];
          if (values) {
            values[to + j - po[i]] = data.values![j];
          }
        }
      }
    }
    out.paramOffsets = paramOffsets;
    out.params = params;
    out.paramNames = data.paramNames;
    if (values) {
      out.values = values;
      out.valueNames = data.valueNames;
    }
  }
  return out;
}

/** Distinct index per session, by the session's command, param and value ids. */
function sessionIds(data: ISessionData): Int32Array {
  const { offsets, cmds, paramOffsets: po, params, values } = data;
  const n = sessionCount(data);
  const ids = new IntSequenceIds();
  const of = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    let k = 0;
    for (let i = offsets[s]; i < offsets[s + 1]; i++) {
      const count = po ? po[i + 1] - po[i] : 0;
      const key = ids.room(k + 2 + 2 * count);
      key[k++] = cmds[i];
      if (po && params) {
        key[k++] = count;
        for (let j = po[i]; j < po[i + 1]; j++) {
          key[k++] = params[j];
          key[k++] = values ? values[j] : 0;
        }
      }
    }
    of[s] = ids.id(k);
  }
  return of;
}

/** Per-session values from per-distinct-session values. */
export function spread<T extends Float64Array | Int32Array>(x: T, of: Int32Array): T {
  const out = new (x.constructor as new (n: number) => T)(of.length);
  for (let s = 0; s < of.length; s++) {
    out[s] = x[of[s]];
  }
  return out;
}
