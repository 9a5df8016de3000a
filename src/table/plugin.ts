import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, MainAreaWidget, WidgetTracker } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { spreadsheetIcon } from '@jupyterlab/ui-components';
import { Kernel } from '@jupyterlab/services';
import { decodeIPC, messageOf } from '../analytics/arrow';
import { MIME_TYPE } from '../protocol';
import { visibleBidi } from '../analytics/display';
import { IHuntWorker, IKernelBridge, ITableViewer, PLUGIN_PREFIX } from '../tokens';
import { ArrowRenderer } from './mime';
import { TableModel, ITableSource } from './model';
import { TableView } from './view';
import { TableViewerService } from './viewer';
import { openResultTab } from '../ui/mainarea';
import { addTableCommands, CommandIDs } from './commands';

export { CommandIDs } from './commands';

export const tablePlugin: JupyterFrontEndPlugin<ITableViewer> = {
  id: `${PLUGIN_PREFIX}:table`,
  description:
    'Arrow table outputs and views: virtualised grid, filter, sort, profile, send to kernel.',
  autoStart: true,
  requires: [IRenderMimeRegistry, IHuntWorker, IKernelBridge, INotebookTracker],
  optional: [ICommandPalette, ITranslator],
  provides: ITableViewer,
  activate: (
    app: JupyterFrontEnd,
    rendermime: IRenderMimeRegistry,
    worker: IHuntWorker,
    bridge: IKernelBridge,
    notebooks: INotebookTracker,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ): ITableViewer => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_hunt');
    const views = new Set<TableView>();
    let lastActive: TableView | null = null;

    const createView = (
      source: ITableSource,
      kernel: () => Kernel.IKernelConnection | null,
      outputRows?: number
    ): TableView => {
      const view = new TableView({
        model: new TableModel(worker, source),
        trans,
        viewer,
        bridge,
        kernel,
        commands: app.commands,
        actionCommand: CommandIDs.runAction,
        outputRows
      });
      views.add(view);
      view.node.addEventListener('focusin', () => (lastActive = view));
      view.node.addEventListener('pointerdown', () => (lastActive = view));
      view.disposed.connect(() => {
        views.delete(view);
        if (lastActive === view) {
          lastActive = null;
        }
      });
      return view;
    };

    const mainTracker = new WidgetTracker<MainAreaWidget<TableView>>({
      namespace: 'jupyterlab-hunt-table'
    });
    const openInMain = (
      source: ITableSource,
      kernel: Kernel.IKernelConnection | null
    ): TableView => {
      const content = createView(source, () => (kernel && !kernel.isDisposed ? kernel : null));
      const widget = new MainAreaWidget({ content });
      widget.id = `jupyterlab-hunt-table-${Private.nextId++}`;
      widget.title.label = visibleBidi(source.title);
      widget.title.icon = spreadsheetIcon;
      widget.title.closable = true;
      app.shell.add(widget, 'main', { mode: 'split-right' });
      void mainTracker.add(widget);
      app.shell.activateById(widget.id);
      return content;
    };

    const viewer: TableViewerService = new TableViewerService(
      openInMain,
      (source, kernel): TableView =>
        createView(source, () => (kernel && !kernel.isDisposed ? kernel : null))
    );

    /** The kernel of the notebook whose output holds `node`. */
    const kernelOf = (node: HTMLElement) => () =>
      notebooks.find(panel => panel.node.contains(node))?.sessionContext.session?.kernel ?? null;

    rendermime.addFactory(
      {
        safe: true,
        mimeTypes: [MIME_TYPE],
        defaultRank: 50,
        createRenderer: options => {
          const renderer: ArrowRenderer = new ArrowRenderer(
            options.mimeType,
            (source, rows) => createView(source, kernelOf(renderer.node), rows),
            worker
          );
          return renderer;
        }
      },
      50
    );

    // Tables the kernel sends with `hunt.open(df)` open as tabs of the result area, beside the
    // notebook with the analyses' results (a split of their own squeezed the notebook).
    bridge.received.connect((_, msg) => {
      if (msg.data.op !== 'table') {
        return;
      }
      const title = msg.data.title || msg.data.name || 'table';
      try {
        const bytes = msg.buffers[0];
        if (!bytes) {
          throw new Error('the message carried no Arrow buffer');
        }
        const kernel = msg.kernel;
        const variable = msg.data.source ?? null;
        const source = { table: decodeIPC(bytes), bytes, title, variable };
        const content = createView(source, () => (kernel.isDisposed ? null : kernel));
        const tab = openResultTab(app, content, { title, icon: spreadsheetIcon });
        void mainTracker.add(tab as MainAreaWidget<TableView>);
      } catch (err) {
        console.error(`jupyterlab-hunt: could not open table "${title}": ${messageOf(err)}`);
      }
    });

    const current = () => {
      const main = mainTracker.currentWidget;
      if (main && app.shell.currentWidget === main) {
        return main.content;
      }
      return lastActive && !lastActive.isDisposed ? lastActive : (main?.content ?? null);
    };
    addTableCommands(app, trans, viewer, current, palette);
    return viewer;
  }
};

namespace Private {
  // eslint-disable-next-line prefer-const -- incremented by each opened view
  export let nextId = 1;
}

export default [tablePlugin];
