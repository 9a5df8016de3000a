// ITableViewer: opens tables in the main area and keeps the list of table actions.
import { Kernel } from '@jupyterlab/services';
import { DisposableDelegate, IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { decodeIPC } from '../analytics/arrow';
import { ITableViewer, TableViewer } from '../tokens';
import { ITableSource } from './model';
import type { TableView } from './view';

export class TableViewerService implements ITableViewer {
  private readonly _actions: TableViewer.IAction[] = [];
  private readonly _actionsChanged = new Signal<ITableViewer, void>(this);

  constructor(
    private readonly _openInMain: (
      source: ITableSource,
      kernel: Kernel.IKernelConnection | null
    ) => TableView,
    private readonly _create: (
      source: ITableSource,
      kernel: Kernel.IKernelConnection | null
    ) => TableView
  ) {}

  async createView(
    source: TableViewer.Source,
    options: TableViewer.IOpenOptions
  ): Promise<TableViewer.IView> {
    const view = this._create(await tableSource(source, options.title), options.kernel ?? null);
    if (options.notice) {
      view.model.setNotice(options.notice);
    }
    return {
      widget: view,
      table: view.model.table,
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

  async open(source: TableViewer.Source, options: TableViewer.IOpenOptions): Promise<void> {
    const view = this._openInMain(await tableSource(source, options.title), options.kernel ?? null);
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

/** The table a view shows: a worker result decoded once (the view adopts the handle), or bytes. */
async function tableSource(source: TableViewer.Source, title: string): Promise<ITableSource> {
  if ('bytes' in source) {
    return { table: decodeIPC(source.bytes), bytes: source.bytes, title };
  }
  try {
    return { table: await source.handle.table(), handle: source.handle, title };
  } catch (err) {
    source.handle.dispose();
    throw err;
  }
}
