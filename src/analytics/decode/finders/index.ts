// All finders over one text, ordered by start, then priority, then longest first.
import { findBase64 } from './base64';
import { ICandidate } from './candidate';
import { findCharCodes } from './charcode';
import { findHex } from './hex';
import { findPercent } from './percent';
import { findPowerShellEncoded } from './powershell';

export type { ICandidate } from './candidate';

export function findCandidates(text: string, minBase64Chars: number): ICandidate[] {
  const all = [
    ...findPowerShellEncoded(text),
    ...findHex(text),
    ...findCharCodes(text),
    ...findPercent(text),
    ...findBase64(text, minBase64Chars)
  ];
  return all.sort((a, b) => a.start - b.start || a.priority - b.priority || b.end - a.end);
}
