// Reproducible results: the kernel calls (`hunt.extract_iocs(df, ...)`, ...) run in the worker,
// and "Insert code" puts the call that re-runs a result below the active cell.
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookActions } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { INSERT_CODE_COMMAND } from '../common/reproduce';
import { IHuntWorker, IKernelBridge, PLUGIN_PREFIX } from '../tokens';
import { resultCode } from '../ui/mainarea';
import { serveRuns } from './handler';

export const reproducePlugin: JupyterFrontEndPlugin<void> = {
  id: `${PLUGIN_PREFIX}:reproduce`,
  description: 'Kernel calls that run the worker analyses, and "Insert code" on result views.',
  autoStart: true,
  requires: [IHuntWorker, IKernelBridge, INotebookTracker],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    worker: IHuntWorker,
    bridge: IKernelBridge,
    notebooks: INotebookTracker,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_hunt');
    serveRuns(worker, bridge);
    app.commands.addCommand(INSERT_CODE_COMMAND, {
      label: trans.__('Insert Code That Re-runs This Result'),
      caption: trans.__('A code cell below the active cell that runs the same analysis'),
      isEnabled: args =>
        notebooks.currentWidget !== null &&
        (typeof args.code === 'string' || resultCode(app.shell.currentWidget) !== undefined),
      execute: args => {
        const code =
          typeof args.code === 'string' ? args.code : resultCode(app.shell.currentWidget);
        const panel = notebooks.currentWidget;
        if (!panel || code === undefined) {
          Notification.warning(trans.__('Open a notebook to insert the code into'));
          return;
        }
        // Below the active cell, like "Insert Cell Below"; the notebook comes to the front.
        NotebookActions.insertBelow(panel.content);
        const cell = panel.content.activeCell;
        if (cell) {
          cell.model.sharedModel.setSource(code);
        }
        app.shell.activateById(panel.id);
      }
    });
  }
};

export default [reproducePlugin];
