import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import {
  clickGridCell,
  mainTab,
  pollKernelLines,
  printInKernel,
  runAction,
  setCode,
  uploadData
} from './huntviews';

/** The kernel's hunt.entities, one "type|value|source" line each, once it has `count` entities. */
async function kernelEntities(page: IJupyterLabPageFixture, count: number): Promise<string[]> {
  const code = ['for e in hunt.entities:', "    print(f'{e.type}|{e.value}|{e.source}')"].join(
    '\n'
  );
  return pollKernelLines(page, code, count);
}

/** Three alerts in the Sentinel SecurityAlert schema (Entities as JSON text with $id / $ref). */
const ALERTS_CELL = `
import json
import pandas as pd
from jupyterlab_hunt import hunt
c2_entities = [
    {'$id': '2', 'HostName': 'web-01', 'DnsDomain': 'contoso.com', 'OSFamily': 'Linux', 'Type': 'host'},
    {'$id': '3', 'Address': '203.0.113.7', 'Location': {'CountryCode': 'NL'}, 'Type': 'ip'},
    {'$id': '4', 'Url': 'http://203.0.113.7/beacon', 'Type': 'url'},
    {'$id': '5', 'Name': 'www-data', 'Host': {'$ref': '2'}, 'Type': 'account'},
]
ps_entities = [
    {'$id': '2', 'HostName': 'victim-pc', 'Type': 'host'},
    {'$id': '3', 'CommandLine': 'powershell -enc JABhAD0A', 'ProcessId': '0x1f4', 'Type': 'process'},
]
alerts = pd.DataFrame({
    'TimeGenerated': pd.to_datetime(['2024-05-01 10:00', '2024-05-01 11:30', '2024-05-01 09:15'], utc=True),
    'AlertName': ['Suspicious PowerShell command line', 'Traffic to a known C2 address', 'Brute force of a local account'],
    'Severity': ['High', 'Medium', 'Low'],
    'ProviderName': ['MDATP', 'ASC', 'ASC'],
    'ProductName': ['Microsoft Defender for Endpoint', 'Azure Security Center', 'Azure Security Center'],
    'CompromisedEntity': ['victim-pc', 'web-01', 'victim-pc'],
    'SystemAlertId': ['7f3c0a6e-0001', '7f3c0a6e-0002', '7f3c0a6e-0003'],
    'Description': ['An encoded PowerShell command ran.', 'web-01 connected to a known C2 server.', 'Many failed logons.'],
    'Entities': [json.dumps(ps_entities), json.dumps(c2_entities), '[]'],
    'ExtendedProperties': [json.dumps({'Tactic': 'Execution'}), json.dumps({'Tactic': 'CommandAndControl', 'Port': '443'}), '{}'],
})
hunt.show(alerts, title='SecurityAlert sample')
`.trim();

test.describe('Entities from tables and alerts', () => {
  test('selected cells of an IP column become IpAddress entities in the kernel', async ({
    page,
    tmpPath
  }) => {
    const errors: string[] = [];
    page.on('pageerror', err => errors.push(err.message));
    await uploadData(page, tmpPath, ['az_net_flows.csv']);
    await page.notebook.createNew('entities.ipynb');
    await setCode(
      page,
      0,
      [
        'import pandas as pd',
        'from jupyterlab_hunt import hunt',
        "flows = pd.read_csv('data/msticpy/az_net_flows.csv', index_col=0)",
        "top = flows.groupby('AllExtIPs').size().sort_values(ascending=False, kind='stable').head(5)",
        "top_ips = top.reset_index(name='Flows')",
        "hunt.show(top_ips, title='Top external IPs')",
        'print(list(top_ips.AllExtIPs))'
      ].join('\n')
    );
    await page.notebook.runCell(0, true);
    const printed = (await page.notebook.getCellTextOutput(0))!.join('');
    const ips: string[] = JSON.parse(printed.slice(printed.indexOf('[')).replace(/'/g, '"'));
    expect(ips.slice(0, 3)).toEqual(['13.71.172.130', '65.55.44.109', '40.124.45.19']);
    const table = page.locator('.jp-hunt-TableView').first();
    await expect(table.locator('.jp-hunt-TableCount')).toContainText('5 rows');

    // Select the first three cells of the AllExtIPs column: click, then shift-click.
    await clickGridCell(page, table, 0, 0);
    await clickGridCell(page, table, 2, 0, ['Shift']);
    await runAction(table, 'Add as entities');
    await expect(table.locator('.jp-hunt-TableStatus')).toContainText('Added 3');

    const entities = await kernelEntities(page, 3);
    expect(entities).toEqual(ips.slice(0, 3).map(ip => `IpAddress|${ip}|table:Top external IPs`));
    // The Entities panel of the sidebar shows them too.
    await page.sidebar.openTab('jupyterlab-hunt-sidebar');
    await expect(page.locator('#jupyterlab-hunt-entities .jp-hunt-Entities-group h3')).toHaveText([
      'IpAddress (3)'
    ]);
    expect(errors).toEqual([]);
  });

  test('Pick alerts on a SecurityAlert table: one alert and its entities go to the kernel', async ({
    page
  }) => {
    const errors: string[] = [];
    page.on('pageerror', err => errors.push(err.message));
    await page.notebook.createNew('alerts.ipynb');
    await setCode(page, 0, ALERTS_CELL);
    await page.notebook.runCell(0, true);
    const table = page.locator('.jp-hunt-TableView').first();
    await expect(table.locator('.jp-hunt-TableCount')).toContainText('3 rows');
    await runAction(table, 'Pick alerts');

    const picker = await mainTab(page, 'Alerts: SecurityAlert sample');
    // Listed by time, as SelectAlert: "time - name - product".
    const options = picker.getByRole('option');
    await expect(options).toHaveText([
      '2024-05-01 09:15:00 - Brute force of a local account - Azure Security Center',
      '2024-05-01 10:00:00 - Suspicious PowerShell command line - Microsoft Defender for Endpoint',
      '2024-05-01 11:30:00 - Traffic to a known C2 address - Azure Security Center'
    ]);
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    await picker.getByRole('searchbox', { name: 'Filter alerts by title' }).fill('c2');
    await expect(options).toHaveCount(1);
    await options.first().click();
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');

    const details = picker.locator('.jp-hunt-AlertPicker-details');
    await expect(details).toContainText('Traffic to a known C2 address');
    await expect(details.locator('h3')).toHaveText('Entities (4)');
    await expect(details.locator('.jp-hunt-AlertPicker-entities .jp-hunt-Entity-type')).toHaveText([
      'host',
      'ip',
      'url',
      'account'
    ]);
    await details.getByRole('button', { name: 'Add 5 entities' }).click();
    await expect(details.locator('.jp-hunt-Message')).toHaveText('Added 5 entities, merged 0.');

    const code = [
      'import json',
      'for e in hunt.entities:',
      "    print(e.type, '|', e.source, '|', json.dumps(e.properties, sort_keys=True))"
    ].join('\n');
    const lines = await pollKernelLines(page, code, 5);
    const from = 'alert:7f3c0a6e-0002';
    expect(lines).toEqual([
      `Alert | ${from} | {"AlertDisplayName": "Traffic to a known C2 address", "CompromisedEntity": "web-01", ` +
        '"ProductName": "Azure Security Center", "ProviderName": "ASC", "Severity": "Medium", ' +
        '"SystemAlertId": "7f3c0a6e-0002", "TimeGenerated": "2024-05-01T11:30:00.000Z"}',
      `Host | ${from} | {"DnsDomain": "contoso.com", "HostName": "web-01", "OSFamily": "Linux"}`,
      `IpAddress | ${from} | {"Address": "203.0.113.7"}`,
      `Url | ${from} | {"Url": "http://203.0.113.7/beacon"}`,
      // The account's Host is resolved from its {"$ref": "2"}.
      `Account | ${from} | {"Host": {"DnsDomain": "contoso.com", "HostName": "web-01", "OSFamily": "Linux", ` +
        '"Type": "host"}, "Name": "www-data"}'
    ]);
    // Nothing of the other alerts.
    expect(
      await printInKernel(
        page,
        "print(hunt.entities.of_type('ipaddress').values, len(hunt.entities.of_type('Process')))"
      )
    ).toContain("['203.0.113.7'] 0");
    expect(errors).toEqual([]);
  });
});
