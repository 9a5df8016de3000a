// Helpers of the result-area specs: where result tabs sit in the main area, "Insert code" on a
// result tab, and comparing what an inserted kernel call returned with the UI's result.
import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';
import { mainTab, printInKernel, shownTable } from './huntviews';

/** The labels of the main area's tab bars, left to right (one list per tab bar). */
export async function tabGroups(page: IJupyterLabPageFixture): Promise<string[][]> {
  return page.evaluate(() => {
    const bars = [...document.querySelectorAll('#jp-main-dock-panel .lm-DockPanel-tabBar')]
      .map(bar => ({
        x: bar.getBoundingClientRect().x,
        y: bar.getBoundingClientRect().y,
        labels: [...bar.querySelectorAll('.lm-TabBar-tabLabel')]
          .map(l => l.textContent ?? '')
          .filter(label => label !== 'Launcher')
      }))
      .filter(bar => bar.labels.length > 0);
    bars.sort((a, b) => a.x - b.x || a.y - b.y);
    return bars.map(bar => bar.labels);
  });
}

/** Wait until the main area's tab bars hold exactly `groups` (labels, left to right). */
export async function expectTabGroups(
  page: IJupyterLabPageFixture,
  groups: string[][]
): Promise<void> {
  await expect.poll(() => tabGroups(page), { timeout: 30000 }).toEqual(groups);
}

/** Width of the notebook panel `name` as a share of the main dock panel's width. */
export async function notebookShare(page: IJupyterLabPageFixture, name: string): Promise<number> {
  return page.evaluate(file => {
    const app = (window as any).jupyterapp;
    const panel = [...app.shell.widgets('main')].find(
      (w: any) => w.context?.path?.endsWith(file) && w.sessionContext
    );
    const dock = document.getElementById('jp-main-dock-panel')!;
    return panel.node.getBoundingClientRect().width / dock.getBoundingClientRect().width;
  }, name);
}

/** Right-click the first output of cell `cell` and choose `item` of the context menu. */
export async function fromOutputMenu(
  page: IJupyterLabPageFixture,
  cell: number,
  item: string
): Promise<void> {
  const output = (await page.notebook.getCellOutputLocator(cell))!
    .locator('.jp-OutputArea-child')
    .first();
  await output.click({ button: 'right' });
  await page.locator('.lm-Menu .lm-Menu-item', { hasText: new RegExp(`^${item}$`) }).click();
}

/** Close the main-area tab labelled `label` with its close icon. */
export async function closeTab(page: IJupyterLabPageFixture, label: string): Promise<void> {
  const tab = page.locator('#jp-main-dock-panel .lm-TabBar-tab', {
    has: page.locator('.lm-TabBar-tabLabel', { hasText: new RegExp(`^${escape(label)}$`) })
  });
  await tab.locator('.lm-TabBar-tabCloseIcon').click();
  await expect(tab).toHaveCount(0);
}

/**
 * Click "Insert code" on the result tab `label`; returns the index and source of the cell it
 * inserted, after checking that it sits right below the cell that was active.
 */
export async function insertCode(
  page: IJupyterLabPageFixture,
  label: string
): Promise<{ index: number; code: string }> {
  const active = await activeCellIndex(page);
  const count = await cellCount(page);
  const tab = await mainTab(page, label);
  await page.locator('.lm-TabBar-tab', { hasText: label }).first().click();
  await tab.getByRole('button', { name: 'Insert code' }).click();
  await expect.poll(() => cellCount(page)).toBe(count + 1);
  const index = await activeCellIndex(page);
  expect(index, 'the inserted cell is below the active cell').toBe(active + 1);
  const code = (await page.evaluate(
    `(${notebookPanel})().content.widgets[${index}].model.sharedModel.source`
  )) as string;
  return { index, code };
}

/** The only notebook of the main area (result tabs may be the current widget). */
function notebookPanel(): any {
  const app = (window as any).jupyterapp;
  const panels = [...app.shell.widgets('main')].filter((w: any) => w.sessionContext);
  if (panels.length !== 1) {
    throw new Error(`${panels.length} notebooks are open`);
  }
  return panels[0];
}

async function activeCellIndex(page: IJupyterLabPageFixture): Promise<number> {
  return page.evaluate(`(${notebookPanel})().content.activeCellIndex`);
}

async function cellCount(page: IJupyterLabPageFixture): Promise<number> {
  return page.evaluate(`(${notebookPanel})().content.widgets.length`);
}

/**
 * Compare the DataFrame `variable` (what the inserted call returned) with the UI's result:
 * its shape and columns with the result table shown in tab `label`, its values with that table
 * sent to the kernel as `hunt.results[sent]`. `sortBy` orders both first (a view that sorts).
 */
export async function expectSameAsUi(
  page: IJupyterLabPageFixture,
  variable: string,
  label: string,
  sent: string,
  sortBy: string[] = []
): Promise<void> {
  const shown = await shownTable(page, label);
  const order = sortBy.length ? `.sort_values(${JSON.stringify(sortBy)}, kind='stable')` : '';
  const out = await printInKernel(
    page,
    [
      'import json',
      'import pandas as pd',
      `_k = ${variable}${order}.reset_index(drop=True)`,
      `_u = hunt.results[${JSON.stringify(sent)}]${order}.reset_index(drop=True)`,
      'print(json.dumps({"shape": list(_k.shape), "columns": [str(c) for c in _k.columns]}))',
      'pd.testing.assert_frame_equal(_k, _u, check_exact=True)',
      'print("equal")'
    ].join('\n')
  );
  const [summary, verdict] = out.trim().split('\n');
  expect(JSON.parse(summary)).toEqual({
    shape: [shown.rows.length, shown.columns.length],
    columns: shown.columns
  });
  expect(verdict).toBe('equal');
}

/** Send the result table of tab `label` to the kernel as `hunt.results[name]`. */
export async function sendResult(
  page: IJupyterLabPageFixture,
  label: string,
  name: string
): Promise<void> {
  const tab = await mainTab(page, label);
  await page.locator('.lm-TabBar-tab', { hasText: label }).first().click();
  const view = tab.locator('.jp-hunt-TableView').first();
  await view.getByRole('button', { name: 'Send to kernel' }).click();
  const dialog = page.locator('.jp-Dialog');
  await dialog.locator('input').fill(name);
  await dialog.locator('.jp-mod-accept').click();
  await expect(view.locator('.jp-hunt-TableStatus')).toContainText(`to hunt.results["${name}"]`, {
    timeout: 30000
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
