// A table view: toolbar (title, count, filter, Profile, Send to kernel, the Analyses menu),
// a status line of its own, the grid, and the column profile. Laid out by CSS flex (not a
// Lumino BoxLayout, whose absolute sizes were computed while a saved output was still
// unmeasured); the grid is told its size whenever its box changes.
// Everything drawn from the table is set as text, never HTML: table content is hostile.
import { Panel, Widget, Menu } from '@lumino/widgets';
import { MessageLoop } from '@lumino/messaging';
import { Kernel } from '@jupyterlab/services';
import { Clipboard, InputDialog, Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import type { JupyterFrontEnd } from '@jupyterlab/application';
import { visibleBidi } from '../analytics/display';
import { IKernelBridge, ITableViewer, TableViewer } from '../tokens';
import { ArrowDataModel } from './datamodel';
import { HuntDataGrid, IGridHit } from './grid';
import { TableModel } from './model';
import { renderProfile } from './profileview';
import { RowDetail } from './detail';
import { CELL_MENU, HEADER_MENU } from './commands';
import { askColumnFilter, FilterKind, filterText } from './filters';
import { formatTimestamp, isTemporal, messageOf } from '../analytics/arrow';
import { DataType } from 'apache-arrow';

export interface ITableViewOptions {
  model: TableModel;
  trans: TranslationBundle;
  viewer: ITableViewer;
  bridge: IKernelBridge;
  /** The application's commands: the Analyses menu lists the table-action command. */
  commands: JupyterFrontEnd['commands'];
  /** Command that runs the table action whose id is its `id` argument. */
  actionCommand: string;
  /** The kernel results go to: the notebook's kernel, found when needed. */
  kernel: () => Kernel.IKernelConnection | null;
  /** Height of the grid's rows in a cell output; the view fills its parent when absent. */
  outputRows?: number;
}

const FILTER_DEBOUNCE_MS = 250;

/** Most selected cells an action receives (a whole selected column of a big table is capped). */
const MAX_SELECTED_CELLS = 10000;

export class TableView extends Panel {
  readonly model: TableModel;
  readonly grid: HuntDataGrid;
  private readonly _options: ITableViewOptions;
  private readonly _status = new Widget();
  private readonly _filters = new Widget();
  private readonly _count = document.createElement('span');
  private readonly _body = new Panel();
  private readonly _profile = new Widget();
  private readonly _detail: RowDetail;
  /** Table row the detail pane shows (it follows the cursor while open). */
  private _detailRow = -1;
  private _filterTimer = 0;
  private _shownError = '';
  private _menu: Menu | null = null;
  /** What the last right click on the grid hit: the context menu's commands act on it. */
  private _menuTarget: IGridHit | null = null;
  // Cell outputs get no resize messages (and a saved output is laid out before it is
  // visible): the grid is told its size whenever its box changes.
  private readonly _resizeObserver = new ResizeObserver(() => {
    if (this.grid.isAttached) {
      MessageLoop.sendMessage(this.grid, Widget.ResizeMessage.UnknownSize);
    }
  });

  constructor(options: ITableViewOptions) {
    super();
    this._options = options;
    this.model = options.model;
    this.addClass('jp-hunt-TableView');
    this.addWidget(this._buildToolbar());
    this._filters.addClass('jp-hunt-TableFilters');
    this._filters.node.setAttribute('aria-label', options.trans.__('Column filters'));
    this.addWidget(this._filters);
    this._status.addClass('jp-hunt-TableStatus');
    this._status.node.setAttribute('role', 'status');
    this.addWidget(this._status);
    this.grid = new HuntDataGrid(new ArrowDataModel(this.model), {
      onMenu: (hit, x, y) => this._onMenu(hit, x, y),
      onOpenRow: row => this.openRow(row)
    });
    this._body.addClass('jp-hunt-TableBody');
    this._body.addWidget(this.grid);
    this._detail = new RowDetail(options.trans, () => this.closeRow());
    this._detail.hide();
    this._body.addWidget(this._detail);
    this.grid.selectionModel?.changed.connect(() => {
      const cursor = this.grid.cursor;
      if (!this._detail.isHidden && cursor) {
        this._showRow(cursor.row);
      }
    });
    this.addWidget(this._body);
    this._profile.addClass('jp-hunt-TableProfile');
    this._profile.hide();
    this.addWidget(this._profile);
    if (options.outputRows !== undefined) {
      this.addClass('jp-mod-output');
      this._body.node.style.height = `${this.grid.heightFor(options.outputRows)}px`;
    }
    this.model.changed.connect(this._update, this);
    this._update();
    this._resizeObserver.observe(this.grid.node);
  }

  /** Copy the full text of the cell under the cursor. */
  copyCell(): void {
    const cursor = this.grid.cursor;
    if (!cursor) {
      this.model.setError(this._options.trans.__('Select a cell to copy'));
      return;
    }
    Clipboard.copyToSystem(this.grid.arrowModel.cellFullText(cursor.row, cursor.column));
    this.model.setNotice(this._options.trans.__('Cell copied'));
  }

  toggleProfile(): void {
    this._profile.setHidden(!this._profile.isHidden);
    if (!this._profile.isHidden && !this.model.profile) {
      void this.model.computeProfile();
    }
  }

  async sendToKernel(): Promise<void> {
    const trans = this._options.trans;
    const kernel = this._options.kernel();
    if (!kernel) {
      this.model.setError(
        trans.__('No kernel: open this table from a running notebook to send it')
      );
      return;
    }
    const answer = await InputDialog.getText({
      title: trans.__('Send to kernel'),
      label: trans.__('Name in hunt.results'),
      text: defaultResultName(this.model.title)
    });
    if (!answer.button.accept || !answer.value) {
      return;
    }
    const name = answer.value.trim();
    try {
      this.model.setNotice(trans.__('Sending…'));
      const bytes = await this.model.exportView();
      const reply = await this._options.bridge.sendTable(kernel, name, bytes);
      this.model.setNotice(
        trans.__('Sent %1 rows × %2 columns to hunt.results["%3"]', reply.rows, reply.columns, name)
      );
    } catch (err) {
      this.model.setError(trans.__('Send to kernel failed: %1', messageOf(err)));
    }
  }

  /** The table column a column command acts on: the one right-clicked, else the cursor's. */
  targetColumn(): number {
    const hit = this._menuTarget;
    if (hit && hit.column >= 0) {
      return hit.column;
    }
    return this.grid.cursor?.column ?? -1;
  }

  /** Sort by the target column. */
  sortTarget(ascending: boolean): void {
    const column = this._requireColumn();
    if (column >= 0) {
      void this.model.sortBy(this.model.table.schema.fields[column].name, ascending);
    }
  }

  /** Hide, pin or unpin the target column; show all columns again. */
  changeColumns(change: 'hide' | 'pin' | 'unpin' | 'showAll'): void {
    const layout = this.grid.arrowModel.layout;
    const column = change === 'showAll' ? 0 : this._requireColumn();
    if (column < 0) {
      return;
    }
    if (change === 'hide' && layout.body.length + layout.pinned.length <= 1) {
      this.model.setError(this._options.trans.__('The last shown column cannot be hidden'));
      return;
    }
    if (change === 'showAll') {
      layout.showAll();
    } else {
      layout[change](column);
    }
    // Grid column indices moved: a selection would now cover other columns.
    this.grid.selectionModel?.clear();
    this.grid.arrowModel.columnsChanged();
    this.grid.applyWidths();
    const hidden = layout.hiddenCount;
    this.model.setNotice(
      hidden
        ? this._options.trans._n(
            '%1 column hidden (Show all columns on a header menu)',
            '%1 columns hidden (Show all columns on a header menu)',
            hidden
          )
        : ''
    );
  }

  /** Fit every column again (after a filter, the sample may differ). */
  fitColumns(): void {
    this.grid.fitColumns();
  }

  /** Show one view row whole in the detail pane. */
  openRow(row: number): void {
    this._showRow(row);
    this._detail.show();
    this._detail.node.focus();
  }

  closeRow(): void {
    this._detail.hide();
    this._detailRow = -1;
    this.grid.node.focus();
  }

  /** Table row shown in the detail pane, or -1 when it is closed. */
  get detailRow(): number {
    return this._detailRow;
  }

  private _showRow(row: number): void {
    const data = this.grid.arrowModel;
    const table = this.model.table;
    this._detailRow = this.model.tableRow(row);
    const fields = table.schema.fields.map((f, c) => ({
      name: f.name,
      type: data.arrowType(c),
      value: data.cellFullText(row, c),
      isNull: !table.getChildAt(c)!.isValid(this._detailRow)
    }));
    this._detail.showRow(this._detailRow.toLocaleString('en-US'), fields);
  }

  /** Show the row under the cursor whole. */
  openCursorRow(): void {
    const cursor = this.grid.cursor;
    if (!cursor) {
      this.model.setError(this._options.trans.__('Select a cell to show its row'));
      return;
    }
    this.openRow(cursor.row);
  }

  /** Ask for a filter on the target column; it runs in the worker with the filter text. */
  async filterTargetColumn(): Promise<void> {
    const column = this._requireColumn();
    if (column < 0) {
      return;
    }
    const field = this.model.table.schema.fields[column];
    const type = field.type as DataType;
    const kind: FilterKind = isTemporal(type)
      ? 'range-time'
      : DataType.isInt(type) || DataType.isFloat(type)
        ? 'range-number'
        : 'text';
    if (kind === 'text' && !this.model.profile) {
      await this.model.computeProfile(); // the value list comes from the profile
    }
    const top = this.model.profile?.find(p => p.name === field.name)?.top ?? [];
    const current = this.model.columnFilters.find(f => f.column === field.name) ?? null;
    try {
      const filter = await askColumnFilter(
        field.name,
        kind,
        top.map(t => t.value),
        current,
        this._options.trans
      );
      if (filter !== undefined) {
        await this.model.setColumnFilter(field.name, filter);
      }
    } catch (err) {
      this.model.setError(messageOf(err));
    }
  }

  /** One chip per column filter, each with a button that drops it. */
  private _renderFilters(): void {
    const trans = this._options.trans;
    const table = this.model.table;
    const chips = this.model.columnFilters.map(filter => {
      const chip = document.createElement('span');
      chip.className = 'jp-hunt-FilterChip';
      const type = table.schema.fields.find(f => f.name === filter.column)?.type;
      chip.textContent = filterText(filter, x => boundText(x, !!type && isTemporal(type)));
      chip.title = chip.textContent;
      const drop = document.createElement('button');
      drop.className = 'jp-hunt-FilterChipDrop';
      drop.textContent = '×';
      drop.title = trans.__('Remove this filter');
      drop.setAttribute('aria-label', trans.__('Remove the filter on %1', filter.column));
      drop.addEventListener('click', () => void this.model.setColumnFilter(filter.column, null));
      chip.append(drop);
      return chip;
    });
    this._filters.node.replaceChildren(...chips);
    this._filters.setHidden(chips.length === 0);
  }

  private _requireColumn(): number {
    const column = this.targetColumn();
    if (column < 0) {
      this.model.setError(
        this._options.trans.__('Right-click a column header or select a cell first')
      );
    }
    return column;
  }

  /** The menu of a right-clicked header (column commands) or cell (then the analyses). */
  private _onMenu(hit: IGridHit, x: number, y: number): void {
    this._menuTarget = hit;
    const header = hit.region === 'column-header' || hit.region === 'corner-header';
    if (hit.column < 0 || !(header || hit.region === 'body')) {
      return;
    }
    if (hit.region === 'body') {
      this.grid.placeCursor(hit.row, hit.column);
    }
    const menu = this._newMenu('jp-hunt-GridMenu');
    for (const command of header ? HEADER_MENU : CELL_MENU) {
      menu.addItem({ command });
    }
    if (!header && this._options.viewer.actions.length) {
      menu.addItem({ type: 'separator' });
      this._addActions(menu);
    }
    menu.open(x, y);
  }

  /** A menu of the application's commands, replacing the view's previous one. */
  private _newMenu(className: string): Menu {
    this._menu?.dispose();
    this._menu = new Menu({ commands: this._options.commands });
    this._menu.addClass(className);
    return this._menu;
  }

  private _addActions(menu: Menu): void {
    for (const action of this._options.viewer.actions) {
      menu.addItem({ command: this._options.actionCommand, args: { id: action.id } });
    }
  }

  /** Run a registered table action on this view; a failure is reported in the status line. */
  async runAction(action: TableViewer.IAction): Promise<void> {
    try {
      await action.run(this.actionContext());
    } catch (err) {
      this.model.setError(`${action.label}: ${messageOf(err)}`);
    }
  }

  /** What an action sees: the table, the selection and the kernel. */
  actionContext(): TableViewer.IActionContext {
    const fields = this.model.table.schema.fields;
    const columns = this.grid.arrowModel;
    const selected = this.grid.selectedColumns.map(c => fields[c].name);
    const cells = this._selectedCells();
    return {
      title: this.model.title,
      variable: this.model.variable,
      table: this.model.table,
      tableId: () => this.model.workerTableId(),
      columns: fields.map((f, i) => ({ name: f.name, type: columns.arrowType(i) })),
      selectedColumns: selected.length ? selected : fields.map(f => f.name),
      selectedCells: cells.map(([column, text]) => [column, text]),
      selectedCellRows: cells.map(cell => cell[2]),
      cellText: (row, column) => {
        const c = fields.findIndex(f => f.name === column);
        return c < 0 ? null : this.grid.arrowModel.cellFullText(row, c);
      },
      kernel: this._options.kernel(),
      notify: (message, isError) =>
        isError ? this.model.setError(message) : this.model.setNotice(message)
    };
  }

  /**
   * Text of every selected cell (each once; each selection row by row; at most
   * MAX_SELECTED_CELLS), or of the cell under the cursor when nothing is selected.
   */
  private _selectedCells(): [string, string, number][] {
    const fields = this.model.table.schema.fields;
    const data = this.grid.arrowModel;
    const seen = new Set<string>();
    const cells: [string, string, number][] = [];
    for (const s of this.grid.selectionModel?.selections() ?? []) {
      for (let r = Math.min(s.r1, s.r2); r <= Math.max(s.r1, s.r2); r++) {
        for (let c = Math.min(s.c1, s.c2); c <= Math.max(s.c1, s.c2); c++) {
          if (cells.length >= MAX_SELECTED_CELLS) {
            return cells;
          }
          if (!seen.has(`${r},${c}`)) {
            seen.add(`${r},${c}`);
            const t = data.tableColumn(c);
            cells.push([fields[t].name, data.cellFullText(r, t), r]);
          }
        }
      }
    }
    const cursor = this.grid.cursor;
    if (!cells.length && cursor) {
      const { row, column } = cursor;
      cells.push([fields[column].name, data.cellFullText(row, column), row]);
    }
    return cells;
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    window.clearTimeout(this._filterTimer);
    this._resizeObserver.disconnect();
    this._menu?.dispose();
    this.model.dispose();
    super.dispose();
  }

  private _buildToolbar(): Widget {
    const trans = this._options.trans;
    const bar = new Widget();
    bar.addClass('jp-hunt-TableToolbar');
    const title = document.createElement('span');
    title.className = 'jp-hunt-TableTitle';
    title.textContent = visibleBidi(this.model.title);
    title.title = title.textContent;
    const filter = document.createElement('input');
    filter.type = 'search';
    filter.className = 'jp-hunt-TableFilter jp-mod-styled';
    filter.placeholder = trans.__('Filter rows');
    filter.setAttribute('aria-label', trans.__('Filter rows'));
    filter.addEventListener('input', () => {
      window.clearTimeout(this._filterTimer);
      this._filterTimer = window.setTimeout(
        () => void this.model.setFilter(filter.value),
        FILTER_DEBOUNCE_MS
      );
    });
    this._count.className = 'jp-hunt-TableCount';
    const buttons = document.createElement('span');
    buttons.className = 'jp-hunt-TableButtons';
    const analyses = button(
      trans.__('Analyses'),
      trans.__('Analyses of this table (also on the right-click menu of a cell)'),
      () => this._openAnalyses(analyses)
    );
    analyses.classList.add('jp-hunt-TableActions');
    analyses.setAttribute('aria-haspopup', 'menu');
    buttons.append(
      button(trans.__('Profile'), trans.__('Per-column profile computed in the worker'), () =>
        this.toggleProfile()
      ),
      button(
        trans.__('Send to kernel'),
        trans.__('Put the rows in view into hunt.results'),
        () => void this.sendToKernel()
      ),
      analyses
    );
    bar.node.append(title, this._count, filter, buttons);
    return bar;
  }

  /** The Analyses menu, built when opened so it lists the actions registered now. */
  private _openAnalyses(anchor: HTMLElement): void {
    this._menuTarget = null;
    const menu = this._newMenu('jp-hunt-AnalysesMenu');
    this._addActions(menu);
    const box = anchor.getBoundingClientRect();
    menu.open(box.left, box.bottom);
  }

  private _update(): void {
    const trans = this._options.trans;
    const m = this.model;
    const total = m.table.numRows;
    const n = (x: number) => x.toLocaleString('en-US');
    this._count.textContent =
      m.rowCount === total
        ? trans._n('%2 row', '%2 rows', total, n(total)) +
          ' × ' +
          trans._n('%1 column', '%1 columns', m.table.numCols)
        : trans.__('%1 of %2 rows', n(m.rowCount), n(total));
    const status = m.error || (m.busy ? trans.__('Working: %1…', m.busy) : m.notice);
    this._status.node.textContent = status;
    this._status.node.title = status;
    this._status.toggleClass('jp-mod-error', !!m.error);
    // Errors also reach the notification area: the status line may be scrolled out of view.
    if (m.error && m.error !== this._shownError) {
      Notification.error(`${visibleBidi(m.title)}: ${m.error}`, { autoClose: 8000 });
    }
    this._shownError = m.error;
    this._renderFilters();
    if (m.profile) {
      renderProfile(this._profile.node, m.profile, trans, (p, x) =>
        /^timestamp|^date/.test(p.type) ? formatTimestamp(x) : String(Math.round(x * 1000) / 1000)
      );
    }
  }
}

/** A bound of a range filter as typed back: numbers plain, times in UTC. */
function boundText(x: number, time: boolean): string {
  return time ? formatTimestamp(x) : String(x);
}

function button(label: string, caption: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.className = 'jp-hunt-TableButton jp-mod-styled';
  b.textContent = label;
  b.title = caption;
  b.addEventListener('click', onClick);
  return b;
}

function defaultResultName(title: string): string {
  const name = title.replace(/[^\w]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z_]/.test(name) ? name.slice(0, 64) : `table_${name}`.slice(0, 64);
}
