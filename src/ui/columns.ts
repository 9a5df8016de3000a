// Column pickers shared by the analysis forms: guess which column of a table holds what from
// its name and Arrow type label (as table views report them, e.g. "timestamp[ns, UTC]").

export interface IColumn {
  name: string;
  type: string;
}

/** First column whose name matches one of the patterns, in pattern order; '' when none. */
export function guessColumn(
  columns: IColumn[],
  patterns: RegExp[],
  accept: (type: string) => boolean = () => true
): string {
  for (const pattern of patterns) {
    const hit = columns.find(c => pattern.test(c.name) && accept(c.type));
    if (hit) {
      return hit.name;
    }
  }
  return '';
}

export const isTimestamp = (type: string): boolean =>
  type.startsWith('timestamp') || type.startsWith('date');

/** Integer and floating-point columns (what numeric analytics can read). */
export const isNumeric = (type: string): boolean => /^(u?int\d+|float\d+)$/.test(type);
