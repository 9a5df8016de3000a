// msticpy parity mode: a line-by-line port of IoCExtract._scan_for_iocs (msticpy 3.0.2,
// transform/iocextract.py) with its regexes, priorities, URL re-scan and quirks, so that
// extract_df and this return the same (type, observable, row) sets. See research/msticpy.md
// 1.3-1.4. Python `re` and V8 are both backtracking engines with leftmost-first alternation,
// so the same pattern gives the same matches; the differences in syntax are handled here:
// - MULTILINE `^`/`$` are spelled out (`(?<=\n)`, `(?=\n)`), since JS `m` also breaks on \r;
// - Python's Unicode `\w`, `\d`, `\s` are written as the Unicode classes they stand for;
// - VERBOSE whitespace is removed (the space inside WINPATH's last class is kept).
import { JobContext } from '../job';
import { msticpyTldValid } from './tld';
import { IIocMatch, IocType, MSTICPY_TYPES } from './types';

interface IPattern {
  type: IocType;
  re: RegExp;
  priority: number;
  /** Named group holding the observable, if not the whole match. */
  group?: string;
}

const PY_W = '\\p{L}\\p{N}_';
const PY_S =
  '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PCT = '%[0-9A-F]{2}';

const IPV4 = '(?<ipaddress>(?:[0-9]{1,3}\\.){3}[0-9]{1,3})';
const IPV4_DF = '(?<ipaddress>(?:[0-9]{1,3}\\[?\\.\\]?){3}[0-9]{1,3})';
const IPV6 = `(?<![:.${PY_W}])(?:[A-F0-9]{0,4}:){2,7}[A-F0-9]{0,4}(?![:.${PY_W}])`;
const DNS = '(?:(?=[a-z0-9\\-]{1,63}\\.)[a-z0-9]+(?:-[a-z0-9]+)*\\.){1,126}[a-z]{2,63}';
const DNS_DF =
  '(?:(?=[a-z0-9\\-]{1,63}\\[?\\.\\]?)[a-z0-9]+(?:-[a-z0-9]+)*\\[?\\.\\]?){1,126}[a-z]{2,63}';
const EMAIL_USER = "(?<user>[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~\\-]+)";
const EMAIL = `${EMAIL_USER}@(?<domain>${DNS})`;
const EMAIL_DF = `${EMAIL_USER}(?:@|\\[at\\])(?<domain>${DNS_DF})`;

function urlPattern(protocols: string, hostExtra: string): string {
  const sub = "a-z0-9\\-._~!$&'()*+,;=";
  return (
    `(?<protocol>(?:${protocols})://)` +
    `(?<userinfo>(?:[${sub}:]|${PCT})*@)?` +
    `(?<host>(?:[${sub}${hostExtra}]|${PCT})*)` +
    `(?::(?<port>\\p{Nd}*))?` +
    `(?:/(?<path>(?:[^?#"<>${PY_S}]|${PCT})*/?))?` +
    `(?:\\?(?<query>(?:[${sub}:/?@]|${PCT})*))?` +
    `(?:#(?<fragment>(?:[${sub}:/?@]|${PCT})*))?`
  );
}
const URL_RE = urlPattern('https?|s?ftps?|telnet|ldap|file', '');
const URL_DF = urlPattern('https?|hXXps?|s?ftps?|s?fXps?|telnet|ldap|file', '\\[\\]');

const WINPATH =
  '(?<root>[a-z]:|\\\\\\\\[a-z0-9_.$\\-]+||[.]+)' +
  '(?<folder>\\\\(?:[^/:*?"\'<>|\\r\\n]+\\\\)*)' +
  '(?<file>[^\\\\/*?"<>|\\r\\n ]+)';
const LXPATH =
  '(?<root>/+||[.]+)(?<folder>/(?:[^\\\\/:*?<>|\\r\\n]+/)*)(?<file>[^/\\0<>|\\r\\n ]+)';

function hashPattern(n: number): string {
  return `(?:^|(?<=\\n)|[^A-Fa-f0-9])(?<hash>[A-Fa-f0-9]{${n}})(?:$|(?=\\n)|[^A-Fa-f0-9])`;
}

function compile(type: IocType, source: string, priority: number, group?: string): IPattern {
  return { type, re: new RegExp(source, 'giu'), priority, group };
}

const HASHES = [
  compile('md5_hash', hashPattern(32), 1, 'hash'),
  compile('sha1_hash', hashPattern(40), 1, 'hash'),
  compile('sha256_hash', hashPattern(64), 1, 'hash')
];
const PATHS = [compile('windows_path', WINPATH, 3), compile('linux_path', LXPATH, 4)];
const IPV6_PATTERN = compile('ipv6', IPV6, 0);

/** msticpy's `_content_regex` (plain) or `_content_df_regex` (defanged), in dict order. */
function patternSet(ipv4: string, dns: string, url: string, email: string): IPattern[] {
  return [
    compile('ipv4', ipv4, 0, 'ipaddress'),
    IPV6_PATTERN,
    compile('dns', dns, 2),
    compile('url', url, 0),
    compile('email', email, 1),
    ...PATHS,
    ...HASHES
  ];
}
const PLAIN = patternSet(IPV4, DNS, URL_RE, EMAIL);
const DEFANGED = patternSet(IPV4_DF, DNS_DF, URL_DF, EMAIL_DF);
const DNS_DF_PATTERN = DEFANGED[2];

/** extract_df's type choice when `ioc_types` is not given. */
export function msticpyDefaultTypes(includePaths: boolean): IocType[] {
  return MSTICPY_TYPES.filter(t => t !== 'linux_path' && (includePaths || t !== 'windows_path'));
}

interface IFound {
  type: IocType;
  priority: number;
  start: number;
  end: number;
}

/** `_scan_for_iocs` for one string: observable -> (type, priority) and the span that set it. */
export function scanMsticpy(
  src: string,
  types: ReadonlySet<string>,
  defanged = true
): Map<string, IFound> {
  const found = new Map<string, IFound>();
  const add = (obs: string, p: IPattern, start: number, end: number) => {
    const prev = found.get(obs);
    if (prev === undefined || p.priority < prev.priority) {
      found.set(obs, { type: p.type, priority: p.priority, start, end });
    }
  };
  for (const p of defanged ? DEFANGED : PLAIN) {
    if (!types.has(p.type)) {
      continue;
    }
    let matchPos = 0;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(src); m; m = p.re.exec(src)) {
      const obs = p.group ? m.groups![p.group] : m[0];
      const start = p.group ? m.index + m[0].indexOf(obs) : m.index;
      if (p.type === 'dns' && !msticpyTldValid(obs)) {
        continue;
      }
      add(obs, p, start, start + obs.length);
      if (p.type === 'url') {
        // Quirk kept: the re-scan of the unquoted URL starts at the previous URL's end
        // offset in the source, and hosts are added as dns even if dns was not asked for.
        const decoded = pyUnquote(obs);
        const re = new RegExp(p.re.source, 'giu');
        re.lastIndex = matchPos;
        for (let u = re.exec(decoded); u; u = re.exec(decoded)) {
          add(u[0], p, start, start + obs.length);
          add(u.groups!.host ?? '', DNS_DF_PATTERN, start, start + obs.length);
        }
      }
      matchPos = m.index + m[0].length;
    }
  }
  if (!defanged) {
    // refang_ioc runs in the non-defanged mode only (where the patterns cannot match
    // defanged text, so it changes nothing; kept for exactness).
    const refanged = new Map<string, IFound>();
    for (const [obs, f] of found) {
      const key = ['ipv4', 'ipv6', 'url', 'dns', 'email'].includes(f.type)
        ? pyRefang(obs, f.type)
        : obs;
      refanged.set(key, f);
    }
    return refanged;
  }
  return found;
}

function pyRefang(ioc: string, type: string): string {
  let s = ioc;
  if (type === 'email') {
    s = s.split('[AT]').join('@');
  } else if (type === 'url') {
    s = s.split('hXXp').join('http').split('fXp').join('ftp');
  }
  return s.split('[.]').join('.');
}

const UTF8 = new TextDecoder('utf-8');

/** urllib.parse.unquote: runs of %XX decoded as UTF-8 with replacement characters. */
export function pyUnquote(s: string): string {
  if (!s.includes('%')) {
    return s;
  }
  return s.replace(/(?:%[0-9a-fA-F]{2})+/g, run => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) {
      bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    }
    return UTF8.decode(bytes);
  });
}

/** extract_df over a list of cells, as IIocMatch records (value = raw = msticpy's observable). */
export function extractMsticpy(
  texts: readonly (string | null)[],
  types: ReadonlySet<string>,
  defanged: boolean,
  column: string | undefined,
  ctx: JobContext,
  cap: (text: string, row: number) => string
): IIocMatch[] {
  const out: IIocMatch[] = [];
  for (let row = 0; row < texts.length; row++) {
    if ((row & 1023) === 0) {
      ctx.check(row / texts.length);
    }
    const text = texts[row];
    // msticpy raises TypeError on a non-string cell (NaN); we skip it.
    if (typeof text !== 'string') {
      continue;
    }
    for (const [obs, f] of scanMsticpy(cap(text, row), types, defanged)) {
      out.push({ type: f.type, value: obs, raw: obs, row, start: f.start, end: f.end, column });
    }
  }
  return out;
}
