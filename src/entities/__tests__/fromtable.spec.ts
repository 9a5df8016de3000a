import { inputFromIoc, ISelection, selectionInputs } from '../fromtable';

/** The IoC result of the screenshot (04-add-as-entities): IoCType, Observable, SourceIndex. */
const IOC_ROWS = [
  ['dns', 'evil-c2.example.com', '0'],
  ['url', 'http://evil-c2.example.com/stage2.ps1', '0'],
  ['ipv4', '203.0.113.45', '0'],
  ['ipv4_port', '198.51.100.7:443', '1'],
  ['ipv4', '198.51.100.7', '1'],
  ['md5_hash', 'D41D8CD98F00B204E9800998ECF8427E', '2'],
  ['sha256_hash', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', '2'],
  ['email', 'Alice@Contoso.com', '3'],
  ['ipv6', '2001:db8::7', '3'],
  ['windows_path', 'C:\\Windows\\Temp\\x.ps1', '4'],
  ['ipv4_cidr', '10.0.0.0/8', '4']
];
const IOC_COLUMNS = ['IoCType', 'Observable', 'SourceIndex'];

/** What a table view gives an action, for cells given as [row, column] pairs. */
function selection(columns: string[], rows: string[][], picked: [number, string][]): ISelection {
  const text = (r: number, c: string) => {
    const i = columns.indexOf(c);
    return i < 0 ? null : rows[r][i];
  };
  return {
    columns: columns.map(name => ({ name, type: 'utf8' })),
    selectedCells: picked.map(([r, c]) => [c, text(r, c)!]),
    selectedCellRows: picked.map(([r]) => r),
    cellText: text
  };
}

describe('Add as entities on an IoC result', () => {
  it('types each selected Observable by its IoCType, as msticpy maps them', () => {
    const picked = IOC_ROWS.map((_, r) => [r, 'Observable'] as [number, string]);
    const { inputs, skipped } = selectionInputs(selection(IOC_COLUMNS, IOC_ROWS, picked));
    expect(inputs.map(i => [i.type, Object.values(i.properties)[0]])).toEqual([
      ['Dns', 'evil-c2.example.com'],
      ['Url', 'http://evil-c2.example.com/stage2.ps1'],
      ['IpAddress', '203.0.113.45'],
      ['IpAddress', '198.51.100.7'], // ip:port: the address, port dropped
      ['IpAddress', '198.51.100.7'],
      ['FileHash', 'MD5'],
      ['FileHash', 'SHA256'],
      ['Mailbox', 'alice@contoso.com'],
      ['IpAddress', '2001:db8::7'],
      ['File', 'C:\\Windows\\Temp\\x.ps1']
    ]);
    expect(inputs[5].properties.Value).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(skipped).toEqual(['IoC type "ipv4_cidr" has no entity type.']);
  });

  it('takes one entity per selected row, whichever cells of the row are selected', () => {
    const picked: [number, string][] = [
      [0, 'IoCType'],
      [0, 'Observable'],
      [0, 'SourceIndex'],
      [3, 'SourceIndex']
    ];
    const { inputs, skipped } = selectionInputs(selection(IOC_COLUMNS, IOC_ROWS, picked));
    expect(inputs).toEqual([
      { type: 'Dns', properties: { DomainName: 'evil-c2.example.com' } },
      { type: 'IpAddress', properties: { Address: '198.51.100.7' } }
    ]);
    expect(skipped).toEqual([]);
  });

  it('says why an Observable does not fit its IoCType', () => {
    expect(inputFromIoc('ipv4', '999.1.1.1')).toEqual({
      error: 'Not an IPv4 or IPv6 address.'
    });
    expect(inputFromIoc('mitre_technique', 'T1059')).toHaveProperty('error');
  });
});

describe('Add as entities on other tables', () => {
  it('infers each cell from its column and value, and names the cells that are none', () => {
    const columns = ['SrcIP', 'Notes'];
    const rows = [['10.0.0.1', 'beacon']];
    const { inputs, skipped } = selectionInputs(
      selection(columns, rows, [
        [0, 'SrcIP'],
        [0, 'Notes']
      ])
    );
    expect(inputs).toEqual([{ type: 'IpAddress', properties: { Address: '10.0.0.1' } }]);
    expect(skipped).toEqual(['Notes: not an entity value.']);
  });
});
