import { expect, test } from '@jupyterlab/galata';
import { runInKernel, uploadDemo } from './helpers';

test.describe('Arrow tables from the kernel', () => {
  test('demo notebook: tables render, profile comes from the worker, results go back to the kernel, reload keeps them', async ({
    page,
    tmpPath
  }) => {
    const errors: string[] = [];
    page.on('pageerror', err => errors.push(err.message));
    const notebook = await uploadDemo(page, tmpPath);
    await page.notebook.openByPath(notebook);
    await page.notebook.activate('hunt-demo.ipynb');
    await page.notebook.run();

    const tables = page.locator('.jp-hunt-TableView');
    await expect(tables).toHaveCount(4);
    const logons = tables.first();
    await expect(logons.locator('.jp-hunt-TableTitle')).toHaveText('Host logons');
    await expect(logons.locator('.jp-hunt-TableCount')).toContainText('14 rows');

    // Profile: computed by the Web Worker.
    await logons.getByRole('button', { name: 'Profile' }).click();
    const account = logons.locator('.jp-hunt-ProfileTable tr[data-column="Account"]');
    await expect(account).toContainText('NT AUTHORITY\\SYSTEM (11)');
    await expect(account.locator('td').nth(3)).toHaveText('3');

    // Filter in the worker, then send the rows in view to the kernel.
    await logons.locator('.jp-hunt-TableFilter').fill('msticadmin');
    await expect(logons.locator('.jp-hunt-TableCount')).toContainText('2 of 14 rows');
    await logons.getByRole('button', { name: 'Send to kernel' }).click();
    const dialog = page.locator('.jp-Dialog');
    await dialog.locator('input').fill('admins');
    await dialog.locator('.jp-mod-accept').click();
    await expect(logons.locator('.jp-hunt-TableStatus')).toContainText('Sent 2 rows', {
      timeout: 30000
    });

    const output = await runInKernel(
      page,
      [
        "r = hunt.results['admins']",
        'expected = logons[logons.Account.str.contains("MSTICAdmin")].reset_index(drop=True)',
        'print(len(r), list(r.columns) == list(expected.columns), str(r.TimeGenerated.dt.tz))',
        'print((r.Account == expected.Account).all(), (r.TimeGenerated == expected.TimeGenerated).all())',
        'print(r.EventID.dtype.kind, (r.EventID.astype("int64") == expected.EventID).all())'
      ].join('\n')
    );
    expect(output).toContain('2 True UTC');
    expect(output).toContain('True True');
    expect(output).toMatch(/i True/);

    // The saved notebook shows its tables again after a reload, without running anything.
    await page.notebook.save();
    // Galata's "ready" means a Launcher tab; the restored layout shows the notebook instead.
    await page.reload({ waitForIsReady: false });
    await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
    // The layout restorer reopens the notebook; open it by path if it did not.
    await page
      .locator('.jp-NotebookPanel')
      .first()
      .waitFor({ timeout: 15000 })
      .catch(() => page.notebook.openByPath(notebook));
    await expect(page.locator('.jp-hunt-TableView')).toHaveCount(4, { timeout: 30000 });
    await expect(
      page.locator('.jp-hunt-TableView').first().locator('.jp-hunt-TableCount')
    ).toContainText('14 rows');
    expect(errors).toEqual([]);
  });

  test('bad Arrow output shows a clear message and the notebook keeps working', async ({
    page
  }) => {
    await page.notebook.createNew();
    await page.notebook.setCell(
      0,
      'code',
      "from IPython.display import display\ndisplay({'application/vnd.apache.arrow.stream': 'QVJST1cxAAAA////', 'text/plain': 'broken'}, raw=True)\nprint('after')"
    );
    await page.notebook.runCell(0, true);
    await expect(page.locator('.jp-hunt-Error')).toContainText('could not show this table');
    expect((await page.notebook.getCellTextOutput(0))?.join('')).toContain('after');
  });
});
