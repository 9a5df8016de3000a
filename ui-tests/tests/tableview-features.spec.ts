// The table view as a data grid (issue items 8-12): fitted columns, header menu and header
// clicks that select, cell formatting, the row detail pane, per-column filters in the worker,
// and the profile with histograms and top-values bars.
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import { clickGridCell, gridCellPoint, inTableView as inView, setCode } from './huntviews';

const BUILD = `
import pandas as pd
from jupyterlab_hunt import hunt
df = pd.DataFrame({
    "TimeGenerated": pd.to_datetime(["2019-01-15 05:15:26.010"] * 3 + ["2019-01-16 00:00:00.000"] * 3, utc=True),
    "CommandLine": ["C:\\\\Windows\\\\System32\\\\cmd.exe /c " + "x" * 300, "powershell -enc AAAA", "\\u202eexe.gnp", "net user", "whoami", "ipconfig /all"],
    "EventID": [4688] * 6,
    "Count": [1234567, 2, 3, 4, 5, 6],
    "Score": [3.14159265, 0.5, 1.0, 2.0, 1e-7, 12345.6789],
    "TotalBytes": [1536, 10, 20, 5 * 1024 ** 3, 0, 100],
    "Paths": [["C:\\\\a", "b"], [], ["x"], ["y"], ["z"], ["w"]],
    "Account": ["SYSTEM", "admin", "admin", '<img src=x onerror="window.__pwned=1">', "SYSTEM", "SYSTEM"],
})
hunt.show(df, title="features")
`;

/** Page point of a column header (row 0), at its centre or near its right edge. */
async function headerPoint(
  page: IJupyterLabPageFixture,
  view: Locator,
  column: number,
  edge = false
) {
  const grid = view.locator('.jp-hunt-TableGrid');
  const box = (await grid.boundingBox())!;
  const g = await inView(
    page,
    (v, c: number) => {
      v.grid.scrollToColumn(c);
      let left = v.grid.headerWidth - v.grid.scrollX;
      for (let i = 0; i < c; i++) {
        left += v.grid.columnSize('body', i);
      }
      return { left, width: v.grid.columnSize('body', c) };
    },
    column
  );
  return { x: box.x + g.left + (edge ? g.width - 1 : Math.min(g.width / 2, 40)), y: box.y + 11 };
}

async function headerMenu(
  page: IJupyterLabPageFixture,
  view: Locator,
  column: number,
  item: string
) {
  const p = await headerPoint(page, view, column);
  await page.mouse.click(p.x, p.y, { button: 'right' });
  await page.locator('.lm-Menu .lm-Menu-itemLabel').getByText(item, { exact: true }).click();
}

test.describe('Table view features', () => {
  test('columns, formatting, row details, column filters and profile', async ({ page }) => {
    test.setTimeout(180000);
    const errors: string[] = [];
    page.on('pageerror', err => errors.push(err.message));
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.notebook.createNew('features.ipynb');
    await setCode(page, 0, BUILD);
    await page.notebook.runCell(0, true);
    const view = page.locator('.jp-hunt-TableView').first();
    await expect(view.locator('.jp-hunt-TableCount')).toHaveText('6 rows × 8 columns');

    // Item 8: widths fitted to header and content; timestamps are not cut.
    const widths = await inView(page, v => {
      const g = v.grid;
      const ctx = document.createElement('canvas').getContext('2d')!;
      const css = getComputedStyle(document.body);
      ctx.font = `${css.getPropertyValue('--jp-code-font-size').trim()} ${css.getPropertyValue('--jp-code-font-family').trim()}`;
      return {
        time: g.columnSize('body', 0),
        timeText: ctx.measureText(v.grid.arrowModel.data('body', 0, 0)).width,
        eventId: g.columnSize('body', 2),
        command: g.columnSize('body', 1)
      };
    });
    expect(widths.time).toBeGreaterThan(widths.timeText);
    expect(widths.eventId).toBeLessThan(110);
    expect(widths.command).toBeLessThanOrEqual(420);

    // A header click selects the column and does not sort.
    const account = await headerPoint(page, view, 7);
    await page.mouse.click(account.x, account.y);
    expect(await inView(page, v => [v.model.sortColumn, v.grid.selectedColumns])).toEqual([
      null,
      [7]
    ]);

    // Header menu: sort, hide, show all, pin.
    await headerMenu(page, view, 7, 'Sort Descending');
    await expect
      .poll(() => inView(page, v => [v.model.sortColumn, v.model.ascending]))
      .toEqual(['Account', false]);
    await headerMenu(page, view, 3, 'Hide Column');
    const headers = () =>
      inView(page, v => {
        const m = v.grid.arrowModel;
        return Array.from({ length: m.columnCount('body') }, (_, c) =>
          String(m.data('column-header', 0, c))
        );
      });
    expect(await headers()).not.toContain('Count');
    await expect(view.locator('.jp-hunt-TableStatus')).toContainText('1 column hidden');
    await headerMenu(page, view, 0, 'Show All Columns');
    expect((await headers()).length).toBe(8);
    await headerMenu(page, view, 1, 'Pin Column Left');
    expect(
      await inView(page, v => [
        v.grid.arrowModel.columnCount('row-header'),
        v.grid.arrowModel.data('corner-header', 0, 1)
      ])
    ).toEqual([2, 'CommandLine']);
    await page.mouse.click(10, 10);
    await inView(page, v => v.changeColumns('showAll'));

    // Double-click a header edge: the column is fitted again.
    await inView(page, v => v.grid.resizeColumn('body', 2, 300));
    await expect.poll(() => inView(page, v => v.grid.columnSize('body', 2))).toBe(300);
    const edge = await headerPoint(page, view, 2, true);
    await page.mouse.dblclick(edge.x, edge.y);
    await expect.poll(() => inView(page, v => v.grid.columnSize('body', 2))).toBe(widths.eventId);

    // Item 9: what the cells show (sorted by Count, ascending from here on).
    await inView(page, v => v.model.sortBy('Count', true));
    await expect.poll(() => inView(page, v => v.model.sortColumn)).toBe('Count');
    const shown = await inView(page, v => {
      const m = v.grid.arrowModel;
      const last = v.model.rowCount - 1; // Count 1,234,567 sorts last
      return {
        row: Array.from({ length: 8 }, (_, c) => m.data('body', last, c)),
        types: Array.from({ length: 8 }, (_, c) => m.data('column-header', 1, c)),
        exactScore: m.cellFullText(last, 4)
      };
    });
    expect(shown.row[0]).toBe('2019-01-15 05:15:26.010 UTC');
    expect(shown.row[2]).toBe('4688');
    expect(shown.row[3]).toBe('1,234,567');
    expect(shown.row[4]).toBe('3.14159');
    expect(shown.row[5]).toBe('1.50 KiB');
    expect(shown.row[6]).toBe('["C:\\a", "b"]');
    expect(shown.exactScore).toBe('3.14159265');
    expect(shown.types.slice(0, 4)).toEqual(['date & time (UTC)', 'text', 'integer', 'integer']);

    // Item 10: Enter opens the whole row as text; hostile HTML stays text.
    await clickGridCell(page, view, 5, 1); // the row with Count 1,234,567 (ascending: last)
    await page.keyboard.press('Enter');
    const detail = view.locator('.jp-hunt-RowDetail');
    await expect(detail).toBeVisible();
    await expect(detail.locator('dd').nth(1)).toContainText('x'.repeat(300));
    await page.keyboard.press('Escape');
    await expect(detail).toBeHidden();
    const hostileRow = await inView(page, v => {
      for (let r = 0; r < v.model.rowCount; r++) {
        if (v.grid.arrowModel.cellFullText(r, 7).startsWith('<img')) {
          return r;
        }
      }
      return -1;
    });
    const cell = await gridCellPoint(view, hostileRow, 7);
    await page.mouse.dblclick(cell.x, cell.y);
    await expect(detail).toBeVisible();
    await expect(detail.locator('dd').nth(7)).toHaveText('<img src=x onerror="window.__pwned=1">');
    expect(await detail.locator('dd img').count()).toBe(0);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    await detail.getByRole('button', { name: 'Close (Escape)' }).click();

    // Item 11: a value list from the profile, combined with the global filter, in the worker.
    await headerMenu(page, view, 7, 'Filter This Column…');
    const dialog = page.locator('.jp-Dialog');
    await dialog
      .locator('.jp-hunt-FilterValues label')
      .filter({ hasText: /^SYSTEM$/ })
      .locator('input')
      .check();
    await dialog.locator('.jp-mod-accept').click();
    await expect(view.locator('.jp-hunt-TableCount')).toHaveText('3 of 6 rows');
    await expect(view.locator('.jp-hunt-FilterChip')).toContainText('Account ∈ {SYSTEM}');
    await view.locator('.jp-hunt-TableFilter').fill('ipconfig');
    await expect(view.locator('.jp-hunt-TableCount')).toHaveText('1 of 6 rows');
    await view.locator('.jp-hunt-TableFilter').fill('');
    // A numeric range.
    await headerMenu(page, view, 3, 'Filter This Column…');
    await dialog.getByLabel('From (inclusive)').fill('3');
    await dialog.getByLabel('To (inclusive)').fill('1,000,000');
    await dialog.locator('.jp-mod-accept').click();
    await expect(view.locator('.jp-hunt-TableCount')).toHaveText('2 of 6 rows'); // SYSTEM and Count 5, 6
    // A regex that could hang is refused with the reason.
    await headerMenu(page, view, 1, 'Filter This Column…');
    await dialog.getByLabel('Contains').fill('(x+)+$');
    await dialog.getByLabel('Regular expression').check();
    await dialog.locator('.jp-mod-accept').click();
    await expect(view.locator('.jp-hunt-TableStatus')).toContainText('repeated group');
    // Dropping the chips shows every row again.
    for (let i = 0; i < 2; i++) {
      await view.locator('.jp-hunt-FilterChipDrop').first().click();
    }
    await expect(view.locator('.jp-hunt-TableCount')).toHaveText('6 rows × 8 columns');

    // Item 12: the profile fits its panel, with histograms and top-values bars.
    await view.getByRole('button', { name: 'Profile' }).click();
    const profile = view.locator('.jp-hunt-TableProfile');
    await expect(profile.locator('tr[data-column="Count"] .jp-hunt-HistogramBar')).toHaveCount(20);
    await expect(profile.locator('tr[data-column="Account"] .jp-hunt-TopValue').first()).toHaveText(
      'SYSTEM (3)'
    );
    const fits = await profile.evaluate(node => node.scrollWidth <= node.clientWidth + 1);
    expect(fits).toBe(true);
    expect(errors).toEqual([]);
  });
});
