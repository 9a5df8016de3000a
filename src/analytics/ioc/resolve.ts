// Overlap resolution by span (msticpy only merges identical strings): one type per span,
// and a match inside another is dropped when it is only a piece of it (a path inside a
// URL, a domain inside an email) but kept when it is an indicator of its own (an IP or a
// hash inside a URL). Components emitted as `derived` are always kept.
import { ICandidate } from './detectors';
import { IocType } from './types';

/** Lower wins when two types claim the same span. */
const RANK: IocType[] = [
  'url',
  'email',
  'user_agent',
  'registry_key',
  'windows_path',
  'linux_path',
  'ipv4_cidr',
  'ipv4_port',
  'ethereum_address',
  'bitcoin_address',
  'ssdeep',
  'sha512_hash',
  'sha256_hash',
  'sha1_hash',
  'md5_hash',
  'ipv6',
  'mac_address',
  'ipv4',
  'cve',
  'mitre_technique',
  'mitre_tactic',
  'mitre_mitigation',
  'asn',
  'dns'
];
const RANK_OF = new Map(RANK.map((t, i) => [t, i]));

const PATHS: IocType[] = ['windows_path', 'linux_path', 'registry_key'];

/** Types that are only a piece of the enclosing type's match. */
const DROP_INSIDE: Partial<Record<IocType, Set<IocType>>> = {
  url: new Set<IocType>(['linux_path', 'windows_path', 'asn', 'ssdeep', 'mac_address']),
  email: new Set<IocType>(['dns', 'url', ...PATHS]),
  windows_path: new Set<IocType>(PATHS),
  linux_path: new Set<IocType>(PATHS),
  registry_key: new Set<IocType>(PATHS),
  ipv4_cidr: new Set<IocType>(['ipv4', 'linux_path']),
  ipv4_port: new Set<IocType>(['ipv4', 'ssdeep', 'ipv6']),
  user_agent: new Set<IocType>(['ipv4', 'dns', 'url', ...PATHS]),
  ethereum_address: new Set<IocType>(['sha1_hash']),
  ssdeep: new Set<IocType>(RANK)
};

/** Text-like types: when two of them cross, the first one wins. */
const TEXTY = new Set<IocType>(['url', 'email', 'dns', 'user_agent', ...PATHS]);

export function resolveOverlaps(cands: ICandidate[]): ICandidate[] {
  cands.sort(
    (a, b) =>
      a.start - b.start ||
      b.end - a.end ||
      (RANK_OF.get(a.type) ?? 99) - (RANK_OF.get(b.type) ?? 99)
  );
  const kept: ICandidate[] = [];
  let open: ICandidate[] = [];
  const seen = new Set<string>();
  for (const c of cands) {
    const key = `${c.type}|${c.start}|${c.end}|${c.value ?? ''}`;
    if (seen.has(key)) {
      continue;
    }
    if (!c.derived) {
      open = open.filter(k => k.end > c.start);
      if (open.some(k => dominates(k, c))) {
        continue;
      }
      open.push(c);
    }
    seen.add(key);
    kept.push(c);
  }
  return kept;
}

function dominates(k: ICandidate, c: ICandidate): boolean {
  if (k.start === c.start && k.end === c.end) {
    return true;
  }
  if (c.end <= k.end) {
    return DROP_INSIDE[k.type]?.has(c.type) ?? false;
  }
  return TEXTY.has(k.type) && TEXTY.has(c.type);
}
