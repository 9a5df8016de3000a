// Splitting a stored table into slices for the pool workers and merging their result tables
// back, in input order.
import { DataType, RecordBatch, Table } from 'apache-arrow';
import { encodeIPC, requireColumn } from '../../analytics/arrow';

export interface IRowRange {
  start: number;
  end: number;
}

/** Bytes a row-less estimate gives a cell of a column that is not text. */
const NON_TEXT_CELL_BYTES = 8;

/** Per-row work estimate of some columns: text bytes (from the offsets) or a fixed cost. */
function rowWeights(table: Table, columns: number[]): Float64Array {
  const weights = new Float64Array(table.numRows).fill(columns.length);
  for (const c of columns) {
    const col = table.getChildAt(c)!;
    if (!DataType.isUtf8(col.type)) {
      weights.forEach((w, i) => (weights[i] = w + NON_TEXT_CELL_BYTES));
      continue;
    }
    let row = 0;
    for (const chunk of col.data) {
      const offsets = chunk.valueOffsets as Int32Array;
      for (let i = 0; i < chunk.length; i++, row++) {
        weights[row] += offsets[i + 1] - offsets[i];
      }
    }
  }
  return weights;
}

/** Total work estimate of some columns (text bytes; rows x 8 for other types). */
export function workOf(table: Table, columns: number[]): number {
  let total = 0;
  for (const c of columns) {
    const col = table.getChildAt(c)!;
    if (!DataType.isUtf8(col.type)) {
      total += col.length * NON_TEXT_CELL_BYTES;
      continue;
    }
    for (const chunk of col.data) {
      const offsets = chunk.valueOffsets as Int32Array;
      total += offsets[chunk.length] - offsets[0];
    }
  }
  return total;
}

/** At most `parts` contiguous row ranges of about equal work (none empty). */
export function splitRows(table: Table, columns: number[], parts: number): IRowRange[] {
  const weights = rowWeights(table, columns);
  const total = weights.reduce((s, w) => s + w, 0);
  const ranges: IRowRange[] = [];
  let start = 0;
  let acc = 0;
  for (let i = 0; i < weights.length && ranges.length < parts - 1; i++) {
    acc += weights[i];
    if (acc >= (total * (ranges.length + 1)) / parts) {
      ranges.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (start < table.numRows) {
    ranges.push({ start, end: table.numRows });
  }
  return ranges;
}

/** At most `parts` contiguous groups of column indices of about equal work. */
export function splitColumns(table: Table, parts: number): number[][] {
  const n = table.numCols;
  const work = Array.from({ length: n }, (_, c) => workOf(table, [c]) + table.numRows);
  const total = work.reduce((s, w) => s + w, 0);
  const groups: number[][] = [[]];
  let acc = 0;
  for (let c = 0; c < n; c++) {
    if (groups.length < parts && groups.at(-1)!.length && acc >= (total * groups.length) / parts) {
      groups.push([]);
    }
    groups.at(-1)!.push(c);
    acc += work[c];
  }
  return groups;
}

/** The indices of named columns; a missing name fails as one worker's job fails. */
export function columnIndices(table: Table, names: readonly string[]): number[] {
  const all = table.schema.fields.map(f => f.name);
  return [...new Set(names)].map(name => (requireColumn(table, name), all.indexOf(name)));
}

/** Arrow IPC of some columns of some rows: what a pool worker reads. */
export function sliceIPC(table: Table, columns: number[], range?: IRowRange): Uint8Array {
  const cols = table.selectAt(columns);
  return encodeIPC(range ? cols.slice(range.start, range.end) : cols);
}

/** Tables of one schema, one after the other (their record batches; no copy). */
export function concatTables(tables: Table[]): Table {
  const schema = tables[0].schema;
  const batches = tables
    .flatMap(t => t.batches)
    .filter(b => b.numRows > 0)
    .map(b => (b.schema === schema ? b : new RecordBatch(schema, b.data)));
  return batches.length ? new Table(schema, batches) : tables[0];
}
