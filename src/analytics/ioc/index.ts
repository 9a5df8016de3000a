// Public entry points of the IoC extractor (used by the worker jobs, the UI and other
// analytics). `extractIocs` scans texts in the default mode or in msticpy parity mode.
import { JobContext, NO_JOB } from '../job';
import { extractDefault } from './extract';
import { extractMsticpy, msticpyDefaultTypes } from './msticpy';
import {
  DEFAULT_MAX_CELL_LENGTH,
  DEFAULT_MAX_MATCHES,
  DEFAULT_MAX_MATCHES_PER_CELL,
  DEFAULT_MAX_OUTPUT_CHARS,
  DEFAULT_TYPES,
  PARITY_MAX_CELL_LENGTH,
  IExtractOptions,
  IIocMatch,
  resolveTypes
} from './types';

export { defang } from './defang';
export { refang } from './refang';
export { iocMatchesToTable, RESULT_COLUMNS, EXTRA_COLUMNS } from './table';
export { ALL_TYPES, DEFAULT_TYPES, EXTRA_TYPES, MSTICPY_TYPES } from './types';
export type { IExtractOptions, IIocMatch, IocType } from './types';

/**
 * Find indicators in `texts` (one entry per row; null cells are skipped).
 * Default mode: refanged values, validated, one record per span with raw text and offsets.
 * `parity: 'msticpy'`: the exact (type, observable, row) set of IoCExtract.extract_df.
 */
export function extractIocs(
  texts: readonly (string | null)[],
  options: IExtractOptions = {},
  ctx: JobContext = NO_JOB
): IIocMatch[] {
  const parity = options.parity === 'msticpy';
  const maxLen =
    options.maxCellLength ?? (parity ? PARITY_MAX_CELL_LENGTH : DEFAULT_MAX_CELL_LENGTH);
  const cap = (text: string, row: number): string => {
    if (text.length <= maxLen) {
      return text;
    }
    options.notes?.push(
      `Row ${row}${options.column ? ` of column "${options.column}"` : ''} has ${text.length} characters; ` +
        `only the first ${maxLen} were scanned for IoCs.`
    );
    return text.slice(0, maxLen);
  };
  if (parity) {
    const types = resolveTypes(options.types, msticpyDefaultTypes(options.includePaths ?? false));
    return extractMsticpy(texts, types, options.defanged ?? true, options.column, ctx, cap);
  }
  const types = resolveTypes(options.types, DEFAULT_TYPES);
  const limits = {
    perCell: options.maxMatchesPerCell ?? DEFAULT_MAX_MATCHES_PER_CELL,
    total: options.maxMatches ?? DEFAULT_MAX_MATCHES,
    chars: options.maxOutputChars ?? DEFAULT_MAX_OUTPUT_CHARS
  };
  return extractDefault(texts, types, options.column, ctx, cap, limits, options.notes);
}
