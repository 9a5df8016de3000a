// Lumino's DataGrid paints each cell into an off-screen buffer and copies that cell to the
// screen canvas at once: one drawImage per cell. Where the canvas is not on the GPU (Chromium
// without GPU, as in the scale test), every copy that follows a write to the buffer makes the
// browser snapshot the whole buffer (copy on write): a scroll jump repaints ~70-100 cells and
// spent ~70 % of its time in drawImage. Here the cells of one pass are copied with one
// drawImage of their bounding box instead: the same pixels, since the cells of a pass tile
// that box and each was cleared and painted in the pass (merged cells, which a pass skips,
// are not used by the table view).
import { DataGrid } from '@lumino/datagrid';

/** The DataGrid internals this relies on (Lumino 2's `_drawCells` and `_blitContent`). */
interface IGridInternals {
  _buffer: HTMLCanvasElement;
  _drawCells(rgn: unknown): void;
  _blitContent(
    source: CanvasImageSource,
    x: number,
    y: number,
    w: number,
    h: number,
    dx: number,
    dy: number
  ): void;
}

/** Makes `grid` copy the cells of each paint pass to the screen in one drawImage. */
export function batchCellBlits(grid: DataGrid): void {
  const g = grid as unknown as IGridInternals;
  const drawCells = g._drawCells;
  const blit = g._blitContent;
  if (typeof drawCells !== 'function' || typeof blit !== 'function') {
    return; // another Lumino version: painting stays as it is
  }
  let box: { x1: number; y1: number; x2: number; y2: number } | null = null;
  let batching = false;
  g._blitContent = function (this: IGridInternals, source, x, y, w, h, dx, dy) {
    if (!batching || source !== this._buffer || x !== dx || y !== dy) {
      blit.call(this, source, x, y, w, h, dx, dy);
    } else if (w > 0 && h > 0) {
      box = box
        ? {
            x1: Math.min(box.x1, x),
            y1: Math.min(box.y1, y),
            x2: Math.max(box.x2, x + w),
            y2: Math.max(box.y2, y + h)
          }
        : { x1: x, y1: y, x2: x + w, y2: y + h };
    }
  };
  g._drawCells = function (this: IGridInternals, rgn: unknown) {
    batching = true;
    box = null;
    try {
      drawCells.call(this, rgn);
    } finally {
      batching = false;
      const b = box as { x1: number; y1: number; x2: number; y2: number } | null;
      if (b) {
        blit.call(this, this._buffer, b.x1, b.y1, b.x2 - b.x1, b.y2 - b.y1, b.x1, b.y1);
      }
    }
  };
}
