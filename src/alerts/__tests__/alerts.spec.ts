import { Table, tableFromArrays, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { mergeEntities } from '../../entities/entity';
import {
  alertAsEntity,
  alertEntities,
  alertLabel,
  alertsFromTable,
  extendedProperties,
  filterAlerts
} from '../parse';

// Entities as Sentinel's SecurityAlert stores them: $id/$ref links, lower-case Type names,
// a nested File inside the Process (ImageFile) and references back to Host and Account.
const processAlertEntities = JSON.stringify([
  {
    $id: '3',
    DnsDomain: 'na.contosohotels.com',
    HostName: 'victim00',
    OSFamily: 'Windows',
    Type: 'host'
  },
  {
    $id: '4',
    Name: 'adm1n',
    NTDomain: 'VICTIM00',
    Host: { $ref: '3' },
    Sid: 'S-1-5-21-123-456-789-500',
    IsDomainJoined: true,
    Type: 'account'
  },
  {
    $id: '5',
    ProcessId: '0x1f34',
    CommandLine: 'cmd.exe /c "powershell -enc SQBFAFgA"',
    ElevationToken: 'Default',
    CreationTimeUtc: '2019-01-18T22:54:59.37Z',
    ImageFile: { $id: '6', Directory: 'c:\\windows\\system32', Name: 'cmd.exe', Type: 'file' },
    Account: { $ref: '4' },
    Host: { $ref: '3' },
    Type: 'process'
  },
  { $id: '7', Address: '40.76.4.15', Type: 'ip' },
  { $id: '8', Url: 'http://evil.example/payload.ps1', Type: 'url' },
  {
    $id: '9',
    Algorithm: 'SHA256',
    Value: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    Type: 'filehash'
  },
  { $id: '10', Name: 'x', Type: 'blob-container' }
]);

function alertTable() {
  const time = vectorFromArray(
    [
      new Date('2019-01-18T23:05:00Z'),
      new Date('2019-01-18T22:55:00Z'),
      new Date('2019-01-19T01:00:00Z')
    ],
    new TimestampMillisecond('UTC')
  );
  const text: Record<string, string[]> = {
    AlertName: ['Suspicious process executed', 'Detected encoded PowerShell', 'Broken entities'],
    Severity: ['High', 'Medium', 'Low'],
    Description: [
      'Machine logs indicate a suspicious process <script>alert(1)</script>',
      'Encoded',
      ''
    ],
    ProviderName: ['MDATP', 'ASI Scheduled Alerts', 'Custom'],
    ProductName: [
      'Microsoft Defender Advanced Threat Protection',
      'Azure Sentinel',
      'Azure Sentinel'
    ],
    CompromisedEntity: ['victim00', 'victim00', ''],
    SystemAlertId: [
      'f1ce87ca-8863-4a66-a0bd-a4d3776a7c64',
      '2518385181809999999_e5b1b5b3',
      'b0000000-0000-0000-0000-000000000000'
    ],
    Entities: [processAlertEntities, '[{"$id":"2","Address":"10.0.0.9","Type":"ip"}]', '{not json'],
    ExtendedProperties: [
      '{"Process name":"cmd.exe","Suspicious activity":["a","b"]}',
      'not an object',
      ''
    ]
  };
  const columns = Object.fromEntries(
    Object.entries(text).map(([k, v]) => [k, vectorFromArray(v, new Utf8())])
  );
  return new Table({ TimeGenerated: time, ...columns });
}

describe('alerts from a SecurityAlert table', () => {
  const { alerts, truncated } = alertsFromTable(alertTable());

  it('reads rows sorted by time with SelectAlert labels and filters them', () => {
    expect(truncated).toBe(false);
    expect(alerts.map(a => a.name)).toEqual([
      'Detected encoded PowerShell',
      'Suspicious process executed',
      'Broken entities'
    ]);
    expect(alertLabel(alerts[1])).toBe(
      '2019-01-18 23:05:00 - Suspicious process executed - Microsoft Defender Advanced Threat Protection'
    );
    expect(filterAlerts(alerts, 'POWERSHELL').map(a => a.row)).toEqual([1]);
    expect(filterAlerts(alerts, 'high').map(a => a.row)).toEqual([0]);
    expect(alerts[1].fields.find(([k]) => k === 'Description')![1]).toContain('<script>');
  });

  it('parses Entities with $ref links, nested entities included', () => {
    const { inputs, error } = alertEntities(alerts[1]);
    expect(error).toBeNull();
    expect(inputs.map(i => i.type)).toEqual([
      'host',
      'account',
      'process',
      'file',
      'ip',
      'url',
      'filehash',
      'blob-container'
    ]);
    const process = inputs[2].properties;
    expect(process.CommandLine).toBe('cmd.exe /c "powershell -enc SQBFAFgA"');
    expect(process.ImageFile).toEqual({
      Directory: 'c:\\windows\\system32',
      Name: 'cmd.exe',
      Type: 'file'
    });
    expect(process.Host).toMatchObject({ HostName: 'victim00' });
    expect((process.Account as any).Host).toBeUndefined();
    expect(inputs[1].properties).toMatchObject({
      Name: 'adm1n',
      Host: { HostName: 'victim00', DnsDomain: 'na.contosohotels.com' }
    });
  });

  it('adds them as entities, reporting the unknown type by index', () => {
    const alert = alerts[1];
    const { entities, result } = mergeEntities(
      [],
      [alertAsEntity(alert), ...alertEntities(alert).inputs],
      `alert:${alert.systemAlertId}`
    );
    expect(result.added).toBe(8);
    expect(result.errors).toEqual([{ index: 8, message: 'Unknown entity type "blob-container".' }]);
    expect(entities.map(e => e.type)).toEqual([
      'Alert',
      'Host',
      'Account',
      'Process',
      'File',
      'IpAddress',
      'Url',
      'FileHash'
    ]);
    expect(entities[0].properties).toMatchObject({
      SystemAlertId: 'f1ce87ca-8863-4a66-a0bd-a4d3776a7c64',
      Severity: 'High'
    });
  });

  it('copes with broken Entities and ExtendedProperties', () => {
    expect(alertEntities(alerts[2])).toEqual({
      inputs: [],
      error: 'The Entities column is not a JSON list.'
    });
    expect(extendedProperties(alerts[1])).toEqual([
      ['Process name', 'cmd.exe'],
      ['Suspicious activity', '["a","b"]']
    ]);
    expect(extendedProperties(alerts[0])).toEqual([['ExtendedProperties', 'not an object']]);
  });

  it('names the columns of a table that holds no alerts', () => {
    expect(() => alertsFromTable(tableFromArrays({ a: [1] }))).toThrow(
      /Not an alerts table.*columns: a/
    );
  });
});
