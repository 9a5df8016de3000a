// Where result views open, one rule for every analysis: as tabs in one result area beside the
// notebook. The first result splits right of the current widget (the notebook); later results
// open as tabs after the last result still open; when the user closed them all, the next result
// splits again. (A new split per result left the notebook ~100 px wide after four results.)
import { JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget, ToolbarButton } from '@jupyterlab/apputils';
import type { LabIcon } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import { visibleBidi } from '../analytics/display';
import { INSERT_CODE_COMMAND } from '../common/reproduce';
import { huntIcon } from './icon';

export interface IResultOptions {
  /** Tab label; bidi controls are shown as markers (titles come from hostile data). */
  title: string;
  icon?: LabIcon;
  /** Python that re-runs the analysis in the kernel: the tab gets an "Insert code" button. */
  code?: string;
}

/** The result tabs of one application, newest last. */
const areas = new WeakMap<JupyterFrontEnd, MainAreaWidget[]>();
/** The reproducing code of each open result tab ("Insert code" on the current tab). */
const codes = new WeakMap<Widget, string>();

/** The newest result tab still in the shell: later results open as tabs beside it. */
function resultAnchor(app: JupyterFrontEnd): MainAreaWidget | null {
  const open = (areas.get(app) ?? []).filter(w => !w.isDisposed && w.isAttached);
  areas.set(app, open);
  return open[open.length - 1] ?? null;
}

/** `content` in a closable main-area tab of the result area (see the header). */
export function openResultTab(
  app: JupyterFrontEnd,
  content: Widget,
  options: IResultOptions
): MainAreaWidget {
  const widget = new MainAreaWidget({ content });
  widget.id = `jupyterlab-hunt-result-${Private.nextId++}`;
  widget.title.label = visibleBidi(options.title);
  widget.title.icon = options.icon ?? huntIcon;
  widget.title.closable = true;
  if (options.code !== undefined) {
    codes.set(widget, options.code);
    addInsertCodeButton(app, widget, options.code);
  }
  const anchor = resultAnchor(app);
  if (anchor) {
    app.shell.add(widget, 'main', { mode: 'tab-after', ref: anchor.id });
  } else {
    const beside = app.shell.currentWidget;
    app.shell.add(widget, 'main', { mode: 'split-right', ref: beside?.id || null });
  }
  areas.get(app)!.push(widget);
  app.shell.activateById(widget.id);
  return widget;
}

/** The code that re-runs the result shown in `widget` (a result tab), if it has any. */
export function resultCode(widget: Widget | null): string | undefined {
  return widget ? codes.get(widget) : undefined;
}

function addInsertCodeButton(app: JupyterFrontEnd, widget: MainAreaWidget, code: string): void {
  const button = new ToolbarButton({
    label: 'Insert code',
    tooltip:
      'Insert a code cell below the active cell that re-runs this analysis from the notebook',
    className: 'jp-hunt-insert-code',
    onClick: () => void app.commands.execute(INSERT_CODE_COMMAND, { code })
  });
  widget.toolbar.addItem('insert-code', button);
}

namespace Private {
  // eslint-disable-next-line prefer-const -- incremented by each opened result
  export let nextId = 1;
}
