// Wiring: the time range section, its commands and settings.
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { Clipboard, ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IHuntSidebar, IInvestigationContext, PLUGIN_PREFIX } from '../tokens';
import {
  IQueryTimeLimits,
  presetSpec,
  PRESETS,
  resolveQueryTime,
  toIso
} from '../common/querytime';
import { RangeFormModel } from './model';
import { TimeRangeWidget } from './view';

export namespace CommandIDs {
  export const preset = (id: string) => `jupyterlab-hunt:set-time-range-${id}`;
  export const copy = 'jupyterlab-hunt:copy-time-range';
  export const insert = 'jupyterlab-hunt:insert-time-range';
  export const show = 'jupyterlab-hunt:show-time-range';
}

const PLUGIN_ID = `${PLUGIN_PREFIX}:timerange`;

export const timerangePlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Query time range of the investigation: presets, origin ± amounts, absolute start/end.',
  autoStart: true,
  requires: [IInvestigationContext, IHuntSidebar, INotebookTracker],
  optional: [ISettingRegistry, ITranslator, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    context: IInvestigationContext,
    sidebar: IHuntSidebar,
    notebooks: INotebookTracker,
    settings: ISettingRegistry | null,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_hunt');
    const form = new RangeFormModel(context.queryTime, { trans: trans.__.bind(trans) });
    context.changed.connect((_, change) => change !== 'entities' && form.reset(context.queryTime));

    const hasNotebook = () => context.notebook !== null;
    const currentRange = () => resolveQueryTime(context.queryTime, new Date());
    const { commands } = app;
    for (const preset of PRESETS) {
      commands.addCommand(CommandIDs.preset(preset.id), {
        label: trans.__('Set Time Range to %1', trans.__(preset.label)),
        isEnabled: hasNotebook,
        execute: () => context.setQueryTime(presetSpec(preset))
      });
    }
    commands.addCommand(CommandIDs.copy, {
      label: trans.__('Copy Time Range as ISO 8601'),
      execute: () => {
        const range = currentRange();
        if (range) {
          Clipboard.copyToSystem(`${toIso(range.start)}/${toIso(range.end)}`);
        }
      }
    });
    commands.addCommand(CommandIDs.insert, {
      label: trans.__('Insert Time Range into Cell'),
      caption: trans.__(
        "Insert code that sets start and end to the notebook's time range (hunt.query_time)"
      ),
      isEnabled: () => !!notebooks.activeCell?.editor?.replaceSelection,
      execute: () => {
        const range = currentRange();
        const editor = notebooks.activeCell?.editor;
        if (range && editor?.replaceSelection) {
          // On lines of its own, so that the cell runs as it is.
          const position = editor.getCursorPosition();
          const line = editor.getLine(position.line) ?? '';
          const before = line.slice(0, position.column).trim() ? '\n' : '';
          const after = line.slice(position.column).trim() ? '\n' : '';
          editor.replaceSelection(`${before}${insertedCode(range)}${after}`);
          editor.focus();
        }
      }
    });

    const widget = new TimeRangeWidget({
      context,
      form,
      trans,
      apply: spec => context.setQueryTime(spec),
      applyPreset: preset => context.setQueryTime(presetSpec(preset)),
      copy: () => void commands.execute(CommandIDs.copy),
      insert: () => void commands.execute(CommandIDs.insert)
    });
    sidebar.addSection(widget, 100);
    commands.addCommand(CommandIDs.show, {
      label: trans.__('Show Time Range'),
      execute: () => sidebar.activateSection(widget)
    });

    const category = trans.__('Hunt');
    for (const command of [
      CommandIDs.show,
      ...PRESETS.map(p => CommandIDs.preset(p.id)),
      CommandIDs.copy,
      CommandIDs.insert
    ]) {
      palette?.addItem({ command, category });
    }

    if (settings) {
      void settings.load(PLUGIN_ID).then(loaded => {
        const update = () => {
          const preset =
            PRESETS.find(p => p.id === loaded.get('defaultPreset').composite) ?? PRESETS[2];
          context.defaultQueryTime = presetSpec(preset);
          form.limits = {
            maxBefore: loaded.get('maxBefore').composite,
            maxAfter: loaded.get('maxAfter').composite,
            maxSpanDays: loaded.get('maxSpanDays').composite
          } as IQueryTimeLimits;
        };
        update();
        loaded.changed.connect(update);
      });
    }
  }
};

/**
 * What "Insert Time Range into Cell" inserts: code that runs on its own, reading the range
 * from `hunt.query_time` (it follows the sidebar), with the range it had when inserted.
 */
export function insertedCode(range: { start: Date; end: Date }): string {
  return [
    'from jupyterlab_hunt import hunt',
    '',
    `# The notebook's time range (Hunt sidebar; ${toIso(range.start)} to ${toIso(range.end)} when inserted).`,
    '# Pass it to a query, e.g. qry_prov.SecurityAlert.list_alerts(start=start, end=end).',
    'start, end = hunt.query_time.start, hunt.query_time.end'
  ].join('\n');
}

export default [timerangePlugin];
