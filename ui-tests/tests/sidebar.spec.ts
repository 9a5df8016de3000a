import * as path from 'path';
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator, TestInfo } from '@playwright/test';
import { ROOT, runInKernel } from './helpers';
import { shootInThemes } from './huntviews';

const SIDEBAR = 'jupyterlab-hunt-sidebar';

/** A new notebook whose kernel imported jupyterlab_hunt, with the Hunt sidebar open. */
async function huntNotebook(page: IJupyterLabPageFixture): Promise<void> {
  await page.notebook.createNew();
  await page.notebook.setCell(0, 'code', 'from jupyterlab_hunt import hunt');
  await page.notebook.runCell(0, true);
  await page.sidebar.openTab(SIDEBAR);
}

/**
 * Run code in the active notebook's kernel and return what it printed, without galata's
 * notebook helpers (they are not wired again after a plain browser reload).
 */
async function printInKernel(page: IJupyterLabPageFixture, code: string): Promise<string> {
  return page.evaluate(async source => {
    const panel = (window as any).jupyterapp.shell.currentWidget;
    await panel.sessionContext.ready;
    const future = panel.sessionContext.session.kernel.requestExecute({ code: source });
    let out = '';
    future.onIOPub = (msg: any) => {
      if (msg.header.msg_type === 'stream') {
        out += msg.content.text;
      }
    };
    await future.done;
    return out;
  }, code);
}

function section(page: IJupyterLabPageFixture, id: string): Locator {
  return page.locator(`#${id}`);
}

/** Screenshots of the sidebar in the light and dark themes, kept in test-results. */
function shoot(page: IJupyterLabPageFixture, testInfo: TestInfo, name: string): Promise<void> {
  return shootInThemes(page, testInfo, page.locator(`#${SIDEBAR}`), name);
}

test.describe('Hunt sidebar', () => {
  test('time range: presets and absolute ranges reach the kernel and survive a reload', async ({
    page
  }, testInfo) => {
    const errors: string[] = [];
    page.on('pageerror', err => errors.push(err.message));
    await huntNotebook(page);
    const time = section(page, 'jupyterlab-hunt-timerange');
    const notebook = (await time.locator('.jp-hunt-TimeRange-notebook').textContent())!;
    expect(notebook).toMatch(/\.ipynb$/);

    await time.getByRole('button', { name: 'Last 7 days' }).click();
    expect(
      await runInKernel(
        page,
        'qt = hunt.query_time\nprint(qt.label, qt.units, qt.before, qt.end - qt.start)'
      )
    ).toContain('Last 7 days day 7 7 days 00:00:00');

    await time.getByRole('radio', { name: 'Start and end' }).click();
    await time.locator('#jp-hunt-tr-start').fill('2024-01-02 00:00');
    await time.locator('#jp-hunt-tr-end').fill('2024-01-01 00:00');
    await expect(time.getByText('The start must be before the end.')).toBeVisible();
    await expect(time.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await time.locator('#jp-hunt-tr-end').fill('2024-01-03 06:00');
    await time.locator('#jp-hunt-tr-label').fill('incident 42');
    await time.getByRole('button', { name: 'Apply' }).click();
    const check = 'qt = hunt.query_time\nprint(qt.label, "|", qt.start, "|", qt.end)';
    expect(await runInKernel(page, check)).toContain(
      'incident 42 | 2024-01-02 00:00:00+00:00 | 2024-01-03 06:00:00+00:00'
    );
    await shoot(page, testInfo, 'timerange');

    await page.notebook.save();
    // A plain browser reload: galata's page.reload() waits for a Launcher tab, which the
    // restored layout (the notebook only) does not have.
    await page.evaluate(() => window.location.reload());
    await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
    await page.locator('.jp-NotebookPanel').first().waitFor();
    await page.sidebar.openTab(SIDEBAR);
    await expect(
      section(page, 'jupyterlab-hunt-timerange').locator('.jp-hunt-TimeRange-label')
    ).toHaveText('incident 42');
    await expect(
      section(page, 'jupyterlab-hunt-timerange').locator('.jp-hunt-Instant-utc').first()
    ).toHaveText('2024-01-02 00:00:00 UTC');
    // The kernel kept running; its comm reopened after the reload and got the context again.
    await expect
      .poll(() => printInKernel(page, check), { timeout: 30000 })
      .toContain('incident 42 | 2024-01-02 00:00:00+00:00');
    expect(errors).toEqual([]);
  });

  test('entities: added by hand, validated, selected, visible in the kernel', async ({
    page
  }, testInfo) => {
    await huntNotebook(page);
    const panel = section(page, 'jupyterlab-hunt-entities');
    const add = async (type: string, value: string) => {
      await panel.getByLabel('Entity type').selectOption(type);
      await panel.getByLabel('Entity value').fill(value);
      await panel.getByRole('button', { name: 'Add', exact: true }).click();
    };
    await add('IpAddress', '999.1.1.1');
    await expect(panel.locator('#jp-hunt-entity-error')).toHaveText('Not an IPv4 or IPv6 address.');
    await add('IpAddress', '10.0.0.1');
    await add('Account', 'CONTOSO\\alice');
    await add('Url', 'https://evil.example/x');
    await panel.getByLabel('Select 10.0.0.1').check();
    await expect(panel.locator('.jp-hunt-Entities-group h3')).toHaveText([
      'Account (1)',
      'IpAddress (1)',
      'Url (1)'
    ]);

    const out = await runInKernel(
      page,
      'e = hunt.entities\nprint(len(e), sorted(x.type for x in e), [x.properties["Address"] for x in e.selected])'
    );
    expect(out).toContain("3 ['Account', 'IpAddress', 'Url'] ['10.0.0.1']");
    await shoot(page, testInfo, 'entities');
  });

  test('providers: edits msticpyconfig.yaml, secrets stay references, comments are kept', async ({
    page,
    request
  }, testInfo) => {
    const config = await (await request.get('/jupyterlab-hunt/config')).json();
    test.skip(
      !String(config.path).endsWith('msticpyconfig.yaml') || config.source === 'env',
      'The server must look for msticpyconfig.yaml in its root folder (jupyterlab_hunt_config_cwd)'
    );
    await page.contents.uploadFile(
      path.join(ROOT, 'data', 'msticpy', 'msticpyconfig.yaml'),
      'msticpyconfig.yaml'
    );
    try {
      await page.sidebar.openTab(SIDEBAR);
      const panel = section(page, 'jupyterlab-hunt-providers');
      await panel.getByRole('button', { name: 'Reload' }).click();
      const otx = panel.locator('.jp-hunt-Providers-entryDetails', { hasText: 'OTX' }).first();
      await otx.locator('summary').click();
      await expect(otx).toContainText('literal key stored (hidden)');
      await expect(otx).not.toContainText('987654321');
      await otx.getByLabel('How Args.AuthKey is stored').selectOption('env');
      await otx.getByLabel('Environment variable name').fill('OTX_KEY');
      await panel.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(panel.locator('.jp-hunt-Message')).toContainText('Saved');
      await expect(otx).toContainText('environment variable OTX_KEY: not set');
      await shoot(page, testInfo, 'providers');

      const file = await (
        await request.get('/api/contents/msticpyconfig.yaml?content=1&format=text')
      ).json();
      expect(file.content).toContain('EnvironmentVar: OTX_KEY');
      expect(file.content).not.toMatch(/AuthKey: "987654321"$/m);
      expect(file.content).toContain('Provider: "OTX" # Explicitly name provider to override');
    } finally {
      await page.contents.deleteFile('msticpyconfig.yaml');
    }
  });
});
