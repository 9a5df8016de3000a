// msticpy parity mode against reference outputs of msticpy 3.0.2 IoCExtract.extract_df
// (fixtures/make_reference.py): msticpy's own acceptance inputs, quirk probes and columns of
// the msticpy test data files. Compared as sets of (IoCType, Observable, SourceIndex).
import { extractIocs } from '../index';
import acceptance from './fixtures/acceptance.json';
import data from './fixtures/data.json';

type Row = [string, string, number];

function ours(
  texts: string[],
  types: string[] | null,
  extra: { defanged?: boolean; includePaths?: boolean } = {}
): string[] {
  const matches = extractIocs(texts, { parity: 'msticpy', types: types ?? undefined, ...extra });
  return [...new Set(matches.map(m => JSON.stringify([m.type, m.value, m.row])))].sort();
}

const ref = (rows: Row[]) => rows.map(r => JSON.stringify(r)).sort();

describe('msticpy parity: acceptance inputs', () => {
  for (const run of acceptance.runs as {
    inputs: 'cases' | 'defanged' | 'quirks';
    types: string[] | null;
    include_paths?: boolean;
    defanged?: boolean;
    rows: Row[];
  }[]) {
    const label = `${run.inputs} types=${run.types ? run.types.length : 'default'}${run.include_paths ? ' include_paths' : ''}${run.defanged === false ? ' defanged=False' : ''}`;
    it(label, () => {
      const texts = acceptance.inputs[run.inputs];
      expect(
        ours(texts, run.types, { defanged: run.defanged, includePaths: run.include_paths })
      ).toEqual(ref(run.rows));
    });
  }
});

describe('msticpy parity: data/msticpy columns', () => {
  for (const col of data.columns as {
    file: string;
    column: string;
    texts: string[];
    rows: Row[];
  }[]) {
    it(`${col.file} ${col.column}`, () => {
      expect(ours(col.texts, acceptance.runs[0].types)).toEqual(ref(col.rows));
    });
  }
});
