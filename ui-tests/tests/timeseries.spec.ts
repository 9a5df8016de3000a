import * as path from 'path';
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator, TestInfo } from '@playwright/test';
import { ROOT, runInKernel } from './helpers';
import { runAction, shootInThemes } from './huntviews';

const NOTEBOOK = 'stl.ipynb';

/** msticpy's ts_anomalies_stl on data/msticpy/time_series.csv flags these hours (UTC). */
const MSTICPY_ANOMALIES = [
  '2019-05-13 17:00:00+00:00',
  '2019-05-17 21:00:00+00:00',
  '2019-05-26 05:00:00+00:00'
];

/** msticpy's output columns, in its order. */
const MSTICPY_COLUMNS = [
  'TimeGenerated',
  'TotalBytesSent',
  'residual',
  'trend',
  'seasonal',
  'weights',
  'baseline',
  'score',
  'anomalies'
];

/** Screenshots of the STL view in the light and dark themes, attached to the test. */
function shoot(
  page: IJupyterLabPageFixture,
  testInfo: TestInfo,
  view: Locator,
  name: string
): Promise<void> {
  // The chart redraws with the theme's colours; wait until it is there again.
  return shootInThemes(page, testInfo, view, name, async () => {
    await expect(view.locator('.jp-hunt-TimeSeriesChart svg')).toHaveCount(1);
    await expect(view.locator('circle.jp-hunt-anomaly')).toHaveCount(3);
  });
}

test.describe('Time-series anomalies (STL)', () => {
  test('msticpy parity on time_series.csv: chart, anomaly periods and KQL, tooltip, results in the kernel', async ({
    page,
    tmpPath
  }, testInfo) => {
    const errors: string[] = [];
    page.on('pageerror', err => errors.push(err.message));
    await page.contents.uploadFile(
      path.join(ROOT, 'data', 'msticpy', 'time_series.csv'),
      `${tmpPath}/time_series.csv`
    );
    await page.notebook.createNew(NOTEBOOK);
    await page.notebook.setCell(
      0,
      'code',
      [
        'import pandas as pd',
        'from jupyterlab_hunt import hunt',
        "df = pd.read_csv('time_series.csv', encoding='utf-8-sig')",
        "df['TimeGenerated'] = pd.to_datetime(df['TimeGenerated'], utc=True)",
        'hunt.show(df[["TimeGenerated", "TotalBytesSent"]], title="bytes")'
      ].join('\n')
    );
    await page.notebook.runCell(0, true);
    const table = page.locator('.jp-NotebookPanel .jp-hunt-TableView').first();
    await expect(table.locator('.jp-hunt-TableTitle')).toHaveText('bytes');
    await expect(table.locator('.jp-hunt-TableCount')).toContainText('840 rows × 2 columns');

    // The form guesses the columns; tick msticpy parity and run.
    await runAction(table, 'Time-series anomalies (STL)');
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog.getByLabel('Time column')).toHaveValue('TimeGenerated');
    await expect(dialog.getByLabel('Value column')).toHaveValue('TotalBytesSent');
    await expect(dialog.getByLabel('Period (points per cycle)')).toHaveValue('24');
    await dialog.getByLabel('msticpy parity (ts_anomalies_stl)').check();
    await dialog.locator('.jp-mod-accept').click();
    await expect(dialog).toHaveCount(0);

    // The STL view opens in the main area.
    const view = page.locator('.jp-hunt-StlView');
    await expect(view).toHaveCount(1, { timeout: 60000 });
    await expect(page.locator('.lm-TabBar-tab', { hasText: 'STL: bytes' })).toHaveCount(1);
    await expect(view.locator('.jp-hunt-ViewIntro')).toContainText(
      '840 points of TotalBytesSent: 3 anomalies (3 spikes, 0 dips) at score threshold 3.'
    );
    await expect(table.locator('.jp-hunt-TableStatus')).toContainText('3 anomalies in 840 points');

    // The chart: observed line, baseline band, one marker per anomaly, the score strip.
    const chart = view.locator('.jp-hunt-TimeSeriesChart');
    const svg = chart.locator('svg');
    await expect(svg).toHaveCount(1);
    await expect(svg).toHaveAttribute('aria-label', 'TotalBytesSent over time with anomalies');
    await expect(svg.locator('path.jp-hunt-band')).toHaveCount(1);
    expect(
      ((await svg.locator('path.jp-hunt-band').getAttribute('d')) ?? '').length
    ).toBeGreaterThan(100);
    await expect(svg.locator('.jp-hunt-brush')).toHaveCount(1);
    const markers = svg.locator('circle.jp-hunt-anomaly');
    await expect(markers).toHaveCount(3);
    const box = (await svg.boundingBox())!;
    for (const marker of await markers.all()) {
      const b = (await marker.boundingBox())!;
      expect(b.width).toBeGreaterThan(0);
      // Inside the drawn chart, not at NaN or off-canvas positions.
      expect(b.x).toBeGreaterThanOrEqual(box.x);
      expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width);
      expect(b.y).toBeGreaterThanOrEqual(box.y);
    }

    // Anomaly periods: msticpy's hour buckets ± 1 h, and its KQL filter.
    const periods = view.locator('.jp-hunt-StlPeriods');
    await expect(periods.locator('.jp-hunt-StlPeriodsTitle')).toHaveText('3 anomaly periods');
    const items = periods.locator('.jp-hunt-StlPeriodList li');
    await expect(items).toHaveCount(3);
    await expect(items.locator('button')).toHaveText([
      '2019-05-13 16:00:00.000Z – 2019-05-13 18:00:00.000Z',
      '2019-05-17 20:00:00.000Z – 2019-05-17 22:00:00.000Z',
      '2019-05-26 04:00:00.000Z – 2019-05-26 06:00:00.000Z'
    ]);
    const kql = periods.locator('.jp-hunt-StlKql');
    await expect(kql).toContainText('TimeGenerated between (datetime(2019-05-13 16:00:00+00:00)');
    await expect(kql).toContainText(
      'datetime(2019-05-26 04:00:00+00:00) .. datetime(2019-05-26 06:00:00+00:00))'
    );
    await expect(periods.getByRole('button', { name: 'Copy KQL' })).toBeEnabled();

    // Zoom to the first period and hover its anomaly: the tooltip gives the point's values.
    await items.first().locator('button').click();
    await expect(markers).toHaveCount(1);
    const spike = (await markers.first().boundingBox())!;
    await page.mouse.move(spike.x + spike.width / 2, spike.y + spike.height / 2);
    const tooltip = chart.locator('.jp-hunt-ChartTooltip');
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText('2019-05-13T17:00:00.000Z');
    await expect(tooltip).toHaveText(
      /TotalBytesSent=\d+ {2}baseline=\d+ {2}score=\d+(\.\d+)? — spike$/
    );
    // Plain text, shown inside the chart's laid-out area (the chart clips what overflows it).
    expect(await tooltip.evaluate(node => node.childElementCount)).toBe(0);
    const tip = (await tooltip.boundingBox())!;
    const area = (await chart.boundingBox())!;
    expect(tip.height).toBeGreaterThan(10);
    expect(tip.y).toBeGreaterThanOrEqual(area.y - 0.5);
    expect(tip.y + tip.height).toBeLessThanOrEqual(area.y + area.height + 0.5);
    // A normal point next to it: no anomaly kind.
    await page.mouse.move(spike.x + spike.width / 2 + 60, spike.y + spike.height / 2);
    await expect(tooltip).toHaveText(
      /^2019-05-13T\d\d:00:00\.000Z {2}TotalBytesSent=\d+ .*score=[^—]+$/
    );
    await page.mouse.move(0, 0);
    await expect(tooltip).toHaveCount(0);
    await periods.getByRole('button', { name: 'Show all' }).click();
    await expect(markers).toHaveCount(3);

    await shoot(page, testInfo, view, 'stl-view');

    // Send the result table to the kernel and read it back there.
    const results = view.locator('.jp-hunt-TableView');
    await expect(results.locator('.jp-hunt-TableTitle')).toHaveText('STL: bytes');
    await expect(results.locator('.jp-hunt-TableCount')).toContainText('840 rows × 9 columns');
    await results.getByRole('button', { name: 'Send to kernel' }).click();
    const send = page.locator('.jp-Dialog');
    await send.locator('input').fill('stl');
    await send.locator('.jp-mod-accept').click();
    await expect(results.locator('.jp-hunt-TableStatus')).toContainText(
      'Sent 840 rows × 9 columns to hunt.results["stl"]',
      { timeout: 30000 }
    );

    await page.notebook.activate(NOTEBOOK);
    const output = await runInKernel(
      page,
      [
        "r = hunt.results['stl']",
        'flagged = r[r.anomalies != 0]',
        'print("columns", list(r.columns))',
        'print("rows", len(r), len(flagged), str(r.TimeGenerated.dt.tz), r.anomalies.dtype.kind)',
        'print("times", [str(t) for t in flagged.TimeGenerated])',
        'print("same input", (r.TotalBytesSent.values == df.TotalBytesSent.values).all())'
      ].join('\n')
    );
    expect(output).toContain(`columns ${pythonList(MSTICPY_COLUMNS)}`);
    expect(output).toContain('rows 840 3 UTC i');
    expect(output).toContain(`times ${pythonList(MSTICPY_ANOMALIES)}`);
    expect(output).toContain('same input True');
    expect(errors).toEqual([]);
  });
});

function pythonList(items: string[]): string {
  return `[${items.map(s => `'${s}'`).join(', ')}]`;
}
