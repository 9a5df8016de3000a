// Valid tables in the kernel's shapes (utf8, dictionary, list<utf8>, struct, timestamps, ints,
// floats), seeded, for the IPC check's tests, fuzz corpus and benchmark.
import {
  Dictionary,
  Field,
  Float64,
  Int32,
  List,
  makeVector,
  Struct,
  Table,
  TimestampMillisecond,
  Utf8,
  vectorFromArray
} from 'apache-arrow';
import { prng } from './prng';

/** `rows` rows x 10 columns, with nulls in most columns. */
export function kernelShapedTable(rows: number, seed = 1): Table {
  const rand = prng(seed);
  const int = (f: (i: number) => number) =>
    makeVector(Int32Array.from({ length: rows }, (_, i) => f(i)));
  const names = Array.from({ length: rows }, () =>
    rand() < 0.15 ? null : `user${Math.floor(rand() * 9)}`
  );
  return new Table({
    id: int(i => i),
    port: int(() => Math.floor(rand() * 65536)),
    score: vectorFromArray(
      names.map(() => (rand() < 0.1 ? null : rand())),
      new Float64()
    ),
    bytes: makeVector(Float64Array.from({ length: rows }, (_, i) => i * 1.5)),
    account: vectorFromArray(names, new Utf8()),
    computer: vectorFromArray(names, new Dictionary(new Utf8(), new Int32())),
    commands: vectorFromArray(
      names.map(x => (x ? [x, 'cmd.exe /c whoami'].slice(0, 1 + (x.length % 2)) : null)),
      new List(new Field('item', new Utf8(), true))
    ),
    params: vectorFromArray(
      names.map((x, i) => (i % 5 ? { k: x, n: i } : null)),
      new Struct([new Field('k', new Utf8(), true), new Field('n', new Int32(), true)])
    ),
    time: vectorFromArray(
      names.map((_, i) => (i % 6 ? 1.7e12 + i * 1000 : null)),
      new TimestampMillisecond()
    ),
    event: int(i => 4624 + (i % 3))
  });
}
