// ITableViewer: opens tables in the main area and keeps the list of table actions.
import { Kernel } from '@jupyterlab/services';
import { DisposableDelegate, IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { decodeIPC } from '../analytics/arrow';
import { IHuntWorker, ITableViewer, TableViewer } from '../tokens';
import { ITableSource } from './model';
import type { TableView } from './view';

export class TableViewerService implements ITableViewer {
  private readonly _actions: TableViewer.IAction[] = [];
  private readonly _actionsChanged = new Signal<ITableViewer, void>(this);

  constructor(
    private readonly _worker: IHuntWorker,
    private readonly _openInMain: (
      source: ITableSource,
      kernel: Kernel.IKernelConnection | null
    ) => TableView,
    private readonly _create: (
      source: ITableSource,
      kernel: Kernel.IKernelConnection | null
    ) => TableView
  ) {}

  createView(bytes: Uint8Array, options: TableViewer.IOpenOptions): TableViewer.IView {
    const view = this._create(
      { table: decodeIPC(bytes), bytes, title: options.title },
      options.kernel ?? null
    );
    return {
      widget: view,
      sortBy: (column, ascending) => view.model.sortBy(column, ascending),
      setFilter: text => view.model.setFilter(text)
    };
  }

  get actions(): readonly TableViewer.IAction[] {
    return this._actions;
  }

  get actionsChanged(): ISignal<ITableViewer, void> {
    return this._actionsChanged;
  }

  async open(
    source: { tableId: number } | { bytes: Uint8Array },
    options: TableViewer.IOpenOptions
  ): Promise<void> {
    const bytes =
      'bytes' in source ? source.bytes : await this._worker.api.exportTable(source.tableId);
    const view = this._openInMain(
      { table: decodeIPC(bytes), bytes, title: options.title },
      options.kernel ?? null
    );
    if (options.notice) {
      view.model.setNotice(options.notice);
    }
  }

  addAction(action: TableViewer.IAction): IDisposable {
    if (this._actions.some(a => a.id === action.id)) {
      throw new Error(`A table action "${action.id}" is already registered`);
    }
    this._actions.push(action);
    this._actionsChanged.emit();
    return new DisposableDelegate(() => {
      const i = this._actions.indexOf(action);
      if (i >= 0) {
        this._actions.splice(i, 1);
        this._actionsChanged.emit();
      }
    });
  }
}
