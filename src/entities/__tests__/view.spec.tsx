import { NotebookModel } from '@jupyterlab/notebook';
import { nullTranslator } from '@jupyterlab/translation';
import { InvestigationContextModel } from '../../context/model';
import { byText, click, mount, settle, type } from '../../sidebar/__tests__/render';
import { EntitiesModel } from '../model';
import { describeImport, EntitiesWidget } from '../view';

const trans = nullTranslator.load('jupyterlab_hunt');

async function setup() {
  const context = new InvestigationContextModel();
  const nb = new NotebookModel();
  context.setCurrent({ path: 'hunt.ipynb', metadata: nb });
  const model = new EntitiesModel(context);
  const widget = await mount(new EntitiesWidget(model, trans));
  return { nb, model, widget, node: widget.node };
}

describe('EntitiesWidget', () => {
  afterEach(() => document.body.replaceChildren());

  it('adds by hand with validation, groups, pins and removes', async () => {
    const { nb, node } = await setup();
    await type(node.querySelector('select'), 'IpAddress');
    await type(node.querySelector('#jp-hunt-entity-value'), '999.1.1.1');
    await click(byText(node, 'button', 'Add'));
    expect(node.querySelector('#jp-hunt-entity-error')!.textContent).toBe(
      'Not an IPv4 or IPv6 address.'
    );
    expect(nb.getMetadata('hunt')).toBeUndefined();

    await type(node.querySelector('#jp-hunt-entity-value'), '10.0.0.1');
    await click(byText(node, 'button', 'Add'));
    await type(node.querySelector('select'), 'Account');
    await type(node.querySelector('#jp-hunt-entity-value'), 'CONTOSO\\alice');
    await click(byText(node, 'button', 'Add'));
    expect(
      [...node.querySelectorAll('.jp-hunt-Entities-group h3')].map(h => h.textContent)
    ).toEqual(['Account (1)', 'IpAddress (1)']);

    await click(node.querySelector('[data-type=IpAddress] button[aria-pressed]'));
    await click(node.querySelector('[data-type=IpAddress] input[type=checkbox]'));
    expect(nb.getMetadata('hunt').entities[0]).toMatchObject({
      type: 'IpAddress',
      pinned: true,
      selected: true,
      source: 'manual'
    });

    await type(node.querySelector('.jp-hunt-Entities-search'), 'alice');
    expect(node.querySelectorAll('.jp-hunt-Entity')).toHaveLength(1);
    await click(byText(node, 'button', 'Clear unpinned'));
    await settle();
    expect(nb.getMetadata('hunt').entities.map((e: any) => e.type)).toEqual(['IpAddress']);
  });

  it('reports rejected import records by index', async () => {
    const { model } = await setup();
    const text = JSON.stringify([
      { Type: 'ip', Address: '1.2.3.4' },
      { type: 'Url', properties: { Url: 'nope' } },
      7
    ]);
    expect(describeImport(text, model, 'x.json', trans)).toBe(
      'Added 1, merged 0. 2 rejected: #1: Url.Url: Not a URL (include the scheme, e.g. https://). #2: Not an entity: expected an object with "type" and "properties".'
    );
    expect(describeImport('{', model, 'x.json', trans)).toMatch(/^x.json is not an entity file/);
  });
});
