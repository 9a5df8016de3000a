import { Table, TimestampMillisecond, vectorFromArray } from 'apache-arrow';
import { HISTOGRAM_BINS, profileTable } from '../profile';

describe('profile histograms and top values', () => {
  it('bins numeric and time columns from min to max; text columns get top values', () => {
    const t0 = Date.UTC(2019, 0, 1);
    const table = new Table({
      n: vectorFromArray([0, 1, 1, 2, 10, null, NaN]),
      t: vectorFromArray(
        [t0, t0, t0 + 1000, t0 + 2000, t0 + 2000, t0 + 2000, t0 + 4000],
        new TimestampMillisecond('UTC')
      ),
      s: vectorFromArray(['a', 'b', 'a', 'c', 'a', 'b', null])
    });
    const [n, t, s] = profileTable(table);
    expect(n.histogram!.counts).toHaveLength(HISTOGRAM_BINS);
    expect(n.histogram!.min).toBe(0);
    expect(n.histogram!.max).toBe(10);
    expect(n.histogram!.counts.reduce((a, b) => a + b, 0)).toBe(5);
    expect(n.histogram!.counts[0]).toBe(1); // 0
    expect(n.histogram!.counts[HISTOGRAM_BINS - 1]).toBe(1); // 10 (max falls in the last bin)
    expect(t.histogram!.counts.reduce((a, b) => a + b, 0)).toBe(7);
    expect(s.histogram).toBeUndefined();
    expect(s.top).toEqual([
      { value: 'a', count: 3 },
      { value: 'b', count: 2 },
      { value: 'c', count: 1 }
    ]);
  });
});
