// The table view's layout (issue items 6, 7 and 20): the toolbar keeps title, count and filter
// in view with the analyses in one menu, status and errors get their own line (and a
// notification), outputs of a saved notebook are sized like fresh ones after a reload, a
// reopen and a resize, and the scroll-bar corner follows the theme.
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import { setCode, runAction } from './huntviews';

const NOTEBOOK = 'ten-tables.ipynb';
const TABLES = 10;

/** Rows of table i: 5 .. 50, so some fit and some scroll. */
const rowsOf = (i: number) => 5 + i * 5;

const MAKE = `
import pandas as pd
from jupyterlab_hunt import hunt
def make(rows):
    return pd.DataFrame({f"c{c}": [f"r{r}c{c}" for r in range(rows)] for c in range(30)})
`;

/** Geometry of every table view in the page, read from the widgets themselves. */
interface IViewBox {
  title: string;
  rows: number;
  toolbar: number;
  status: number;
  body: number;
  gridNode: number;
  gridViewport: number;
  gridViewportWidth: number;
  gridNodeWidth: number;
  expectedBody: number;
}

async function viewBoxes(page: IJupyterLabPageFixture): Promise<IViewBox[]> {
  return page.evaluate(() => {
    const views: any[] = [];
    const walk = (w: any) => {
      if (w.grid?.arrowModel && w.model?.table) {
        views.push(w);
        return;
      }
      for (const child of w.children?.() ?? []) {
        walk(child);
      }
    };
    walk((window as any).jupyterapp.shell);
    const h = (node: Element | null) => (node ? node.getBoundingClientRect().height : -1);
    return views.map(v => ({
      title: v.model.title,
      rows: v.model.rowCount,
      toolbar: h(v.node.querySelector('.jp-hunt-TableToolbar')),
      status: h(v.node.querySelector('.jp-hunt-TableStatus')),
      body: h(v.node.querySelector('.jp-hunt-TableBody')),
      gridNode: v.grid.node.clientHeight,
      gridViewport: v.grid.viewportHeight,
      gridViewportWidth: v.grid.viewportWidth,
      gridNodeWidth: v.grid.node.clientWidth,
      expectedBody: v.grid.heightFor(Math.min(v.model.rowCount, 14))
    }));
  });
}

/** Every output table laid out as a fresh one: short toolbar, full grid, painted viewport. */
async function expectLaidOut(page: IJupyterLabPageFixture, what: string): Promise<void> {
  // Windowed notebooks lay out cells as they come into view: visit each output.
  const views = page.locator('.jp-hunt-TableView');
  await expect(views).toHaveCount(TABLES, { timeout: 60000 });
  for (let i = 0; i < TABLES; i++) {
    await views.nth(i).scrollIntoViewIfNeeded();
  }
  await expect
    .poll(
      async () => {
        const boxes = await viewBoxes(page);
        return boxes
          .filter(
            b =>
              // at most two lines of toolbar (the bug: 134 px and a 4-row grid)
              b.toolbar > 72 ||
              Math.abs(b.body - b.expectedBody) > 1 ||
              // the viewport is the grid less its scroll bars (16 px each)
              b.gridViewport < b.gridNode - 17 ||
              b.gridViewportWidth < b.gridNodeWidth - 17
          )
          .map(b => JSON.stringify(b));
      },
      { message: what, timeout: 20000 }
    )
    .toEqual([]);
}

test.describe('Table view layout', () => {
  test('toolbar at 1600 px: title, count, filter in view, analyses in one menu, errors on their own line and as a notification', async ({
    page
  }) => {
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.notebook.createNew('toolbar.ipynb');
    await setCode(
      page,
      0,
      `${MAKE}\nhunt.show(make(20), title="A table with a long title to see where it goes")`
    );
    await page.notebook.runCell(0, true);
    const view = page.locator('.jp-hunt-TableView').first();
    await expect(view.locator('.jp-hunt-TableCount')).toHaveText('20 rows × 30 columns');
    const viewBox = (await view.boundingBox())!;
    const toolbar = (await view.locator('.jp-hunt-TableToolbar').boundingBox())!;
    expect(toolbar.height, 'the toolbar is one line at 1600 px').toBeLessThan(40);
    for (const part of [
      '.jp-hunt-TableTitle',
      '.jp-hunt-TableCount',
      '.jp-hunt-TableFilter',
      '.jp-hunt-TableActions'
    ]) {
      const box = (await view.locator(part).boundingBox())!;
      expect(box.width, part).toBeGreaterThan(20);
      expect(box.x + box.width, `${part} inside the view`).toBeLessThanOrEqual(
        viewBox.x + viewBox.width + 1
      );
    }

    // Every registered analysis is in the menu, none cut.
    await view.locator('.jp-hunt-TableActions').click();
    const labels = page.locator('.jp-hunt-AnalysesMenu .lm-Menu-itemLabel');
    for (const label of [
      'Extract IoCs',
      'Decode',
      'Score sessions',
      'Time-series anomalies (STL)',
      'Add as entities',
      'Pick alerts'
    ]) {
      await expect(labels.getByText(label, { exact: true })).toBeVisible();
    }
    await page.keyboard.press('Escape');

    // A failing action: its message is on the status line, readable, and notified.
    await runAction(view, 'Add as entities');
    const status = view.locator('.jp-hunt-TableStatus');
    await expect(status).toContainText('Select what to add first');
    await expect(status).toHaveClass(/jp-mod-error/);
    const statusBox = (await status.boundingBox())!;
    expect(statusBox.width).toBeGreaterThan(viewBox.width - 10);
    expect(statusBox.height).toBeGreaterThan(10);
    await expect(
      page.locator('.Toastify__toast').filter({ hasText: 'Select what to add first' })
    ).toBeVisible();

    // The right-click menu of a cell lists the analyses too.
    const grid = view.locator('.jp-hunt-TableGrid');
    const gridBox = (await grid.boundingBox())!;
    await page.mouse.click(gridBox.x + 150, gridBox.y + 60, { button: 'right' });
    const menu = page.locator('.jp-hunt-GridMenu');
    await expect(
      menu.locator('.lm-Menu-itemLabel').getByText('Copy Cell Value', { exact: true })
    ).toBeVisible();
    await expect(
      menu.locator('.lm-Menu-itemLabel').getByText('Decode', { exact: true })
    ).toBeVisible();
    await page.keyboard.press('Escape');
  });

  test('ten saved tables keep their layout after reload, reopen and resize; dark scroll corner', async ({
    page
  }) => {
    test.setTimeout(240000);
    await page.notebook.createNew(NOTEBOOK);
    await setCode(page, 0, MAKE);
    for (let i = 0; i < TABLES; i++) {
      await setCode(page, i + 1, `hunt.show(make(${rowsOf(i)}), title="t${i}")`);
    }
    await page.notebook.run();
    await expectLaidOut(page, 'fresh outputs');
    await page.notebook.save();

    await page.reload({ waitForIsReady: false });
    await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
    await page
      .locator('.jp-NotebookPanel')
      .first()
      .waitFor({ timeout: 15000 })
      .catch(() => page.notebook.openByPath(NOTEBOOK));
    await expectLaidOut(page, 'after a reload');

    await page.notebook.close(true);
    await expect(page.locator('.jp-hunt-TableView')).toHaveCount(0);
    await page.notebook.openByPath(NOTEBOOK);
    await expectLaidOut(page, 'after closing and reopening');

    await page.setViewportSize({ width: 900, height: 800 });
    await expectLaidOut(page, 'after a resize');

    // Item 20: where the scroll bars meet is the theme's colour, not white.
    await page.theme.setDarkTheme();
    const last: Locator = page.locator('.jp-hunt-TableView').last();
    await last.scrollIntoViewIfNeeded();
    const corner = last.locator('.lm-DataGrid-scrollCorner');
    await expect(corner).toBeVisible();
    const colours = await corner.evaluate(node => ({
      corner: getComputedStyle(node).backgroundColor,
      theme: getComputedStyle(document.body).getPropertyValue('--jp-layout-color2').trim()
    }));
    expect(colours.corner).not.toBe('rgb(240, 240, 240)');
    const probe = await page.evaluate(color => {
      const d = document.createElement('div');
      d.style.backgroundColor = color;
      document.body.appendChild(d);
      const c = getComputedStyle(d).backgroundColor;
      d.remove();
      return c;
    }, colours.theme);
    expect(colours.corner).toBe(probe);
    await page.theme.setLightTheme();
  });
});
