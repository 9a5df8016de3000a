// Default-mode detectors: run one pattern over the (refanged) text and turn its matches
// into validated candidates. Components of a match (a URL's host, an email's domain, the
// address in a CIDR or ip:port) are emitted as `derived` candidates with their own spans.
import { isCodeName } from './codenames';
import { isBase58CheckAddress, isBech32Address, isEthereumAddress } from './crypto';
import { pyUnquote } from './msticpy';
import * as P from './patterns';
import { FILE_EXTENSION_TLDS, isIanaTld } from './tld';
import { IocType } from './types';
import { isImplausibleHash, isIpv4, isIpv6, isSsdeepBlockSize, mitreKind } from './validate';

export interface ICandidate {
  type: IocType;
  start: number;
  end: number;
  /** Value when it is not the text of the span (nested URLs from percent-decoding). */
  value?: string;
  /** Component of another match: kept whatever the overlap rules say. */
  derived?: boolean;
}

export type Emit = (c: ICandidate) => void;

interface IDetector {
  /** Types this detector can emit; it runs if any of them is wanted. */
  types: IocType[];
  /** Cheap test that the text may contain a match. */
  gate?: (t: string) => boolean;
  run: (t: string, emit: Emit, want: ReadonlySet<IocType>) => void;
}

function each(re: RegExp, t: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    fn(m);
  }
}

const HASH_TYPES: Record<number, IocType> = {
  32: 'md5_hash',
  40: 'sha1_hash',
  64: 'sha256_hash',
  128: 'sha512_hash'
};

/** Emit a host (URL host, email domain) as ipv4/ipv6/dns by its form. */
function emitHost(host: string, start: number, emit: Emit): void {
  const end = start + host.length;
  if (isIpv4(host)) {
    emit({ type: 'ipv4', start, end, derived: true });
  } else if (host.startsWith('[') && host.endsWith(']') && isIpv6(host.slice(1, -1))) {
    emit({ type: 'ipv6', start: start + 1, end: end - 1, derived: true });
  } else if (
    /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9])?)*\.?$/i.test(host)
  ) {
    // The context says this is a host, so no TLD check (intranet names are indicators too).
    emit({ type: 'dns', start, end: host.endsWith('.') ? end - 1 : end, derived: true });
  }
}

const URL_BODY = /[^\s"<>`\x00-\x1f\x7f{}|\\^]*/y;
const TRAILING = '.,;:!?\'")]}*';
/** Longest authority read for a host: past it (no host is that long) none is reported. */
const MAX_AUTHORITY = 2048;

/**
 * URL ends in one text. URLs start left to right, and one starting inside an earlier URL's
 * body (`http://http://...`, redirectors) ends where that body ends, so each body is read
 * and trimmed once: linear however many URLs share it.
 */
class UrlEnds {
  private _bodyEnd = -1;
  private _trimmed = -1;

  constructor(private readonly _t: string) {}

  /** End of the URL whose body starts at `from` (scheme and `://` before it). */
  end(from: number): number {
    if (from > this._bodyEnd) {
      URL_BODY.lastIndex = from;
      URL_BODY.exec(this._t);
      this._bodyEnd = URL_BODY.lastIndex;
      let e = this._bodyEnd;
      while (e > from && TRAILING.includes(this._t[e - 1])) {
        e--;
      }
      this._trimmed = e;
    }
    return this._trimmed;
  }

  /** True if `pos` lies inside the body read last (a nested URL). */
  inside(pos: number): boolean {
    return pos < this._bodyEnd;
  }

  /** Give back a closing bracket whose opening one is in the URL (wiki-style links). */
  withBracket(start: number, end: number): number {
    const close = this._t[end];
    if (close !== ')' && close !== ']') {
      return end;
    }
    const open = close === ')' ? '(' : '[';
    let depth = 0;
    // Bounded look back: a bracket opened further back than this is not given back.
    for (let i = end - 1; i >= start && i >= end - MAX_AUTHORITY; i--) {
      depth += this._t[i] === open ? 1 : this._t[i] === close ? -1 : 0;
    }
    return depth > 0 ? end + 1 : end;
  }
}

/** Host of the authority starting at `from` (up to `end`), or null; bounded scan. */
function hostAt(t: string, from: number, end: number): [string, number] | null {
  const limit = Math.min(end, from + MAX_AUTHORITY);
  let stop = from;
  let at = -1;
  while (stop < limit && !'/?#'.includes(t[stop])) {
    if (t[stop] === '@') {
      at = stop;
    }
    stop++;
  }
  if (stop === limit && limit < end) {
    return null;
  }
  const hostStart = at + 1 || from;
  const hostPort = t.slice(hostStart, stop);
  const host = hostPort.startsWith('[')
    ? hostPort.slice(0, hostPort.indexOf(']') + 1)
    : hostPort.split(':')[0];
  return host ? [host, hostStart] : null;
}

// A second instance: the nested scan runs while URL_START is mid-iteration.
const NESTED_URL_START = new RegExp(P.URL_START.source, P.URL_START.flags);

function urlDetector(t: string, emit: Emit): void {
  const ends = new UrlEnds(t);
  let decodedUpTo = -1; // a URL inside one already percent-decoded is not decoded again
  let percent = -1; // first '%' at or after the current URL (found once per stretch)
  each(P.URL_START, t, m => {
    const start = m.index;
    const bodyStart = start + m[0].length + 3;
    const nested = ends.inside(bodyStart);
    const end = ends.withBracket(start, ends.end(bodyStart));
    if (end <= bodyStart) {
      return;
    }
    emit({ type: 'url', start, end });
    const host = hostAt(t, bodyStart, end);
    if (host) {
      emitHost(host[0], host[1], emit);
    }
    // Percent-decoded form: the URL as a browser would send it, and URLs nested in its
    // parameters (redirectors).
    if (percent < start && percent !== -2) {
      percent = t.indexOf('%', start);
      percent = percent < 0 ? -2 : percent;
    }
    if (!(nested && start < decodedUpTo) && percent >= 0 && percent < end) {
      decodedUpTo = end;
      emitDecoded(t.slice(start, end), start, end, emit);
    }
  });
}

/** URLs in the percent-decoded form of `url` (span start..end in the text). */
function emitDecoded(url: string, start: number, end: number, emit: Emit): void {
  const decoded = pyUnquote(url);
  const ends = new UrlEnds(decoded);
  each(NESTED_URL_START, decoded, n => {
    const bodyStart = n.index + n[0].length + 3;
    const innerEnd = ends.withBracket(n.index, ends.end(bodyStart));
    if (innerEnd <= bodyStart) {
      return;
    }
    const inner = decoded.slice(n.index, innerEnd);
    if (inner === url) {
      return;
    }
    emit({ type: 'url', start, end, value: inner, derived: true });
    const host = n.index > 0 ? hostAt(decoded, bodyStart, innerEnd) : null;
    const innerHost = host?.[0] ?? '';
    if (innerHost && (isIpv4(innerHost) || isIanaTld(tldOf(innerHost)))) {
      emit({
        type: isIpv4(innerHost) ? 'ipv4' : 'dns',
        start,
        end,
        value: innerHost,
        derived: true
      });
    }
  });
}

function emailDetector(t: string, emit: Emit): void {
  for (let at = t.indexOf('@'); at >= 0; at = t.indexOf('@', at + 1)) {
    let s = at;
    while (s > 0 && at - s < 64 && /[A-Za-z0-9.!#$%&'*+=?^_`{|}~-]/.test(t[s - 1])) {
      s--;
    }
    while (s < at && t[s] === '.') {
      s++;
    }
    if (s === at || t[at - 1] === '.') {
      continue;
    }
    P.DOMAIN_AT.lastIndex = at + 1;
    const d = P.DOMAIN_AT.exec(t);
    if (!d || !isIanaTld(tldOf(d[0]))) {
      continue;
    }
    emit({ type: 'email', start: s, end: at + 1 + d[0].length });
    emit({ type: 'dns', start: at + 1, end: at + 1 + d[0].length, derived: true });
  }
}

function tldOf(domain: string): string {
  return domain.slice(domain.lastIndexOf('.') + 1).toLowerCase();
}

/** File names that happen to end in a TLD (file.zip, run.sh) and names inside paths. */
function looksLikeFileName(t: string, start: number, end: number, domain: string): boolean {
  const before = t[start - 1];
  if ((before === '\\' && t[start - 2] !== '\\') || (before === '/' && t[start - 2] !== '/')) {
    return true;
  }
  const labels = domain.split('.');
  if (labels.length !== 2 || !FILE_EXTENSION_TLDS.has(labels[1].toLowerCase())) {
    return false;
  }
  return !/^:\d/.test(t.slice(end, end + 2));
}

function domainDetector(t: string, emit: Emit): void {
  each(P.DOMAIN, t, m => {
    const d = m[0];
    const end = m.index + d.length;
    // Skip names glued to a percent escape (%2Fevil.com): the URL decoder reports those.
    if (!isIanaTld(tldOf(d)) || t[m.index - 1] === '%') {
      return;
    }
    if (!looksLikeFileName(t, m.index, end, d) && !isCodeName(d)) {
      emit({ type: 'dns', start: m.index, end });
    }
  });
}

function ipv4Detector(t: string, emit: Emit): void {
  each(P.DOTTED_NUMBERS, t, m => {
    const token = m[0];
    const start = m.index;
    const after = start + token.length;
    if (/[A-Za-z_]/.test(t[after] ?? '')) {
      return;
    }
    let dots = 0;
    let ipLen = token.length;
    for (let i = 0; i < token.length; i++) {
      if (token.charCodeAt(i) === 46 && ++dots === 4) {
        ipLen = i;
      }
    }
    if (dots > 4 || !isIpv4(token.slice(0, ipLen))) {
      return;
    }
    if (dots === 4) {
      // netstat "10.1.1.117.4222"; a one-digit fifth group reads as a version (1.2.3.4.5).
      if (token.length - ipLen > 2 && Number(token.slice(ipLen + 1)) <= 65535) {
        emit({ type: 'ipv4_port', start, end: after });
        emit({ type: 'ipv4', start, end: start + ipLen, derived: true });
      }
      return;
    }
    const next = t[after];
    const suffix = next === '/' || next === ':' ? IP_SUFFIX.exec(t.slice(after, after + 7)) : null;
    if (suffix && suffix[1] !== undefined && Number(suffix[1]) <= 32) {
      emit({ type: 'ipv4_cidr', start, end: after + suffix[0].length });
      emit({ type: 'ipv4', start, end: after, derived: true });
    } else if (suffix && suffix[2] !== undefined && Number(suffix[2]) <= 65535) {
      emit({ type: 'ipv4_port', start, end: after + suffix[0].length });
      emit({ type: 'ipv4', start, end: after, derived: true });
    } else {
      emit({ type: 'ipv4', start, end: after });
    }
  });
}

const IP_SUFFIX = /^(?:\/(\d{1,2})(?![\w./])|:(\d{1,5})(?![\w.:]))/;

/** At least `n` occurrences of `ch` (a cheap gate). */
function atLeast(t: string, ch: string, n: number): boolean {
  for (let i = t.indexOf(ch); i >= 0; i = t.indexOf(ch, i + 1)) {
    if (--n === 0) {
      return true;
    }
  }
  return false;
}

const DOTTED_MAC = /[0-9a-f]{4}\.[0-9a-f]{4}\./i;

function simple(
  type: IocType,
  re: RegExp,
  ok: (s: string) => boolean = () => true
): IDetector['run'] {
  return (t, emit) =>
    each(re, t, m => {
      if (ok(m[0])) {
        emit({ type, start: m.index, end: m.index + m[0].length });
      }
    });
}

const has =
  (...needles: string[]) =>
  (t: string) =>
    needles.some(n => t.includes(n));

export const DETECTORS: IDetector[] = [
  { types: ['url', 'dns', 'ipv4', 'ipv6'], gate: has('://'), run: urlDetector },
  { types: ['email', 'dns'], gate: has('@'), run: emailDetector },
  { types: ['dns'], gate: has('.'), run: domainDetector },
  { types: ['ipv4', 'ipv4_cidr', 'ipv4_port'], gate: has('.'), run: ipv4Detector },
  {
    types: ['ipv6'],
    gate: t => t.includes('::') || atLeast(t, ':', 7),
    run: simple('ipv6', P.IPV6_CANDIDATE, isIpv6)
  },
  {
    types: ['md5_hash', 'sha1_hash', 'sha256_hash', 'sha512_hash'],
    run: (t, emit) =>
      each(P.HEX_RUN, t, m => {
        const type = HASH_TYPES[m[0].length];
        if (type && !isImplausibleHash(m[0])) {
          emit({ type, start: m.index, end: m.index + m[0].length });
        }
      })
  },
  { types: ['cve'], gate: t => /cve-/i.test(t), run: simple('cve', P.CVE) },
  {
    types: ['mitre_technique', 'mitre_tactic', 'mitre_mitigation'],
    run: (t, emit) =>
      each(P.MITRE, t, m => {
        const kind = mitreKind(m[0]);
        if (kind) {
          emit({ type: kind, start: m.index, end: m.index + m[0].length });
        }
      })
  },
  {
    types: ['asn'],
    gate: has('AS'),
    run: simple('asn', P.ASN, s => {
      const n = Number(s.replace(/\D/g, ''));
      return n > 0 && n <= 4294967295;
    })
  },
  {
    types: ['mac_address'],
    gate: t => atLeast(t, ':', 5) || atLeast(t, '-', 5) || DOTTED_MAC.test(t),
    run: simple('mac_address', P.MAC)
  },
  {
    types: ['registry_key'],
    gate: t => /HK|\\REGISTRY/i.test(t),
    run: simple('registry_key', P.REGISTRY)
  },
  {
    types: ['bitcoin_address'],
    run: (t, emit) => {
      simple('bitcoin_address', P.BTC_BASE58, isBase58CheckAddress)(t, emit, new Set());
      if (/bc1/i.test(t)) {
        simple('bitcoin_address', P.BTC_BECH32, isBech32Address)(t, emit, new Set());
      }
    }
  },
  {
    types: ['ethereum_address'],
    gate: has('0x', '0X'),
    run: simple('ethereum_address', P.ETHEREUM, isEthereumAddress)
  },
  {
    types: ['ssdeep'],
    gate: has(':'),
    run: simple('ssdeep', P.SSDEEP, s => {
      const [size, a, b] = s.split(':');
      return isSsdeepBlockSize(Number(size)) && /[a-z]/i.test(a + b);
    })
  },
  { types: ['user_agent'], gate: has('/'), run: simple('user_agent', P.USER_AGENT) },
  {
    types: ['windows_path'],
    gate: has('\\'),
    run: simple('windows_path', P.WINDOWS_PATH, s => /\\[^\\]/.test(s))
  },
  { types: ['linux_path'], gate: has('/'), run: simple('linux_path', P.LINUX_PATH) }
];
