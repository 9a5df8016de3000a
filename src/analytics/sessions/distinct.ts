// Distinct sessions: real session tables repeat the same short command sequences many times
// (26,050 sessions of the sample host hold 2,601 distinct ones), and a session's scores depend
// only on its commands. So the model is trained on distinct sessions weighted by how often
// they occur (integer counts: the same sums, bit for bit) and each distinct session is scored
// once, then the results are spread back to every session.
import { ISessionData, sessionCount } from './data';

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
  const firstOf = data.firstOf ?? findRepeats(data);
  const of = new Int32Array(n);
  const firsts: number[] = [];
  for (let s = 0; s < n; s++) {
    const f = firstOf[s];
    of[s] = f === s ? firsts.push(s) - 1 : of[f];
  }
  const weight = new Float64Array(firsts.length);
  for (let s = 0; s < n; s++) {
    weight[of[s]]++;
  }
  const distinct = firsts.length === n ? data : subset(data, firsts);
  return { data: distinct, weight, of };
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

/** firstOf for data without it: sessions hashed and compared by their ids. */
function findRepeats(data: ISessionData): Int32Array {
  const n = sessionCount(data);
  const firstOf = new Int32Array(n);
  let slots: Int32Array = new Int32Array(1024).fill(-1);
  const hashes = new Int32Array(n);
  let used = 0;
  for (let s = 0; s < n; s++) {
    const h = hashSession(data, s);
    hashes[s] = h;
    let mask = slots.length - 1;
    let slot = h & mask;
    let found = -1;
    for (; slots[slot] >= 0; slot = (slot + 1) & mask) {
      const t = slots[slot];
      if (hashes[t] === h && sameSession(data, s, t)) {
        found = t;
        break;
      }
    }
    firstOf[s] = found < 0 ? s : found;
    if (found < 0) {
      slots[slot] = s;
      if (++used * 2 > slots.length) {
        slots = rehash(slots, hashes);
        mask = slots.length - 1;
      }
    }
  }
  return firstOf;
}

function rehash(old: Int32Array, hashes: Int32Array): Int32Array {
  const slots = new Int32Array(old.length * 2).fill(-1);
  const mask = slots.length - 1;
  for (const s of old) {
    if (s >= 0) {
      let slot = hashes[s] & mask;
      while (slots[slot] >= 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = s;
    }
  }
  return slots;
}

const mix = (h: number, x: number) => Math.imul(h ^ x, 0x01000193);

function hashSession(data: ISessionData, s: number): number {
  const { offsets, cmds, paramOffsets: po, params, values } = data;
  let h = mix(0x811c9dc5, offsets[s + 1] - offsets[s]);
  for (let i = offsets[s]; i < offsets[s + 1]; i++) {
    h = mix(h, cmds[i]);
    if (po && params) {
      h = mix(h, po[i + 1] - po[i]);
      for (let j = po[i]; j < po[i + 1]; j++) {
        h = mix(mix(h, params[j]), values ? values[j] : 0);
      }
    }
  }
  return (h ^ (h >>> 15)) & 0x7fffffff;
}

function sameSession(data: ISessionData, s: number, t: number): boolean {
  const { offsets, cmds, paramOffsets: po, params, values } = data;
  const len = offsets[s + 1] - offsets[s];
  if (len !== offsets[t + 1] - offsets[t]) {
    return false;
  }
  for (let k = 0; k < len; k++) {
    const i = offsets[s] + k;
    const j = offsets[t] + k;
    if (cmds[i] !== cmds[j]) {
      return false;
    }
    if (po && params) {
      const count = po[i + 1] - po[i];
      if (count !== po[j + 1] - po[j]) {
        return false;
      }
      for (let q = 0; q < count; q++) {
        const a = po[i] + q;
        const b = po[j] + q;
        if (params[a] !== params[b] || (values && values[a] !== values[b])) {
          return false;
        }
      }
    }
  }
  return true;
}

/** Per-session values from per-distinct-session values. */
export function spread<T extends Float64Array | Int32Array>(x: T, of: Int32Array): T {
  const out = new (x.constructor as new (n: number) => T)(of.length);
  for (let s = 0; s < of.length; s++) {
    out[s] = x[of[s]];
  }
  return out;
}
