// Default-mode patterns. Each finds candidates cheaply; validators in validate.ts/crypto.ts
// and the context rules in detectors.ts decide. Every pattern is linear on adversarial
// input: each repetition is bounded or its class excludes what ends it, lookbehinds stop
// matches from starting inside a word, and nothing nests two unbounded quantifiers over the
// same characters (see __tests__/fuzz.spec.ts).

/** A scheme and `://`; the rest of a URL is read by hand (detectors.ts). */
export const URL_START =
  /(?<![A-Za-z0-9+.-])(?:https?|s?ftps?|sftp|telnet|ldaps?|file|smb|wss?|tcp|udp|ssh|rdp|git|svn|irc|nntp|gopher|mms|rtsp)(?=:\/\/)/gi;

/**
 * Host names: labels of letters, digits and inner hyphens, ending in an alphabetic or xn--
 * TLD. A match may not start after "label." either: otherwise "a.a.a.a..." would be scanned
 * from every label, quadratic in the run length.
 */
export const DOMAIN =
  /(?<![\w-]|[\w-]\.)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})(?![\w-])/gi;
/** The same, anchored at a position (email domains). */
export const DOMAIN_AT =
  /(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})(?![\w-])/iy;

/** Maximal run of dot-separated numbers, classified in detectors.ts (IP, netstat, version). */
export const DOTTED_NUMBERS = /(?<![\w.])\d{1,5}(?:\.\d{1,5}){3,}(?!\d|\.\d)/g;

export const IPV6_CANDIDATE =
  /(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]{0,4})(?:%[\w.-]{1,32})?(?![\w:.])/gi;

/** Maximal hex runs: leftmost-greedy matching cannot start inside a longer run. */
export const HEX_RUN = /[0-9a-f]{32,}/gi;

export const CVE = /(?<![\w-])CVE-\d{4}-\d{4,7}(?![\w-])/gi;

export const MITRE = /(?<![\w.])(?:TA|T|M)\d{4}(?:\.\d{3})?(?![\w.])/g;

export const ASN = /(?<![\w-])ASN?[ ]?\d{1,10}(?![\w.-])/g;

export const MAC =
  /(?<![\w:.-])(?:[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4})(?![\w:.-])/gi;

const REG_SEG = '[^\\\\\\s"\'<>|]+';
export const REGISTRY = new RegExp(
  '(?<![\\w\\\\])(?:HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER|HKEY_CLASSES_ROOT|HKEY_USERS|HKEY_CURRENT_CONFIG|' +
    'HKLM|HKCU|HKCR|HKU|HKCC|\\\\REGISTRY\\\\(?:MACHINE|USER))' +
    `:?(?:\\\\${REG_SEG}(?: ${REG_SEG})*(?=\\\\))*\\\\[^\\\\\\s"'<>|]*`,
  'gi'
);

export const BTC_BASE58 = /(?<![\w])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![\w])/g;
export const BTC_BECH32 =
  /(?<![\w])(?:bc1[02-9ac-hj-np-z]{11,71}|BC1[02-9AC-HJ-NP-Z]{11,71})(?![\w])/g;

export const ETHEREUM = /(?<![\w])0x[0-9a-f]{40}(?![\w])/gi;

export const SSDEEP = /(?<![\w:/+])\d{1,10}:[a-z0-9/+]{3,64}:[a-z0-9/+]{3,64}(?![\w/+:])/gi;

const UA_TOKEN = '\\([^()\\r\\n]{0,300}\\)|[A-Za-z][\\w.+-]{0,40}/[\\w.+-]{1,40}|like Gecko|Mobile';
export const USER_AGENT = new RegExp(
  '(?<![\\w-])(?:Mozilla|Opera|Dalvik|curl|Wget|python-requests|Python-urllib|Go-http-client|okhttp|Java|' +
    'WindowsPowerShell|PowerShell|libwww-perl|Apache-HttpClient|Googlebot|bingbot|Microsoft-CryptoAPI|' +
    `Microsoft BITS)/\\d[\\w.+-]{0,40}(?: (?:${UA_TOKEN}))*`,
  'g'
);

/** A Windows path needs a root: drive, UNC share, %ENV% or a relative `.\`/`..\`. */
export const WINDOWS_PATH =
  /(?:(?<![\w])[a-z]:|\\\\[\w.$-]{1,255}|%\w{1,64}%|(?<![\w.])\.{1,2}(?=\\))\\(?:[^\\/:*?"<>|\r\n]{1,255}\\)*[^\\/:*?"<>|\r\n\s]*/gi;

/** A Unix path: `/a/b`, or `./a`, `../a`, `~/a`; a single `/a` is too often something else. */
export const LINUX_PATH =
  /(?<![\w./~\\-])(?:(?:~|\.{1,2})(?:\/[^\s/\\:*?<>|"'`;&(){}[\],=]+)+|(?:\/[^\s/\\:*?<>|"'`;&(){}[\],=]+){2,})\/?/g;
