// Defanging for display: indicators are shown in a form that no viewer turns into a live
// link (IETF draft-grimminck-safe-ioc-sharing style: hxxp, [.], [@], [:]).

const HOSTY = new Set(['dns', 'ipv4', 'ipv4_cidr', 'ipv4_port', 'email']);

/** Defanged form of `value`; `type` picks the rules (guessed from the value when omitted). */
export function defang(value: string, type?: string): string {
  const t = type ?? guessType(value);
  if (t === 'url') {
    return defangUrl(value);
  }
  if (t === 'ipv6') {
    return value.replace(/:/g, '[:]');
  }
  if (HOSTY.has(t)) {
    return value.replace(/\./g, '[.]').replace(/@/g, '[@]');
  }
  return value;
}

function defangUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/is.exec(url);
  if (!m) {
    return url.replace(/\./g, '[.]');
  }
  const scheme = m[1].replace(/^http/i, 'hxxp').replace(/^ftp/i, 'fxp').replace(/^sftp/i, 'sfxp');
  const authority = m[2].replace(/\./g, '[.]').replace(/@/g, '[@]');
  return `${scheme}://${authority}${m[3]}`;
}

function guessType(value: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return 'url';
  }
  if (/^[0-9a-f]*:[0-9a-f:.]*$/i.test(value) && value.includes('::')) {
    return 'ipv6';
  }
  return /^[^\s/\\]+\.[a-z0-9-]+$/i.test(value) ? 'dns' : 'other';
}
