// The trained model: msticpy's probabilities (utils/probabilities.py) with StateMatrix's
// "unknown key → UNK entry" lookups, computed from the closed-form smoothed counts. Every
// probability is the same integer division msticpy performs, so values are bit-identical.
import { computeCounts, IRawCounts, modellableParams, TOKEN_COUNT } from './counts';
import { ISessionData } from './data';
import { JobContext, NO_JOB } from '../job';
import {
  smoothedSeq1,
  smoothedSeq1Total,
  smoothedSeq2,
  smoothedSeq2RowTotal,
  vocabularySize
} from './laplace';
import { END, SessionKind, START, UNK } from './tokens';

/** P(param | cmd) for the params seen with a command, then UNK (id -1) last, as msticpy orders them. */
export interface IParamProbRow {
  ids: Int32Array;
  probs: Float64Array;
}

/** Sessions re-expressed in model ids: unknown commands are UNK, unknown params -1, unknown values -2. */
export interface IEncodedSessions {
  offsets: Int32Array;
  cmds: Int32Array;
  paramOffsets?: Int32Array;
  params?: Int32Array;
  values?: Int32Array;
}

export interface ITrainOptions {
  /** Params whose values are modelled (values kind); msticpy's rule decides when omitted. */
  modellableParams?: Iterable<string>;
  /** How many times each session counts (distinct sessions standing for repeats); 1 each when omitted. */
  weights?: Float64Array;
}

export class SessionModel {
  readonly kind: SessionKind;
  readonly cmdNames: string[];
  readonly paramNames: string[];
  readonly valueNames: string[];
  /** Modelled params (values kind), by name. */
  readonly modellable: Set<string>;
  private readonly _cmdIndex: Map<string, number>;
  private readonly _paramIndex: Map<string, number>;
  private readonly _valueIndex: Map<string, number>;
  private readonly _prior: Float64Array;
  private readonly _rowTotal: Float64Array;
  private readonly _paramRows: IParamProbRow[];
  private readonly _isModellable: Uint8Array;
  private readonly _valueTotals: Float64Array;
  private readonly _transTable: Float64Array | null;

  constructor(
    readonly counts: IRawCounts,
    options: ITrainOptions = {}
  ) {
    this.kind = counts.kind;
    this.cmdNames = counts.cmdNames;
    this.paramNames = counts.paramNames;
    this.valueNames = counts.valueNames;
    this._cmdIndex = indexOf(this.cmdNames);
    this._paramIndex = indexOf(this.paramNames);
    this._valueIndex = indexOf(this.valueNames);
    const size = vocabularySize(counts);
    const total = smoothedSeq1Total(counts);
    this._prior = new Float64Array(size);
    this._rowTotal = new Float64Array(size);
    for (let x = 0; x < size; x++) {
      this._prior[x] = smoothedSeq1(counts, x) / total;
      this._rowTotal[x] = smoothedSeq2RowTotal(counts, x);
    }
    this._paramRows = counts.cmdParams.map((row, x) => {
      const n1 = smoothedSeq1(counts, x);
      const ids = Int32Array.from([...row.ids, -1]);
      const probs = Float64Array.from([...row.counts.map(c => (c + 1) / n1), 1 / n1]);
      return { ids, probs };
    });
    this.modellable =
      this.kind === 'values'
        ? new Set(options.modellableParams ?? modellableParams(counts))
        : new Set<string>();
    this._isModellable = new Uint8Array(this.paramNames.length);
    this.paramNames.forEach((p, i) => (this._isModellable[i] = this.modellable.has(p) ? 1 : 0));
    this._valueTotals = Float64Array.from(counts.paramValues, vals => {
      let t = 1;
      vals.forEach(c => (t += c + 1));
      return t;
    });
    this._transTable = this.transTable();
  }

  get vocabularySize(): number {
    return this.cmdNames.length;
  }

  cmdId(name: string): number {
    return this._cmdIndex.get(name) ?? UNK;
  }

  /** P(x) = seq1'[x] / sum seq1'; unknown commands get P(UNK). */
  prior(x: number): number {
    return this._prior[x];
  }

  /** T(a → b) = seq2'[a][b] / sum_b seq2'[a][b], with msticpy's lookups: row END is row UNK, column START is column UNK. */
  trans(a: number, b: number): number {
    const table = this._transTable;
    if (table) {
      return table[a * this.cmdNames.length + b];
    }
    return this.computeTrans(a, b);
  }

  private computeTrans(a: number, b: number): number {
    const row = a === END ? UNK : a;
    const col = b === START ? UNK : b;
    return smoothedSeq2(this.counts, row, col) / this._rowTotal[row];
  }

  /** Every T(a → b) of a small vocabulary, computed once (scoring looks one up per event). */
  private transTable(): Float64Array | null {
    const size = this.cmdNames.length;
    if (size > 256) {
      return null;
    }
    const table = new Float64Array(size * size);
    for (let a = 0; a < size; a++) {
      for (let b = 0; b < size; b++) {
        table[a * size + b] = this.computeTrans(a, b);
      }
    }
    return table;
  }

  /** P(param | cmd) for the command's row (UNK's row for an unseen command). */
  paramRow(x: number): IParamProbRow {
    return this._paramRows[x];
  }

  isModellable(p: number): boolean {
    return this._isModellable[p] === 1;
  }

  /** P(value | param); an unseen or missing value (id < 0) gets the param's UNK entry. */
  valueProb(p: number, v: number): number {
    const count = v >= 0 ? this.counts.paramValues[p].get(v) : undefined;
    return (count === undefined ? 1 : count + 1) / this._valueTotals[p];
  }

  /** The sessions in this model's ids; unseen names map to the UNK entries. */
  encode(data: ISessionData): IEncodedSessions {
    const own = this._ownData === data;
    const cmdMap = Int32Array.from(data.cmdNames, (n, i) =>
      own ? i + TOKEN_COUNT : this.cmdId(n)
    );
    const cmds = new Int32Array(data.cmds.length);
    for (let i = 0; i < cmds.length; i++) {
      cmds[i] = cmdMap[data.cmds[i]];
    }
    const out: IEncodedSessions = { offsets: data.offsets, cmds };
    if (this.kind !== 'cmds' && data.paramOffsets && data.params) {
      out.paramOffsets = data.paramOffsets;
      // the training data's param and value ids are the model's: no copy
      out.params = own ? data.params : remap(data.params, data.paramNames, this._paramIndex, -1);
      if (this.kind === 'values' && data.values) {
        out.values = own ? data.values : remap(data.values, data.valueNames, this._valueIndex, -2);
      }
    }
    return out;
  }

  /** The data this model was trained on (its ids need no remapping). */
  _ownData: ISessionData | null = null;
}

/** ids of `names` re-expressed through `index` (`unknown` when absent); negative ids stay -1. */
function remap(
  ids: Int32Array,
  names: string[] | undefined,
  index: Map<string, number>,
  unknown: number
): Int32Array {
  const map = Int32Array.from(names ?? [], n => index.get(n) ?? unknown);
  return ids.map(id => (id < 0 ? -1 : map[id]));
}

function indexOf(names: string[]): Map<string, number> {
  return new Map(names.map((n, i) => [n, i]));
}

/** msticpy's Model(...).train(): counts, Laplace smoothing and probabilities. */
export function trainSessionModel(
  data: ISessionData,
  options: ITrainOptions = {},
  ctx: JobContext = NO_JOB
): SessionModel {
  const model = new SessionModel(computeCounts(data, ctx, options.weights), options);
  model._ownData = data;
  return model;
}
