import { DataGrid } from '@lumino/datagrid';
import { batchCellBlits } from '../blit';

type Blit = [unknown, number, number, number, number, number, number];

/** A stand-in with Lumino's two internals: a pass of 2 x 3 cells of 50 x 20 at (64, 44). */
function fakeGrid() {
  const buffer = { id: 'buffer' };
  const canvas = { id: 'canvas' };
  const blits: Blit[] = [];
  const grid = {
    _buffer: buffer,
    _blitContent(...args: Blit) {
      blits.push(args);
    },
    _drawCells(this: { _blitContent(...args: Blit): void }) {
      for (let c = 0; c < 2; c++) {
        for (let r = 0; r < 3; r++) {
          const x = 64 + 50 * c;
          const y = 44 + 20 * r;
          this._blitContent(buffer, x, y, 50, 20, x, y);
        }
      }
      this._blitContent(buffer, 300, 44, 0, 20, 300, 44); // a cell clipped away
    }
  };
  return { grid, blits, buffer, canvas };
}

describe('batchCellBlits', () => {
  it('copies the cells of a pass in one drawImage of their bounding box', () => {
    const { grid, blits, buffer } = fakeGrid();
    batchCellBlits(grid as unknown as DataGrid);
    grid._drawCells();
    expect(blits).toEqual([[buffer, 64, 44, 100, 60, 64, 44]]);
  });

  it('leaves other copies alone (a scroll blit of the screen canvas onto itself)', () => {
    const { grid, blits, canvas } = fakeGrid();
    batchCellBlits(grid as unknown as DataGrid);
    grid._blitContent(canvas, 0, 44, 300, 400, 0, 0);
    expect(blits).toEqual([[canvas, 0, 44, 300, 400, 0, 0]]);
  });

  it('does nothing to a grid without these internals', () => {
    const grid = {};
    batchCellBlits(grid as unknown as DataGrid);
    expect(grid).toEqual({});
  });
});
