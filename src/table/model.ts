// State of one table view, without DOM: the Arrow table shown, the row order the worker
// computed (filter + sort), the column profile, and status. The worker holds its own copy
// of the table: the result's own (a handle the view adopts) or one loaded once on first use.
import { Table } from 'apache-arrow';
import { ISignal, Signal } from '@lumino/signaling';
import { IDisposable } from '@lumino/disposable';
import type { IColumnProfile } from '../analytics/profile';
import type { ColumnFilter } from '../analytics/colfilter';
import { encodeIPC, messageOf } from '../analytics/arrow';
import { HuntWorker, IHuntWorker } from '../tokens';

export interface ITableSource {
  table: Table;
  /** The IPC bytes the table was decoded from (copied to the worker on first use)... */
  bytes?: Uint8Array;
  /** ...or the worker table it came from, which the model then owns and disposes. */
  handle?: HuntWorker.ITableHandle;
  title: string;
  /** The kernel variable holding the table (`hunt.show`/`hunt.open` of a variable), if any. */
  variable?: string | null;
}

export class TableModel implements IDisposable {
  readonly table: Table;
  readonly title: string;
  readonly variable: string | null;
  private readonly _bytes: Uint8Array | null;
  private _handle: Promise<HuntWorker.ITableHandle> | null = null;
  private _rows: Int32Array | null = null;
  private _filterText = '';
  private _columnFilters: ColumnFilter[] = [];
  private _sortColumn: string | null = null;
  private _ascending = true;
  private _profile: IColumnProfile[] | null = null;
  private _busy = '';
  private _error = '';
  private _notice = '';
  /** Sequence number of the newest row query: older answers are ignored, not cancelled,
   * because a synchronous job cannot read a cancel and the worker would be restarted. */
  private _querySeq = 0;
  private _disposed = false;
  private readonly _changed = new Signal<this, void>(this);
  private readonly _rowsChanged = new Signal<this, void>(this);

  constructor(
    private readonly _worker: IHuntWorker,
    source: ITableSource
  ) {
    this.table = source.table;
    this.title = source.title;
    this.variable = source.variable ?? null;
    this._bytes = source.bytes ?? null;
    if (source.handle) {
      this._handle = Promise.resolve(source.handle);
    }
    _worker.restarted.connect(this._onWorkerRestart, this);
  }

  /** Anything changed (status, profile, rows). */
  get changed(): ISignal<this, void> {
    return this._changed;
  }
  /** The rows in view or their order changed: what the grid redraws for. */
  get rowsChanged(): ISignal<this, void> {
    return this._rowsChanged;
  }
  /** Rows shown, as indices into `table`; null means all rows in table order. */
  get rows(): Int32Array | null {
    return this._rows;
  }
  get rowCount(): number {
    return this._rows ? this._rows.length : this.table.numRows;
  }
  get filterText(): string {
    return this._filterText;
  }
  /** Per-column filters (at most one per column), applied with the filter text. */
  get columnFilters(): readonly ColumnFilter[] {
    return this._columnFilters;
  }
  get sortColumn(): string | null {
    return this._sortColumn;
  }
  get ascending(): boolean {
    return this._ascending;
  }
  get profile(): IColumnProfile[] | null {
    return this._profile;
  }
  /** What the worker is doing now, or ''. */
  get busy(): string {
    return this._busy;
  }
  get error(): string {
    return this._error;
  }
  get notice(): string {
    return this._notice;
  }
  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Index into `table` of the view row `row`. */
  tableRow(row: number): number {
    return this._rows ? this._rows[row] : row;
  }

  setFilter(text: string): Promise<void> {
    this._filterText = text;
    return this._requery();
  }

  /** Set (or with null, drop) the filter of one column. */
  setColumnFilter(column: string, filter: ColumnFilter | null): Promise<void> {
    this._columnFilters = this._columnFilters.filter(f => f.column !== column);
    if (filter) {
      this._columnFilters.push(filter);
    }
    return this._requery();
  }

  /** Sort by a column; sorting by the same column again flips the direction. */
  sortBy(column: string, ascending?: boolean): Promise<void> {
    this._ascending = ascending ?? (this._sortColumn === column ? !this._ascending : true);
    this._sortColumn = column;
    return this._requery();
  }

  async computeProfile(): Promise<void> {
    await this._track('profiling columns', async () => {
      const tableId = await this.workerTableId();
      this._profile = await this._worker.run('profile', { tableId }).result;
    });
  }

  /** The rows in view (filtered and sorted) as Arrow IPC bytes produced by the worker. */
  async exportView(): Promise<Uint8Array> {
    const handle = await this._workerHandle();
    if (!this._rows) {
      return handle.export();
    }
    const view = await this._worker.run('takeRows', {
      tableId: handle.id,
      rows: this._rows.slice()
    }).result;
    try {
      return await view.export();
    } finally {
      view.dispose();
    }
  }

  setNotice(text: string): void {
    this._notice = text;
    this._error = '';
    this._changed.emit();
  }

  setError(text: string): void {
    this._error = text;
    this._changed.emit();
  }

  /** The table's id in the worker, loading a copy of it there on first use. */
  async workerTableId(): Promise<number> {
    return (await this._workerHandle()).id;
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    const handle = this._handle;
    this._handle = null;
    void handle?.then(h => h.dispose()).catch(() => undefined);
    Signal.clearData(this);
  }

  private async _requery(): Promise<void> {
    const seq = ++this._querySeq;
    const query = {
      filterText: this._filterText,
      columnFilters: this._columnFilters.slice(),
      sortColumn: this._sortColumn ?? undefined,
      ascending: this._ascending
    };
    await this._track('filtering and sorting', async () => {
      const tableId = await this.workerTableId();
      const rows = await this._worker.run('queryRows', { tableId, ...query }).result;
      if (seq === this._querySeq) {
        const all = !query.filterText && !query.columnFilters.length && !query.sortColumn;
        this._rows = all ? null : rows;
        this._rowsChanged.emit();
      }
    });
  }

  private async _track(what: string, work: () => Promise<void>): Promise<void> {
    this._busy = what;
    this._error = '';
    this._changed.emit();
    try {
      await work();
    } catch (err) {
      if (!/^JobCancelled/.test((err as Error)?.name ?? '')) {
        this._error = `Failed while ${what}: ${messageOf(err)}`;
      }
    } finally {
      this._busy = '';
      if (!this._disposed) {
        this._changed.emit();
      }
    }
  }

  /** The worker's copy; after a restart (or without one) the table is loaded again. */
  private _workerHandle(): Promise<HuntWorker.ITableHandle> {
    if (!this._handle) {
      // A result adopted from the worker has no bytes of its own: encode it only if it was lost.
      const bytes = this._bytes ? this._bytes.slice() : encodeIPC(this.table);
      this._handle = this._worker.load(bytes);
      this._handle.catch(() => (this._handle = null));
    }
    return this._handle;
  }

  private _onWorkerRestart(): void {
    this._handle = null;
  }
}
