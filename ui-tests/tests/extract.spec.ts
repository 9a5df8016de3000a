import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { columnOf, mainTab, printInKernel, setCode, shownTable, uploadData } from './huntviews';

/**
 * Log lines built from msticpy's sample data: a syslog host's IP, a defanged proxy URL, the
 * sha256 of a VirusTotal file report and a 4688 event whose command line is a PowerShell
 * -EncodedCommand (processes_on_host.csv row 114).
 */
const LOG_CELL = `
import json
import pandas as pd
procs = pd.read_csv('data/msticpy/processes_on_host.csv', index_col=0)
syslog = pd.read_csv('data/msticpy/syslog_data.csv', index_col=0)
vt = json.load(open('data/msticpy/vt3_file_1.json'))
enc = procs[procs.CommandLine.str.contains('JAB0ACAAPQAgACcAZABp', regex=False)].iloc[0]
host = syslog.iloc[0]
print(f"{host.EventTime} {host.HostName} sshd[811]: Accepted publickey for root from {host.HostIP} port 50022")
print(f"{host.EventTime} {host.HostName} squid: TCP_MISS/200 GET hxxp://evil[.]example/x - {host.HostIP}")
print(f"{host.EventTime} av: quarantined {vt['attributes']['meaningful_name']} sha256={vt['attributes']['sha256']}")
print(f"{enc.TimeGenerated} {enc.Computer} 4688 {enc.Account}: {enc.CommandLine}")
`.trim();

const SHA256 = '03bd9a94482f180bb047626cb2f27ccf8daa0e201345480b43585580e09c311b';
const ENCODED =
  'JAB0ACAAPQAgACcAZABpAHIAJwA7AA0ACgAmACAAKAAnAEkAbgB2AG8AawBlACcAKwAnAC0ARQB4AHAAcgBlAHMAcwBpAG8AbgAnACkAIAAkAHQA';
/** What `-enc <ENCODED>` runs: base64 of UTF-16LE text. */
const DECODED = "$t = 'dir';\r\n& ('Invoke'+'-Expression') $t";

/** Right-click the first output of a cell and choose an item of the context menu. */
async function fromOutputMenu(page: IJupyterLabPageFixture, cell: number, item: string) {
  const output = (await page.notebook.getCellOutputLocator(cell))!
    .locator('.jp-OutputArea-child')
    .first();
  await output.click({ button: 'right' });
  await page.locator('.lm-Menu .lm-Menu-item', { hasText: new RegExp(`^${item}$`) }).click();
}

test.describe('Extract IoCs and Decode on cell outputs', () => {
  test('right-click a log output: IoCs (refanged) and the decoded command open as tables; IoCs go to the kernel', async ({
    page,
    tmpPath
  }) => {
    const errors: string[] = [];
    page.on('pageerror', err => errors.push(err.message));
    await uploadData(page, tmpPath, [
      'processes_on_host.csv',
      'syslog_data.csv',
      'vt3_file_1.json'
    ]);
    await page.notebook.createNew('extract.ipynb');
    await page.notebook.setCell(0, 'code', 'from jupyterlab_hunt import hunt');
    await setCode(page, 1, LOG_CELL);
    await page.notebook.run();
    const lines = (await page.notebook.getCellTextOutput(1))!.join('').trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('GET hxxp://evil[.]example/x - 10.0.6.5');
    expect(lines[3]).toContain(`-enc ${ENCODED}`);

    // Extract IoCs: one row per occurrence, defanged forms refanged, the raw text kept.
    await fromOutputMenu(page, 1, 'Extract IoCs');
    const iocView = await mainTab(page, 'IoCs: [2]');
    const summary = 'ipv4: 2, dns: 1, sha256_hash: 1, url: 1';
    await expect(iocView.locator('.jp-hunt-TableStatus')).toHaveText(summary);
    await expect(iocView.locator('.jp-hunt-TableCount')).toContainText('5 rows');
    await expect(page.getByRole('alert').filter({ hasText: 'Extract IoCs done' })).toHaveText(
      `Extract IoCs done: ${summary}`
    );
    const iocs = await shownTable(page, 'IoCs: [2]');
    // IoCType, Observable, SourceIndex, Input first (msticpy's IoCExtract columns), extras after.
    expect(iocs.columns.slice(0, 4)).toEqual(['IoCType', 'Observable', 'SourceIndex', 'Input']);
    const found = iocs.rows.map((_, i) =>
      ['IoCType', 'Observable', 'SourceIndex', 'Raw'].map(c => columnOf(iocs, c)[i])
    );
    expect(found).toEqual([
      ['ipv4', '10.0.6.5', '0', '10.0.6.5'],
      ['url', 'http://evil.example/x', '1', 'hxxp://evil[.]example/x'],
      ['dns', 'evil.example', '1', 'evil[.]example'],
      ['ipv4', '10.0.6.5', '1', '10.0.6.5'],
      ['sha256_hash', SHA256, '2', SHA256]
    ]);
    // Input is the whole source line (SourceIndex = line number of the output).
    expect(columnOf(iocs, 'Input')).toEqual([lines[0], lines[1], lines[1], lines[1], lines[2]]);
    // The PowerShell line holds no plain IoC: nothing from line 3.
    expect(columnOf(iocs, 'SourceIndex')).not.toContain('3');

    // Send to kernel from the IoC view: a DataFrame in hunt.results.
    await iocView.getByRole('button', { name: 'Send to kernel' }).click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog.locator('input')).toHaveValue('IoCs_2');
    await dialog.locator('input').fill('iocs');
    await dialog.locator('.jp-mod-accept').click();
    await expect(iocView.locator('.jp-hunt-TableStatus')).toHaveText(
      `Sent 5 rows × ${iocs.columns.length} columns to hunt.results["iocs"]`,
      { timeout: 30000 }
    );
    const kernelView = await printInKernel(
      page,
      [
        "r = hunt.results['iocs']",
        'print(type(r).__name__, len(r), list(r.columns[:4]))',
        "print(list(zip(r.IoCType, r.Observable, r.SourceIndex.astype('int64'))))",
        "print(repr(r.loc[r.IoCType == 'url', 'Input'].iloc[0]))"
      ].join('\n')
    );
    expect(kernelView).toContain("DataFrame 5 ['IoCType', 'Observable', 'SourceIndex', 'Input']");
    expect(kernelView).toContain(
      "[('ipv4', '10.0.6.5', 0), ('url', 'http://evil.example/x', 1), ('dns', 'evil.example', 1), " +
        `('ipv4', '10.0.6.5', 1), ('sha256_hash', '${SHA256}', 2)]`
    );
    expect(kernelView).toContain(`'${lines[1]}'`);

    // Decode: the -EncodedCommand, decoded through base64 and UTF-16LE.
    await page.notebook.activate('extract.ipynb');
    await fromOutputMenu(page, 1, 'Decode');
    const decodedView = await mainTab(page, 'Decoded: [2]');
    await expect(decodedView.locator('.jp-hunt-TableStatus')).toHaveText('base64 > utf-16le: 1');
    const decoded = await shownTable(page, 'Decoded: [2]');
    expect(decoded.rows).toHaveLength(1);
    expect(columnOf(decoded, 'decoded_string')).toEqual([DECODED]);
    expect(columnOf(decoded, 'original_string')).toEqual([ENCODED]);
    expect(columnOf(decoded, 'encoding_type')).toEqual(['utf-16le']);
    expect(columnOf(decoded, 'src_index')).toEqual(['3']);
    expect(columnOf(decoded, 'full_decoded_string')[0]).toContain(
      `-enc <decoded type='string' name='[base64 > utf-16le]' index='1' depth='1'>${DECODED}</decoded>`
    );
    expect(errors).toEqual([]);
  });

  test('an HTML output is read as inert text: its IP is found, its script never runs', async ({
    page,
    tmpPath
  }) => {
    // A saved notebook with the output of
    //   display(HTML('<b>1.2.3.4</b><script>window.__pwned=1</script>'))
    // (plus an image whose onerror would fire if the HTML were ever put into a live document).
    // Loaded from a file, the output is untrusted, so JupyterLab does not run the script when
    // it renders it (a cell run in this session would be trusted and JupyterLab would run it).
    const html =
      '<b>1.2.3.4</b><script>window.__pwned=1</script><img src="x" onerror="window.__pwned=2">';
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: { name: 'python3', display_name: 'Python 3 (ipykernel)', language: 'python' }
      },
      cells: [
        {
          cell_type: 'code',
          id: 'html-output',
          execution_count: 1,
          metadata: {},
          source: `from IPython.display import HTML, display\ndisplay(HTML(${JSON.stringify(html)}))`,
          outputs: [
            {
              output_type: 'display_data',
              metadata: {},
              data: { 'text/html': [html], 'text/plain': ['<IPython.core.display.HTML object>'] }
            }
          ]
        }
      ]
    };
    await page.contents.uploadContent(JSON.stringify(notebook), 'text', `${tmpPath}/html.ipynb`);
    await page.notebook.openByPath(`${tmpPath}/html.ipynb`);
    await page.notebook.activate('html.ipynb');
    const output = (await page.notebook.getCellOutputLocator(0))!;
    await expect(output).toContainText('1.2.3.4');
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();

    await fromOutputMenu(page, 0, 'Extract IoCs');
    const view = await mainTab(page, 'IoCs: [1]');
    await expect(view.locator('.jp-hunt-TableStatus')).toHaveText('ipv4: 1');
    const iocs = await shownTable(page, 'IoCs: [1]');
    expect(iocs.rows.map(r => [r[0], r[1]])).toEqual([['ipv4', '1.2.3.4']]);
    // The text of the HTML, not its markup: the script's source is not part of it.
    expect(columnOf(iocs, 'Input')).toEqual(['1.2.3.4']);
    // Give a script or an image load every chance to run before checking.
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  });
});
