// The table view's commands: the palette ones, the table actions (the Analyses menu and the
// right-click menu of a cell list them), and those of the right-click menus of a cell and of a
// column header. The view opens those menus itself (a Lumino Menu of these commands): the
// application's context menu would mix them with the notebook's cell items.
import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ICommandPalette } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ITableViewer } from '../tokens';
import type { TableView } from './view';

export namespace CommandIDs {
  export const profile = 'jupyterlab-hunt:show-column-profile';
  export const copyCell = 'jupyterlab-hunt:copy-table-cell';
  export const sendToKernel = 'jupyterlab-hunt:send-table-to-kernel';
  export const runAction = 'jupyterlab-hunt:run-table-action';
  export const openRow = 'jupyterlab-hunt:show-row-details';
  export const sortAscending = 'jupyterlab-hunt:sort-column-ascending';
  export const sortDescending = 'jupyterlab-hunt:sort-column-descending';
  export const filterColumn = 'jupyterlab-hunt:filter-column';
  export const hideColumn = 'jupyterlab-hunt:hide-column';
  export const pinColumn = 'jupyterlab-hunt:pin-column';
  export const unpinColumn = 'jupyterlab-hunt:unpin-column';
  export const showAllColumns = 'jupyterlab-hunt:show-all-columns';
  export const fitColumns = 'jupyterlab-hunt:fit-columns';
}

/** The menu of a right-clicked column header. */
export const HEADER_MENU = [
  CommandIDs.sortAscending,
  CommandIDs.sortDescending,
  CommandIDs.filterColumn,
  CommandIDs.hideColumn,
  CommandIDs.pinColumn,
  CommandIDs.unpinColumn,
  CommandIDs.showAllColumns,
  CommandIDs.fitColumns
];
/** The menu of a right-clicked cell (the analyses follow). */
export const CELL_MENU = [CommandIDs.copyCell, CommandIDs.openRow, CommandIDs.filterColumn];

export function addTableCommands(
  app: JupyterFrontEnd,
  trans: TranslationBundle,
  viewer: ITableViewer,
  current: () => TableView | null,
  palette: ICommandPalette | null
): void {
  const pinned = () => {
    const view = current();
    return !!view && view.grid.arrowModel.layout.isPinned(view.targetColumn());
  };
  const add = (
    id: string,
    label: string,
    run: (view: TableView) => void,
    options: { inPalette?: boolean; isVisible?: () => boolean } = {}
  ) => {
    app.commands.addCommand(id, {
      label,
      isEnabled: () => current() !== null,
      isVisible: options.isVisible,
      execute: () => {
        const view = current();
        if (view) {
          run(view);
        }
      }
    });
    if (options.inPalette) {
      palette?.addItem({ command: id, category: trans.__('Hunt') });
    }
  };
  const inPalette = { inPalette: true };
  add(CommandIDs.profile, trans.__('Show Column Profile'), v => v.toggleProfile(), inPalette);
  add(CommandIDs.copyCell, trans.__('Copy Cell Value'), v => v.copyCell(), inPalette);
  add(CommandIDs.openRow, trans.__('Show Row Details'), v => v.openCursorRow(), inPalette);
  add(
    CommandIDs.sendToKernel,
    trans.__('Send Table to Kernel'),
    v => void v.sendToKernel(),
    inPalette
  );
  add(CommandIDs.sortAscending, trans.__('Sort Ascending'), v => v.sortTarget(true));
  add(CommandIDs.sortDescending, trans.__('Sort Descending'), v => v.sortTarget(false));
  add(CommandIDs.filterColumn, trans.__('Filter This Column…'), v => void v.filterTargetColumn());
  add(CommandIDs.hideColumn, trans.__('Hide Column'), v => v.changeColumns('hide'));
  add(CommandIDs.pinColumn, trans.__('Pin Column Left'), v => v.changeColumns('pin'), {
    isVisible: () => !pinned()
  });
  add(CommandIDs.unpinColumn, trans.__('Unpin Column'), v => v.changeColumns('unpin'), {
    isVisible: pinned
  });
  add(CommandIDs.showAllColumns, trans.__('Show All Columns'), v => v.changeColumns('showAll'));
  add(CommandIDs.fitColumns, trans.__('Fit All Columns'), v => v.fitColumns());

  // The analyses: one command, the action's id as argument.
  app.commands.addCommand(CommandIDs.runAction, {
    label: args => viewer.actions.find(a => a.id === args.id)?.label ?? trans.__('Analysis'),
    caption: args => viewer.actions.find(a => a.id === args.id)?.caption ?? '',
    isEnabled: args => current() !== null && viewer.actions.some(a => a.id === args.id),
    execute: args => {
      const view = current();
      const action = viewer.actions.find(a => a.id === args.id);
      if (view && action) {
        return view.runAction(action);
      }
    }
  });
}
