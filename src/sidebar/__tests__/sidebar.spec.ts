import { nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { HuntSidebar } from '../sidebar';

function section(id: string): Widget {
  const w = new Widget();
  w.id = id;
  w.title.label = id;
  return w;
}

describe('HuntSidebar', () => {
  it('orders sections by rank and restores collapsed ones', () => {
    const sidebar = new HuntSidebar(nullTranslator);
    Widget.attach(sidebar, document.body);
    const [providers, time, entities] = [
      section('providers'),
      section('time'),
      section('entities')
    ];
    sidebar.addSection(providers, 300);
    sidebar.addSection(time, 100);
    sidebar.addSection(entities, 200);
    expect(sidebar.widgets.map(w => w.id)).toEqual(['time', 'entities', 'providers']);
    let saved = 0;
    sidebar.collapsedChanged.connect(() => saved++);
    sidebar.restoreCollapsed(['providers']);
    expect(sidebar.collapsed).toEqual(['providers']);
    expect(saved).toBe(0);
    sidebar.activateSection(providers);
    expect(sidebar.collapsed).toEqual([]);
    expect(saved).toBe(1);
    expect(sidebar.id).toBe('jupyterlab-hunt-sidebar');
    Widget.detach(sidebar);
  });
});
