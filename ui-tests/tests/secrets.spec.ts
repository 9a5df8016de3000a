import * as fs from 'fs';
import * as path from 'path';
import { expect, test } from '@jupyterlab/galata';
import { ROOT } from './helpers';

const SIDEBAR = 'jupyterlab-hunt-sidebar';
const CONFIG = path.join(ROOT, 'data', 'msticpy', 'msticpyconfig.yaml');

/** Known credential keys and name fragments that make a setting secret (docs/server.md). */
const SECRET_KEYS = new Set(
  [
    'AuthKey',
    'ApiID',
    'ApiKey',
    'clientSecret',
    'ClientSecret',
    'password',
    'accessid',
    'accesskey',
    'token',
    'cookie',
    'connection_str',
    'ConnectionString'
  ].map(k => k.toLowerCase())
);
const SECRET_PATTERN = /key|secret|passw|pwd|token|cookie|credential/i;
const NOT_SECRET = new Set(['usekeyring', 'keyvault', 'vaultname']);
/** Keys whose value names where a secret is kept (a reference), not the secret itself. */
const REFERENCE_KEYS = new Set(['environmentvar', 'keyvault']);

function isSecretKey(key: string): boolean {
  const name = key.toLowerCase();
  return !NOT_SECRET.has(name) && (SECRET_KEYS.has(name) || SECRET_PATTERN.test(name));
}

/** A scalar as YAML writes it: quotes removed, a trailing comment dropped. */
function scalar(text: string): string {
  const t = text.trim();
  const quoted = /^(["'])(.*?)\1/.exec(t);
  return quoted ? quoted[2] : t.replace(/\s+#.*$/, '').trim();
}

/**
 * Literal secret values of a msticpyconfig.yaml, read from the file's text (block mappings of
 * `key: value` lines, which is how msticpy config files are written), and every other scalar
 * value in it. A secret is the literal value of a secret-named key, or of any key inside a
 * secret-named mapping, except reference keys (EnvironmentVar, KeyVault) and booleans.
 */
function readSecrets(text: string): { secrets: string[]; others: Set<string> } {
  const secrets: string[] = [];
  const others = new Set<string>();
  const stack: { indent: number; key: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^(\s*)([^\s#:][^:#]*?):(?:\s+(.*))?$/.exec(line);
    if (!m) {
      continue;
    }
    const indent = m[1].length;
    while (stack.length && stack[stack.length - 1].indent >= indent) {
      stack.pop();
    }
    const key = m[2].trim();
    const raw = (m[3] ?? '').trim();
    if (!raw || raw.startsWith('#')) {
      stack.push({ indent, key });
      continue;
    }
    const value = scalar(raw);
    const inSecret = [...stack.map(s => s.key), key].some(isSecretKey);
    const isBool = /^(true|false|yes|no)$/i.test(value);
    if (inSecret && !REFERENCE_KEYS.has(key.toLowerCase()) && !isBool) {
      if (value) {
        secrets.push(value);
      }
    } else {
      others.add(value);
    }
  }
  return { secrets, others };
}

test('providers panel: no literal secret of msticpyconfig.yaml reaches the browser or the notebook', async ({
  page,
  request,
  tmpPath
}) => {
  const config = await (await request.get('/jupyterlab-hunt/config')).json();
  test.skip(
    !String(config.path).endsWith('msticpyconfig.yaml') || config.source === 'env',
    'The server must look for msticpyconfig.yaml in its root folder (jupyterlab_hunt_config_cwd)'
  );

  const parsed = readSecrets(fs.readFileSync(CONFIG, 'utf-8'));
  // A literal that is also written as a plain setting (OpenPageRank's AuthKey is the same text as
  // a TenantId) cannot be told apart in a response: check only the others.
  const secrets = [...new Set(parsed.secrets)].filter(s => !parsed.others.has(s));
  expect(secrets).toEqual(
    expect.arrayContaining([
      '987654321',
      '987654321-222',
      'user@host.com',
      'aaaa-bbbb-cccc-dddd-eeee',
      'INTSIGHTS_ID',
      'INTSIGHTS_KEY',
      '[PLACEHOLDER]',
      '69d28fd7-42a5-48bc-a619-af56397b3333'
    ])
  );
  expect(secrets).not.toContain('69d28fd7-42a5-48bc-a619-af56397b9f28');
  expect(secrets).not.toContain('VTAUTHKEY');

  // Messages from the kernel of the notebook (its websocket opens after this).
  const frames: string[] = [];
  page.on('websocket', ws => ws.on('framereceived', frame => frames.push(String(frame.payload))));

  // A notebook of the investigation, open while the panel is used.
  await page.notebook.createNew('secrets.ipynb');
  await page.notebook.setCell(0, 'code', 'from jupyterlab_hunt import hunt');
  await page.notebook.runCell(0, true);

  await page.contents.uploadFile(CONFIG, 'msticpyconfig.yaml');
  const bodies: { url: string; method: string; body: string }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', response => {
    pending.push(
      response
        .body()
        .then(body => {
          bodies.push({
            url: response.url(),
            method: response.request().method(),
            body: body.toString('utf-8')
          });
        })
        .catch(() => undefined) // redirects and aborted requests have no body
    );
  });
  const sent: string[] = [];
  page.on('request', req => sent.push(`${req.method()} ${req.url()}\n${req.postData() ?? ''}`));

  let backup = '';
  try {
    await page.sidebar.openTab(SIDEBAR);
    // The notebook gets investigation metadata (a time range) to save.
    await page
      .locator('#jupyterlab-hunt-timerange')
      .getByRole('button', { name: 'Last 7 days' })
      .click();
    const panel = page.locator('#jupyterlab-hunt-providers');
    await panel.getByRole('button', { name: 'Reload' }).click();
    const otx = panel.locator('.jp-hunt-Providers-entryDetails', { hasText: 'OTX' }).first();
    await otx.locator('summary').click();
    await expect(otx).toContainText('literal key stored (hidden)');
    const riskIq = panel.locator('.jp-hunt-Providers-entryDetails', { hasText: 'RiskIQ' }).first();
    await riskIq.locator('summary').click();
    await expect(riskIq).toContainText('literal key stored (hidden)');
    // Save an edit that keeps every other literal secret in the file.
    await otx.getByLabel('How Args.AuthKey is stored').selectOption('env');
    await otx.getByLabel('Environment variable name').fill('OTX_KEY');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(panel.locator('.jp-hunt-Message')).toContainText('Saved');
    await expect(otx).toContainText('environment variable OTX_KEY: not set');
    await page.notebook.activate('secrets.ipynb');
    await page.notebook.save();
    // Every body read, including those of responses that arrived while waiting.
    for (let done = 0; done < pending.length;) {
      const count = pending.length;
      await Promise.all(pending.slice(done, count));
      done = count;
    }

    // The recording saw the config going both ways.
    const configResponses = bodies.filter(b => b.url.includes('/jupyterlab-hunt/config'));
    expect(configResponses.map(b => b.method)).toEqual(expect.arrayContaining(['GET', 'PUT']));
    const put = configResponses.find(b => b.method === 'PUT')!;
    expect(put.body).toContain('"name": "OTX_KEY"');
    expect(put.body).toContain('literal key stored (hidden)');
    backup = path.basename(JSON.parse(put.body).backup ?? '');

    // The secrets are still in the file: the server kept them and did not send them.
    const file = await (
      await request.get('/api/contents/msticpyconfig.yaml?content=1&format=text')
    ).json();
    expect(file.content).toContain('EnvironmentVar: OTX_KEY');
    for (const secret of secrets.filter(s => s !== '987654321')) {
      expect(file.content, secret).toContain(secret);
    }

    const saved = await (
      await request.get(`/api/contents/${tmpPath}/secrets.ipynb?content=1&format=text&type=file`)
    ).json();
    const notebookText: string = saved.content;
    expect(JSON.parse(notebookText).metadata).toHaveProperty('hunt');

    const leaks: string[] = [];
    for (const secret of secrets) {
      for (const b of bodies) {
        if (b.body.includes(secret)) {
          leaks.push(`${secret} in the response to ${b.method} ${b.url}`);
        }
      }
      for (const s of sent) {
        if (s.includes(secret)) {
          leaks.push(`${secret} in the request ${s.split('\n')[0]}`);
        }
      }
      for (const f of frames) {
        if (f.includes(secret)) {
          leaks.push(`${secret} in a websocket message`);
        }
      }
      if (notebookText.includes(secret)) {
        leaks.push(`${secret} in secrets.ipynb`);
      }
    }
    expect(leaks).toEqual([]);
    // Positive control: plain settings of the same file did reach the browser.
    expect(bodies.some(b => b.body.includes('52b1ab41-869e-4138-9e40-2a4457f09bf3'))).toBe(true);
    expect(frames.length).toBeGreaterThan(0);
    expect(bodies.length).toBeGreaterThan(3);
  } finally {
    await page.contents.deleteFile('msticpyconfig.yaml');
    if (backup) {
      await page.contents.deleteFile(backup);
    }
  }
});
