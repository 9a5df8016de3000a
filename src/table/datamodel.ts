// Lumino DataGrid model over an Arrow table, the view's row order and its column layout
// (hidden columns left out, pinned ones in the frozen row-header region after the row
// number). Cells are read lazily (only visible ones), so a million rows cost nothing until
// scrolled to.
import { DataModel } from '@lumino/datagrid';
import { Vector } from 'apache-arrow';
import { typeText, valueText, visibleBidi } from '../analytics/display';
import { CellFormatter, columnFormatter, friendlyType } from './format';
import { ColumnLayout } from './columns';
import { TableModel } from './model';

/** Longest text drawn in a cell; the full value is still copied and exported. */
const MAX_CELL_CHARS = 500;

export class ArrowDataModel extends DataModel {
  readonly layout: ColumnLayout;
  private readonly _columns: Vector[];
  private readonly _formats: CellFormatter[];
  /** Set while the grid copies: cells give their exact text (see HuntDataGrid.copyToClipboard). */
  exact = false;

  constructor(private readonly _model: TableModel) {
    super();
    const table = _model.table;
    this._columns = table.schema.fields.map((_, i) => table.getChildAt(i)!);
    this._formats = table.schema.fields.map(f => columnFormatter(f.name, f.type));
    this.layout = new ColumnLayout(this._columns.length);
    // Only row changes redraw the grid: a full redraw of a large canvas costs ~150 ms, and
    // status changes (busy, notices) would double it for every sort and filter.
    _model.rowsChanged.connect(() => this.emitChanged({ type: 'model-reset' }));
  }

  rowCount(region: DataModel.RowRegion): number {
    return region === 'body' ? this._model.rowCount : 2;
  }

  columnCount(region: DataModel.ColumnRegion): number {
    return region === 'body' ? this.layout.body.length : 1 + this.layout.pinned.length;
  }

  /** The table column drawn at grid column `column` of a region (-1: the row number). */
  tableColumn(column: number, region: 'body' | 'row-header' = 'body'): number {
    return region === 'body' ? this.layout.body[column] : (this.layout.pinned[column - 1] ?? -1);
  }

  /** The grid column (and its region) where a table column is drawn, or null when hidden. */
  gridColumn(column: number): { region: 'body' | 'row-header'; index: number } | null {
    const body = this.layout.body.indexOf(column);
    if (body >= 0) {
      return { region: 'body', index: body };
    }
    const pinned = this.layout.pinned.indexOf(column);
    return pinned >= 0 ? { region: 'row-header', index: pinned + 1 } : null;
  }

  data(region: DataModel.CellRegion, row: number, column: number): string | number {
    switch (region) {
      case 'body':
        return this.displayCell(row, this.layout.body[column]);
      case 'column-header':
        return this.headerText(this.layout.body[column], row);
      case 'row-header':
        return column === 0
          ? this._model.tableRow(row)
          : this.displayCell(row, this.tableColumn(column, region));
      default:
        return column === 0
          ? row === 0
            ? 'column'
            : 'type'
          : this.headerText(this.tableColumn(column, 'row-header'), row);
    }
  }

  /** The whole text of a body cell by table column, exact and unmarked (for copy and actions). */
  cellFullText(row: number, column: number): string {
    const col = this._columns[column];
    return valueText(col.get(this._model.tableRow(row)), col.type);
  }

  /** The Arrow type of a table column as pyarrow names it. */
  arrowType(column: number): string {
    return typeText(this._columns[column].type);
  }

  /** Tell the grid the columns changed (hidden, pinned or shown again). */
  columnsChanged(): void {
    this.emitChanged({ type: 'model-reset' });
  }

  /** The text drawn for a cell by table column. */
  displayCell(row: number, column: number): string {
    if (this.exact) {
      return this.cellFullText(row, column);
    }
    const text = this._formats[column](this._columns[column].get(this._model.tableRow(row)));
    return visibleBidi(text.slice(0, MAX_CELL_CHARS));
  }

  /** Header text of a table column: its name (row 0) or its type (row 1). */
  headerText(column: number, row: number): string {
    if (row !== 0) {
      return friendlyType(this._columns[column].type);
    }
    return this.exact ? this._headerName(column) : visibleBidi(this._headerName(column));
  }

  private _headerName(column: number): string {
    const name = this._model.table.schema.fields[column].name;
    if (this._model.sortColumn !== name) {
      return name;
    }
    return `${name} ${this._model.ascending ? '▲' : '▼'}`;
  }
}
