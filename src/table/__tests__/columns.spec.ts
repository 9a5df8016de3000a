import { ColumnLayout, fitWidth, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, sampleRows } from '../columns';

describe('column layout', () => {
  it('hides, pins, unpins and shows all columns, keeping widths by table column', () => {
    const layout = new ColumnLayout(4);
    layout.setWidth(2, 200);
    layout.hide(1);
    expect(layout.body).toEqual([0, 2, 3]);
    expect(layout.hiddenCount).toBe(1);
    layout.pin(3);
    expect(layout.body).toEqual([0, 2]);
    expect(layout.pinned).toEqual([3]);
    expect(layout.isPinned(3)).toBe(true);
    layout.unpin(3);
    expect(layout.body).toEqual([0, 2, 3]);
    layout.showAll();
    expect(layout.body).toEqual([0, 1, 2, 3]);
    expect(layout.width(2)).toBe(200);
  });

  it('samples the first rows and evenly spaced ones, never all of a large table', () => {
    expect(sampleRows(3)).toEqual([0, 1, 2]);
    const rows = sampleRows(1_000_000);
    expect(rows.length).toBeLessThanOrEqual(201);
    expect(rows.slice(0, 3)).toEqual([0, 1, 2]);
    expect(rows[rows.length - 1]).toBeGreaterThan(990_000);
  });

  it('fits the widest text plus padding, within bounds', () => {
    const measure = (t: string) => t.length * 7;
    expect(fitWidth(['2019-01-15 05:15:26.010 UTC', 'x'], measure, 20)).toBe(27 * 7 + 20);
    expect(fitWidth(['a'], measure, 20)).toBe(MIN_COLUMN_WIDTH);
    expect(fitWidth(['x'.repeat(500)], measure, 20)).toBe(MAX_COLUMN_WIDTH);
  });
});
