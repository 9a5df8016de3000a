// Result views of the table actions (sessions, STL) open the same way.
import { JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';

/** `content` in a closable main-area tab of its own: a split below a notebook is too short for a chart. */
export function openResultTab(app: JupyterFrontEnd, content: Widget, title: string): void {
  const widget = new MainAreaWidget({ content });
  widget.title.label = title;
  widget.title.closable = true;
  app.shell.add(widget, 'main', { mode: 'tab-after' });
}
