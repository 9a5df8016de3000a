// The DataGrid of a table view: theme-aware colours read from --jp-* variables, column widths
// fitted to their header and a sample of their cells (measured with the grid's own font), a
// click on a header selects the column (sorting is on the header's menu), Enter or a double
// click on a cell opens the row, a right click records what was clicked for the menu.
import {
  BasicKeyHandler,
  BasicMouseHandler,
  BasicSelectionModel,
  DataGrid,
  DataModel,
  RendererMap,
  TextRenderer
} from '@lumino/datagrid';
import { batchCellBlits } from './blit';
import { ArrowDataModel } from './datamodel';
import { fitWidth, sampleRows } from './columns';

const ROW_HEIGHT = 22;
const HEADER_ROWS = 2;
/** Lumino's scroll bar thickness plus the grid's borders. */
const SCROLLBAR_AND_BORDERS = 17;
/** Text padding of a cell on both sides (TextRenderer's default is 8 px a side) plus air. */
const CELL_PADDING = 20;

/** Where a click landed: a region of the grid and the table column there (-1: none). */
export interface IGridHit {
  region: DataModel.CellRegion | 'void';
  /** View row (body and row-header regions), else -1. */
  row: number;
  /** Table column, or -1 (the row number, the void). */
  column: number;
}

export interface IGridHandlers {
  /** A right click on the grid, at a client point (the view opens its own menu there). */
  onMenu(hit: IGridHit, x: number, y: number): void;
  /** Enter or a double click on a body cell. */
  onOpenRow(row: number): void;
}

export class HuntDataGrid extends DataGrid {
  private readonly _themeObserver: MutationObserver;
  private readonly _measure = document.createElement('canvas').getContext('2d');
  private _font = '13px monospace';

  constructor(
    readonly arrowModel: ArrowDataModel,
    handlers: IGridHandlers
  ) {
    super({
      defaultSizes: {
        rowHeight: ROW_HEIGHT,
        columnWidth: 140,
        rowHeaderWidth: 64,
        columnHeaderHeight: ROW_HEIGHT
      }
    });
    this.addClass('jp-hunt-TableGrid');
    // The view opens its own menu on a right click; JupyterLab's would mix in the notebook's.
    this.node.dataset.jpSuppressContextMenu = '';
    this.dataModel = arrowModel;
    this.selectionModel = new BasicSelectionModel({ dataModel: arrowModel, selectionMode: 'cell' });
    this.keyHandler = new RowKeyHandler(handlers);
    this.mouseHandler = new HeaderMouseHandler(handlers);
    this.copyConfig = { ...this.copyConfig, warningThreshold: 1e6 };
    batchCellBlits(this); // one copy to the screen per paint pass (see blit.ts)
    this.applyTheme();
    this.fitColumns();
    // Themes switch by changing body attributes; re-read colours then.
    this._themeObserver = new MutationObserver(() => this.applyTheme());
    this._themeObserver.observe(document.body, {
      attributes: true,
      attributeFilter: ['data-jp-theme-name', 'data-jp-theme-light']
    });
  }

  /** Height of a grid showing `rows` body rows (headers, scroll bar and borders included). */
  heightFor(rows: number): number {
    return (HEADER_ROWS + Math.max(rows, 1)) * ROW_HEIGHT + SCROLLBAR_AND_BORDERS;
  }

  applyTheme(): void {
    const css = getComputedStyle(document.body);
    const v = (name: string) => css.getPropertyValue(name).trim();
    const background = v('--jp-layout-color0');
    const stripe = v('--jp-layout-color1');
    this.style = {
      ...DataGrid.defaultStyle,
      voidColor: background,
      backgroundColor: background,
      rowBackgroundColor: i => (i % 2 === 0 ? background : stripe),
      gridLineColor: v('--jp-border-color3'),
      headerBackgroundColor: v('--jp-layout-color2'),
      headerGridLineColor: v('--jp-border-color2'),
      selectionFillColor: withAlpha(v('--jp-brand-color2'), 0.3),
      selectionBorderColor: v('--jp-brand-color1'),
      cursorBorderColor: v('--jp-brand-color1'),
      headerSelectionFillColor: withAlpha(v('--jp-brand-color2'), 0.3)
    };
    this._font = `${v('--jp-code-font-size') || '13px'} ${v('--jp-code-font-family') || 'monospace'}`;
    const font = this._font;
    const body = new TextRenderer({
      font,
      textColor: v('--jp-content-font-color0'),
      horizontalAlignment: 'left'
    });
    const header = new TextRenderer({
      font: `bold ${font}`,
      textColor: v('--jp-ui-font-color0')
    });
    this.cellRenderers = new RendererMap(
      {
        body,
        'column-header': header,
        'row-header': ({ column }) =>
          column === 0
            ? new TextRenderer({
                font,
                textColor: v('--jp-ui-font-color2'),
                horizontalAlignment: 'right'
              })
            : body,
        'corner-header': ({ column }) =>
          column === 0 ? new TextRenderer({ font, textColor: v('--jp-ui-font-color2') }) : header
      },
      body
    );
  }

  /** Fit every shown column (and the row numbers) to its header and a sample of its cells. */
  fitColumns(): void {
    const m = this.arrowModel;
    const rowNumbers = ['column', 'type', String(m.rowCount('body'))];
    super.resizeColumn(
      'row-header',
      0,
      fitWidth(rowNumbers, t => this._textWidth(t), CELL_PADDING)
    );
    for (let c = 0; c < m.layout.count; c++) {
      m.layout.setWidth(c, this._fitWidth(c));
    }
    this.applyWidths();
  }

  /** Fit one table column. */
  fitColumn(column: number): void {
    this.arrowModel.layout.setWidth(column, this._fitWidth(column));
    this.applyWidths();
  }

  /** Give each grid column the width of the table column it now shows. */
  applyWidths(): void {
    const m = this.arrowModel;
    m.layout.body.forEach((c, i) => super.resizeColumn('body', i, m.layout.width(c) ?? 140));
    m.layout.pinned.forEach((c, i) =>
      super.resizeColumn('row-header', i + 1, m.layout.width(c) ?? 140)
    );
  }

  /**
   * A resize of a column: a drag is remembered for its table column (so it survives hiding
   * and pinning others); `null` (Lumino's double click on a header edge) fits the column
   * from a sample instead of measuring every row.
   */
  resizeColumn(region: DataModel.ColumnRegion, index: number, size: number | null): void {
    const column = region === 'body' || index > 0 ? this.arrowModel.tableColumn(index, region) : -1;
    if (column < 0) {
      super.resizeColumn(region, index, size);
      return;
    }
    if (size === null) {
      this.fitColumn(column);
      return;
    }
    this.arrowModel.layout.setWidth(column, size);
    super.resizeColumn(region, index, size);
  }

  /** Ctrl+C copies exact values, as "Copy cell" does: not cut, bidi controls kept. */
  copyToClipboard(): void {
    this.arrowModel.exact = true;
    try {
      super.copyToClipboard();
    } finally {
      this.arrowModel.exact = false;
    }
  }

  /** The body cell under the cursor (view row, table column), if any. */
  get cursor(): { row: number; column: number } | null {
    const sel = this.selectionModel;
    if (!sel || sel.cursorRow < 0 || sel.cursorColumn < 0) {
      return null;
    }
    return { row: sel.cursorRow, column: this.arrowModel.tableColumn(sel.cursorColumn) };
  }

  /** Put the cursor on a body cell (view row, table column) unless a selection holds it. */
  placeCursor(row: number, column: number): void {
    const sel = this.selectionModel;
    const c = this.arrowModel.gridColumn(column);
    if (!sel || !c || c.region !== 'body') {
      return;
    }
    const inside = [...sel.selections()].some(
      s =>
        row >= Math.min(s.r1, s.r2) &&
        row <= Math.max(s.r1, s.r2) &&
        c.index >= Math.min(s.c1, s.c2) &&
        c.index <= Math.max(s.c1, s.c2)
    );
    if (!inside) {
      sel.select({
        r1: row,
        c1: c.index,
        r2: row,
        c2: c.index,
        cursorRow: row,
        cursorColumn: c.index,
        clear: 'all'
      });
    }
  }

  /** Table columns covered by the current selections, in table order. */
  get selectedColumns(): number[] {
    const cols = new Set<number>();
    for (const s of this.selectionModel?.selections() ?? []) {
      for (let c = Math.min(s.c1, s.c2); c <= Math.max(s.c1, s.c2); c++) {
        cols.add(this.arrowModel.tableColumn(c));
      }
    }
    return [...cols].sort((a, b) => a - b);
  }

  /** Where a client point falls, in table columns. */
  hitAt(clientX: number, clientY: number): IGridHit {
    const hit = this.hitTest(clientX, clientY);
    const region = hit.region;
    let column = -1;
    if (region === 'body' || region === 'column-header') {
      column = this.arrowModel.tableColumn(hit.column);
    } else if ((region === 'row-header' || region === 'corner-header') && hit.column > 0) {
      column = this.arrowModel.tableColumn(hit.column, 'row-header');
    }
    const row = region === 'body' || region === 'row-header' ? hit.row : -1;
    return { region, row, column };
  }

  dispose(): void {
    this._themeObserver.disconnect();
    super.dispose();
  }

  private _textWidth(text: string, bold = false): number {
    const gc = this._measure;
    if (!gc) {
      return text.length * 8; // no canvas (jsdom): a monospace estimate
    }
    gc.font = bold ? `bold ${this._font}` : this._font;
    return gc.measureText(text).width;
  }

  private _fitWidth(column: number): number {
    const m = this.arrowModel;
    const header = [m.headerText(column, 0), m.headerText(column, 1)];
    const cells = sampleRows(m.rowCount('body')).map(r => m.displayCell(r, column));
    return Math.max(
      fitWidth(header, t => this._textWidth(t, true), CELL_PADDING),
      fitWidth(cells, t => this._textWidth(t), CELL_PADDING)
    );
  }
}

/** Enter opens the row under the cursor; other keys navigate as usual. */
class RowKeyHandler extends BasicKeyHandler {
  constructor(private readonly _handlers: IGridHandlers) {
    super();
  }

  onKeyDown(grid: DataGrid, event: KeyboardEvent): void {
    const cursor = (grid as HuntDataGrid).cursor;
    if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.altKey && cursor) {
      event.preventDefault();
      event.stopPropagation();
      this._handlers.onOpenRow(cursor.row);
      return;
    }
    super.onKeyDown(grid, event);
  }
}

/**
 * A header click selects the column (Lumino's default) and never sorts; a double click on a
 * cell opens its row; a right click tells the view what was hit; hovering the type row of a
 * header shows the column's Arrow type.
 */
class HeaderMouseHandler extends BasicMouseHandler {
  constructor(private readonly _handlers: IGridHandlers) {
    super();
  }

  onMouseDoubleClick(grid: DataGrid, event: MouseEvent): void {
    const hit = (grid as HuntDataGrid).hitAt(event.clientX, event.clientY);
    if (hit.region === 'body') {
      this.release();
      this._handlers.onOpenRow(hit.row);
      return;
    }
    super.onMouseDoubleClick(grid, event);
  }

  onContextMenu(grid: DataGrid, event: MouseEvent): void {
    event.preventDefault();
    event.stopPropagation();
    const { clientX, clientY } = event;
    this._handlers.onMenu((grid as HuntDataGrid).hitAt(clientX, clientY), clientX, clientY);
  }

  onMouseHover(grid: DataGrid, event: MouseEvent): void {
    super.onMouseHover(grid, event);
    const g = grid as HuntDataGrid;
    const hit = g.hitTest(event.clientX, event.clientY);
    const { column } = g.hitAt(event.clientX, event.clientY);
    const typeRow =
      (hit.region === 'column-header' || hit.region === 'corner-header') && hit.row === 1;
    g.node.title = typeRow && column >= 0 ? `Arrow type: ${g.arrowModel.arrowType(column)}` : '';
  }
}

/** `#rrggbb` (or any CSS colour) with an alpha, for translucent selection fills. */
function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) {
    return color;
  }
  const n = parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
