// "Score sessions" on any table view: msticpy's anomalous-session model in the worker.
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IHuntWorker, ITableViewer, PLUGIN_PREFIX } from '../tokens';
import { askForm } from '../ui/formdialog';
import { openResultTab } from '../ui/mainarea';
import { inputVariable, reproduceCode } from '../common/reproduce';
import { sessionFormFields, sessionJobArgs } from './options';
import { SessionsView } from './view';

export const sessionsPlugin: JupyterFrontEndPlugin<void> = {
  id: `${PLUGIN_PREFIX}:sessions`,
  description: 'Anomalous session scoring (msticpy anomalous_sequence) on tables.',
  autoStart: true,
  requires: [IHuntWorker, ITableViewer],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    worker: IHuntWorker,
    viewer: ITableViewer,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_hunt');
    viewer.addAction({
      id: 'score-sessions',
      label: trans.__('Score sessions'),
      caption: trans.__('Rarest command windows per session (msticpy anomalous sessions)'),
      run: async context => {
        const values = await askForm(
          trans.__('Score sessions'),
          sessionFormFields(context.columns, t => trans.__(t)),
          trans.__('Score')
        );
        if (!values) {
          return;
        }
        const args = sessionJobArgs(await context.tableId(), values);
        context.notify(trans.__('Scoring sessions…'));
        const handle = await worker.run('scoreSessions', args).result;
        const title = trans.__('Sessions: %1', context.title);
        // The view adopts the result: decoded once for display, sorted in place in the worker.
        const tableView = await viewer.createView({ handle }, { title, kernel: context.kernel });
        const content = new SessionsView(tableView.table, args.windowLength ?? 3, tableView, trans);
        openResultTab(app, content, {
          title,
          code: reproduceCode('scoreSessions', args, inputVariable(context.variable))
        });
        context.notify(trans.__('Scored %1 sessions', handle.info.numRows));
      }
    });
  }
};

export default [sessionsPlugin];
