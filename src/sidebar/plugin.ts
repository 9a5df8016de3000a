import { ILayoutRestorer, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { IStateDB } from '@jupyterlab/statedb';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IHuntSidebar, PLUGIN_PREFIX } from '../tokens';
import { huntIcon } from '../ui/icon';
import { HuntSidebar, SIDEBAR_ID } from './sidebar';

const STATE_KEY = `${PLUGIN_PREFIX}:sidebar`;

export namespace CommandIDs {
  export const open = 'jupyterlab-hunt:open-sidebar';
}

export const sidebarPlugin: JupyterFrontEndPlugin<IHuntSidebar> = {
  id: `${PLUGIN_PREFIX}:sidebar`,
  description: 'The Hunt sidebar holding the time range, entities and providers sections.',
  autoStart: true,
  // The View menu lists the open command through schema/sidebar.json ("jupyter.lab.menus").
  optional: [ILayoutRestorer, IStateDB, ITranslator, ICommandPalette],
  provides: IHuntSidebar,
  activate: (
    app: JupyterFrontEnd,
    restorer: ILayoutRestorer | null,
    state: IStateDB | null,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ): IHuntSidebar => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_hunt');
    const sidebar = new HuntSidebar(translator ?? nullTranslator);
    app.shell.add(sidebar, 'left', { rank: 450, type: 'Hunt' });
    restorer?.add(sidebar, SIDEBAR_ID);

    app.commands.addCommand(CommandIDs.open, {
      label: trans.__('Open Hunt Sidebar'),
      caption: trans.__('Show the time range, entities and providers of the active notebook'),
      icon: args => (args.isPalette ? undefined : huntIcon),
      execute: () => app.shell.activateById(SIDEBAR_ID)
    });
    palette?.addItem({ command: CommandIDs.open, category: trans.__('Hunt') });

    if (state) {
      // Sections are added by other plugins during startup; restore once they are all in.
      void app.restored
        .then(() => state.fetch(STATE_KEY))
        .then(value => {
          const collapsed = (value as { collapsed?: unknown } | undefined)?.collapsed;
          if (Array.isArray(collapsed)) {
            sidebar.restoreCollapsed(collapsed.filter((x): x is string => typeof x === 'string'));
          }
          sidebar.collapsedChanged.connect(
            () => void state.save(STATE_KEY, { collapsed: [...sidebar.collapsed] })
          );
        });
    }
    return {
      addSection: (widget, rank) => sidebar.addSection(widget, rank),
      activateSection: widget => {
        app.shell.activateById(SIDEBAR_ID);
        sidebar.activateSection(widget);
      }
    };
  }
};

export default [sidebarPlugin];
