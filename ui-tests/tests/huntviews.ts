// Helpers shared by the feature specs (extract, sessions, entities, secrets): reading what a
// table view shows, and running code in the kernel without galata's notebook helpers.
import * as path from 'path';
import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator, TestInfo } from '@playwright/test';
import { ROOT } from './helpers';

/** Copy sample files of data/msticpy to <tmpPath>/data/msticpy (the notebook reads them there). */
export async function uploadData(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  files: string[]
): Promise<void> {
  for (const file of files) {
    await page.contents.uploadFile(
      path.join(ROOT, 'data', 'msticpy', file),
      `${tmpPath}/data/msticpy/${file}`
    );
  }
}

/**
 * Run code in a notebook's kernel and return what it printed (stdout and stderr), without
 * adding a cell (and without galata's notebook helpers, which are not wired again after a plain
 * browser reload). The notebook is the active widget, else the only notebook in the main area.
 * Throws with the Python error when the code raised.
 */
export async function printInKernel(page: IJupyterLabPageFixture, code: string): Promise<string> {
  return page.evaluate(async source => {
    const shell = (window as any).jupyterapp.shell;
    const notebooks = [...shell.widgets('main')].filter((w: any) => w.sessionContext);
    const panel = shell.currentWidget?.sessionContext
      ? shell.currentWidget
      : notebooks.length === 1
        ? notebooks[0]
        : null;
    if (!panel) {
      throw new Error(`${notebooks.length} notebooks open and none is active`);
    }
    await panel.sessionContext.ready;
    const future = panel.sessionContext.session.kernel.requestExecute({ code: source });
    let out = '';
    let error = '';
    future.onIOPub = (msg: any) => {
      if (msg.header.msg_type === 'stream') {
        out += msg.content.text;
      } else if (msg.header.msg_type === 'error') {
        error = `${msg.content.ename}: ${msg.content.evalue}`;
      }
    };
    await future.done;
    if (error) {
      throw new Error(`${error}\n${out}`);
    }
    return out;
  }, code);
}

/** What a table view in the main area shows: its columns and every row as cell text, in view order. */
export interface IShownTable {
  title: string;
  columns: string[];
  rows: string[][];
  status: string;
  sortColumn: string | null;
  ascending: boolean;
}

/**
 * Read the table view inside the main-area tab whose label starts with `label` (the grid is a
 * canvas: this reads the cells through the grid's own data model, i.e. the text it draws).
 */
export async function shownTable(
  page: IJupyterLabPageFixture,
  label: string
): Promise<IShownTable> {
  return page.evaluate(prefix => {
    const app = (window as any).jupyterapp;
    const tabs = [...app.shell.widgets('main')].filter((w: any) =>
      String(w.title.label).startsWith(prefix)
    );
    if (tabs.length !== 1) {
      throw new Error(`${tabs.length} main-area tabs are labelled "${prefix}…"`);
    }
    const find = (w: any): any => {
      if (w.grid?.arrowModel && w.model?.table) {
        return w;
      }
      for (const child of w.children?.() ?? []) {
        const hit = find(child);
        if (hit) {
          return hit;
        }
      }
      return null;
    };
    const view = find(tabs[0]);
    if (!view) {
      throw new Error(`No table view in "${tabs[0].title.label}"`);
    }
    const fields = view.model.table.schema.fields.map((f: any) => f.name);
    const rows: string[][] = [];
    for (let r = 0; r < view.model.rowCount; r++) {
      rows.push(fields.map((_: string, c: number) => view.grid.arrowModel.cellFullText(r, c)));
    }
    return {
      title: tabs[0].title.label,
      columns: fields,
      rows,
      status: view.node.querySelector('.jp-hunt-TableStatus')?.textContent ?? '',
      sortColumn: view.model.sortColumn,
      ascending: view.model.ascending
    };
  }, label);
}

/**
 * Run `fn(view, arg)` in the page on the first table view of the shell (found through the
 * widget tree): `fn` is sent as source, so it may use only its arguments.
 */
export async function inTableView<T, A>(
  page: IJupyterLabPageFixture,
  fn: (view: any, arg: A) => T,
  arg?: A
): Promise<T> {
  return page.evaluate(
    ([source, a]) => {
      const find = (w: any): any => {
        if (w.grid?.arrowModel && w.model?.table) {
          return w;
        }
        for (const child of w.children?.() ?? []) {
          const hit = find(child);
          if (hit) {
            return hit;
          }
        }
        return null;
      };
      const view = find((window as any).jupyterapp.shell);
      return new Function('view', 'arg', `return (${source})(view, arg);`)(view, a);
    },
    [fn.toString(), arg] as [string, A | undefined]
  ) as Promise<T>;
}

/** The values of one column of a shown table. */
export function columnOf(table: IShownTable, name: string): string[] {
  const i = table.columns.indexOf(name);
  expect(i, `column ${name} in ${table.columns.join(', ')}`).toBeGreaterThanOrEqual(0);
  return table.rows.map(r => r[i]);
}

/** The main-area tab (its DOM node) whose label starts with `label`. */
export async function mainTab(page: IJupyterLabPageFixture, label: string): Promise<Locator> {
  await expect
    .poll(
      () =>
        page.evaluate(
          prefix =>
            [...(window as any).jupyterapp.shell.widgets('main')].filter((w: any) =>
              String(w.title.label).startsWith(prefix)
            ).length,
          label
        ),
      { timeout: 60000 }
    )
    .toBe(1);
  const id = await page.evaluate(
    prefix =>
      [...(window as any).jupyterapp.shell.widgets('main')].find((w: any) =>
        String(w.title.label).startsWith(prefix)
      ).id as string,
    label
  );
  return page.locator(`[id="${id}"]`);
}

/** Run a table action of a table view from its Analyses menu. */
export async function runAction(view: Locator, label: string): Promise<void> {
  await view.locator('.jp-hunt-TableActions').click();
  await view
    .page()
    .locator('.jp-hunt-AnalysesMenu .lm-Menu-itemLabel')
    .getByText(label, { exact: true })
    .click();
}

/**
 * Page coordinates of the centre of a body cell of a table view's grid (row and grid column
 * 0-based, in view order), from the grid's own geometry: columns are fitted to their content.
 */
export async function gridCellPoint(
  view: Locator,
  row: number,
  column: number
): Promise<{ x: number; y: number }> {
  const grid = view.locator('.jp-hunt-TableGrid');
  const box = await grid.boundingBox();
  if (!box) {
    throw new Error('The grid is not visible');
  }
  const at = await grid.evaluate(
    (node, [r, c]) => {
      const find = (w: any): any => {
        if (w.node === node) {
          return w;
        }
        for (const child of w.children?.() ?? []) {
          const hit = find(child);
          if (hit) {
            return hit;
          }
        }
        return null;
      };
      const g = find((window as any).jupyterapp.shell);
      if (!g) {
        throw new Error('No grid widget for this node');
      }
      g.scrollToColumn(c); // no-op when the cell's column is in view
      g.scrollToRow(r);
      let x = g.headerWidth - g.scrollX;
      for (let i = 0; i < c; i++) {
        x += g.columnSize('body', i);
      }
      let y = g.headerHeight - g.scrollY;
      for (let i = 0; i < r; i++) {
        y += g.rowSize('body', i);
      }
      const style = getComputedStyle(node);
      return {
        x: (parseFloat(style.borderLeftWidth) || 0) + x + Math.min(g.columnSize('body', c) / 2, 40),
        y: (parseFloat(style.borderTopWidth) || 0) + y + g.rowSize('body', r) / 2
      };
    },
    [row, column] as [number, number]
  );
  return { x: box.x + at.x, y: box.y + at.y };
}

/**
 * Click a body cell of a table view's grid (row and column 0-based, in view order), optionally
 * with modifiers: the grid is a canvas, so the position comes from the grid's own geometry.
 */
export async function clickGridCell(
  page: IJupyterLabPageFixture,
  view: Locator,
  row: number,
  column: number,
  modifiers: ('Shift' | 'Control')[] = []
): Promise<void> {
  const { x, y } = await gridCellPoint(view, row, column);
  // mouse.click has no modifiers option: hold the keys around the click.
  for (const key of modifiers) {
    await page.keyboard.down(key);
  }
  await page.mouse.click(x, y);
  for (const key of modifiers) {
    await page.keyboard.up(key);
  }
}

/**
 * Put `code` into code cell `index` of the active notebook (adding cells as needed) through the
 * cell model: galata's setCell types the text key by key, which takes a minute for a long cell.
 */
export async function setCode(
  page: IJupyterLabPageFixture,
  index: number,
  code: string
): Promise<void> {
  while ((await page.notebook.getCellCount()) <= index) {
    await page.notebook.addCell('code', '');
  }
  await page.evaluate(
    ([i, source]) => {
      const panel = (window as any).jupyterapp.shell.currentWidget;
      const cell = panel.content.widgets[i as number];
      if (cell.model.type !== 'code') {
        throw new Error(`Cell ${i} is not a code cell`);
      }
      cell.model.sharedModel.setSource(source);
    },
    [index, code] as [number, string]
  );
}

/**
 * Screenshots of `target` in the light and dark themes, attached to the test (kept in
 * test-results). `ready` waits for the target to redraw after a theme change.
 */
export async function shootInThemes(
  page: IJupyterLabPageFixture,
  testInfo: TestInfo,
  target: Locator,
  name: string,
  ready: () => Promise<void> = async () => undefined
): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') {
      await page.theme.setDarkTheme();
    }
    await ready();
    const file = testInfo.outputPath(`${name}-${theme}.png`);
    await target.screenshot({ path: file });
    await testInfo.attach(`${name}-${theme}`, { path: file, contentType: 'image/png' });
  }
  await page.theme.setLightTheme();
}

/** Run `code` in the kernel until it prints `count` non-empty lines; returns those lines. */
export async function pollKernelLines(
  page: IJupyterLabPageFixture,
  code: string,
  count: number
): Promise<string[]> {
  let lines: string[] = [];
  await expect
    .poll(
      async () => {
        lines = (await printInKernel(page, code)).split('\n').filter(Boolean);
        return lines.length;
      },
      { timeout: 30000 }
    )
    .toBe(count);
  return lines;
}
