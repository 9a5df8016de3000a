// Shared names and shapes of the IoC extractor. Type names follow msticpy's IoCType where
// msticpy has the type, so results line up with IoCExtract.extract_df column by column.

/** msticpy's types, in msticpy's scan (registration) order: parity mode depends on it. */
export const MSTICPY_TYPES = [
  'ipv4',
  'ipv6',
  'dns',
  'url',
  'email',
  'windows_path',
  'linux_path',
  'md5_hash',
  'sha1_hash',
  'sha256_hash'
] as const;

/** Types only this extractor finds. */
export const EXTRA_TYPES = [
  'ipv4_cidr',
  'ipv4_port',
  'sha512_hash',
  'cve',
  'mitre_technique',
  'mitre_tactic',
  'mitre_mitigation',
  'asn',
  'mac_address',
  'registry_key',
  'bitcoin_address',
  'ethereum_address',
  'ssdeep',
  'user_agent'
] as const;

export type IocType = (typeof MSTICPY_TYPES)[number] | (typeof EXTRA_TYPES)[number];

export const ALL_TYPES: readonly IocType[] = [...MSTICPY_TYPES, ...EXTRA_TYPES];

/**
 * Types scanned when the caller names none. Paths are left out as in msticpy's extract_df
 * (they are noisy); ask for them by name.
 */
export const DEFAULT_TYPES: readonly IocType[] = ALL_TYPES.filter(
  t => t !== 'windows_path' && t !== 'linux_path'
);

export interface IIocMatch {
  type: IocType;
  /** Refanged value (in msticpy parity mode: the text exactly as msticpy returns it). */
  value: string;
  /** The text as written in the input, defanged or not. */
  raw: string;
  /** Index of the input text (row). */
  row: number;
  /** UTF-16 offsets of `raw` in the input text. */
  start: number;
  end: number;
  column?: string;
}

export interface IExtractOptions {
  /** IoC types to report (default: DEFAULT_TYPES, or msticpy's defaults in parity mode). */
  types?: string[];
  /** 'msticpy' reproduces IoCExtract.extract_df exactly, quirks included. */
  parity?: 'msticpy';
  /** Parity mode only: msticpy's `defanged` flag (default true). */
  defanged?: boolean;
  /** Parity mode only: msticpy's `include_paths` (used when `types` is not given). */
  includePaths?: boolean;
  /** Column name copied into every match. */
  column?: string;
  /** Characters scanned per cell; the rest is skipped with a note (default 1,000,000; parity 50,000). */
  maxCellLength?: number;
  /** Receives notes about skipped input (over-long cells) and cut results. */
  notes?: string[];
  /** Default mode: IoCs reported per cell (default 10,000); each detector's candidates too. */
  maxMatchesPerCell?: number;
  /** Default mode: IoCs reported in all (default 1,000,000). */
  maxMatches?: number;
  /** Default mode: characters of values and raw texts in all (default 256 Mi; 8 Mi per cell). */
  maxOutputChars?: number;
}

export const DEFAULT_MAX_MATCHES_PER_CELL = 10_000;
export const DEFAULT_MAX_MATCHES = 1_000_000;
export const DEFAULT_MAX_OUTPUT_CHARS = 256 * 1024 * 1024;

export const DEFAULT_MAX_CELL_LENGTH = 1_000_000;
/**
 * msticpy's own patterns are quadratic on some inputs (a long run of letters, dots or
 * digits: the email and path patterns rescan it from every position, in Python as here), so
 * parity mode scans less of a cell: about a second for the worst 50,000 characters.
 */
export const PARITY_MAX_CELL_LENGTH = 50_000;

/** Check and normalise a caller's type list; unknown names are an error naming them. */
export function resolveTypes(
  types: string[] | undefined,
  fallback: readonly IocType[]
): Set<IocType> {
  if (!types || types.length === 0) {
    return new Set(fallback);
  }
  const known = new Set<string>(ALL_TYPES);
  const unknown = types.filter(t => !known.has(t));
  if (unknown.length) {
    throw new Error(`Unknown IoC type(s): ${unknown.join(', ')} (known: ${ALL_TYPES.join(', ')})`);
  }
  return new Set(types as IocType[]);
}
