// Seeded fuzz of decodeIPC with hostile Arrow IPC: truncations, bit flips and every length,
// count and offset field overwritten with 2^30, 2^31-1, -1, 0 and int64 max, on streams and
// files in the kernel's shapes. Each case must decode to a table that agrees with its own
// declared lengths, or throw an Error that says what is wrong, within a second; memory must
// stay bounded. Without ipccheck.ts several cases hang or exhaust memory (ipccheck.spec.ts).
import { readFileSync } from 'fs';
import { join } from 'path';
import { Table, tableToIPC, Vector } from 'apache-arrow';
import { cellText, decodeIPC } from '../arrow';
import { checkIPC } from '../ipccheck';
import { ipcFields, messageBoundaries, overwrite } from './ipcfields';
import { kernelShapedTable } from './ipctables';
import { prng } from './prng';

// Per case, in CPU time: other processes on a shared machine do not count, GC does.
const CASE_MS = 1000;
const VALUES = [2n ** 30n, 2n ** 31n - 1n, -1n, 0n, 2n ** 63n - 1n];

function corpus(): [string, Uint8Array][] {
  const one = kernelShapedTable(40, 1);
  const two = kernelShapedTable(25, 2).concat(kernelShapedTable(15, 3));
  const fixture = (name: string) =>
    new Uint8Array(readFileSync(join(__dirname, 'fixtures', 'valid-ipc', name)));
  return [
    ['js stream', tableToIPC(one, 'stream')],
    ['js file', tableToIPC(one, 'file')],
    ['js stream, 2 batches', tableToIPC(two, 'stream')],
    // (a file cannot replace a dictionary: the pyarrow file below has 3 batches)
    ['kernel stream', fixture('kernel.arrows')],
    ['kernel file', fixture('kernel.arrow')]
  ];
}

interface IOutcome {
  label: string;
  ms: number;
  problem?: string;
}

/** Decode one case and read every cell as the table view would. */
function runCase(label: string, bytes: Uint8Array): IOutcome {
  const t0 = process.cpuUsage();
  let table: Table | undefined;
  let problem: string | undefined;
  try {
    table = decodeIPC(bytes);
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    if (!(err instanceof Error) || !/^Arrow (data|IPC)\b.{10,}/.test(message)) {
      problem = `threw an unclear error: ${String(err)}`;
    }
  }
  if (table) {
    try {
      problem = inconsistency(table, checkIPC(bytes).rows);
    } catch (err) {
      problem = `decoded, then reading it threw: ${String(err)}`;
    }
  }
  const cpu = process.cpuUsage(t0);
  return { label, ms: (cpu.user + cpu.system) / 1000, problem };
}

function inconsistency(table: Table, declaredRows: number): string | undefined {
  if (table.numRows !== declaredRows) {
    return `${table.numRows} rows, ${declaredRows} declared`;
  }
  for (const batch of table.batches) {
    const bad = batch.data.children.find(c => c.length !== batch.numRows);
    if (bad) {
      return `a column of ${bad.length} values in a batch of ${batch.numRows} rows`;
    }
  }
  for (const f of table.schema.fields) {
    const col = table.getChild(f.name)!;
    for (let i = 0; i < col.length; i++) {
      readCell(col, i);
    }
  }
  return undefined;
}

/**
 * A flipped bit in a timestamp's value is still a valid int64, but apache-arrow throws reading
 * one beyond 2^53 ms: a value problem (for the view to show), not a structural one.
 */
let unreadableCells = 0;
function readCell(col: Vector, i: number): void {
  try {
    cellText(col.get(i), col.type);
  } catch (err) {
    if (!/is not safe to convert to a number/.test(String(err))) {
      throw err;
    }
    unreadableCells++;
  }
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  out[bit >> 3] ^= 1 << (bit & 7);
  return out;
}

/** Byte ranges holding message metadata (flips there reach lengths, counts and types). */
function metadataRanges(bytes: Uint8Array): [number, number][] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const starts = messageBoundaries(bytes).slice(0, -1);
  return starts.map(s => [
    s,
    Math.min(bytes.byteLength, s + 8 + Math.max(0, view.getInt32(s + 4, true)))
  ]);
}

function check(outcomes: IOutcome[]): void {
  const slow = outcomes.filter(o => o.ms > CASE_MS).map(o => `${o.label}: ${o.ms.toFixed(0)} ms`);
  const bad = outcomes.filter(o => o.problem).map(o => `${o.label}: ${o.problem}`);
  expect(bad.slice(0, 10)).toEqual([]);
  expect(slow.slice(0, 10)).toEqual([]);
}

describe('decodeIPC on hostile Arrow IPC (seeded)', () => {
  const sources = corpus();
  const cpu0 = process.cpuUsage();
  let cases = 0;

  afterAll(() => {
    const cpu = process.cpuUsage(cpu0);
    const seconds = (cpu.user + cpu.system) / 1e6;
    console.log(
      `ipcfuzz: ${cases} cases in ${seconds.toFixed(1)} s of CPU; ${unreadableCells} timestamp cells beyond 2^53 ms`
    );
    expect(seconds).toBeLessThan(40);
  });

  it.each(sources)('%s: decodes as it is', (_label, bytes) => {
    expect(runCase('valid', bytes).problem).toBeUndefined();
  });

  it.each(sources)(
    '%s: truncated at every message boundary and at random points',
    (label, bytes) => {
      const rand = prng(11);
      const cuts = new Set<number>();
      for (const b of messageBoundaries(bytes)) {
        [b - 1, b, b + 4, b + 8, b + 9].forEach(c => cuts.add(c));
      }
      for (let i = 0; i < 30; i++) {
        cuts.add(Math.floor(rand() * bytes.byteLength));
      }
      const valid = [...cuts].filter(c => c > 0 && c < bytes.byteLength);
      cases += valid.length;
      check(valid.map(c => runCase(`${label} cut at ${c}`, bytes.subarray(0, c))));
    }
  );

  it.each(sources)('%s: bit flips', (label, bytes) => {
    const rand = prng(bytes.byteLength);
    const ranges = metadataRanges(bytes);
    const outcomes: IOutcome[] = [];
    for (let i = 0; i < 300; i++) {
      // two thirds in the metadata, where a flip changes a length, count or type
      const [lo, hi] = i % 3 ? ranges[Math.floor(rand() * ranges.length)] : [0, bytes.byteLength];
      const bit = lo * 8 + Math.floor(rand() * (hi - lo) * 8);
      outcomes.push(runCase(`${label} bit ${bit} flipped`, flipBit(bytes, bit)));
    }
    cases += outcomes.length;
    check(outcomes);
  });

  it.each(sources)(
    '%s: each length, count and offset overwritten; memory bounded',
    (label, bytes) => {
      const fields = ipcFields(bytes);
      expect(fields.length).toBeGreaterThan(20);
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      const outcomes: IOutcome[] = [];
      for (const field of fields) {
        for (const value of VALUES) {
          outcomes.push(
            runCase(`${label} ${field.name} = ${value}`, overwrite(bytes, field, value))
          );
          peak = Math.max(peak, process.memoryUsage().rss);
        }
      }
      cases += outcomes.length;
      check(outcomes);
      expect((peak - rss0) / 1e6).toBeLessThan(200);
    }
  );
});
