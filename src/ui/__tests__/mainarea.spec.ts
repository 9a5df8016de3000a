// Where results open: the first beside the current widget, later ones as tabs of that area,
// a new split once the user closed every result; titles shown as text; "Insert code" button.
import { CommandRegistry } from '@lumino/commands';
import { PanelLayout, Widget } from '@lumino/widgets';
import type { MainAreaWidget, ToolbarButton } from '@jupyterlab/apputils';
import type { JupyterFrontEnd } from '@jupyterlab/application';
import { INSERT_CODE_COMMAND } from '../../common/reproduce';
import { openResultTab, resultCode } from '../mainarea';

interface IAdded {
  widget: Widget;
  mode?: string;
  ref?: string | null;
}

function fakeApp(current: Widget | null) {
  const added: IAdded[] = [];
  const commands = new CommandRegistry();
  const app = {
    commands,
    shell: {
      currentWidget: current,
      add: (widget: Widget, _area: string, options: { mode?: string; ref?: string | null }) => {
        added.push({ widget, mode: options.mode, ref: options.ref });
        Widget.attach(widget, document.body);
      },
      activateById: () => undefined
    }
  } as unknown as JupyterFrontEnd;
  return { app, added, commands };
}

describe('openResultTab', () => {
  it('splits right of the notebook once, then opens tabs in that area', () => {
    const notebook = new Widget();
    notebook.id = 'notebook-1';
    const { app, added } = fakeApp(notebook);
    const first = openResultTab(app, new Widget(), { title: 'IoCs: [12]' });
    const second = openResultTab(app, new Widget(), { title: 'Decoded: [12]' });
    const third = openResultTab(app, new Widget(), { title: 'Alerts: t' });
    expect(added.map(a => [a.mode, a.ref])).toEqual([
      ['split-right', 'notebook-1'],
      ['tab-after', first.id],
      ['tab-after', second.id]
    ]);
    expect(third.title.label).toBe('Alerts: t');
    first.dispose();
    second.dispose();
    third.dispose();
  });

  it('makes the area again after the user closed every result', () => {
    const { app, added } = fakeApp(null);
    const a = openResultTab(app, new Widget(), { title: 'a' });
    const b = openResultTab(app, new Widget(), { title: 'b' });
    b.dispose();
    const c = openResultTab(app, new Widget(), { title: 'c' });
    a.dispose();
    c.dispose();
    const d = openResultTab(app, new Widget(), { title: 'd' });
    expect(added.map(x => [x.mode, x.ref])).toEqual([
      ['split-right', null],
      ['tab-after', a.id],
      ['tab-after', a.id],
      ['split-right', null]
    ]);
    d.dispose();
  });

  it('shows bidi controls of a title as markers', () => {
    const { app } = fakeApp(null);
    const w = openResultTab(app, new Widget(), { title: 'IoCs: evil\u202Etxt.exe' });
    expect(w.title.label).toBe('IoCs: evil⟨U+202E⟩txt.exe');
    w.dispose();
  });

  it('offers "Insert code" only with code, running the insert command with it', () => {
    const { app, commands } = fakeApp(null);
    const inserted: unknown[] = [];
    commands.addCommand(INSERT_CODE_COMMAND, { execute: args => void inserted.push(args.code) });
    const plain = openResultTab(app, new Widget(), { title: 'Alerts' });
    const withCode = openResultTab(app, new Widget(), { title: 'IoCs', code: 'x = 1' });
    const button = (w: MainAreaWidget) =>
      (w.toolbar.layout as PanelLayout).widgets.find(
        item => item.node.dataset.jpItemName === 'insert-code'
      ) as ToolbarButton | undefined;
    expect(button(plain)).toBeUndefined();
    expect(resultCode(withCode)).toBe('x = 1');
    expect(resultCode(plain)).toBeUndefined();
    // ToolbarButton renders through React; its click handler is what the button calls.
    (button(withCode) as unknown as { props: { onClick(): void } }).props.onClick();
    expect(inserted).toEqual(['x = 1']);
    plain.dispose();
    withCode.dispose();
  });
});
