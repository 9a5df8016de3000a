// Issue item 19: one naming rule for every Hunt command (ids jupyterlab-hunt:<verb>-<noun>,
// plain labels, all in the palette under "Hunt"), "Pick Alerts" in the palette, and
// "Insert Time Range into Cell" inserting code that runs on its own.
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { runInKernel } from './helpers';

/** Every Hunt command: id, label (no args), and whether the palette lists it under "Hunt". */
function huntCommands(page: IJupyterLabPageFixture) {
  return page.evaluate(() => {
    const app = (window as any).jupyterapp;
    return (app.commands.listCommands() as string[])
      .filter(id => id.startsWith('jupyterlab-hunt:'))
      .map(id => ({ id, label: String(app.commands.label(id, {})) }));
  });
}

/** The palette's category header and items for a search. */
async function paletteSearch(page: IJupyterLabPageFixture, text: string) {
  await page.keyboard.press('Control+Shift+C');
  const input = page.locator('.lm-CommandPalette-input');
  await input.fill(text);
  const palette = page.locator('#command-palette');
  const result = {
    headers: await palette.locator('.lm-CommandPalette-header').allTextContents(),
    items: palette.locator('.lm-CommandPalette-item', { hasText: text })
  };
  return result;
}

test.describe('Hunt commands', () => {
  test('ids are jupyterlab-hunt:<verb>-<noun>, labels are plain, the palette lists them under Hunt', async ({
    page
  }) => {
    await page.notebook.createNew();
    const commands = await huntCommands(page);
    expect(commands.length).toBeGreaterThan(20);
    const verbs =
      /^jupyterlab-hunt:(open|show|pick|copy|insert|set|add|search|import|export|clear|reload|save|create|extract|decode|send|run|sort|filter|hide|pin|unpin|fit)(-[a-z0-9]+)+$/;
    for (const { id, label } of commands) {
      expect(id, `${id} (${label})`).toMatch(verbs);
      expect(label, id).not.toMatch(/^Hunt:/);
    }
    // (Pick Alerts: below, with a table view to pick from.)
    for (const label of [
      'Open Hunt Sidebar',
      'Show Column Profile',
      'Extract IoCs in Cell Outputs',
      'Insert Time Range into Cell',
      'Set Time Range to Last 24 hours',
      'Reload msticpyconfig.yaml'
    ]) {
      const { headers, items } = await paletteSearch(page, label);
      await expect(items, label).toHaveCount(1);
      expect(headers, label).toEqual(['Hunt']);
      await page.keyboard.press('Escape');
    }
  });

  test('Pick Alerts from the palette works on the current table view', async ({ page }) => {
    await page.notebook.createNew();
    await page.notebook.setCell(
      0,
      'code',
      [
        'import pandas as pd',
        'from jupyterlab_hunt import hunt',
        "hunt.show(pd.DataFrame({'AlertName': ['a'], 'Severity': ['High'], 'TimeGenerated': pd.to_datetime(['2024-01-01'], utc=True)}), title='alerts')"
      ].join('\n')
    );
    await page.notebook.runCell(0, true);
    const table = page.locator('.jp-NotebookPanel .jp-hunt-TableView').first();
    await expect(table.locator('.jp-hunt-TableCount')).toBeVisible();
    await table.locator('.jp-hunt-TableGrid').click({ position: { x: 120, y: 55 } });
    const { headers, items } = await paletteSearch(page, 'Pick Alerts');
    await expect(items).toHaveCount(1);
    expect(headers).toEqual(['Hunt']);
    await expect(items).not.toHaveClass(/lm-mod-disabled/);
    await items.click();
    await expect(page.locator('.lm-TabBar-tab', { hasText: 'Alerts: alerts' })).toHaveCount(1);
  });

  test('Insert Time Range into Cell inserts code that runs on its own', async ({ page }) => {
    await page.notebook.createNew();
    await page.notebook.setCell(0, 'code', 'import jupyterlab_hunt');
    await page.notebook.runCell(0, true);
    await page.sidebar.openTab('jupyterlab-hunt-sidebar');
    await page
      .locator('#jupyterlab-hunt-timerange')
      .getByRole('button', { name: 'Last 7 days' })
      .click();
    await page.notebook.addCell('code', '');
    await page.notebook.enterCellEditingMode(1);
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('jupyterlab-hunt:insert-time-range')
    );
    const inserted = await page.notebook.getCellTextInput(1);
    expect(inserted).toContain('from jupyterlab_hunt import hunt');
    expect(inserted).toContain('start, end = hunt.query_time.start, hunt.query_time.end');
    await page.notebook.runCell(1, true);
    expect(await runInKernel(page, 'print(end - start)')).toMatch(/^7 days,? 0?0:00:00/);
  });
});
