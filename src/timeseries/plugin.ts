// "Time-series anomalies (STL)" on any table view: msticpy's ts_anomalies_stl (and the
// default two-sided scoring, MSTL) in the worker, then its anomaly periods and KQL filter.
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IHuntWorker, ITableViewer, PLUGIN_PREFIX } from '../tokens';
import { askForm } from '../ui/formdialog';
import { openResultTab } from '../ui/mainarea';
import { inputVariable, reproduceCode } from '../common/reproduce';
import { stlFormFields, stlJobArgs, stlPeriodsJobArgs } from './options';
import { countAnomalies, seriesStepMs, StlView } from './view';

export const timeseriesPlugin: JupyterFrontEndPlugin<void> = {
  id: `${PLUGIN_PREFIX}:timeseries`,
  description: 'Time-series anomalies (STL, msticpy ts_anomalies_stl) on tables.',
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
      id: 'stl-anomalies',
      label: trans.__('Time-series anomalies (STL)'),
      caption: trans.__(
        'Seasonal decomposition of a value (or event counts) over time, and its anomalies'
      ),
      run: async context => {
        const values = await askForm(
          trans.__('Time-series anomalies (STL)'),
          stlFormFields(context.columns, t => trans.__(t)),
          trans.__('Analyse')
        );
        if (!values) {
          return;
        }
        const args = stlJobArgs(await context.tableId(), values);
        context.notify(trans.__('Decomposing the series…'));
        const scored = await worker.run('stlAnomalies', args).result;
        const title = trans.__('STL: %1', context.title);
        let content: StlView;
        try {
          // The table view adopts the scored result: decoded once, never sent back.
          const tableView = await viewer.createView(
            { handle: scored },
            { title, kernel: context.kernel }
          );
          try {
            const step = seriesStepMs(tableView.table, args.timeColumn);
            const periodArgs = stlPeriodsJobArgs(scored.id, args, step);
            const periods = await worker.run('stlPeriods', periodArgs).result;
            let periodTable;
            try {
              periodTable = await periods.table();
            } finally {
              periods.dispose();
            }
            content = new StlView(
              tableView.table,
              periodTable,
              tableView,
              { threshold: args.scoreThreshold ?? 3 },
              trans
            );
          } catch (err) {
            tableView.widget.dispose();
            throw err;
          }
        } catch (err) {
          scored.dispose();
          throw err;
        }
        openResultTab(app, content, {
          title,
          code: reproduceCode('stlAnomalies', args, inputVariable(context.variable))
        });
        const { spikes, dips } = countAnomalies(content.data);
        context.notify(
          trans.__('%1 anomalies in %2 points', spikes + dips, content.data.time.length)
        );
      }
    });
  }
};

export default [timeseriesPlugin];
