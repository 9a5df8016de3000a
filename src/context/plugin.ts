// Wiring: the context follows the active notebook and syncs every notebook's kernel.
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import type { Kernel } from '@jupyterlab/services';
import type { IExecuteContext } from '../protocol';
import type { IDisposable } from '@lumino/disposable';
import { IInvestigationContext, IKernelBridge, PLUGIN_PREFIX } from '../tokens';
import { attachExecuteContext, executeContext } from './execute';
import { METADATA_KEY } from './metadata';
import { IInvestigationDoc, InvestigationContextModel } from './model';
import { KernelSync } from './sync';

export const contextPlugin: JupyterFrontEndPlugin<IInvestigationContext> = {
  id: `${PLUGIN_PREFIX}:context`,
  description:
    'Investigation context: time range and entities in notebook metadata, live in the kernel.',
  autoStart: true,
  requires: [INotebookTracker, IKernelBridge],
  provides: IInvestigationContext,
  activate: (_app: JupyterFrontEnd, notebooks: INotebookTracker, bridge: IKernelBridge) => {
    const context = new InvestigationContextModel();
    const docs = new WeakMap<NotebookPanel, IInvestigationDoc>();
    const docOf = (panel: NotebookPanel): IInvestigationDoc => {
      let doc = docs.get(panel);
      if (!doc) {
        doc = {
          get path() {
            return panel.context.path;
          },
          metadata: panel.context.model
        };
        docs.set(panel, doc);
        panel.context.model.metadataChanged.connect((_, change) => {
          if (change.key === METADATA_KEY && context.doc === doc) {
            context.reload();
          }
        });
      }
      return doc;
    };
    const kernelOf = (panel: NotebookPanel | null): Kernel.IKernelConnection | null =>
      panel?.sessionContext.session?.kernel ?? null;

    const follow = async (panel: NotebookPanel | null) => {
      if (panel) {
        // Metadata is only there once the file has loaded.
        await panel.context.ready;
      }
      if (panel === notebooks.currentWidget) {
        context.setCurrent(panel ? docOf(panel) : null);
      }
    };
    notebooks.currentChanged.connect((_, panel) => void follow(panel));
    void follow(notebooks.currentWidget);

    new KernelSync({
      bridge,
      context,
      docOf: kernel => {
        const panel = notebooks.find(p => kernelOf(p) === kernel);
        return panel ? docOf(panel) : null;
      },
      currentKernel: () => kernelOf(notebooks.currentWidget)
    });
    // Each execute request carries its notebook's context, with start/end computed as it is
    // sent: the first cell of a Run All sees it (the comm above only follows later changes).
    const payloadOf = (panel: NotebookPanel): IExecuteContext | null =>
      panel.context.isReady
        ? executeContext(docOf(panel), context.defaultQueryTime, new Date())
        : null;
    const followKernels = (panel: NotebookPanel) => {
      let attached: IDisposable | null = null;
      const onKernel = () => {
        attached?.dispose();
        const kernel = kernelOf(panel);
        attached = kernel ? attachExecuteContext(kernel, () => payloadOf(panel)) : null;
      };
      panel.sessionContext.kernelChanged.connect(onKernel);
      panel.disposed.connect(() => attached?.dispose());
      onKernel();
    };
    notebooks.forEach(followKernels);
    notebooks.widgetAdded.connect((_, panel) => followKernels(panel));
    return context;
  }
};

export default [contextPlugin];
