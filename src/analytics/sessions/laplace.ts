// msticpy's Laplace smoothing (utils/laplace_smooth.py) in closed form. With V the commands
// seen plus START, END and UNK, msticpy adds 1 to seq2[a][b] for every a != END, b != START,
// and 1 to seq1[a] and seq1[b] for each such pair. So, without materialising |V|^2 pairs:
//   seq1'[x] = seq1[x] + 2(|V|-1)   (x an ordinary command or UNK)
//   seq1'[x] = seq1[x] + (|V|-1)    (x START or END)
//   sum seq1' = sum seq1 + 2(|V|-1)^2
//   row sum of seq2'[a] = seq1[a] + (|V|-1)  (each occurrence of a is followed by one transition)
// Params: every (cmd, param) pair seen gets +1 and each cmd gets an UNK param with count 1.
// Values: every (param, value) pair seen gets +1 and each param gets an UNK value with count 1.
import { IRawCounts } from './counts';
import { END, START, UNK } from './tokens';

/** |V|: all model commands including the three tokens. */
export function vocabularySize(counts: IRawCounts): number {
  return counts.cmdNames.length;
}

export function smoothedSeq1(counts: IRawCounts, x: number): number {
  const v1 = vocabularySize(counts) - 1;
  return counts.seq1[x] + (x === START || x === END ? v1 : 2 * v1);
}

export function smoothedSeq1Total(counts: IRawCounts): number {
  const v1 = vocabularySize(counts) - 1;
  let total = 0;
  for (let x = 0; x < counts.seq1.length; x++) {
    total += counts.seq1[x];
  }
  return total + 2 * v1 * v1;
}

/** seq2'[a][b] for a != END and b != START (the pairs msticpy stores). */
export function smoothedSeq2(counts: IRawCounts, a: number, b: number): number {
  return (a === UNK || b === UNK ? 0 : counts.seq2.get(a, b)) + 1;
}

/** Sum over b of seq2'[a][b], for a != END. */
export function smoothedSeq2RowTotal(counts: IRawCounts, a: number): number {
  return counts.seq1[a] + vocabularySize(counts) - 1;
}

export interface ISmoothedCounts {
  seq1: Record<string, number>;
  seq2: Record<string, Record<string, number>>;
  paramCounts?: Record<string, number>;
  cmdParamCounts?: Record<string, Record<string, number>>;
  paramValueCounts?: Record<string, Record<string, number>>;
}

/**
 * The smoothed counts as msticpy's dicts (for inspection and tests; |V|^2 entries, so only
 * for small vocabularies).
 */
export function materialiseSmoothedCounts(counts: IRawCounts): ISmoothedCounts {
  const names = counts.cmdNames;
  const seq1: Record<string, number> = {};
  const seq2: Record<string, Record<string, number>> = {};
  names.forEach((name, x) => {
    seq1[name] = smoothedSeq1(counts, x);
    if (x !== END) {
      const row: Record<string, number> = {};
      names.forEach((to, y) => {
        if (y !== START) {
          row[to] = smoothedSeq2(counts, x, y);
        }
      });
      seq2[name] = row;
    }
  });
  const out: ISmoothedCounts = { seq1, seq2 };
  if (counts.kind === 'cmds') {
    return out;
  }
  const unk = names[UNK];
  const paramCounts: Record<string, number> = {};
  counts.paramNames.forEach((p, i) => (paramCounts[p] = counts.paramCounts[i]));
  paramCounts[unk] = 0;
  const cmdParamCounts: Record<string, Record<string, number>> = {};
  names.forEach((name, x) => {
    const row: Record<string, number> = {};
    counts.cmdParams[x].ids.forEach((p, k) => {
      row[counts.paramNames[p]] = counts.cmdParams[x].counts[k] + 1;
      paramCounts[counts.paramNames[p]]++;
    });
    row[unk] = 1;
    paramCounts[unk]++;
    cmdParamCounts[name] = row;
  });
  out.paramCounts = paramCounts;
  out.cmdParamCounts = cmdParamCounts;
  if (counts.kind === 'values') {
    const pvc: Record<string, Record<string, number>> = {};
    [...counts.paramNames, unk].forEach((p, i) => {
      const row: Record<string, number> = {};
      counts.paramValues[i]?.forEach((c, v) => (row[counts.valueNames[v]] = c + 1));
      row[unk] = 1;
      pvc[p] = row;
    });
    out.paramValueCounts = pvc;
  }
  return out;
}
