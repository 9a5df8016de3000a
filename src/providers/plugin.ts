// Wiring: the providers section and its commands.
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { IStateDB } from '@jupyterlab/statedb';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IHuntSidebar, PLUGIN_PREFIX } from '../tokens';
import { ConfigClient } from './api';
import { ProvidersModel } from './model';
import { ProvidersWidget } from './view';

export namespace CommandIDs {
  export const show = 'jupyterlab-hunt:show-providers';
  export const reload = 'jupyterlab-hunt:reload-providers';
  export const save = 'jupyterlab-hunt:save-providers';
  export const create = 'jupyterlab-hunt:create-providers-file';
}

const PLUGIN_ID = `${PLUGIN_PREFIX}:providers`;
const STATE_KEY = `${PLUGIN_ID}:view`;

export const providersPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    "Providers panel: the user's msticpyconfig.yaml, secrets as environment variable or Key Vault references.",
  autoStart: true,
  requires: [IHuntSidebar],
  optional: [IStateDB, ITranslator, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    sidebar: IHuntSidebar,
    state: IStateDB | null,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_hunt');
    const model = new ProvidersModel(
      new ConfigClient(app.serviceManager.serverSettings),
      trans.__.bind(trans)
    );
    const widget = new ProvidersWidget(model, trans);
    sidebar.addSection(widget, 300);

    const { commands } = app;
    commands.addCommand(CommandIDs.show, {
      label: trans.__('Show Providers'),
      execute: () => sidebar.activateSection(widget)
    });
    commands.addCommand(CommandIDs.reload, {
      label: trans.__('Reload msticpyconfig.yaml'),
      execute: () => model.reload()
    });
    commands.addCommand(CommandIDs.save, {
      label: trans.__('Save msticpyconfig.yaml'),
      isEnabled: () => model.dirty && !model.invalidFields.length,
      execute: () => model.save()
    });
    commands.addCommand(CommandIDs.create, {
      label: trans.__('Start a New msticpyconfig.yaml'),
      isEnabled: () => model.status === 'missing' || model.status === 'invalid',
      execute: () => model.create()
    });
    model.changed.connect(() => commands.notifyCommandChanged());
    for (const command of Object.values(CommandIDs)) {
      palette?.addItem({ command, category: trans.__('Hunt') });
    }

    if (state) {
      void state.fetch(STATE_KEY).then(saved => {
        const open = (saved as { open?: unknown } | undefined)?.open;
        if (Array.isArray(open)) {
          widget.openSections = open.filter((x): x is string => typeof x === 'string');
        }
        widget.openChanged.connect(
          () => void state.save(STATE_KEY, { open: [...widget.openSections] })
        );
      });
    }
  }
};

export default [providersPlugin];
