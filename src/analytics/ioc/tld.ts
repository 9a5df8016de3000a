// Top-level domain checks. Default mode uses the IANA root zone list shipped in data/
// (regenerate with scripts/update-tlds.mjs); parity mode applies the delta to the Public
// Suffix List snapshot that msticpy's tldextract uses, so both modes are exact offline.
import { PSL_DELTA as pslDelta } from './data/psl-delta';
import { TLDS } from './data/tlds';

const IANA = new Set(TLDS.split(' '));

const PSL = new Set(IANA);
for (const t of pslDelta.add.split(' ').filter(Boolean)) {
  PSL.add(t);
}
for (const t of pslDelta.remove.split(' ').filter(Boolean)) {
  PSL.delete(t);
}
const PSL_SECOND: Record<string, Set<string>> = {};
for (const [tld, labels] of Object.entries(pslDelta.secondLevel as Record<string, string>)) {
  PSL_SECOND[tld] = new Set(labels.split(' '));
}

/** True if `tld` (lower case, no dot) is in the IANA root zone. */
export function isIanaTld(tld: string): boolean {
  return IANA.has(tld);
}

/**
 * msticpy's check: `tldextract.extract(domain.replace("[.]", ".").lower()).suffix != ""`,
 * which for the host names its regex matches depends only on the last one or two labels.
 */
export function msticpyTldValid(domain: string): boolean {
  const labels = domain
    .replace(/\[\.\]/g, '.')
    .toLowerCase()
    .split('.');
  const tld = labels[labels.length - 1];
  if (PSL.has(tld)) {
    return true;
  }
  const second = PSL_SECOND[tld];
  return second !== undefined && labels.length > 2 && second.has(labels[labels.length - 2]);
}

/**
 * TLDs that are also common file extensions: `cmd.exe` is not a TLD, but `file.zip`,
 * `run.sh` or `notes.md` are, so a name ending in one of these is read as a file name
 * unless its context says it is a host (see extract.ts).
 */
export const FILE_EXTENSION_TLDS = new Set('zip mov py sh ps pl rs md so app cab'.split(' '));
