// Parity mode against msticpy 3.0.2 unpack_df on its own test inputs. The fixture is
// written by `bench/decode/ref.py --fixture` (real msticpy output, not hand-made).
import { readFileSync } from 'fs';
import { join } from 'path';
import { decodedItemsToTable, decodeTexts } from '../index';

interface IRefRow {
  [col: string]: unknown;
}
interface IRefCase {
  name: string;
  utf16: boolean;
  inputs: string[];
  columns: string[];
  shape: [number, number];
  rows: IRefRow[];
  full_decoded_string: Record<string, string>;
}

const fixture = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'msticpy_unpack_df.json'), 'utf8')
) as { cases: IRefCase[] };

function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) {
    return Buffer.from(v).toString('hex');
  }
  if (v && typeof v === 'object') {
    // Arrow StructRow / list Vector -> plain JSON values.
    return JSON.parse(JSON.stringify(v));
  }
  return v ?? null;
}

describe.each(fixture.cases.map(c => [c.name, c] as const))('msticpy parity: %s', (_name, ref) => {
  const items = decodeTexts(ref.inputs, { parity: 'msticpy', utf16: ref.utf16 });
  const table = decodedItemsToTable(items, { inputColumn: 'input', inputs: ref.inputs });

  it('has msticpy unpack_df columns first, in order, and the same row count', () => {
    expect(table.schema.fields.slice(0, ref.columns.length).map(f => f.name)).toEqual(ref.columns);
    expect(table.numRows).toBe(ref.shape[0]);
  });

  it('has the same values in every msticpy column', () => {
    for (let r = 0; r < ref.rows.length; r++) {
      const want = ref.rows[r];
      const got: Record<string, unknown> = {};
      for (const name of ref.columns) {
        got[name] = plain(table.getChild(name)!.get(r));
      }
      const row = {
        ...want,
        input: ref.inputs[want.src_index as number],
        full_decoded_string: ref.full_decoded_string[String(want.src_index)]
      };
      const wantBytes = (want.printable_bytes as string).replace(/ /g, '');
      expect({ ...got, input_bytes: undefined }).toEqual({ ...row, input_bytes: undefined });
      expect(got.input_bytes).toBe(wantBytes);
    }
  });
});

describe('msticpy parity details', () => {
  it('decodes the simple string of msticpy docs with its md5', () => {
    const [item] = decodeTexts(['VGhpcyBpcyBhIHRlc3Qgc3RyaW5nIGZvciBiYXNlNjQgZGVjb2Rpbmc='], {
      parity: 'msticpy'
    });
    expect(item.decodedString).toBe('This is a test string for base64 decoding');
    expect(item.md5).toBe('73e0aa0732dc48f631fb2712da989c87');
    expect(item.fullDecodedString).toBe(
      "<decoded type='string' name='[None]' index='1' depth='1'>This is a test string for base64 decoding</decoded>"
    );
  });

  it('skips rows its regex does not match and null cells', () => {
    expect(decodeTexts([null, 'short', 'x'.repeat(10)], { parity: 'msticpy' })).toEqual([]);
  });
});
