// Shared types of the decoder: items (one per decoded layer), options and limits.

/** One IoC found in a decoded text; structurally what src/analytics/ioc returns. */
export interface IIocMatchLike {
  type: string;
  value: string;
  /** Index of the text (in the array handed to the extractor) it was found in. */
  row: number;
}

/** IoC extractor injected by the caller, so decode does not depend on the ioc module. */
export type IocExtractor = (texts: (string | null)[]) => IIocMatchLike[];

export type DecodeStatus = 'ok' | 'limit' | 'error';

/** One decoded layer: a span of encoded text (or an archive member) and what it holds. */
export interface IDecodedItem {
  /** Index of the input text. */
  row: number;
  /** Hierarchical id: "2" is the 2nd item of the input, "2.1" the 1st item inside it. */
  id: string;
  /** msticpy's reference triple (item prefix, "{depth}.", fragment index). */
  reference: [string, string, string];
  depth: number;
  /** Span of the encoded text within the parent layer's text (the input for depth 1). */
  start: number;
  end: number;
  /** Transformations from the encoded text to this item, e.g. ['base64', 'gzip', 'utf-16le']. */
  chain: string[];
  /** The encoded text that was decoded (capped in default mode). */
  originalString: string;
  /** Archive member name, or 'unknown' (msticpy's value) when not in an archive. */
  fileName: string;
  /** File type by magic bytes (default mode) or msticpy's base64-prefix type (parity). */
  fileType: string | null;
  /** The decoded bytes (input_bytes); null for items that carry no bytes (limits, errors). */
  bytes: Uint8Array | null;
  /** Text when the bytes are text, else null. */
  decodedString: string | null;
  /** 'utf-8', 'utf-16', 'utf-16le', 'utf-16be' or 'binary'. */
  encoding: string;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  /** Space-separated hex of the bytes (capped in default mode). */
  printableBytes: string | null;
  /** Short printable view of the content: text with controls escaped, or ASCII of binary. */
  preview: string;
  iocs: { type: string; value: string }[];
  /** The whole input text with every decoded span replaced by `<decoded ...>` markup. */
  fullDecodedString: string | null;
  status: DecodeStatus;
  message: string | null;
}

export interface IDecodeLimits {
  /** Deepest layer decoded (msticpy: 20 levels). */
  maxDepth: number;
  /** Largest decoded or decompressed blob; bigger ones stop with a 'limit' item. */
  maxItemBytes: number;
  /** Decompressed and decoded bytes summed over the whole call (bomb guard). */
  maxTotalBytes: number;
  /** Characters of one input text that are scanned; the rest is reported as a 'limit' item. */
  maxCellChars: number;
  /** Items produced by one call. */
  maxItems: number;
  /** Candidates tried in one layer (a text with millions of fragments). */
  maxCandidatesPerLayer: number;
}

export const DEFAULT_LIMITS: IDecodeLimits = {
  maxDepth: 10,
  maxItemBytes: 16 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxCellChars: 16 * 1024 * 1024,
  maxItems: 1_000_000,
  maxCandidatesPerLayer: 10_000
};

export interface IDecodeOptions {
  /** 'msticpy' reproduces base64unpack.unpack_df exactly, quirks included. */
  parity?: 'msticpy';
  /** Parity mode only: msticpy's utf16 flag (try UTF-16 before UTF-8). */
  utf16?: boolean;
  limits?: Partial<IDecodeLimits>;
  /** Shortest base64 run considered in default mode (msticpy: 30). */
  minBase64Chars?: number;
  /** Extracts IoCs from decoded texts; without it `iocs` stay empty. */
  iocExtractor?: IocExtractor;
}
