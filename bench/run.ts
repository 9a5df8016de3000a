// Runs a named benchmark: its Node side (bench/<name>/node.ts) and its Python reference
// (bench/<name>/ref.py) as two separate processes on the same input, then prints their
// figures side by side with the ratio. Each side prints one JSON line per case:
//   {"case": "...", "seconds": s, "rows": n?, "bytes": b?, "maxRssMB": m, ...extra}
// A benchmark whose reference needs the same client (e.g. transfer: both paths end in the
// browser's JavaScript) has no ref.py; its node.ts marks reference lines with "side": "ref".
// Usage: npm run bench -- <name> [args passed to both sides]
import { spawnSync } from 'child_process';
import { existsSync, readdirSync } from 'fs';
import { cpus, loadavg } from 'os';
import { join, resolve } from 'path';

interface ICaseResult {
  case: string;
  seconds: number;
  rows?: number;
  bytes?: number;
  maxRssMB?: number;
  [extra: string]: unknown;
}

const root = resolve(__dirname, '..');

export function pythonBin(): string {
  const candidates = [
    process.env.HUNT_BENCH_PYTHON,
    join(root, '.venv-bench/bin/python'),
    join(root, '.venv/bin/python')
  ];
  return candidates.find(p => p && existsSync(p)) ?? 'python3';
}

/** The machine may be shared: the 1-minute load average next to each side's figures. */
function load(): string {
  return `load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores`;
}

function runSide(cmd: string, args: string[], label: string): ICaseResult[] {
  console.log(`${label} side starts; ${load()}`);
  const res = spawnSync(cmd, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['ignore', 'pipe', 'inherit']
  });
  if (res.status !== 0) {
    throw new Error(`${label} side failed (exit ${res.status})`);
  }
  console.log(`${label} side done; ${load()}`);
  return res.stdout
    .split('\n')
    .filter(l => l.startsWith('{'))
    .map(l => JSON.parse(l) as ICaseResult);
}

function fmt(n: unknown, digits = 3): string {
  return typeof n === 'number'
    ? Math.abs(n) >= 1000
      ? n.toFixed(0)
      : n.toPrecision(digits)
    : String(n ?? '-');
}

function printComparison(ours: ICaseResult[], ref: ICaseResult[]): void {
  const rows: string[][] = [
    [
      'case',
      'ours s',
      'ref s',
      'speed-up',
      'cpu speed-up',
      'ours MB/s',
      'ref MB/s',
      'ours rows/s',
      'ref rows/s',
      'ours peak MB',
      'ref peak MB'
    ]
  ];
  for (const o of ours) {
    const r = ref.find(x => x.case === o.case);
    const rate = (x: ICaseResult | undefined, k: 'bytes' | 'rows') =>
      x && x[k] !== undefined
        ? k === 'bytes'
          ? x.bytes! / 1e6 / x.seconds
          : x.rows! / x.seconds
        : undefined;
    rows.push([
      o.case,
      fmt(o.seconds),
      fmt(r?.seconds),
      r ? fmt(r.seconds / o.seconds) + 'x' : '-',
      // CPU time ratio: steadier than wall time when other work shares the machine.
      typeof o.cpuSeconds === 'number' && typeof r?.cpuSeconds === 'number'
        ? fmt(r.cpuSeconds / o.cpuSeconds) + 'x'
        : '-',
      fmt(rate(o, 'bytes')),
      fmt(rate(r, 'bytes')),
      fmt(rate(o, 'rows')),
      fmt(rate(r, 'rows')),
      fmt(o.maxRssMB),
      fmt(r?.maxRssMB)
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
  for (const r of rows) {
    console.log(r.map((cell, c) => cell.padStart(widths[c])).join('  '));
  }
  const extras = [...ours.map(o => ['ours', o] as const), ...ref.map(r => ['ref', r] as const)];
  for (const [side, x] of extras) {
    const rest = Object.entries(x).filter(
      ([k]) => !['case', 'seconds', 'rows', 'bytes', 'maxRssMB'].includes(k)
    );
    if (rest.length) {
      console.log(
        `${side} ${x.case}: ${rest.map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v, 4) : JSON.stringify(v)}`).join(' ')}`
      );
    }
  }
}

function main(): void {
  const [name, ...args] = process.argv.slice(2);
  const names = readdirSync(__dirname).filter(d => existsSync(join(__dirname, d, 'node.ts')));
  if (!name || !names.includes(name)) {
    console.error(`usage: npm run bench -- <name> [args]; benchmarks: ${names.join(', ')}`);
    process.exit(2);
  }
  const dir = join(__dirname, name);
  console.log(`benchmark ${name}; reference python: ${pythonBin()}`);
  const node = runSide(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=8192',
      '-r',
      'ts-node/register/transpile-only',
      join(dir, 'node.ts'),
      ...args
    ],
    'node'
  );
  const hasRef = existsSync(join(dir, 'ref.py'));
  const ref = hasRef
    ? runSide(pythonBin(), [join(dir, 'ref.py'), ...args], 'python')
    : node.filter(r => r.side === 'ref');
  printComparison(
    node.filter(r => r.side !== 'ref'),
    ref.map(({ side, ...r }) => r as ICaseResult)
  );
}

main();
