import {
  tableFromArrays,
  vectorFromArray,
  Table,
  TimestampMillisecond,
  Dictionary,
  Utf8,
  Int32
} from 'apache-arrow';
import { applyColumnFilters, regexProblem, MAX_REGEX_LENGTH } from '../colfilter';
import { queryRows } from '../rows';
import { JobBudgetError, JobContext } from '../job';

function sample(): Table {
  const t0 = Date.UTC(2019, 0, 15, 5, 0, 0);
  return new Table({
    Account: vectorFromArray(['SYSTEM', 'MSTICAdmin', 'msticadmin2', null, 'svc']),
    Bytes: vectorFromArray([10, 2000, 300, 40, null]),
    Time: vectorFromArray(
      [t0, t0 + 60_000, t0 + 120_000, t0 + 180_000, t0 + 240_000],
      new TimestampMillisecond('UTC')
    ),
    Kind: vectorFromArray(['a', 'b', 'a', 'c', 'a'], new Dictionary(new Utf8(), new Int32()))
  });
}

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('column filters', () => {
  it('text contains (case-insensitive), regex, numeric and time ranges, value lists', () => {
    const t = sample();
    const rows = (filters: Parameters<typeof applyColumnFilters>[2]) =>
      Array.from(applyColumnFilters(t, all(5), filters));
    expect(rows([{ column: 'Account', kind: 'contains', text: 'ADMIN' }])).toEqual([1, 2]);
    expect(rows([{ column: 'Account', kind: 'regex', pattern: '^msticadmin$' }])).toEqual([1]);
    expect(rows([{ column: 'Bytes', kind: 'range', min: 40, max: 2000 }])).toEqual([1, 2, 3]);
    expect(rows([{ column: 'Bytes', kind: 'range', max: 100 }])).toEqual([0, 3]);
    const t0 = Date.UTC(2019, 0, 15, 5, 1, 0);
    expect(rows([{ column: 'Time', kind: 'range', min: t0, max: t0 + 60_000 }])).toEqual([1, 2]);
    expect(rows([{ column: 'Kind', kind: 'values', values: ['a', 'c'] }])).toEqual([0, 2, 3, 4]);
    // All filters together.
    expect(
      rows([
        { column: 'Kind', kind: 'values', values: ['a'] },
        { column: 'Bytes', kind: 'range', min: 100 }
      ])
    ).toEqual([2]);
  });

  it('combine with the global filter and the sort in queryRows', () => {
    const t = sample();
    const rows = queryRows(t, {
      filterText: 'admin',
      columnFilters: [{ column: 'Bytes', kind: 'range', min: 0, max: 1000 }]
    });
    expect(Array.from(rows)).toEqual([2]);
  });

  it('refuses patterns that could hang the worker, naming why', () => {
    expect(regexProblem('a'.repeat(MAX_REGEX_LENGTH + 1))).toMatch(/at most 200/);
    expect(regexProblem('(a+)+$')).toMatch(/repeated group/);
    expect(regexProblem('(x*y)*')).toMatch(/repeated group/);
    expect(regexProblem('(a)\\1')).toMatch(/back-references/);
    expect(regexProblem('[')).toMatch(/not a valid/);
    expect(regexProblem('^cmd(\\.exe)?\\s+/c')).toBeNull();
    expect(() =>
      applyColumnFilters(sample(), all(5), [
        { column: 'Account', kind: 'regex', pattern: '(a+)+$' }
      ])
    ).toThrow('Column filter on "Account": a repeated group');
    expect(() =>
      applyColumnFilters(sample(), all(5), [{ column: 'Nope', kind: 'contains', text: 'x' }])
    ).toThrow('column "Nope" is not in the table');
  });

  it('stops at the job budget on a large table', () => {
    const n = 200_000;
    const t = tableFromArrays({ s: Array.from({ length: n }, (_, i) => `value ${i}`) });
    const ctx = new JobContext({ budgetMs: 1 });
    const start = Date.now();
    while (Date.now() - start < 3) {
      // let the 1 ms budget pass
    }
    expect(() =>
      applyColumnFilters(t, all(n), [{ column: 's', kind: 'regex', pattern: '9$' }], ctx)
    ).toThrow(JobBudgetError);
  });
});
