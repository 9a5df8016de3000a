// Wiring: the alert picker (IAlertPicker), its command and the "Pick alerts" table action.
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator, TranslationBundle } from '@jupyterlab/translation';
import { base64ToBytes, decodeIPC, messageOf } from '../analytics/arrow';
import { huntIcon } from '../ui/icon';
import { openResultTab } from '../ui/mainarea';
import { Entities, IAlertPicker, IEntities, ITableViewer, PLUGIN_PREFIX } from '../tokens';
import { AlertPickerModel } from './model';
import { AlertPickerWidget } from './view';

export namespace CommandIDs {
  /** Args: {ipc: base64 Arrow IPC stream, title?: string}; none: the current table view's rows. */
  export const pick = 'jupyterlab-hunt:pick-alerts';
  /** The table views' command that runs one of their actions (args: {id}). */
  export const runTableAction = 'jupyterlab-hunt:run-table-action';
}

/** One line on what adding did, naming rejected entities by index. */
export function addReport(result: Entities.IAddResult, trans: TranslationBundle): string {
  const head = trans.__('Added %1 entities, merged %2.', result.added, result.merged);
  const bad = result.errors.slice(0, 5).map(e => trans.__('#%1: %2', e.index, e.message));
  return [head, ...bad].join(' ');
}

export const alertsPlugin: JupyterFrontEndPlugin<IAlertPicker> = {
  id: `${PLUGIN_PREFIX}:alerts`,
  description:
    'Alert picker (msticpy SelectAlert): browse alerts of a table and add their entities.',
  autoStart: true,
  requires: [IEntities],
  optional: [ITranslator, ITableViewer, ICommandPalette],
  provides: IAlertPicker,
  activate: (
    app: JupyterFrontEnd,
    entities: IEntities,
    translator: ITranslator | null,
    viewer: ITableViewer | null,
    palette: ICommandPalette | null
  ): IAlertPicker => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_hunt');
    const picker: IAlertPicker = {
      // Throws with a message naming the problem (not Arrow, not an alerts table).
      open: async (source, options = {}) => {
        const model = new AlertPickerModel(
          'table' in source ? source.table : decodeIPC(source.bytes)
        );
        const content = new AlertPickerWidget({
          model,
          trans,
          addEntities: (inputs, from) => addReport(entities.add(inputs, from), trans)
        });
        openResultTab(app, content, {
          title: trans.__('Alerts: %1', options.title ?? trans.__('table')),
          icon: huntIcon
        });
      }
    };

    // Without a table in its args (the palette), the command picks from the current table view.
    const fromView = { id: 'pick-alerts' };
    app.commands.addCommand(CommandIDs.pick, {
      label: trans.__('Pick Alerts'),
      caption: trans.__('Browse a table of alerts and add their entities'),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            ipc: { type: 'string', description: 'Arrow IPC stream, base64' },
            title: { type: 'string' }
          },
          required: ['ipc']
        }
      },
      isEnabled: args =>
        typeof args.ipc === 'string' ||
        (app.commands.hasCommand(CommandIDs.runTableAction) &&
          app.commands.isEnabled(CommandIDs.runTableAction, fromView)),
      execute: args =>
        typeof args.ipc === 'string'
          ? picker.open(
              { bytes: base64ToBytes(String(args.ipc)) },
              { title: args.title as string | undefined }
            )
          : app.commands.execute(CommandIDs.runTableAction, fromView)
    });
    palette?.addItem({ command: CommandIDs.pick, category: trans.__('Hunt') });

    if (viewer) {
      viewer.addAction({
        id: 'pick-alerts',
        label: trans.__('Pick alerts'),
        caption: trans.__('Browse these rows as alerts (SelectAlert) and add their entities'),
        run: async context => {
          try {
            await picker.open({ table: context.table }, { title: context.title });
          } catch (reason) {
            context.notify(messageOf(reason), true);
          }
        }
      });
    }
    return picker;
  }
};

export default [alertsPlugin];
