// Checks applied after a pattern matched: the regexes find candidates cheaply, these decide.
import { MITIGATIONS as M, TACTICS as TA, TECHNIQUES as T } from './data/mitre-attack';

/** Dotted quad with every octet 0-255 (leading zeros allowed, as Windows tools print them). */
export function isIpv4(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) {
    return false;
  }
  for (const p of parts) {
    if (p.length === 0 || p.length > 3 || Number(p) > 255) {
      return false;
    }
  }
  return true;
}

/**
 * RFC 4291 text form: up to 8 groups of 1-4 hex digits, at most one `::`, an optional
 * trailing dotted quad (counts as two groups) and an optional `%zone`.
 */
export function isIpv6(s: string): boolean {
  const pct = s.indexOf('%');
  const addr = pct >= 0 ? s.slice(0, pct) : s;
  if (pct >= 0 && !/^[\w.-]+$/.test(s.slice(pct + 1))) {
    return false;
  }
  const halves = addr.split('::');
  if (halves.length > 2) {
    return false;
  }
  let groups = 0;
  for (let h = 0; h < halves.length; h++) {
    if (halves[h] === '') {
      continue;
    }
    const parts = halves[h].split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      const last = h === halves.length - 1 && i === parts.length - 1;
      if (last && p.includes('.')) {
        if (!isIpv4(p)) {
          return false;
        }
        groups += 2;
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) {
        groups += 1;
      } else {
        return false;
      }
    }
  }
  return halves.length === 2 ? groups <= 7 : groups === 8;
}

const TECHNIQUES = new Set(T.split(' '));
const TACTICS = new Set(TA.split(' '));
const MITIGATIONS = new Set(M.split(' '));

export type MitreKind = 'mitre_technique' | 'mitre_tactic' | 'mitre_mitigation';

/** Kind of a real ATT&CK id (upper case), or null for a made-up one. */
export function mitreKind(id: string): MitreKind | null {
  if (id.startsWith('TA')) {
    return TACTICS.has(id) ? 'mitre_tactic' : null;
  }
  if (id.startsWith('T')) {
    return TECHNIQUES.has(id) ? 'mitre_technique' : null;
  }
  return MITIGATIONS.has(id) ? 'mitre_mitigation' : null;
}

/** ssdeep block sizes are 3 * 2^n. */
export function isSsdeepBlockSize(n: number): boolean {
  if (!Number.isSafeInteger(n) || n < 3 || n % 3 !== 0) {
    return false;
  }
  const m = n / 3;
  return (m & (m - 1)) === 0;
}

/** Hex runs that are almost surely not digests: one repeated character or only digits. */
export function isImplausibleHash(s: string): boolean {
  return /^(.)\1*$/.test(s) || /^[0-9]+$/.test(s);
}
