// Node side of the table sort benchmark (protocol in ../run.ts): the table view's sort of one
// column of 1,000,000 rows (HUNT_BENCH_ROWS), per column type and direction: ours (the radix
// argsort, sort.ts) against the comparator sort it replaced, in this process. Writes the
// columns and our orders to $TMPDIR/hunt-bench-tablesort/ for ref.py (pandas sort_values).
// Args (both sides): --only SUBSTRING (case filter).
import { mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  Bool,
  DataType,
  Dictionary,
  Float32,
  Float64,
  Int32,
  Int64,
  makeData,
  makeVector,
  TimestampNanosecond,
  Utf8,
  Vector
} from 'apache-arrow';
import { argsort } from '../../src/analytics/sort';
import { comparatorSort } from '../../src/analytics/__tests__/comparatorsort';
import { prng } from '../../src/analytics/__tests__/prng';
import { report, timeIt } from '../lib';

const TMP = join(tmpdir(), 'hunt-bench-tablesort');
const N = Number(process.env.HUNT_BENCH_ROWS ?? 1_000_000);
const rand = prng(20240501);
const int = (n: number) => Math.floor(rand() * n);

/** One column: its values as the files ref.py reads, and as an Arrow vector. */
interface IColumn {
  name: string;
  files: Record<string, ArrayBufferView>;
  vector: Vector;
}

/** Validity bitmap (Arrow) and byte mask (numpy) with about `share` nulls. */
function nulls(share: number): { bitmap: Uint8Array; mask: Uint8Array; count: number } {
  const bitmap = new Uint8Array((N + 7) >> 3);
  const mask = new Uint8Array(N);
  let count = 0;
  for (let i = 0; i < N; i++) {
    mask[i] = rand() < share ? 0 : 1;
    count += 1 - mask[i];
    bitmap[i >> 3] |= mask[i] << (i & 7);
  }
  return { bitmap, mask, count };
}

function fixed(name: string, type: DataType, data: ArrayBufferView, share = 0): IColumn {
  const v = nulls(share);
  const vector = makeVector(
    makeData({ type, length: N, nullCount: v.count, nullBitmap: v.bitmap, data } as never)
  );
  return { name, files: { values: data, valid: v.mask }, vector };
}

function strings(name: string, make: (i: number) => string, share: number): IColumn {
  const enc = new TextEncoder();
  const parts = Array.from({ length: N }, (_, i) => enc.encode(make(i)));
  const offsets = new Int32Array(N + 1);
  parts.forEach((p, i) => (offsets[i + 1] = offsets[i] + p.length));
  const bytes = new Uint8Array(offsets[N]);
  parts.forEach((p, i) => bytes.set(p, offsets[i]));
  const v = nulls(share);
  const vector = makeVector(
    makeData({
      type: new Utf8(),
      length: N,
      nullCount: v.count,
      nullBitmap: v.bitmap,
      valueOffsets: offsets,
      data: bytes
    })
  );
  return { name, files: { bytes, offsets, valid: v.mask }, vector };
}

/** Categories in sorted order: pandas sorts a Categorical by category order, we by text. */
function category(name: string, values: string[], share: number): IColumn {
  const codes = Int32Array.from({ length: N }, () => int(values.length));
  const v = nulls(share);
  const dictionary = makeVector(makeData({ type: new Utf8(), ...utf8Buffers(values) }));
  const vector = makeVector(
    makeData({
      type: new Dictionary(new Utf8(), new Int32()),
      length: N,
      nullCount: v.count,
      nullBitmap: v.bitmap,
      data: codes,
      dictionary
    })
  );
  const names = new TextEncoder().encode(JSON.stringify(values));
  return { name, files: { codes, valid: v.mask, categories: names }, vector };
}

function utf8Buffers(values: string[]) {
  const parts = values.map(s => new TextEncoder().encode(s));
  const valueOffsets = new Int32Array(values.length + 1);
  parts.forEach((p, i) => (valueOffsets[i + 1] = valueOffsets[i] + p.length));
  const data = new Uint8Array(valueOffsets[values.length]);
  parts.forEach((p, i) => data.set(p, valueOffsets[i]));
  return { length: values.length, nullCount: 0, valueOffsets, data };
}

/** The scale test's frame (ui-tests/tests/scale.spec.ts), one column per type. */
function columns(): IColumn[] {
  const hosts = ['web', 'db', 'dc', 'wks'].flatMap(p =>
    Array.from({ length: 1250 }, (_, i) => `${p}-${String(i + 1).padStart(4, '0')}.corp.example`)
  );
  const kinds = ['Logon', 'Logoff', 'ProcessCreate', 'NetworkConnect', 'FileCreate', 'RegistrySet'];
  const bytes = Float64Array.from({ length: N }, () =>
    rand() < 0.01 ? NaN : Math.round(Math.exp(8 + 2 * gauss()) * 1000) / 1000
  );
  return [
    fixed(
      'int64',
      new Int64(),
      BigInt64Array.from({ length: N }, () => BigInt(int(N)) * 7n + 3n),
      0.01
    ),
    fixed(
      'int32',
      new Int32(),
      Int32Array.from({ length: N }, () => 1 + int(4999))
    ),
    fixed('float64', new Float64(), bytes),
    fixed(
      'float32',
      new Float32(),
      Float32Array.from({ length: N }, () => rand())
    ),
    fixed(
      'timestamp[ns]',
      new TimestampNanosecond('UTC'),
      BigInt64Array.from(
        { length: N },
        () => (1_714_521_600n + BigInt(int(86_400 * 30))) * 10n ** 9n
      ),
      0.01
    ),
    fixed(
      'bool',
      new Bool(),
      packBits(N, () => rand() < 0.7),
      0.1
    ),
    strings('utf8 5,000 hosts', () => hosts[int(hosts.length)], 0.01),
    strings(
      'utf8 unique URLs',
      i => `https://example.com/api/v2/items/${(i * 7919) % N}?q=${int(1000)}`,
      0.01
    ),
    category('dictionary<utf8>', [...kinds].sort(), 0.01)
  ];
}

function gauss(): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function packBits(n: number, bit: () => boolean): Uint8Array {
  const out = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) {
    out[i >> 3] |= (bit() ? 1 : 0) << (i & 7);
  }
  return out;
}

function write(col: IColumn, stem: string): void {
  for (const [kind, data] of Object.entries(col.files)) {
    writeFileSync(
      join(TMP, `${stem}.${kind}`),
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    );
  }
}

async function main(): Promise<void> {
  const only = process.argv.includes('--only')
    ? process.argv[process.argv.indexOf('--only') + 1]
    : '';
  mkdirSync(TMP, { recursive: true });
  const all = Int32Array.from({ length: N }, (_, i) => i);
  const cols = columns();
  writeFileSync(join(TMP, 'columns.json'), JSON.stringify(cols.map(c => c.name)));
  for (const [c, col] of cols.entries()) {
    write(col, `col${c}`);
    for (const ascending of [true, false]) {
      const name = `${col.name} ${ascending ? 'asc' : 'desc'}`;
      if (only && !name.includes(only)) {
        continue;
      }
      const ours = await timeIt(() => argsort(col.vector, ascending));
      // The comparator takes seconds: one run.
      const old = await timeIt(() => comparatorSort(col.vector, all, ascending), 1);
      const same = ours.result.every((r, i) => r === old.result[i]);
      writeFileSync(join(TMP, `col${c}-${ascending ? 'asc' : 'desc'}.order`), ours.result);
      report({
        case: name,
        seconds: ours.seconds,
        cpuSeconds: ours.cpuSeconds,
        rows: N,
        comparatorSeconds: old.seconds,
        vsComparator: old.seconds / ours.seconds,
        sameOrderAsComparator: same
      });
    }
  }
}

void main();
