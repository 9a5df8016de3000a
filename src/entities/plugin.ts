// Wiring: the entities section, the IEntities token, commands and UI state.
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import {
  IEntities,
  IHuntSidebar,
  IInvestigationContext,
  ITableViewer,
  PLUGIN_PREFIX
} from '../tokens';
import { selectionInputs } from './fromtable';
import { EntitiesModel } from './model';
import { describeResult, EntitiesWidget, IEntitiesViewState } from './view';

export namespace CommandIDs {
  export const show = 'jupyterlab-hunt:show-entities';
  export const add = 'jupyterlab-hunt:add-entity';
  export const search = 'jupyterlab-hunt:search-entities';
  export const importFile = 'jupyterlab-hunt:import-entities';
  export const exportFile = 'jupyterlab-hunt:export-entities';
  export const clear = 'jupyterlab-hunt:clear-unpinned-entities';
}

const PLUGIN_ID = `${PLUGIN_PREFIX}:entities`;
const STATE_KEY = `${PLUGIN_ID}:view`;

export const entitiesPlugin: JupyterFrontEndPlugin<IEntities> = {
  id: PLUGIN_ID,
  description:
    'Entities of the investigation (msticpy entity types), kept in the notebook and sent to the kernel.',
  autoStart: true,
  requires: [IInvestigationContext, IHuntSidebar],
  optional: [ISettingRegistry, IStateDB, ITranslator, ICommandPalette, ITableViewer],
  provides: IEntities,
  activate: (
    app: JupyterFrontEnd,
    context: IInvestigationContext,
    sidebar: IHuntSidebar,
    settings: ISettingRegistry | null,
    state: IStateDB | null,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    viewer: ITableViewer | null
  ): IEntities => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_hunt');
    const model = new EntitiesModel(context);
    const widget = new EntitiesWidget(model, trans);
    sidebar.addSection(widget, 200);

    const { commands } = app;
    const canEdit = () => model.canEdit;
    const show = () => sidebar.activateSection(widget);
    const entries: [string, string, () => void, (() => boolean)?][] = [
      [CommandIDs.show, trans.__('Show Entities'), show],
      [CommandIDs.add, trans.__('Add Entity…'), () => (show(), widget.focusAdd()), canEdit],
      [CommandIDs.search, trans.__('Search Entities'), () => (show(), widget.focusSearch())],
      [
        CommandIDs.importFile,
        trans.__('Import Entities from JSON…'),
        () => (show(), widget.pickImport()),
        canEdit
      ],
      [
        CommandIDs.exportFile,
        trans.__('Export Entities as JSON'),
        () => widget.exportFile(),
        () => model.entities.length > 0
      ],
      [CommandIDs.clear, trans.__('Clear Unpinned Entities'), () => model.clearUnpinned(), canEdit]
    ];
    for (const [id, label, execute, isEnabled] of entries) {
      commands.addCommand(id, { label, execute, isEnabled });
      palette?.addItem({ command: id, category: trans.__('Hunt') });
    }
    model.changed.connect(() => commands.notifyCommandChanged());

    viewer?.addAction({
      id: 'add-entities',
      label: trans.__('Add as entities'),
      caption: trans.__(
        'Add the selected cells to the investigation (type from the IoCType column of IoC results, else inferred from column and value)'
      ),
      run: async ctx => {
        if (ctx.selectedCells.length === 0) {
          ctx.notify(
            trans.__(
              'Select what to add first: click a column header (e.g. Observable) or drag over cells or rows.'
            ),
            true
          );
          return;
        }
        const { inputs, skipped } = selectionInputs(ctx);
        const report = describeResult(model.add(inputs, `table:${ctx.title}`), trans);
        ctx.notify(
          skipped.length
            ? `${report} ${trans.__('%1 not added (%2)', skipped.length, skipped[0])}`
            : report
        );
      }
    });

    if (state) {
      void state.fetch(STATE_KEY).then(saved => {
        const s = saved as Partial<IEntitiesViewState> | undefined;
        if (s && typeof s.groupByType === 'boolean') {
          widget.state = { ...widget.state, groupByType: s.groupByType };
        }
        let lastSaved = widget.state.groupByType;
        widget.stateChanged.connect(() => {
          if (widget.state.groupByType !== lastSaved) {
            lastSaved = widget.state.groupByType;
            void state.save(STATE_KEY, { groupByType: lastSaved });
          }
        });
      });
    }
    if (settings) {
      void settings.load(PLUGIN_ID).then(loaded => {
        const update = () => (model.selectNew = loaded.get('selectNew').composite === true);
        update();
        loaded.changed.connect(update);
      });
    }
    return model;
  }
};

export default [entitiesPlugin];
