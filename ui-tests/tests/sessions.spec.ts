import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import {
  columnOf,
  mainTab,
  printInKernel,
  runAction,
  setCode,
  shownTable,
  uploadData
} from './huntviews';

/**
 * Expected values come from msticpy 3.0.2 itself (`.venv-bench`):
 *   s = sessionize_data(procs, user_identifier_cols=['Account'], time_col='TimeGenerated',
 *                       max_session_time_mins=20, max_event_separation_mins=2,
 *                       event_col='NewProcessName')
 *   score_sessions(s, session_column='NewProcessName_list', window_length=3)
 *     .sort_values('rarest_window3_likelihood')
 */
const MSTICPY_PROCESS_SESSIONS = {
  numberEvents: ['58', '160', '66', '56', '23'],
  likelihood: [
    5.539094303470593e-6, 6.870389572228406e-6, 6.971940756897623e-6, 8.306993242260997e-6,
    0.0001219555888732406
  ],
  rarestWindow: [
    'C:\\Windows\\System32\\MusNotification.exe',
    'C:\\Windows\\System32\\cscript.exe',
    'C:\\WindowsAzure\\GuestAgent_2.7.41491.901_2019-01-14_202614\\CollectGuestLogs.exe'
  ]
};

/** Open the "Score sessions" form of a table view. */
async function scoreSessions(page: IJupyterLabPageFixture, table: Locator): Promise<Locator> {
  await runAction(table, 'Score sessions');
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog.locator('.jp-Dialog-header')).toHaveText('Score sessions');
  return dialog;
}

/** Relative closeness, as the sessions job promises against msticpy (docs/sessions.md). */
function expectClose(actual: string[], expected: number[]) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((text, i) => {
    expect(Math.abs(Number(text) - expected[i]) / expected[i], `row ${i}: ${text}`).toBeLessThan(
      1e-9
    );
  });
}

test.describe('Score sessions', () => {
  test('process events of msticpy sample data: sessionized through the form, chart, table sorted by rarity', async ({
    page,
    tmpPath
  }) => {
    const errors: string[] = [];
    page.on('pageerror', err => errors.push(err.message));
    await uploadData(page, tmpPath, ['processes_on_host.csv']);
    await page.notebook.createNew('sessions.ipynb');
    await setCode(
      page,
      0,
      [
        'import pandas as pd',
        'from jupyterlab_hunt import hunt',
        "procs = pd.read_csv('data/msticpy/processes_on_host.csv', index_col=0, parse_dates=['TimeGenerated'])",
        "events = procs[['TimeGenerated', 'Account', 'NewProcessName', 'CommandLine']]",
        "hunt.show(events, title='Process events')"
      ].join('\n')
    );
    await page.notebook.runCell(0, true);
    const table = page.locator('.jp-hunt-TableView').first();
    await expect(table.locator('.jp-hunt-TableCount')).toContainText('363 rows');

    // The form guesses the event columns from their names and types; no session column.
    const dialog = await scoreSessions(page, table);
    await expect(dialog.getByLabel('Session column (one session per row)')).toHaveValue('');
    await expect(dialog.getByLabel('Events: user column')).toHaveValue('Account');
    await expect(dialog.getByLabel('Events: time column')).toHaveValue('TimeGenerated');
    await expect(dialog.getByLabel('Events: command column')).toHaveValue('NewProcessName');
    // Only timestamp columns can be the time column.
    await expect(dialog.getByLabel('Events: time column').locator('option')).toHaveText([
      '(none)',
      /^TimeGenerated \(timestamp/
    ]);
    await dialog.getByLabel('Max session length (minutes)').fill('20');
    await dialog.getByLabel('Max gap between events (minutes)').fill('2');
    await dialog.getByLabel('Rarest window length').fill('3');
    await dialog.locator('.jp-mod-accept').click();

    const label = 'Sessions: Process events';
    const tab = await mainTab(page, label);
    await expect(tab.locator('.jp-hunt-ViewIntro')).toContainText('5 sessions.');
    const dots = tab.locator('.jp-hunt-ScatterChart svg circle');
    await expect(dots).toHaveCount(5);
    await expect(table.locator('.jp-hunt-TableStatus')).toHaveText('Scored 5 sessions');

    // The table under the chart is sorted by the rarest window's log-likelihood, rarest first.
    await expect
      .poll(async () => (await shownTable(page, label)).sortColumn)
      .toBe('rarest_window3_log_likelihood');
    const scored = await shownTable(page, label);
    expect(scored.ascending).toBe(true);
    expect(scored.columns.slice(0, 6)).toEqual([
      'Account',
      'TimeGenerated_min',
      'TimeGenerated_max',
      'NewProcessName_list',
      'duration',
      'number_events'
    ]);
    expect(columnOf(scored, 'number_events')).toEqual(MSTICPY_PROCESS_SESSIONS.numberEvents);
    expectClose(columnOf(scored, 'rarest_window3_likelihood'), MSTICPY_PROCESS_SESSIONS.likelihood);
    const logs = columnOf(scored, 'rarest_window3_log_likelihood').map(Number);
    expect([...logs].sort((a, b) => a - b)).toEqual(logs);
    // The rarest session: its rarest window of three processes, as msticpy finds it.
    expect(JSON.parse(columnOf(scored, 'rarest_window3')[0])).toEqual(
      MSTICPY_PROCESS_SESSIONS.rarestWindow
    );
    expect(columnOf(scored, 'Account')[0]).toBe('WORKGROUP\\MSTICAlertsWin1$');

    // The lowest dot of the chart is that session: clicking it shows its rarest window.
    const lowest = await dots.evaluateAll(circles =>
      circles.reduce(
        (best, c, i, all) =>
          Number(c.getAttribute('cy')) > Number(all[best].getAttribute('cy')) ? i : best,
        0
      )
    );
    await dots.nth(lowest).click();
    const caption = tab.locator('.jp-hunt-SessionDetail');
    await expect(caption).toContainText(
      `rarest_window3: ${JSON.stringify(MSTICPY_PROCESS_SESSIONS.rarestWindow)}`
    );
    await expect(caption).toContainText('rarest_window3_likelihood: 0.000005539094303470593');
    expect(errors).toEqual([]);
  });

  test('literal sessions in a list column: the odd session is the rarest', async ({ page }) => {
    // msticpy 3.0.2: score_sessions(df, 'session', window_length=3) gives session 12 the lowest
    // rarest-window likelihood, 0.004218623984118121, for the window ['curl', 'chmod', 'sh'].
    await page.notebook.createNew('list-sessions.ipynb');
    await setCode(
      page,
      0,
      [
        'import pandas as pd',
        'from jupyterlab_hunt import hunt',
        "normal = [['ls', 'cd', 'ls'], ['cd', 'ls', 'cat'], ['ls', 'cat', 'cd', 'ls']]",
        "sessions = normal * 4 + [['ls', 'curl', 'chmod', 'sh', 'ls']]",
        "df = pd.DataFrame({'user': [f'u{i % 3}' for i in range(len(sessions))], 'session': sessions})",
        "hunt.show(df, title='Shell sessions')"
      ].join('\n')
    );
    await page.notebook.runCell(0, true);
    const table = page.locator('.jp-hunt-TableView').first();
    await expect(table.locator('.jp-hunt-TableCount')).toContainText('13 rows');
    const dialog = await scoreSessions(page, table);
    // A list column named "session" is taken as the sessions.
    await expect(dialog.getByLabel('Session column (one session per row)')).toHaveValue('session');
    await dialog.locator('.jp-mod-accept').click();

    const label = 'Sessions: Shell sessions';
    const tab = await mainTab(page, label);
    await expect(tab.locator('.jp-hunt-ViewIntro')).toContainText('13 sessions.');
    await expect(tab.locator('.jp-hunt-ScatterChart svg circle')).toHaveCount(13);
    await expect
      .poll(async () => (await shownTable(page, label)).sortColumn)
      .toBe('rarest_window3_log_likelihood');
    const scored = await shownTable(page, label);
    // Input rows are kept (user, session) with the scores appended.
    expect(scored.columns.slice(0, 2)).toEqual(['user', 'session']);
    expect(JSON.parse(columnOf(scored, 'session')[0])).toEqual(['ls', 'curl', 'chmod', 'sh', 'ls']);
    expect(JSON.parse(columnOf(scored, 'rarest_window3')[0])).toEqual(['curl', 'chmod', 'sh']);
    expectClose(columnOf(scored, 'rarest_window3_likelihood').slice(0, 1), [0.004218623984118121]);
    // Every other session is more likely.
    const likelihoods = columnOf(scored, 'rarest_window3_likelihood').map(Number);
    expect(Math.min(...likelihoods.slice(1))).toBeGreaterThan(likelihoods[0]);

    // The scores go back to pandas as msticpy returns them: windows as lists of strings
    // (they travel as dictionary-encoded lists both ways).
    const results = tab.locator('.jp-hunt-TableView');
    await results.getByRole('button', { name: 'Send to kernel' }).click();
    const send = page.locator('.jp-Dialog');
    await send.locator('input').fill('scored');
    await send.locator('.jp-mod-accept').click();
    await expect(results.locator('.jp-hunt-TableStatus')).toContainText(
      'to hunt.results["scored"]',
      { timeout: 30000 }
    );
    await page.notebook.activate('list-sessions.ipynb');
    const output = await printInKernel(
      page,
      [
        "r = hunt.results['scored'].sort_values('rarest_window3_likelihood')",
        "print('window', [type(c).__name__ + ':' + c for c in r.rarest_window3.iloc[0]])",
        "print('session', list(r.session.iloc[0]))",
        "print('likelihood', r.rarest_window3_likelihood.iloc[0])"
      ].join('\n')
    );
    expect(output).toContain("window ['str:curl', 'str:chmod', 'str:sh']");
    expect(output).toContain("session ['ls', 'curl', 'chmod', 'sh', 'ls']");
    expect(output).toContain('likelihood 0.00421862398411812');
  });
});
