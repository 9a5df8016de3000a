import { InvestigationContextModel } from '../../context/model';
import { NotebookModel } from '@jupyterlab/notebook';
import {
  entityLabel,
  exportEntities,
  filterEntities,
  groupByType,
  inferEntityType,
  inputFromCell,
  inputFromValue,
  mergeEntities,
  normaliseInput,
  parseImport
} from '../entity';
import { EntitiesModel } from '../model';
import { entityType, ENTITY_TYPES, isIPv6 } from '../types';

describe('entity types', () => {
  it('resolves msticpy names and Sentinel aliases', () => {
    expect(entityType('ip')?.name).toBe('IpAddress');
    expect(entityType('registry-key')?.name).toBe('RegistryKey');
    expect(entityType('MACHINE')?.name).toBe('Host');
    expect(entityType('nope')).toBeUndefined();
    expect(new Set(ENTITY_TYPES.map(t => t.name)).size).toBe(ENTITY_TYPES.length);
  });

  it('validates and splits typed values per type', () => {
    expect(inputFromValue('IpAddress', ' 10.0.0.1 ')).toEqual({
      type: 'IpAddress',
      properties: { Address: '10.0.0.1' }
    });
    expect(inputFromValue('IpAddress', '2001:db8::1')).toMatchObject({
      properties: { Address: '2001:db8::1' }
    });
    expect(inputFromValue('IpAddress', '300.1.1.1')).toHaveProperty('error');
    expect(isIPv6('2001:db8:::1')).toBe(false);
    expect(inputFromValue('Account', 'CONTOSO\\alice')).toMatchObject({
      properties: { NTDomain: 'CONTOSO', Name: 'alice' }
    });
    expect(inputFromValue('Account', 'alice@contoso.com')).toMatchObject({
      properties: { Name: 'alice', UPNSuffix: 'contoso.com', Upn: 'alice@contoso.com' }
    });
    expect(inputFromValue('Host', 'web01.contoso.local')).toMatchObject({
      properties: { HostName: 'web01', DnsDomain: 'contoso.local' }
    });
    expect(inputFromValue('FileHash', 'D41D8CD98F00B204E9800998ECF8427E')).toMatchObject({
      properties: { Algorithm: 'MD5', Value: 'd41d8cd98f00b204e9800998ecf8427e' }
    });
    expect(inputFromValue('FileHash', 'abc')).toHaveProperty('error');
    expect(inputFromValue('File', 'C:\\Windows\\System32\\cmd.exe')).toMatchObject({
      properties: { Directory: 'C:\\Windows\\System32', Name: 'cmd.exe' }
    });
    expect(inputFromValue('RegistryKey', 'HKLM\\SOFTWARE\\Run')).toMatchObject({
      properties: { Hive: 'HKEY_LOCAL_MACHINE', Key: 'SOFTWARE\\Run' }
    });
    expect(inputFromValue('Url', 'javascript:alert(1)')).toHaveProperty('error');
    expect(inputFromValue('Url', 'hxxp://evil')).toHaveProperty('error');
    expect(inputFromValue('Dns', 'Evil.Example.COM')).toMatchObject({
      properties: { DomainName: 'evil.example.com' }
    });
    expect(
      inputFromValue(
        'AzureResource',
        '/subscriptions/40dcc8bf-0478-4f3b-b275-ed0a94f2c013/resourceGroups/rg'
      )
    ).not.toHaveProperty('error');
    expect(inputFromValue('Mailbox', 'not mail')).toHaveProperty('error');
    expect(inputFromValue('NetworkConnection', 'x')).toHaveProperty('error');
  });
});

describe('inference from table columns', () => {
  it.each([
    ['IPAddress', '10.1.2.3', 'IpAddress'],
    ['SrcIP', '10.1.2.3', 'IpAddress'],
    ['ClientIP', '::1', 'IpAddress'],
    ['Computer', 'web01.contoso.local', 'Host'],
    ['Account', 'CONTOSO\\alice', 'Account'],
    ['TargetUserName', 'bob', 'Account'],
    ['Url', 'https://evil.example/x', 'Url'],
    ['SHA256', 'a'.repeat(64), 'FileHash'],
    ['CommandLine', 'cmd.exe /c whoami', 'Process'],
    ['NewProcessName', 'C:\\Windows\\cmd.exe', 'File'],
    ['QueryName', 'evil.example.com', 'Dns'],
    ['Notes', '10.1.2.3', 'IpAddress'],
    ['SrcIP', 'not an ip', null],
    ['Notes', 'free text', null],
    ['Computer', '', null]
  ])('%s = %s -> %s', (column, value, expected) => {
    expect(inferEntityType(column, value)).toBe(expected);
  });

  it('builds an input from a cell', () => {
    expect(inputFromCell('DestinationIP', '8.8.8.8')).toEqual({
      type: 'IpAddress',
      properties: { Address: '8.8.8.8' }
    });
    expect(inputFromCell('Anything', 'hello')).toBeNull();
  });
});

describe('merge, search, group', () => {
  it('de-duplicates by ID properties case-insensitively and fills missing properties', () => {
    const first = mergeEntities(
      [],
      [{ type: 'Host', properties: { HostName: 'WEB01', DnsDomain: 'contoso.local' } }],
      'manual'
    );
    const { entities, result } = mergeEntities(
      first.entities,
      [
        {
          type: 'host',
          properties: { HostName: 'web01', DnsDomain: 'CONTOSO.local', OSFamily: 'Windows' }
        },
        { type: 'ip', properties: { Address: '10.0.0.1' } },
        { type: 'ip', properties: { Address: 'bad' } },
        { type: 'Spaceship', properties: {} },
        'junk'
      ],
      'table:logons'
    );
    expect(result.added).toBe(1);
    expect(result.merged).toBe(1);
    expect(result.errors.map(e => e.index)).toEqual([2, 3, 4]);
    expect(result.errors[0].message).toMatch(/IpAddress.Address/);
    expect(entities[0].properties).toEqual({
      HostName: 'WEB01',
      DnsDomain: 'contoso.local',
      OSFamily: 'Windows'
    });
    expect(entities[1]).toMatchObject({ type: 'IpAddress', source: 'table:logons', pinned: false });
    expect(filterEntities(entities, 'windows').map(e => e.type)).toEqual(['Host']);
    expect(groupByType(entities).map(([t, l]) => [t, l.length])).toEqual([
      ['Host', 1],
      ['IpAddress', 1]
    ]);
    expect(entityLabel(entities[0])).toBe('WEB01');
  });

  it('refuses records without an ID property and drops $ keys', () => {
    expect(normaliseInput({ type: 'Host', properties: { OSFamily: 'Linux' } }, 'x')).toEqual({
      error: 'Host needs one of HostName, DnsDomain, AzureID, OMSAgentID, DeviceId.'
    });
    const e = normaliseInput({ type: 'ip', properties: { $id: '3', Address: '1.2.3.4' } }, 'x');
    expect(e).toMatchObject({ properties: { Address: '1.2.3.4' } });
  });
});

describe('export and import', () => {
  const { entities } = mergeEntities(
    [],
    [
      { type: 'IpAddress', properties: { Address: '10.0.0.1' }, pinned: true },
      { type: 'Account', properties: { Name: 'alice', NTDomain: 'CONTOSO' } }
    ],
    'manual'
  );

  it('round-trips with flags', () => {
    const back = mergeEntities([], parseImport(exportEntities(entities)), 'import');
    expect(back.result).toEqual({ added: 2, merged: 0, errors: [] });
    expect(back.entities.map(e => [e.id, e.pinned])).toEqual(entities.map(e => [e.id, e.pinned]));
  });

  it('reads Sentinel-style records and reports bad ones by index', () => {
    const text = JSON.stringify([
      { Type: 'ip', Address: '40.40.40.40' },
      { Type: 'url', Url: 'not a url' },
      { type: 'Dns', properties: { DomainName: 'evil.example' } },
      42
    ]);
    const { result } = mergeEntities([], parseImport(text), 'import');
    expect(result.added).toBe(2);
    expect(result.errors.map(e => e.index)).toEqual([1, 3]);
    expect(() => parseImport('{"nope": 1}')).toThrow(/JSON array/);
    expect(() => parseImport('not json')).toThrow();
  });
});

describe('EntitiesModel', () => {
  it('stores entities in the active notebook and refuses without one', () => {
    const context = new InvestigationContextModel();
    const model = new EntitiesModel(context);
    let changes = 0;
    model.changed.connect(() => changes++);
    expect(
      model.add([{ type: 'ip', properties: { Address: '1.1.1.1' } }], 'x').errors
    ).toHaveLength(1);
    const nb = new NotebookModel();
    context.setCurrent({ path: 'a.ipynb', metadata: nb });
    const result = model.add([{ type: 'ip', properties: { Address: '1.1.1.1' } }], 'x');
    expect(result.added).toBe(1);
    const id = model.entities[0].id;
    model.toggle(id, 'pinned');
    model.select([id]);
    expect(nb.getMetadata('hunt').entities[0]).toMatchObject({
      pinned: true,
      selected: true,
      source: 'x'
    });
    model.clearUnpinned();
    expect(model.entities).toHaveLength(1);
    model.remove([id]);
    expect(model.entities).toHaveLength(0);
    expect(changes).toBeGreaterThanOrEqual(5);
  });
});
