import { readFileSync } from 'fs';
import { join } from 'path';
import { Signal } from '@lumino/signaling';
import { decodeIPC } from '../../analytics/arrow';
import { ArrowDataModel } from '../datamodel';
import type { TableModel } from '../model';

// What the kernel sends for decimals, timedeltas and bidi text (tests/hostile/frames/).
const FIXTURE = join(__dirname, '../../../tests/hostile/frames/display.arrows');

function dataModel(sortColumn: string | null = null): ArrowDataModel {
  const table = decodeIPC(new Uint8Array(readFileSync(FIXTURE)));
  // Only what the grid model reads of a TableModel: all rows in table order.
  const model = {
    table,
    rowCount: table.numRows,
    tableRow: (row: number) => row,
    sortColumn,
    ascending: true,
    rowsChanged: new Signal<unknown, void>({})
  };
  return new ArrowDataModel(model as unknown as TableModel);
}

describe('ArrowDataModel text', () => {
  it('draws decimals scaled, durations formatted and bidi controls as markers', () => {
    const m = dataModel();
    const row0 = [0, 1, 2, 3, 4].map(c => m.data('body', 0, c));
    expect(row0).toEqual([
      '1.100000000',
      '12345678901234567890123456789012345.678',
      '1 d 2 h 3 m',
      '⟨U+202E⟩exe.gnp',
      '-100000000000000000000000000000000000000000000000000.0'
    ]);
    expect(m.data('column-header', 0, 3)).toBe('⟨U+202E⟩exe.gnp');
    expect(m.arrowType(0)).toBe('decimal128(10, 9)');
    expect(m.arrowType(2)).toBe('duration[ns]');
    expect(m.data('column-header', 1, 0)).toBe('decimal');
    expect(m.data('column-header', 1, 2)).toBe('duration');
  });

  it('marks the sorted column header too', () => {
    expect(dataModel('\u202eexe.gnp').data('column-header', 0, 3)).toBe('⟨U+202E⟩exe.gnp ▲');
  });

  it('copies exact values: bidi controls kept', () => {
    const m = dataModel();
    expect(m.cellFullText(0, 3)).toBe('\u202eexe.gnp');
    expect(m.cellFullText(1, 0)).toBe('-2.500000000');
    m.exact = true; // what HuntDataGrid.copyToClipboard sets while the grid copies
    expect(m.data('body', 0, 3)).toBe('\u202eexe.gnp');
    expect(m.data('column-header', 0, 3)).toBe('\u202eexe.gnp');
  });
});
