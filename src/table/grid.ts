// The DataGrid of a table view: theme-aware colours read from --jp-* variables, header
// click to sort, cell selection and keyboard navigation.
import {
  BasicKeyHandler,
  BasicMouseHandler,
  BasicSelectionModel,
  DataGrid,
  RendererMap,
  TextRenderer
} from '@lumino/datagrid';
import { batchCellBlits } from './blit';
import { ArrowDataModel } from './datamodel';

export class HuntDataGrid extends DataGrid {
  private readonly _themeObserver: MutationObserver;

  constructor(
    readonly arrowModel: ArrowDataModel,
    onHeaderClick: (column: number) => void
  ) {
    super({
      defaultSizes: { rowHeight: 22, columnWidth: 140, rowHeaderWidth: 64, columnHeaderHeight: 22 }
    });
    this.addClass('jp-hunt-TableGrid');
    this.dataModel = arrowModel;
    this.selectionModel = new BasicSelectionModel({ dataModel: arrowModel, selectionMode: 'cell' });
    this.keyHandler = new BasicKeyHandler();
    this.mouseHandler = new SortingMouseHandler(onHeaderClick);
    this.copyConfig = { ...this.copyConfig, warningThreshold: 1e6 };
    batchCellBlits(this); // one copy to the screen per paint pass (see blit.ts)
    this.applyTheme();
    // Themes switch by changing body attributes; re-read colours then.
    this._themeObserver = new MutationObserver(() => this.applyTheme());
    this._themeObserver.observe(document.body, {
      attributes: true,
      attributeFilter: ['data-jp-theme-name', 'data-jp-theme-light']
    });
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
    const font = `${v('--jp-code-font-size') || '13px'} ${v('--jp-code-font-family') || 'monospace'}`;
    const body = new TextRenderer({
      font,
      textColor: v('--jp-content-font-color0'),
      horizontalAlignment: 'left'
    });
    this.cellRenderers = new RendererMap(
      {
        body,
        'column-header': new TextRenderer({
          font: `bold ${font}`,
          textColor: v('--jp-ui-font-color0')
        }),
        'row-header': new TextRenderer({
          font,
          textColor: v('--jp-ui-font-color2'),
          horizontalAlignment: 'right'
        }),
        'corner-header': new TextRenderer({ font, textColor: v('--jp-ui-font-color2') })
      },
      body
    );
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

  /** The body cell under the cursor, if any. */
  get cursor(): { row: number; column: number } | null {
    const sel = this.selectionModel;
    if (!sel || sel.cursorRow < 0 || sel.cursorColumn < 0) {
      return null;
    }
    return { row: sel.cursorRow, column: sel.cursorColumn };
  }

  /** Columns covered by the current selections, in order. */
  get selectedColumns(): number[] {
    const cols = new Set<number>();
    for (const s of this.selectionModel?.selections() ?? []) {
      for (let c = Math.min(s.c1, s.c2); c <= Math.max(s.c1, s.c2); c++) {
        cols.add(c);
      }
    }
    return [...cols].sort((a, b) => a - b);
  }

  dispose(): void {
    this._themeObserver.disconnect();
    super.dispose();
  }
}

/** Sorts on a click (not a drag or resize) on a column header. */
class SortingMouseHandler extends BasicMouseHandler {
  private _down: { x: number; y: number; column: number } | null = null;

  constructor(private readonly _onHeaderClick: (column: number) => void) {
    super();
  }

  onMouseDown(grid: DataGrid, event: MouseEvent): void {
    const hit = grid.hitTest(event.clientX, event.clientY);
    const nearEdge = hit.region === 'column-header' && (hit.x < 4 || hit.width - hit.x < 4);
    this._down =
      hit.region === 'column-header' && event.button === 0 && !nearEdge
        ? { x: event.clientX, y: event.clientY, column: hit.column }
        : null;
    super.onMouseDown(grid, event);
  }

  onMouseUp(grid: DataGrid, event: MouseEvent): void {
    super.onMouseUp(grid, event);
    const down = this._down;
    this._down = null;
    if (down && Math.abs(event.clientX - down.x) < 4 && Math.abs(event.clientY - down.y) < 4) {
      this._onHeaderClick(down.column);
    }
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
