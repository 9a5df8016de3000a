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
  let minEnd = Infinity; // earliest end in open: nothing to prune before it
  let last: ICandidate | null = null; // last non-derived match kept
  // Values by span and type: a key holding the value would copy long URLs on every lookup.
  const seen = new Map<string, string[]>();
  for (const c of cands) {
    const key = `${c.type}|${c.start}|${c.end}`;
    const values = seen.get(key);
    if (values?.includes(c.value ?? '')) {
      continue;
    }
    if (!c.derived) {
      if (last && last.start === c.start && last.end === c.end) {
        continue; // one type per span
      }
      if (c.start >= minEnd) {
        open = open.filter(k => k.end > c.start);
        minEnd = Math.min(...open.map(k => k.end), Infinity);
      }
      if (open.some(k => dominates(k, c))) {
        continue;
      }
      last = c;
      // An open match of the same type and end decides every later case the same way, so
      // nested matches sharing an end (URLs in URLs) keep the open list short.
      if (!open.some(k => k.type === c.type && k.end === c.end)) {
        open.push(c);
        minEnd = Math.min(minEnd, c.end);
      }
    }
    if (values) {
      values.push(c.value ?? '');
    } else {
      seen.set(key, [c.value ?? '']);
    }
    kept.push(c);
  }
  return kept;
}

function dominates(k: ICandidate, c: ICandidate): boolean {
  if (c.end <= k.end) {
    return DROP_INSIDE[k.type]?.has(c.type) ?? false;
  }
  return TEXTY.has(k.type) && TEXTY.has(c.type);
}
