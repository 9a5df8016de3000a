// Which table columns a grid shows and where: the body columns in order, the pinned ones
// (drawn in the frozen row-header region, after the row number), hidden ones left out, and
// the width each column was fitted or resized to. No DOM: the grid and data model read it.

/** Narrowest and widest a fitted column gets (a user can still drag it wider). */
export const MIN_COLUMN_WIDTH = 48;
export const MAX_COLUMN_WIDTH = 420;
/** Rows sampled to fit a column: the first ones and evenly spaced ones after them. */
export const FIT_SAMPLE_HEAD = 50;
export const FIT_SAMPLE_SPREAD = 150;

export class ColumnLayout {
  private _body: number[];
  private _pinned: number[] = [];
  private readonly _widths = new Map<number, number>();

  constructor(readonly count: number) {
    this._body = Array.from({ length: count }, (_, i) => i);
  }

  /** Table column of each body column of the grid. */
  get body(): readonly number[] {
    return this._body;
  }
  /** Table column of each pinned column (row-header column 1, 2, ...). */
  get pinned(): readonly number[] {
    return this._pinned;
  }
  get hiddenCount(): number {
    return this.count - this._body.length - this._pinned.length;
  }

  isPinned(column: number): boolean {
    return this._pinned.includes(column);
  }

  hide(column: number): void {
    this._body = this._body.filter(c => c !== column);
    this._pinned = this._pinned.filter(c => c !== column);
  }

  pin(column: number): void {
    if (!this._pinned.includes(column)) {
      this._body = this._body.filter(c => c !== column);
      this._pinned.push(column);
    }
  }

  unpin(column: number): void {
    if (this._pinned.includes(column)) {
      this._pinned = this._pinned.filter(c => c !== column);
      this._body = [...this._body, column].sort((a, b) => a - b);
    }
  }

  /** Every column back in the body, in table order (pins dropped too). */
  showAll(): void {
    this._body = Array.from({ length: this.count }, (_, i) => i);
    this._pinned = [];
  }

  width(column: number): number | undefined {
    return this._widths.get(column);
  }

  setWidth(column: number, width: number): void {
    this._widths.set(column, width);
  }
}

/** Rows to measure when fitting a column of `rowCount` rows (view rows, ascending). */
export function sampleRows(rowCount: number): number[] {
  const rows = new Set<number>();
  for (let r = 0; r < Math.min(rowCount, FIT_SAMPLE_HEAD); r++) {
    rows.add(r);
  }
  const rest = rowCount - FIT_SAMPLE_HEAD;
  if (rest > 0) {
    const step = Math.max(1, rest / FIT_SAMPLE_SPREAD);
    for (let x = FIT_SAMPLE_HEAD; x < rowCount; x += step) {
      rows.add(Math.floor(x));
    }
  }
  return [...rows].sort((a, b) => a - b);
}

/** The width that shows the widest of `texts` (measured by `measure`) plus padding, clamped. */
export function fitWidth(
  texts: Iterable<string>,
  measure: (text: string) => number,
  padding: number
): number {
  let widest = 0;
  for (const text of texts) {
    widest = Math.max(widest, measure(text));
  }
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, widest + padding)));
}
