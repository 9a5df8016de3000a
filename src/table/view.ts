// A table view: toolbar (filter, actions, status), the grid, and the column profile.
// Everything drawn from the table is set as text, never HTML: table content is hostile.
import { BoxPanel, Widget } from '@lumino/widgets';
import { MessageLoop } from '@lumino/messaging';
import { Kernel } from '@jupyterlab/services';
import { Clipboard, InputDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { messageOf } from '../analytics/arrow';
import { visibleBidi } from '../analytics/display';
import { IKernelBridge, ITableViewer, TableViewer } from '../tokens';
import { ArrowDataModel } from './datamodel';
import { HuntDataGrid } from './grid';
import { TableModel } from './model';
import { renderProfile } from './profileview';

export interface ITableViewOptions {
  model: TableModel;
  trans: TranslationBundle;
  viewer: ITableViewer;
  bridge: IKernelBridge;
  /** The kernel results go to: the notebook's kernel, found when needed. */
  kernel: () => Kernel.IKernelConnection | null;
  /** Height of the view in a cell output; the view fills its parent when absent. */
  outputHeight?: number;
}

/** Extra height a cell output gets while the profile is shown. */
const PROFILE_HEIGHT = 220;

const FILTER_DEBOUNCE_MS = 250;

/** Most selected cells an action receives (a whole selected column of a big table is capped). */
const MAX_SELECTED_CELLS = 10000;

export class TableView extends BoxPanel {
  readonly model: TableModel;
  readonly grid: HuntDataGrid;
  private readonly _options: ITableViewOptions;
  private readonly _status = document.createElement('span');
  private readonly _count = document.createElement('span');
  private readonly _actions = document.createElement('span');
  private readonly _profile = new Widget();
  private _filterTimer = 0;
  // Cell outputs get no resize messages when the notebook width changes; observe instead.
  private readonly _resizeObserver = new ResizeObserver(() => {
    if (this.isAttached) {
      MessageLoop.sendMessage(this, Widget.ResizeMessage.UnknownSize);
    }
  });

  constructor(options: ITableViewOptions) {
    super({ direction: 'top-to-bottom', spacing: 0 });
    this._options = options;
    this.model = options.model;
    this.addClass('jp-hunt-TableView');
    const toolbar = this._buildToolbar();
    BoxPanel.setStretch(toolbar, 0);
    this.addWidget(toolbar);
    this.grid = new HuntDataGrid(new ArrowDataModel(this.model), column => {
      void this.model.sortBy(this.model.table.schema.fields[column].name);
    });
    BoxPanel.setStretch(this.grid, 1);
    this.addWidget(this.grid);
    this._profile.addClass('jp-hunt-TableProfile');
    BoxPanel.setStretch(this._profile, 0);
    BoxPanel.setSizeBasis(this._profile, PROFILE_HEIGHT);
    this._profile.hide();
    this.addWidget(this._profile);
    this.model.changed.connect(this._update, this);
    options.viewer.actionsChanged.connect(this._renderActions, this);
    this._renderActions();
    this._update();
    this._resizeObserver.observe(this.node);
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
    this._fitOutput();
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
      columns: fields.map((f, i) => ({
        name: f.name,
        type: String(columns.data('column-header', 1, i))
      })),
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
            cells.push([fields[c].name, data.cellFullText(r, c), r]);
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
    this._status.className = 'jp-hunt-TableStatus';
    this._status.setAttribute('role', 'status');
    this._actions.className = 'jp-hunt-TableActions';
    bar.node.append(
      title,
      this._count,
      filter,
      button(trans.__('Profile'), trans.__('Per-column profile computed in the worker'), () =>
        this.toggleProfile()
      ),
      button(trans.__('Copy cell'), trans.__('Copy the selected cell'), () => this.copyCell()),
      button(
        trans.__('Send to kernel'),
        trans.__('Put the rows in view into hunt.results'),
        () => void this.sendToKernel()
      ),
      this._actions,
      this._status
    );
    return bar;
  }

  private _renderActions(): void {
    this._actions.replaceChildren(
      ...this._options.viewer.actions.map(action =>
        button(action.label, action.caption ?? action.label, () => {
          action
            .run(this.actionContext())
            .catch(err => this.model.setError(`${action.label}: ${messageOf(err)}`));
        })
      )
    );
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
    this._status.textContent = m.error || (m.busy ? trans.__('Working: %1…', m.busy) : m.notice);
    this._status.classList.toggle('jp-mod-error', !!m.error);
    if (m.profile) {
      renderProfile(this._profile.node, m.profile, trans);
    }
    this._fitOutput();
  }

  /** In a cell output the view has a fixed height, grown while the profile shows. */
  private _fitOutput(): void {
    const base = this._options.outputHeight;
    if (base !== undefined) {
      this.node.style.height = `${base + (this._profile.isHidden ? 0 : PROFILE_HEIGHT)}px`;
      this.fit();
    }
  }
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
