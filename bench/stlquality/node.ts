// Quality benchmark of the STL anomaly scoring (not a speed one; there is no Python side):
// seeded hourly count series with injected spikes, dips and level shifts
// (src/analytics/stl/__tests__/inject.ts), scored by msticpy's method (parity mode), the
// default mode and the variants it was chosen from. Prints a markdown table (method x series
// kind) on stderr, and one JSON line per method for run.ts.
// Args: --seeds N (default 10), --only SUBSTRING (method filter).
import { IAnomalyOptions, stlAnomalies } from '../../src/analytics/stl';
import { injectedSeries, ISeriesSpec, scoreFlags } from '../../src/analytics/stl/__tests__/inject';
import { report } from '../lib';

const OLD = { countScale: false, refit: false, dropEchoes: false };

/** The methods compared; `period` is added per series. */
const METHODS: [string, IAnomalyOptions][] = [
  ['msticpy (parity)', { parity: 'msticpy' }],
  ['before: z-score, both tails', OLD],
  ['before: robust STL + MAD', { ...OLD, robust: true, score: 'robust' }],
  ['before + echo drop', { ...OLD, dropEchoes: true }],
  ['MAD score, no count scale', { score: 'robust', countScale: false }],
  ['robust STL', { robust: true }],
  ['MAD score', { score: 'robust' }],
  ['no count scale', { countScale: false }],
  ['no second fit', { refit: false }],
  ['default + echo drop', { dropEchoes: true }],
  ['default', {}]
];

const KINDS: Omit<ISeriesSpec, 'seed'>[] = [
  { density: 'sparse', period: 24 },
  { density: 'sparse', period: 168 },
  { density: 'dense', period: 24 },
  { density: 'dense', period: 168 }
];

interface ICell {
  tp: number;
  fp: number;
  found: number;
  injected: number;
  clean: number;
}

/** Sums over seeds; `clean`: flagged fraction of the same series without anomalies. */
function measure(options: IAnomalyOptions, kind: Omit<ISeriesSpec, 'seed'>, seeds: number) {
  const cell: ICell = { tp: 0, fp: 0, found: 0, injected: 0, clean: 0 };
  const flags = (y: Float64Array) => stlAnomalies(y, { ...options, period: kind.period }).anomalies;
  for (let seed = 1; seed <= seeds; seed++) {
    const s = injectedSeries({ ...kind, seed });
    const q = scoreFlags(flags(s.y), s.truth, kind.period);
    cell.tp += q.truePositives;
    cell.fp += q.falsePositives;
    cell.found += q.found;
    cell.injected += q.injected;
    const c = injectedSeries({ ...kind, seed, anomalies: false });
    cell.clean += scoreFlags(flags(c.y), [], kind.period).flaggedFraction / seeds;
  }
  const precision = cell.tp + cell.fp ? cell.tp / (cell.tp + cell.fp) : 1;
  const recall = cell.found / cell.injected;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...cell, precision, recall, f1 };
}

function arg(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

function main(): void {
  const argv = process.argv.slice(2);
  const seeds = Number(arg(argv, '--seeds') ?? 10);
  const only = arg(argv, '--only');
  const head = KINDS.map(k => `${k.density} ${k.period}`);
  const lines = [
    `| method | ${head.join(' | ')} | mean F1 |`,
    `|---|${head.map(() => '---|').join('')}---|`
  ];
  for (const [name, options] of METHODS.filter(([n]) => !only || n.includes(only))) {
    const t0 = process.hrtime.bigint();
    const cells = KINDS.map(k => measure(options, k, seeds));
    const meanF1 = cells.reduce((s, c) => s + c.f1, 0) / cells.length;
    const text = cells.map(
      c =>
        `${c.precision.toFixed(2)} / ${c.recall.toFixed(2)} / ${c.f1.toFixed(2)} · ${c.fp} · ${(100 * c.clean).toFixed(1)}%`
    );
    lines.push(`| ${name} | ${text.join(' | ')} | ${meanF1.toFixed(3)} |`);
    report({
      case: name,
      seconds: Number(process.hrtime.bigint() - t0) / 1e9,
      meanF1,
      falsePositives: cells.reduce((s, c) => s + c.fp, 0),
      sparseCleanFlagged: Math.max(cells[0].clean, cells[1].clean)
    });
  }
  console.error(
    [
      `\nSTL anomaly quality, ${seeds} seeds per kind. Cell: precision / recall / F1 · false-positive points · flagged on the same series without anomalies.`,
      ...lines,
      ''
    ].join('\n')
  );
}

main();
