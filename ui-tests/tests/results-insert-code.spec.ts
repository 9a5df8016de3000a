import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import { mainTab, printInKernel, runAction, setCode, shownTable, uploadData } from './huntviews';
import { expectSameAsUi, insertCode, sendResult } from './resultarea';

// "Insert code" on a result tab puts the kernel call below the active cell; running it runs
// the same worker analysis through the comm and returns a DataFrame equal to the UI's result.

const NOTEBOOK = 'reproduce.ipynb';

const SETUP = [
  'import numpy as np',
  'import pandas as pd',
  'from jupyterlab_hunt import hunt',
  "procs = pd.read_csv('data/msticpy/processes_on_host.csv', index_col=0, parse_dates=['TimeGenerated'])",
  "events = procs[['TimeGenerated', 'Account', 'NewProcessName', 'CommandLine']]",
  "net = pd.read_csv('data/msticpy/time_series.csv', encoding='utf-8-sig')",
  "net['TimeGenerated'] = pd.to_datetime(net['TimeGenerated'], utc=True)",
  "net = net[['TimeGenerated', 'TotalBytesSent']]"
].join('\n');

async function openNotebook(page: IJupyterLabPageFixture, tmpPath: string): Promise<void> {
  await uploadData(page, tmpPath, ['processes_on_host.csv', 'time_series.csv']);
  await page.notebook.createNew(NOTEBOOK);
  await setCode(page, 0, SETUP);
  await setCode(page, 1, 'hunt.show(events)');
  await setCode(page, 2, 'hunt.show(net)');
  await page.notebook.run();
}

/** The hunt.show table view titled `title` in the notebook. */
async function tableOf(page: IJupyterLabPageFixture, title: string): Promise<Locator> {
  const table = page.locator('.jp-NotebookPanel .jp-hunt-TableView', {
    has: page.locator('.jp-hunt-TableTitle', { hasText: new RegExp(`^${title}$`) })
  });
  await expect(table.locator('.jp-hunt-TableCount')).toContainText('rows');
  return table;
}

/** Interrupt the notebook's kernel: the REST call of Kernel > Interrupt Kernel (galata's
 * route of that call fails on its empty reply, so it is made outside the page). */
async function interruptKernel(page: IJupyterLabPageFixture): Promise<void> {
  const id = await page.evaluate(() => {
    const app = (window as any).jupyterapp;
    const panel = [...app.shell.widgets('main')].find((w: any) => w.sessionContext);
    return panel.sessionContext.session.kernel.id as string;
  });
  const response = await page.request.post(`/api/kernels/${id}/interrupt`);
  expect(response.status()).toBe(204);
}

/** Run the inserted cell; fails with its text when it raised. */
async function runInserted(page: IJupyterLabPageFixture, index: number): Promise<string> {
  await page.notebook.runCell(index, true);
  const out = ((await page.notebook.getCellTextOutput(index)) ?? []).join('');
  expect(out).not.toMatch(/Error|Traceback/);
  return out;
}

test.describe('Insert code', () => {
  test('Extract IoCs, Decode, Score sessions and STL: the inserted call returns the UI result', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(300000);
    const errors: string[] = [];
    page.on('pageerror', err => errors.push(err.message));
    await openNotebook(page, tmpPath);
    const events = await tableOf(page, 'events');

    // Extract IoCs on every column of the table.
    await runAction(events, 'Extract IoCs');
    await mainTab(page, 'IoCs: events');
    await sendResult(page, 'IoCs: events', 'ui_iocs');
    let cell = await insertCode(page, 'IoCs: events');
    expect(cell.code).toContain('iocs = hunt.extract_iocs(events, columns=[');
    await runInserted(page, cell.index);
    await expectSameAsUi(page, 'iocs', 'IoCs: events', 'ui_iocs');
    expect((await shownTable(page, 'IoCs: events')).rows.length).toBeGreaterThan(10);

    // Decode: the PowerShell -EncodedCommand of the sample.
    await runAction(events, 'Decode');
    await mainTab(page, 'Decoded: events');
    await sendResult(page, 'Decoded: events', 'ui_decoded');
    cell = await insertCode(page, 'Decoded: events');
    expect(cell.code).toContain('decoded = hunt.decode(events, columns=[');
    await runInserted(page, cell.index);
    await expectSameAsUi(page, 'decoded', 'Decoded: events', 'ui_decoded');

    // Score sessions through the form.
    await runAction(events, 'Score sessions');
    const form = page.locator('.jp-Dialog');
    await form.getByLabel('Max session length (minutes)').fill('20');
    await form.getByLabel('Max gap between events (minutes)').fill('2');
    await form.getByLabel('Rarest window length').fill('3');
    await form.locator('.jp-mod-accept').click();
    await mainTab(page, 'Sessions: events');
    await sendResult(page, 'Sessions: events', 'ui_sessions');
    cell = await insertCode(page, 'Sessions: events');
    expect(cell.code).toContain('sessions = hunt.score_sessions(events, ');
    expect(cell.code).toContain('max_session_time_mins=20');
    await runInserted(page, cell.index);
    // The sessions view sorts its table by rarity; the call returns the job's order.
    await expectSameAsUi(page, 'sessions', 'Sessions: events', 'ui_sessions', [
      'Account',
      'TimeGenerated_min'
    ]);

    // STL with msticpy parity.
    const net = await tableOf(page, 'net');
    await runAction(net, 'Time-series anomalies (STL)');
    await form.getByLabel('msticpy parity (ts_anomalies_stl)').check();
    await form.locator('.jp-mod-accept').click();
    await mainTab(page, 'STL: net');
    await sendResult(page, 'STL: net', 'ui_stl');
    cell = await insertCode(page, 'STL: net');
    expect(cell.code).toContain('stl = hunt.stl(net, time_column="TimeGenerated"');
    expect(cell.code).toContain('parity="msticpy"');
    await runInserted(page, cell.index);
    await expectSameAsUi(page, 'stl', 'STL: net', 'ui_stl');
    const flagged = await printInKernel(page, 'print(int((stl.anomalies != 0).sum()))');
    expect(flagged.trim()).toBe('3');
    expect(errors).toEqual([]);
  });

  test('a table titled by something that is not its variable: the inserted code still names the DataFrame', async ({
    page,
    tmpPath
  }) => {
    await uploadData(page, tmpPath, ['processes_on_host.csv', 'time_series.csv']);
    await page.notebook.createNew(NOTEBOOK);
    await setCode(page, 0, SETUP);
    // "bytes" is a Python name but not this DataFrame's variable (it is a builtin).
    await setCode(page, 1, "hunt.show(net, title='bytes')");
    await page.notebook.run();
    const net = await tableOf(page, 'bytes');
    await runAction(net, 'Time-series anomalies (STL)');
    await page.locator('.jp-Dialog .jp-mod-accept').click();
    await mainTab(page, 'STL: bytes');
    await sendResult(page, 'STL: bytes', 'ui_stl');
    const cell = await insertCode(page, 'STL: bytes');
    expect(cell.code).toContain('stl = hunt.stl(net, ');
    await runInserted(page, cell.index);
    await expectSameAsUi(page, 'stl', 'STL: bytes', 'ui_stl');
  });

  test('Interrupt while hunt.stl waits: the cell stops, the kernel and the UI stay usable', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(300000);
    await openNotebook(page, tmpPath);
    // A long series keeps the worker busy for a while.
    const big = [
      'n = 1_000_000',
      "big = pd.DataFrame({'t': pd.date_range('2020-01-01', periods=n, freq='min', tz='UTC'),",
      "                    'v': np.random.default_rng(1).poisson(50, n)})",
      "slow = hunt.stl(big, time_column='t', data_column='v', period=1440)"
    ].join('\n');
    await page.notebook.addCell('code', big);
    const index = (await page.notebook.getCellCount()) - 1;
    await page.notebook.runCell(index, { inplace: true, wait: false });
    const cell = (await page.notebook.getCellLocator(index))!;
    // Wait until the cell is in hunt.stl (the request reached JupyterLab), then interrupt.
    await expect(cell.locator('.jp-InputPrompt')).toHaveText('[*]:');
    await page.waitForTimeout(4000);
    await expect(cell.locator('.jp-InputPrompt')).toHaveText('[*]:');
    await interruptKernel(page);
    const prompt = async () => (await cell.locator('.jp-InputPrompt').textContent()) ?? '';
    await expect.poll(prompt, { timeout: 20000 }).not.toBe('[*]:');
    const out = ((await page.notebook.getCellTextOutput(index)) ?? []).join('');
    expect(out).toContain('KeyboardInterrupt');

    // The kernel runs the next cell, and a small hunt.stl answers at once.
    const started = Date.now();
    const small = await printInKernel(
      page,
      "r = hunt.stl(net, time_column='TimeGenerated', data_column='TotalBytesSent', period=24)\nprint(r.shape)"
    );
    expect(small.trim()).toMatch(/^\(840, \d+\)$/);
    expect(Date.now() - started).toBeLessThan(15000);
    // The UI: a table action still runs.
    await runAction(await tableOf(page, 'net'), 'Time-series anomalies (STL)');
    await page.locator('.jp-Dialog .jp-mod-accept').click();
    await mainTab(page, 'STL: net');
  });
});
