// Issue items 16 and 17: the sessions and STL views read well (details never clipped, legends
// that match the marks, axis titles with dates, one tick format, tooltips at the pointer, dots
// that stand out in the dark theme) and their form dialogs fit without scrolling.
import * as path from 'path';
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import { ROOT } from './helpers';
import { mainTab, runAction, setCode, shootInThemes, uploadData } from './huntviews';

test.use({ viewport: { width: 1600, height: 1000 } });

type Box = { x: number; y: number; width: number; height: number };

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  expect(b, 'element is laid out').not.toBeNull();
  return b!;
}

/** Show `code`'s table in a new notebook and return its table view. */
async function showTable(
  page: IJupyterLabPageFixture,
  name: string,
  code: string[]
): Promise<Locator> {
  await page.notebook.createNew(name);
  await setCode(
    page,
    0,
    ['import pandas as pd', 'from jupyterlab_hunt import hunt', ...code].join('\n')
  );
  await page.notebook.runCell(0, true);
  const table = page.locator('.jp-NotebookPanel .jp-hunt-TableView').first();
  await expect(table.locator('.jp-hunt-TableCount')).toBeVisible();
  return table;
}

const PROCESS_EVENTS = [
  "procs = pd.read_csv('data/msticpy/processes_on_host.csv', index_col=0, parse_dates=['TimeGenerated'])",
  "hunt.show(procs[['TimeGenerated', 'Account', 'NewProcessName']], title='events')"
];

const BYTES = [
  "df = pd.read_csv('data/msticpy/time_series.csv', encoding='utf-8-sig')",
  "df['TimeGenerated'] = pd.to_datetime(df['TimeGenerated'], utc=True)",
  "hunt.show(df[['TimeGenerated', 'TotalBytesSent']], title='bytes')"
];

/** Every input of the open dialog ends inside it, and its body does not scroll. */
async function expectDialogFits(page: IJupyterLabPageFixture): Promise<void> {
  const dialog = page.locator('.jp-Dialog-content');
  const outer = await box(dialog);
  const inputs = dialog.locator('.jp-Dialog-body input, .jp-Dialog-body select');
  expect(await inputs.count()).toBeGreaterThan(3);
  for (const input of await inputs.all()) {
    const b = await box(input);
    const name = await input.getAttribute('name');
    expect(b.x + b.width, `${name} ends inside the dialog`).toBeLessThanOrEqual(
      outer.x + outer.width - 8
    );
    expect(b.x, `${name} starts inside the dialog`).toBeGreaterThanOrEqual(outer.x);
  }
  const scroll = await page
    .locator('.jp-Dialog-body')
    .evaluate(node => [node.scrollHeight - node.clientHeight, node.scrollWidth - node.clientWidth]);
  expect(scroll, 'the dialog body has nothing to scroll').toEqual([0, 0]);
}

/** Hover at (x, y): the chart's tooltip shows, its nearest corner within 24 px of the pointer. */
async function expectTooltipAt(
  page: IJupyterLabPageFixture,
  chart: Locator,
  x: number,
  y: number
): Promise<Locator> {
  await page.mouse.move(x, y);
  const tooltip = chart.locator('.jp-hunt-ChartTooltip');
  await expect(tooltip).toBeVisible();
  const b = await box(tooltip);
  const dx = Math.max(b.x - x, x - (b.x + b.width), 0);
  const dy = Math.max(b.y - y, y - (b.y + b.height), 0);
  expect(Math.hypot(dx, dy), 'tooltip distance from the pointer').toBeLessThanOrEqual(24);
  return tooltip;
}

/** WCAG contrast of each element's fill against the chart's background colour. */
function contrasts(chart: Locator, selector: string): Promise<number[]> {
  return chart.evaluate((node, sel) => {
    const rgb = (s: string) => (s.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (c: number[]) =>
      c
        .map(v => v / 255)
        .map(v => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((acc, v, i) => acc + v * [0.2126, 0.7152, 0.0722][i], 0);
    const bg = lum(rgb(getComputedStyle(node).backgroundColor));
    return [...node.querySelectorAll(sel)].map(el => {
      const fg = lum(rgb(getComputedStyle(el).fill));
      return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    });
  }, selector);
}

test.describe('Analysis views', () => {
  test('sessions: legend matches a red dot, time axis with its date, details below the chart, tooltip at the pointer, dots visible in dark', async ({
    page,
    tmpPath
  }, testInfo) => {
    await uploadData(page, tmpPath, ['processes_on_host.csv']);
    const table = await showTable(page, 'sessions-view.ipynb', PROCESS_EVENTS);
    await runAction(table, 'Score sessions');
    await expect(page.locator('.jp-Dialog-header')).toHaveText('Score sessions');
    // Item 17: the form fits.
    await expectDialogFits(page);
    await page.locator('.jp-Dialog').getByLabel('Max gap between events (minutes)').fill('2');
    await page.locator('.jp-Dialog .jp-mod-accept').click();

    const tab = await mainTab(page, 'Sessions: events');
    const chart = tab.locator('.jp-hunt-ScatterChart');
    const dots = chart.locator('svg circle.jp-hunt-dot');
    await expect(dots).toHaveCount(5);
    // The legend names the highlighted dots, and there is one (5 sessions: the rarest).
    const legend = chart.locator('.jp-hunt-ChartLegend');
    await expect(legend).toContainText('session');
    await expect(legend).toContainText('rarest session');
    const highlighted = chart.locator('svg circle.jp-mod-highlight');
    await expect(highlighted).toHaveCount(1);
    const swatch = legend.locator('.jp-hunt-LegendSwatch').nth(1);
    expect(await swatch.evaluate(n => getComputedStyle(n).backgroundColor)).toBe(
      await highlighted.evaluate(n => getComputedStyle(n).fill)
    );
    // One tick format (HH:MM) and the date in the axis title.
    const xTicks = await chart.locator('svg .jp-hunt-AxisX .tick text').allTextContents();
    expect(xTicks.length).toBeGreaterThan(2);
    for (const tick of xTicks) {
      expect(tick).toMatch(/^\d\d:\d\d$/);
    }
    await expect(chart.locator('svg .jp-hunt-AxisTitleX')).toHaveText(
      'Session start (TimeGenerated_min) (UTC), 2019-01-15'
    );
    await expect(chart.locator('svg .jp-hunt-AxisTitleY')).toHaveText(
      'rarest_window3_log_likelihood'
    );

    // Hover: a tooltip at the pointer; click: the details, fully above the table.
    const dot = await box(highlighted);
    const cx = dot.x + dot.width / 2;
    const cy = dot.y + dot.height / 2;
    const tooltip = await expectTooltipAt(page, chart, cx, cy);
    await expect(tooltip).toContainText('rarest_window3_log_likelihood: -12.1');
    await page.mouse.click(cx, cy);
    const detail = tab.locator('.jp-hunt-SessionDetail');
    await expect(detail).toContainText(
      'rarest_window3: ["C:\\\\Windows\\\\System32\\\\MusNotification.exe"'
    );
    const d = await box(detail);
    const results = await box(tab.locator('.jp-hunt-TableView'));
    const plot = await box(chart);
    expect(d.y).toBeGreaterThanOrEqual(plot.y + plot.height - 0.5);
    expect(d.y + d.height, 'details end above the result table').toBeLessThanOrEqual(
      results.y + 0.5
    );
    expect(d.height).toBeGreaterThan(40);
    // Its text is all there: it fits or scrolls, never hidden under the table.
    expect(await detail.evaluate(n => getComputedStyle(n).overflowY)).toBe('auto');

    await page.mouse.move(0, 0);
    await shootInThemes(page, testInfo, tab, 'sessions-view', async () => {
      await expect(dots).toHaveCount(5);
    });
    // Dark theme: every dot is at least 3.5 px and stands out (WCAG AA 4.5:1) from the chart.
    await page.theme.setDarkTheme();
    await expect
      .poll(async () => Math.min(...(await contrasts(chart, 'svg circle.jp-hunt-dot'))))
      .toBeGreaterThanOrEqual(4.5);
    for (const r of await dots.evaluateAll(cs => cs.map(c => Number(c.getAttribute('r'))))) {
      expect(r).toBeGreaterThanOrEqual(3.5);
    }
    await page.theme.setLightTheme();
  });

  test('STL: legend for spikes and dips, no "0G", dated time axis, tooltip at the pointer, form fits', async ({
    page,
    tmpPath
  }, testInfo) => {
    await page.contents.uploadFile(
      path.join(ROOT, 'data', 'msticpy', 'time_series.csv'),
      `${tmpPath}/data/msticpy/time_series.csv`
    );
    const table = await showTable(page, 'stl-view.ipynb', BYTES);
    await runAction(table, 'Time-series anomalies (STL)');
    await expect(page.locator('.jp-Dialog').getByLabel('Value column')).toHaveValue(
      'TotalBytesSent'
    );
    await expectDialogFits(page);
    await page.locator('.jp-Dialog .jp-mod-accept').click();

    const view = page.locator('.jp-hunt-StlView');
    await expect(view).toHaveCount(1, { timeout: 60000 });
    const chart = view.locator('.jp-hunt-TimeSeriesChart');
    const legend = chart.locator('.jp-hunt-ChartLegend');
    await expect(legend.locator('.jp-hunt-LegendItem')).toHaveText([
      'TotalBytesSent',
      'baseline band',
      'spike',
      'dip'
    ]);
    // The legend wraps on a narrow view rather than hiding entries.
    for (const item of await legend.locator('.jp-hunt-LegendItem').all()) {
      await expect(item).toBeInViewport();
      const b = await box(item);
      expect(b.x + b.width).toBeLessThanOrEqual((await box(chart)).x + (await box(chart)).width);
    }
    const spike = chart.locator('circle.jp-hunt-anomaly').first();
    expect(
      await legend
        .locator('.jp-hunt-LegendSwatch')
        .nth(2)
        .evaluate(n => getComputedStyle(n).backgroundColor)
    ).toBe(await spike.evaluate(n => getComputedStyle(n).fill));
    const yTicks = await chart.locator('svg .jp-hunt-AxisY .tick text').allTextContents();
    expect(yTicks.length).toBeGreaterThan(2);
    expect(yTicks).toContain('0');
    for (const tick of yTicks) {
      expect(tick).not.toMatch(/^0[^\d.]/);
    }
    await expect(chart.locator('svg .jp-hunt-AxisTitleX')).toHaveText(
      'Time (UTC), 2019-05-01 to 2019-06-05'
    );
    await expect(chart.locator('svg .jp-hunt-AxisTitleY')).toHaveText('TotalBytesSent');
    for (const tick of await chart.locator('svg .jp-hunt-AxisX .tick text').allTextContents()) {
      expect(tick).toMatch(/^[A-Z][a-z]{2} \d\d$/);
    }

    // The tooltip follows the pointer across the chart.
    const plot = await box(chart.locator('svg'));
    for (const fx of [0.2, 0.8]) {
      await expectTooltipAt(page, chart, plot.x + plot.width * fx, plot.y + plot.height * 0.3);
    }
    await page.mouse.move(0, 0);
    await shootInThemes(page, testInfo, view, 'stl-chart', async () => {
      await expect(chart.locator('svg')).toHaveCount(1);
    });
  });
});
