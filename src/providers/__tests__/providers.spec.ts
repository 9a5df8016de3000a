import { ConfigRequestError, IConfigClient, IConfigDocument, IConfigEdit } from '../api';
import { ProvidersModel } from '../model';
import { entryDef, SECTIONS, validateField } from '../schema';
import { describeSecret, secretEditValue, suggestEnvName, validateSecretChoice } from '../secrets';
// The shipped sample config as GET /jupyterlab-hunt/config returns it (server/config.py read_config).
import redacted from './redacted-config.json';

const __ = (m: string, ...a: any[]) => m.replace(/%(\d+)/g, (_, i) => String(a[Number(i) - 1]));
const section = (id: string) => SECTIONS.find(s => s.id === id)!;

class FakeClient implements IConfigClient {
  doc: IConfigDocument = JSON.parse(JSON.stringify(redacted));
  puts: { etag: string; edits: IConfigEdit[] }[] = [];
  next: ConfigRequestError | null = null;
  async get() {
    return this._answer(this.doc);
  }
  async put(etag: string, edits: IConfigEdit[]) {
    this.puts.push({ etag, edits });
    return this._answer({ ...this.doc, etag: 'etag-2', backup: 'msticpyconfig.yaml.bak' });
  }
  async create() {
    return this._answer({ ...this.doc, exists: true });
  }
  private _answer(doc: IConfigDocument) {
    const error = this.next;
    this.next = null;
    if (error) {
      throw error;
    }
    return doc;
  }
}

describe('secret descriptors', () => {
  it('describes how a secret is stored, never a value', () => {
    const ti = (redacted as any).sections.TIProviders;
    expect(describeSecret(ti.VirusTotal.Args.AuthKey, __)).toBe(
      'environment variable VTAUTHKEY: set'
    );
    expect(describeSecret(ti.XForce.Args.AuthKey, __)).toBe(
      'environment variable XFORCE_KEY: not set'
    );
    expect(describeSecret(ti.OTX.Args.AuthKey, __)).toBe('literal key stored (hidden)');
    expect(describeSecret(ti.GreyNoise.Args.AuthKey, __)).toBe('not set');
    expect(describeSecret({ kind: 'keyvault', ref: 'vault/vt-key' }, __)).toBe(
      'Key Vault secret vault/vt-key'
    );
    expect(JSON.stringify(redacted)).not.toMatch(/"value"/);
  });

  it('validates and encodes choices as the server reads them', () => {
    expect(validateSecretChoice({ kind: 'env', name: '1BAD' }, __)).toMatch(/environment variable/);
    expect(validateSecretChoice({ kind: 'env', name: 'VT_KEY' }, __)).toBeNull();
    expect(validateSecretChoice({ kind: 'keyvault', ref: 'my vault' }, __)).not.toBeNull();
    expect(validateSecretChoice({ kind: 'keyvault', ref: null }, __)).toBeNull();
    expect(validateSecretChoice({ kind: 'literal', value: '' }, __)).not.toBeNull();
    expect(secretEditValue({ kind: 'keyvault', ref: '' })).toEqual({ kind: 'keyvault', ref: null });
    expect(suggestEnvName(['TIProviders', 'VirusTotal', 'Args', 'AuthKey'])).toBe(
      'VIRUS_TOTAL_AUTH_KEY'
    );
  });

  it('checks field formats like msticpy settings validation', () => {
    const uuid = { key: ['TenantId'], kind: 'uuid' as const, required: true };
    expect(validateField(uuid, '', __)).toBe('Required.');
    expect(validateField(uuid, 'not-a-guid', __)).toMatch(/GUID/);
    expect(validateField(uuid, '72f988bf-86f1-41af-91ab-2d7cd011db49', __)).toBeNull();
    expect(validateField({ key: ['x'], kind: 'enum', options: ['a', 'b'] }, 'c', __)).toBe(
      'One of a, b.'
    );
  });
});

describe('ProvidersModel', () => {
  async function loaded() {
    const client = new FakeClient();
    const model = new ProvidersModel(client, __);
    await model.load();
    return { client, model };
  }

  it('lists the entries of each section from the file', async () => {
    const { model } = await loaded();
    expect(model.status).toBe('ready');
    expect(model.entries(section('workspaces'))).toEqual(['Default', 'MyTestWS']);
    expect(model.entries(section('ti'))).toContain('VirusTotal');
    expect(model.problemsAt(['TIProviders', 'OTX', 'Args', 'AuthKey'])[0].severity).toBe('warning');
  });

  it('sends only changed settings, secrets as references, and refuses invalid ones', async () => {
    const { client, model } = await loaded();
    const ws = ['AzureSentinel', 'Workspaces', 'Default'];
    const tenant = section('workspaces').entries['*'].fields.find(f => f.key[0] === 'TenantId')!;
    model.setValue([...ws, 'TenantId'], 'nope');
    expect(model.fieldError(ws, tenant)).toMatch(/GUID/);
    expect(model.invalidFields).toEqual(['/AzureSentinel/Workspaces/Default/TenantId']);
    expect(await model.save()).toBe(false);
    model.setValue([...ws, 'TenantId'], ' 8ecf8077-cf51-4820-aadd-14040956f35d ');
    model.setSecret(['TIProviders', 'OTX', 'Args', 'AuthKey'], { kind: 'env', name: 'OTX_KEY' });
    expect(await model.save()).toBe(true);
    expect(client.puts[0]).toEqual({
      etag: 'etag-1',
      edits: [
        {
          op: 'set',
          path: '/AzureSentinel/Workspaces/Default/TenantId',
          value: '8ecf8077-cf51-4820-aadd-14040956f35d'
        },
        {
          op: 'set',
          path: '/TIProviders/OTX/Args/AuthKey',
          value: { kind: 'env', name: 'OTX_KEY' }
        }
      ]
    });
    expect(model.dirty).toBe(false);
    expect(model.notice).toMatch(/bak/);
    expect(model.document?.etag).toBe('etag-2');
  });

  it('adds a provider with its defaults and requires its key', async () => {
    const { client, model } = await loaded();
    const ti = section('ti');
    expect(model.entries(ti)).not.toContain('Pulsedive');
    model.addEntry(ti, 'Pulsedive');
    expect(model.entries(ti)).toContain('Pulsedive');
    expect(model.invalidFields).toEqual(['/TIProviders/Pulsedive/Args/AuthKey']);
    model.setSecret(['TIProviders', 'Pulsedive', 'Args', 'AuthKey'], {
      kind: 'literal',
      value: 's3cret'
    });
    expect(model.invalidFields).toEqual([]);
    await model.save();
    expect(client.puts[0].edits).toEqual([
      { op: 'set', path: '/TIProviders/Pulsedive/Primary', value: false },
      { op: 'set', path: '/TIProviders/Pulsedive/Provider', value: 'Pulsedive' },
      {
        op: 'set',
        path: '/TIProviders/Pulsedive/Args/AuthKey',
        value: { kind: 'literal', value: 's3cret' }
      }
    ]);
  });

  it('uses the Kusto definition for named Kusto-<instance> entries', async () => {
    const { model } = await loaded();
    const data = section('data');
    expect(entryDef(data, 'Kusto-MSTIC1')?.name).toBe('Kusto');
    expect(model.entries(data)).toContain('Kusto-MSTIC1');
  });

  it('removes an entry and names keys in pointers with escapes', async () => {
    const { client, model } = await loaded();
    model.removeEntry(section('workspaces'), 'MyTestWS');
    expect(model.entries(section('workspaces'))).toEqual(['Default']);
    await model.save();
    expect(client.puts[0].edits).toEqual([
      { op: 'remove', path: '/AzureSentinel/Workspaces/MyTestWS' }
    ]);
  });

  it('offers a reload on conflict and keeps the edits until then', async () => {
    const { client, model } = await loaded();
    model.setValue(['KeyVault', 'VaultName'], 'kv1');
    client.next = new ConfigRequestError(409, 'changed on disk', { etag: 'etag-9' });
    expect(await model.save()).toBe(false);
    expect(model.conflict).toBe(true);
    expect(model.dirty).toBe(true);
    await model.reload();
    expect(model.conflict).toBe(false);
    expect(model.dirty).toBe(false);
  });

  it('maps 422 validation errors to fields', async () => {
    const { client, model } = await loaded();
    model.setValue(
      ['TIProviders', 'AzureSentinel', 'Args', 'WorkspaceID'],
      '52b1ab41-869e-4138-9e40-2a4457f09bf3'
    );
    client.next = new ConfigRequestError(422, 'invalid', {
      errors: [{ path: '/TIProviders/XForce/Args/ApiID', message: 'required', severity: 'error' }]
    });
    await model.save();
    const apiId = section('ti').entries.XForce.fields[0];
    model.setSecret(['TIProviders', 'XForce', 'Args', 'ApiID'], undefined);
    expect(model.fieldError(['TIProviders', 'XForce'], apiId)).toBe('required');
  });

  it('reports an unreadable file with its line and can start a new one', async () => {
    const client = new FakeClient();
    client.next = new ConfigRequestError(422, 'Invalid YAML at line 4, column 3', {
      line: 4,
      column: 3
    });
    const model = new ProvidersModel(client, __);
    await model.load();
    expect(model.status).toBe('invalid');
    expect(model.error?.details.line).toBe(4);
    client.doc = { ...client.doc, exists: false, etag: null, sections: null };
    await model.load();
    expect(model.status).toBe('missing');
    await model.create();
    expect(model.status).toBe('ready');
  });
});
