// Output bounds: a cell that holds a quadratic number of derived matches (URLs nested in
// URLs, percent-decoded URLs re-emitting every nested one) stops at the per-cell and total
// bounds with a note, URL bodies are read once, and the time budget applies inside a cell.
import { JobBudgetError, JobContext } from '../../job';
import { bestCpuMs } from '../../__tests__/timing';
import { extractIocs, iocMatchesToTable } from '../index';

const chars = (ms: { value: string; raw: string }[]) =>
  ms.reduce((n, m) => n + m.value.length + m.raw.length, 0);

describe('bounded output', () => {
  it.each([
    ['1 MB of http://', 'http://'.repeat(150_000)],
    ['14 KB of http://%/', 'http://%/'.repeat(1_600)],
    ['250 KB of http://', 'http://'.repeat(36_000)]
  ])('%s finishes in bounded time with bounded output', (_name, text) => {
    const notes: string[] = [];
    let found: ReturnType<typeof extractIocs> = [];
    const ms = bestCpuMs(() => {
      notes.length = 0;
      found = extractIocs([text], { notes });
      iocMatchesToTable(found, [text]);
    }, 1);
    expect(ms).toBeLessThan(4000);
    expect(found.length).toBeLessThanOrEqual(10_000);
    expect(chars(found)).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(notes.join('\n')).toMatch(/more IoCs than its bounds/);
  });
  it('per-cell and total bounds are options and say what was cut', () => {
    const notes: string[] = [];
    const cell = Array.from({ length: 50 }, (_, i) => `10.0.0.${i}`).join(' ');
    const m = extractIocs([cell, cell], { maxMatchesPerCell: 20, notes, column: 'msg' });
    expect(m.filter(x => x.row === 0)).toHaveLength(20);
    expect(notes[0]).toBe(
      'Row 0 of column "msg" has more IoCs than its bounds (20 IoCs, 8388608 characters of values); only the first 20 are reported.'
    );
    const total: string[] = [];
    expect(extractIocs([cell, cell], { maxMatches: 60, notes: total })).toHaveLength(60);
    expect(total).toEqual([
      'The result was cut at 60 IoCs (limits: 60 IoCs, 268435456 characters of values); Row 1 and later rows were not all scanned.'
    ]);
  });
  it('the Input column is cut for long cells', () => {
    const text = '8.8.8.8 ' + 'x'.repeat(10_000);
    const t = iocMatchesToTable(extractIocs([text]), [text]);
    expect(t.getChild('Input')!.get(0)).toBe(text.slice(0, 4096) + '…');
  });
  it('nested URLs are still reported with their own spans', () => {
    const text =
      'see https://web.archive.org/web/2020/http://evil.com/x?u=http%3A%2F%2Fbad.net%2Fy';
    const urls = extractIocs([text], { types: ['url'] }).map(m => [m.value, m.start]);
    expect(urls).toEqual([
      ['https://web.archive.org/web/2020/http://evil.com/x?u=http%3A%2F%2Fbad.net%2Fy', 4],
      ['https://web.archive.org/web/2020/http://evil.com/x?u=http://bad.net/y', 4],
      ['http://evil.com/x?u=http://bad.net/y', 4],
      ['http://bad.net/y', 4],
      ['http://evil.com/x?u=http%3A%2F%2Fbad.net%2Fy', 37]
    ]);
  });
});

describe('time budget inside a cell', () => {
  it('stops a long cell, not only every 1,024 rows', () => {
    const ctx = new JobContext({ budgetMs: 20 });
    expect(() => extractIocs(['http://a.com/ '.repeat(80_000)], {}, ctx)).toThrow(JobBudgetError);
  });
});
