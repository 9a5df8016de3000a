// Worker pool benchmark: the same jobs through WorkerService on one worker ("ref" side) and
// split across N pool workers (worker_threads running the browser's pool code), on the IoC
// benchmark corpus (bench/ioc/corpus.py). Prints single vs pool MB/s and their ratio via run.ts,
// whether the results are identical, and the serial parts (split + slice encoding, merge).
// Usage: npm run bench -- pool [--workers 2] [--lines 200000] [--only ioc]
import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { Table, tableFromArrays, tableFromIPC } from 'apache-arrow';
import { encodeIPC } from '../../src/analytics/arrow';
import { ALL_TYPES } from '../../src/analytics/ioc';
import type { JobArgs, JobName } from '../../src/protocol';
import { WorkerService } from '../../src/worker/service';
import { spawnNodeSubWorker } from '../../src/worker/pool/node';
import { WorkerPool } from '../../src/worker/pool/pool';
import { concatTables, sliceIPC, splitRows } from '../../src/worker/pool/split';
import { report, ROOT, timeIt } from '../lib';

const CORPUS = join(ROOT, 'bench/out/ioc-corpus.txt');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

function corpus(lines: number): string[] {
  if (!existsSync(CORPUS)) {
    const python = process.env.HUNT_BENCH_PYTHON ?? join(ROOT, '.venv-bench/bin/python');
    spawnSync(existsSync(python) ? python : 'python3', [join(ROOT, 'bench/ioc/corpus.py')], {
      stdio: 'inherit'
    });
  }
  const all = readFileSync(CORPUS, 'utf8').split('\n');
  all.pop();
  return all.slice(0, lines);
}

interface ICase {
  name: string;
  job: JobName;
  args: Record<string, unknown>;
}

const IOC_TYPES = [...ALL_TYPES].filter(t => t !== 'windows_path' && t !== 'linux_path');
const CASES: ICase[] = [
  { name: 'ioc', job: 'extractIocs', args: { columns: ['text'], types: IOC_TYPES } },
  { name: 'ioc parity', job: 'extractIocs', args: { columns: ['text'], parity: 'msticpy' } },
  { name: 'decode', job: 'decode', args: { columns: ['text'] } },
  { name: 'filter', job: 'queryRows', args: { filterText: 'EXE' } },
  {
    name: 'filter regex',
    job: 'queryRows',
    args: { columnFilters: [{ column: 'text', kind: 'regex', pattern: 'user[0-9]+@' }] }
  },
  { name: 'profile', job: 'profile', args: {} }
];

let nextJob = 1;

/** One job on a service, its output as comparable bytes (table result dropped after export). */
async function runJob(service: WorkerService, tableId: number, c: ICase): Promise<Uint8Array> {
  const out = await service.run(nextJob++, c.job, { ...c.args, tableId } as JobArgs<JobName>);
  if (out instanceof Int32Array) {
    return new Uint8Array(out.buffer);
  }
  if (out && typeof out === 'object' && 'numRows' in out) {
    const bytes = service.export(out.id);
    service.drop(out.id);
    return bytes;
  }
  return new TextEncoder().encode(JSON.stringify(out));
}

/** Comparable text of a job's output (tables decoded: batches may differ, values may not). */
function canonical(bytes: Uint8Array, c: ICase): string {
  if (c.job === 'queryRows' || c.job === 'profile') {
    return Buffer.from(bytes).toString('base64');
  }
  const t = tableFromIPC(bytes);
  return JSON.stringify([
    t.schema.metadata.get('notes'),
    t.schema.fields.map((f, i) => [f.name, [...t.getChildAt(i)!].map(v => String(v))])
  ]);
}

/** The serial parts of a pooled IoC job, timed apart: split + slice encoding, and the merge. */
function serialParts(table: Table, parts: number): { splitSeconds: number; mergeSeconds: number } {
  const t0 = process.hrtime.bigint();
  const slices = splitRows(table, [0], parts).map(r => sliceIPC(table, [0], r));
  const t1 = process.hrtime.bigint();
  const merged = concatTables(slices.map(s => tableFromIPC(s)));
  const t2 = process.hrtime.bigint();
  void merged.numRows;
  return { splitSeconds: Number(t1 - t0) / 1e9, mergeSeconds: Number(t2 - t1) / 1e9 };
}

async function main(): Promise<void> {
  const workers = Number(arg('workers', '2'));
  const lines = corpus(Number(arg('lines', '200000')));
  const only = arg('only', '');
  const repeat = Number(arg('repeat', '2'));
  const text = tableFromArrays({ text: lines });
  const table = text.assign(
    tableFromArrays({ n: Float64Array.from(lines, (_, i) => (i * 7919) % 100_003) })
  );
  const bytes = Buffer.byteLength(lines.join('\n')) + 1;
  const pool = new WorkerPool(spawnNodeSubWorker, workers, {
    ioc: 0,
    decode: 0,
    filter: 0,
    profile: 0
  });
  const single = new WorkerService();
  const pooled = new WorkerService({ pool });
  const ipc = encodeIPC(table);
  const singleId = single.load(ipc.slice()).id;
  const pooledId = pooled.load(ipc.slice()).id;
  for (const c of CASES.filter(x => !only || x.name.startsWith(only))) {
    // Untimed first runs: the pool workers start and both sides compile the job's code.
    await runJob(single, singleId, c);
    await runJob(pooled, pooledId, c);
    const one = await timeIt(() => runJob(single, singleId, c), repeat);
    const many = await timeIt(() => runJob(pooled, pooledId, c), repeat);
    const identical = canonical(one.result, c) === canonical(many.result, c);
    const common = { rows: lines.length, bytes };
    report({
      case: c.name,
      side: 'ref',
      seconds: one.seconds,
      cpuSeconds: one.cpuSeconds,
      ...common
    });
    // Amdahl: 1/S = s + (1 - s)/N, so the serial fraction s = (1/S - 1/N) / (1 - 1/N).
    const speedUp = one.seconds / many.seconds;
    report({
      case: c.name,
      seconds: many.seconds,
      cpuSeconds: many.cpuSeconds,
      ...common,
      workers,
      identical,
      serialFraction: (1 / speedUp - 1 / workers) / (1 - 1 / workers),
      ...(c.job === 'extractIocs' ? serialParts(text, workers) : {})
    });
  }
  pool.dispose();
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
