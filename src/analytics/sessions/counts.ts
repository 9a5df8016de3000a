// Raw counts of msticpy's compute_counts (utils/cmds_only.py, cmds_params_only.py,
// cmds_params_values.py), in model ids: 0..2 are START, END, UNK; data command d is d + 3.
import { ISessionData, sessionCount } from './data';
import { JobContext, NO_JOB } from '../job';
import { END, SessionInputError, START } from './tokens';

/** Count of ordered command pairs; dense for small vocabularies, hashed otherwise. */
export class PairCounts {
  private readonly _dense: Float64Array | null;
  private readonly _sparse: Map<number, number> | null;

  constructor(readonly size: number) {
    const dense = size * size <= 1 << 22;
    this._dense = dense ? new Float64Array(size * size) : null;
    this._sparse = dense ? null : new Map();
  }

  add(a: number, b: number, count = 1): void {
    if (this._dense) {
      this._dense[a * this.size + b] += count;
    } else {
      const key = a * this.size + b;
      this._sparse!.set(key, (this._sparse!.get(key) ?? 0) + count);
    }
  }

  get(a: number, b: number): number {
    return this._dense
      ? this._dense[a * this.size + b]
      : (this._sparse!.get(a * this.size + b) ?? 0);
  }

  /** Non-zero pairs as [a, b, count], row-major. */
  *entries(): IterableIterator<[number, number, number]> {
    if (this._dense) {
      for (let k = 0; k < this._dense.length; k++) {
        if (this._dense[k] > 0) {
          yield [Math.floor(k / this.size), k % this.size, this._dense[k]];
        }
      }
    } else {
      const keys = [...this._sparse!.keys()].sort((x, y) => x - y);
      for (const k of keys) {
        yield [Math.floor(k / this.size), k % this.size, this._sparse!.get(k)!];
      }
    }
  }
}

/** Params seen with one command, in first-seen order (the order msticpy multiplies them in). */
export interface IParamRow {
  ids: number[];
  counts: number[];
}

export interface IRawCounts {
  kind: ISessionData['kind'];
  /** Model command names: the three tokens, then the data's commands. */
  cmdNames: string[];
  /** seq1_counts by model command id. */
  seq1: Float64Array;
  /** seq2_counts. */
  seq2: PairCounts;
  sessions: number;
  paramNames: string[];
  /** param_counts by param id. */
  paramCounts: Float64Array;
  /** cmd_param_counts: one row per model command id (empty when never seen with params). */
  cmdParams: IParamRow[];
  valueNames: string[];
  /** param_value_counts: per param id, value id → count, in first-seen order. */
  paramValues: Map<number, number>[];
}

export const TOKEN_COUNT = 3;

/**
 * msticpy's compute_counts over every non-empty session; session s counts weight[s] times
 * (distinct sessions standing for their repeats, see distinct.ts).
 */
export function computeCounts(
  data: ISessionData,
  ctx: JobContext = NO_JOB,
  weight?: Float64Array
): IRawCounts {
  const n = sessionCount(data);
  const cmdNames = ['##START##', '##END##', '##UNK##', ...data.cmdNames];
  const size = cmdNames.length;
  const seq1 = new Float64Array(size);
  const seq2 = new PairCounts(size);
  const paramNames = data.paramNames ?? [];
  const paramCounts = new Float64Array(paramNames.length);
  const cmdParams: IParamRow[] = Array.from({ length: size }, () => ({ ids: [], counts: [] }));
  // Position of (cmd, param) in its row: dense when small, hashed otherwise.
  const denseRows = size * paramNames.length <= 1 << 22;
  const rowPosDense = denseRows ? new Int32Array(size * paramNames.length).fill(-1) : null;
  const rowPos = new Map<number, number>();
  const paramValues: Map<number, number>[] = paramNames.map(() => new Map());
  const { offsets, cmds, paramOffsets, params, values } = data;
  let used = 0;
  for (let s = 0; s < n; s++) {
    const a = offsets[s];
    const b = offsets[s + 1];
    if (a === b) {
      continue;
    }
    const w = weight ? weight[s] : 1;
    used += w;
    let prev = START;
    seq1[START] += w;
    for (let i = a; i < b; i++) {
      const cmd = cmds[i] + TOKEN_COUNT;
      seq1[cmd] += w;
      seq2.add(prev, cmd, w);
      prev = cmd;
      if (paramOffsets && params) {
        for (let j = paramOffsets[i]; j < paramOffsets[i + 1]; j++) {
          const p = params[j];
          paramCounts[p] += w;
          const key = cmd * paramNames.length + p;
          const at = rowPosDense ? rowPosDense[key] : (rowPos.get(key) ?? -1);
          const row = cmdParams[cmd];
          if (at < 0) {
            if (rowPosDense) {
              rowPosDense[key] = row.ids.length;
            } else {
              rowPos.set(key, row.ids.length);
            }
            row.ids.push(p);
            row.counts.push(w);
          } else {
            row.counts[at] += w;
          }
          if (values && values[j] >= 0) {
            const pv = paramValues[p];
            pv.set(values[j], (pv.get(values[j]) ?? 0) + w);
          }
        }
      }
    }
    seq2.add(prev, END, w);
    seq1[END] += w;
    if ((s & 0xffff) === 0) {
      ctx.check(s / n, 'counting');
    }
  }
  if (used === 0) {
    throw new SessionInputError(
      'There are no sessions with at least one command to train the model on'
    );
  }
  return {
    kind: data.kind,
    cmdNames,
    seq1,
    seq2,
    sessions: used,
    paramNames,
    paramCounts,
    cmdParams,
    valueNames: data.valueNames ?? [],
    paramValues
  };
}

/**
 * msticpy's get_params_to_model_values, from raw counts: a param's values are modelled when it
 * has at most 20 distinct values, at least 20 occurrences and distinct/occurrences <= 10 %.
 */
export function modellableParams(counts: IRawCounts): Set<string> {
  const out = new Set<string>();
  counts.paramValues.forEach((vals, p) => {
    const distinct = vals.size;
    const seen = counts.paramCounts[p];
    // Only params with at least one value are in msticpy's param_value_counts.
    if (distinct > 0 && distinct <= 20 && 20 <= seen && (100 * distinct) / seen <= 10) {
      out.add(counts.paramNames[p]);
    }
  });
  return out;
}
