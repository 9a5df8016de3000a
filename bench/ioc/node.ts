// Node side of the IoC benchmark: the worker job path (Arrow table in -> strings -> extract ->
// Arrow table out) on the corpus built by corpus.py, in default mode (all types) and in
// msticpy parity mode. Writes the result sets for ref.py's agreement figures.
import { spawnSync } from 'child_process';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { tableFromArrays } from 'apache-arrow';
import { columnStrings } from '../../src/analytics/arrow';
import { ALL_TYPES, extractIocs, iocMatchesToTable, IIocMatch } from '../../src/analytics/ioc';
import { ROOT, report, timeIt } from '../lib';

const CORPUS = join(ROOT, 'bench/out/ioc-corpus.txt');

function corpus(): string[] {
  if (!existsSync(CORPUS)) {
    // run.ts's pythonBin() is not importable (importing run.ts runs it); same choice here.
    const python = process.env.HUNT_BENCH_PYTHON ?? join(ROOT, '.venv-bench/bin/python');
    spawnSync(existsSync(python) ? python : 'python3', [join(__dirname, 'corpus.py')], {
      stdio: 'inherit'
    });
  }
  const lines = readFileSync(CORPUS, 'utf8').split('\n');
  lines.pop();
  return lines;
}

async function main(): Promise<void> {
  const lines = corpus();
  const table = tableFromArrays({ text: lines });
  const bytes = Buffer.byteLength(lines.join('\n')) + 1;
  const cases: [string, Parameters<typeof extractIocs>[1]][] = [
    ['default', { types: [...ALL_TYPES].filter(t => t !== 'windows_path' && t !== 'linux_path') }],
    ['parity', { parity: 'msticpy' }]
  ];
  for (const [name, options] of cases) {
    let matches: IIocMatch[] = [];
    const { seconds, cpuSeconds } = await timeIt(() => {
      const texts = columnStrings(table, 'text');
      matches = extractIocs(texts, { ...options, column: 'text' });
      return iocMatchesToTable(matches, texts).numRows;
    });
    // cpuSeconds (least CPU time of the 3 runs): steadier than wall time on a shared machine.
    const rows = [...new Set(matches.map(m => JSON.stringify([m.type, m.value, m.row])))].map(s =>
      JSON.parse(s)
    );
    writeFileSync(join(ROOT, `bench/out/ioc-ours-${name}.json`), JSON.stringify(rows));
    const byType: Record<string, number> = {};
    for (const m of matches) {
      byType[m.type] = (byType[m.type] ?? 0) + 1;
    }
    report({
      case: `corpus ${name}`,
      seconds,
      cpuSeconds,
      rows: lines.length,
      bytes,
      observables: rows.length,
      byType
    });
  }
}

void main();
