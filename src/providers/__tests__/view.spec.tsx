import { nullTranslator } from '@jupyterlab/translation';
import { byText, click, mount, settle, type } from '../../sidebar/__tests__/render';
import { IConfigClient, IConfigDocument, IConfigEdit } from '../api';
import { ProvidersModel } from '../model';
import { ProvidersWidget } from '../view';
import redacted from './redacted-config.json';

const trans = nullTranslator.load('jupyterlab_hunt');

class Client implements IConfigClient {
  puts: IConfigEdit[][] = [];
  async get() {
    return JSON.parse(JSON.stringify(redacted)) as IConfigDocument;
  }
  async put(_etag: string, edits: IConfigEdit[]) {
    this.puts.push(edits);
    return this.get();
  }
  async create() {
    return this.get();
  }
}

describe('ProvidersWidget', () => {
  afterEach(() => document.body.replaceChildren());

  it('loads when shown, shows secrets only as descriptors and writes an env reference', async () => {
    const client = new Client();
    const model = new ProvidersModel(client);
    const widget = await mount(new ProvidersWidget(model, trans));
    await settle();
    const node = widget.node;
    expect(model.status).toBe('ready');
    const vt = byText(node, '.jp-hunt-Providers-entryDetails', 'VirusTotal')!;
    expect(vt.textContent).toContain('environment variable VTAUTHKEY: set');
    const otx = byText(node, '.jp-hunt-Providers-entryDetails', 'OTX')!;
    expect(otx.textContent).toContain('literal key stored (hidden)');
    expect(otx.textContent).toContain('prefer EnvironmentVar or KeyVault');

    const select = otx.querySelector('.jp-hunt-Secret select')!;
    await type(select, 'literal');
    expect(otx.querySelector('input[type=password]')).not.toBeNull();
    expect(otx.querySelector('.jp-hunt-Warning')!.textContent).toMatch(/clear text/);
    await type(select, 'env');
    const envInput = otx.querySelector<HTMLInputElement>(
      'input[aria-label="Environment variable name"]'
    )!;
    expect(envInput.value).toBe('OTX_AUTH_KEY');
    await type(envInput, 'OTX KEY');
    expect(otx.querySelector('[role=alert]')!.textContent).toMatch(/letters, digits and _/);
    expect((byText(node, 'button', 'Save') as HTMLButtonElement).disabled).toBe(true);
    await type(envInput, 'OTX_KEY');
    await click(byText(node, 'button', 'Save'));
    await settle();
    expect(client.puts).toEqual([
      [
        {
          op: 'set',
          path: '/TIProviders/OTX/Args/AuthKey',
          value: { kind: 'env', name: 'OTX_KEY' }
        }
      ]
    ]);
  });

  it('flags a bad workspace GUID inline', async () => {
    const model = new ProvidersModel(new Client());
    const widget = await mount(new ProvidersWidget(model, trans));
    widget.openSections = ['workspaces'];
    await settle();
    const input = widget.node.querySelector<HTMLInputElement>(
      '#jp-hunt-cfg_AzureSentinel_Workspaces_Default_TenantId'
    )!;
    expect(input.value).toBe('72f988bf-86f1-41af-91ab-2d7cd011db49');
    await type(input, '72f988bf');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(
      widget.node.querySelector('#jp-hunt-cfg_AzureSentinel_Workspaces_Default_TenantId-error')!
        .textContent
    ).toMatch(/GUID/);
  });
});
