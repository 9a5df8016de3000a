// Lumino DataGrid model over an Arrow table and the view's row order. Cells are read
// lazily (only visible ones), so a million rows cost nothing until scrolled to.
import { DataModel } from '@lumino/datagrid';
import { Vector } from 'apache-arrow';
import { displayText, typeText, valueText, visibleBidi } from '../analytics/display';
import { TableModel } from './model';

/** Longest text drawn in a cell; the full value is still copied and exported. */
const MAX_CELL_CHARS = 500;

export class ArrowDataModel extends DataModel {
  private readonly _columns: Vector[];
  /** Set while the grid copies: cells give their exact text (see HuntDataGrid.copyToClipboard). */
  exact = false;

  constructor(private readonly _model: TableModel) {
    super();
    const table = _model.table;
    this._columns = table.schema.fields.map((_, i) => table.getChildAt(i)!);
    // Only row changes redraw the grid: a full redraw of a large canvas costs ~150 ms, and
    // status changes (busy, notices) would double it for every sort and filter.
    _model.rowsChanged.connect(() => this.emitChanged({ type: 'model-reset' }));
  }

  rowCount(region: DataModel.RowRegion): number {
    return region === 'body' ? this._model.rowCount : 2;
  }

  columnCount(region: DataModel.ColumnRegion): number {
    return region === 'body' ? this._columns.length : 1;
  }

  data(region: DataModel.CellRegion, row: number, column: number): string | number {
    switch (region) {
      case 'body': {
        if (this.exact) {
          return this.cellFullText(row, column);
        }
        const col = this._columns[column];
        return displayText(col.get(this._model.tableRow(row)), col.type, MAX_CELL_CHARS);
      }
      case 'column-header':
        if (row !== 0) {
          return typeText(this._columns[column].type);
        }
        return this.exact ? this._headerName(column) : visibleBidi(this._headerName(column));
      case 'row-header':
        return this._model.tableRow(row);
      default:
        return row === 0 ? 'column' : 'type';
    }
  }

  /** The whole text of a body cell, exact and unmarked (for copy and actions). */
  cellFullText(row: number, column: number): string {
    const col = this._columns[column];
    return valueText(col.get(this._model.tableRow(row)), col.type);
  }

  private _headerName(column: number): string {
    const name = this._model.table.schema.fields[column].name;
    if (this._model.sortColumn !== name) {
      return name;
    }
    return `${name} ${this._model.ascending ? '▲' : '▼'}`;
  }
}
