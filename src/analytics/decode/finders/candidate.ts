// What a finder reports: a span of a text and what it decodes to.

export interface ICandidate {
  start: number;
  end: number;
  /** First step of the chain: 'base64', 'base64url', 'hex', 'percent', 'charcode', ... */
  encoding: string;
  /** Decoded bytes, or text for encodings that yield characters (char codes, \u escapes). */
  bytes?: Uint8Array;
  text?: string;
  /**
   * The encoding is marked in the text (\x, 0x, -EncodedCommand, [char]): decoded binary
   * is reported even when it is not text or a known file type.
   */
  explicit: boolean;
  /** Long random-looking base64: undecodable binary is plausible data, so it is reported. */
  binaryOk?: boolean;
  /** Lower runs first when candidates start at the same place. */
  priority: number;
}

export function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

export function hexValue(c: number): number {
  return c <= 57 ? c - 48 : (c | 0x20) - 87;
}

export function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
