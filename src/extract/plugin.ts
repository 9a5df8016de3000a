// "Extract IoCs" and "Decode": on chosen columns of a table view, on any cell output
// (right-click), and as palette commands on the active cell's outputs. Every path ends in
// the same worker job and opens the result as a table view in the result area.
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { Kernel } from '@jupyterlab/services';
import { Table } from 'apache-arrow';
import { encodeIPC, messageOf } from '../analytics/arrow';
import { spreadsheetIcon } from '@jupyterlab/ui-components';
import { IHuntWorker, ITableViewer, PLUGIN_PREFIX } from '../tokens';
import { inputVariable, reproduceCode } from '../common/reproduce';
import { openResultTab } from '../ui/mainarea';
import {
  analysisOptions,
  DEFAULT_ANALYSIS_OPTIONS,
  summarize,
  TEXT_ANALYSES,
  ITextAnalysis
} from './analyses';
import { collectCellText, collectOutputText, ICollectedText, IOutputJSON } from './collect';

const OUTPUT_SELECTOR = '.jp-OutputArea-child';

export const extractPlugin: JupyterFrontEndPlugin<void> = {
  id: `${PLUGIN_PREFIX}:extract`,
  description: 'IoC extraction and decoding on tables and on any cell output.',
  autoStart: true,
  requires: [IHuntWorker, ITableViewer, INotebookTracker],
  optional: [ICommandPalette, ITranslator, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    worker: IHuntWorker,
    viewer: ITableViewer,
    notebooks: INotebookTracker,
    palette: ICommandPalette | null,
    translator: ITranslator | null,
    settingRegistry: ISettingRegistry | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_hunt');
    let options = DEFAULT_ANALYSIS_OPTIONS;
    void settingRegistry?.load(extractPlugin.id).then(settings => {
      const update = () => (options = analysisOptions(settings.composite));
      update();
      settings.changed.connect(update);
    });

    /**
     * Run an analysis on a worker table and open its result in the result area. `input` is
     * the kernel variable of a table view's table ("Insert code"), undefined for cell outputs
     * (their text is no DataFrame in the kernel, so there is no call to reproduce).
     */
    const analyze = async (
      analysis: ITextAnalysis,
      tableId: number,
      columns: string[],
      title: string,
      kernel: Kernel.IKernelConnection | null,
      input?: string | null
    ) => {
      const used = options;
      const handle = await analysis.run(worker, tableId, columns, used).result;
      // Decoded once here; the view adopts the handle and reuses that decode.
      const summary = summarize(await handle.table(), analysis.summaryColumn);
      const resultTitle = `${analysis.resultTitle(trans)}: ${title}`;
      const view = await viewer.createView(
        { handle },
        { title: resultTitle, kernel, notice: summary }
      );
      const args = analysis.args(tableId, columns, used);
      openResultTab(app, view.widget, {
        title: resultTitle,
        icon: spreadsheetIcon,
        code: input === undefined ? undefined : reproduceCode(analysis.job, args, input)
      });
      return summary;
    };

    /** Run an analysis on text gathered from outputs (loaded into the worker first). */
    const analyzeCollected = async (
      analysis: ITextAnalysis,
      collected: ICollectedText,
      title: string,
      kernel: Kernel.IKernelConnection | null
    ) => {
      const input = await worker.load(encodeIPC(collected.table));
      try {
        return await analyze(analysis, input.id, textColumns(collected.table), title, kernel);
      } finally {
        input.dispose();
      }
    };

    const notifyRun = (promise: Promise<string>, analysis: ITextAnalysis) => {
      Notification.promise(promise, {
        pending: { message: trans.__('%1…', analysis.label(trans)), options: { autoClose: false } },
        success: {
          message: summary => trans.__('%1 done: %2', analysis.label(trans), String(summary)),
          options: { autoClose: 5000 }
        },
        error: { message: err => trans.__('%1 failed: %2', analysis.label(trans), messageOf(err)) }
      });
    };

    /** The output under the right-click, as nbformat JSON, or the active cell's outputs. */
    const outputsUnderClick = (): { outputs: IOutputJSON[]; single: boolean } | null => {
      const cell = notebooks.activeCell;
      if (!cell || cell.model.type !== 'code') {
        return null;
      }
      const area = (cell as any).outputArea;
      const node = app.contextMenuHitTest(n => n.classList.contains('jp-OutputArea-child'));
      const index = node
        ? area.widgets.findIndex((w: { node: HTMLElement }) => w.node === node)
        : -1;
      const all = area.model.toJSON() as IOutputJSON[];
      return index >= 0 ? { outputs: [all[index]], single: true } : { outputs: all, single: false };
    };

    for (const analysis of TEXT_ANALYSES) {
      const outputCommand = `jupyterlab-hunt:${analysis.id}-in-outputs`;
      app.commands.addCommand(outputCommand, {
        label: args =>
          args.fromMenu
            ? analysis.label(trans)
            : trans.__('%1 in Cell Outputs', analysis.label(trans)),
        caption: analysis.caption(trans),
        isEnabled: () => (notebooks.activeCell?.model as any)?.outputs?.length > 0,
        execute: () => {
          const found = outputsUnderClick();
          const cell = notebooks.activeCell;
          if (!found || found.outputs.length === 0 || !cell) {
            Notification.warning(trans.__('Select a code cell with outputs first'));
            return;
          }
          const kernel = notebooks.currentWidget?.sessionContext.session?.kernel ?? null;
          const title = cellLabel(
            (cell.model as { executionCount?: number | null }).executionCount,
            notebooks.currentWidget?.content.activeCellIndex ?? 0
          );
          const run = async () => {
            const collected = found.single
              ? collectOutputText(found.outputs[0])
              : collectCellText(found.outputs);
            return analyzeCollected(analysis, collected, title, kernel);
          };
          notifyRun(run(), analysis);
        }
      });
      app.contextMenu.addItem({
        command: outputCommand,
        args: { fromMenu: true },
        selector: OUTPUT_SELECTOR,
        rank: 20
      });
      palette?.addItem({ command: outputCommand, category: trans.__('Hunt') });

      viewer.addAction({
        id: analysis.id,
        label: analysis.label(trans),
        caption: trans.__(
          '%1 in the selected columns (all columns when none are selected)',
          analysis.label(trans)
        ),
        run: async context => {
          const columns = context.selectedColumns.filter(c =>
            context.columns.some(col => col.name === c)
          );
          const summary = await analyze(
            analysis,
            await context.tableId(),
            columns,
            context.title,
            context.kernel,
            inputVariable(context.variable)
          );
          context.notify(summary);
        }
      });
    }
  }
};

/** A cell as the user sees it: its execution count `[12]`, else its position. */
export function cellLabel(executionCount: number | null | undefined, index: number): string {
  return typeof executionCount === 'number' ? `[${executionCount}]` : `cell ${index + 1}`;
}

/** Text analyses read every column of the gathered outputs. */
function textColumns(table: Table): string[] {
  return table.schema.fields.map(f => f.name).filter(name => name !== 'Output');
}

export default [extractPlugin];
