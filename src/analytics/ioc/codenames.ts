// Dotted names from code that read as host names once the TLD list has brand TLDs:
// .NET / COM / PowerShell namespaces and ProgIDs (System.Security, Wscript.Shell,
// Microsoft.Windows, WScript.Network), Java/Android package names (com.google.android) and
// member access on variables (n.ID). Only standalone names are judged: a URL host or an
// email domain is a host by its context.

/** First labels of namespaces and ProgIDs seen in command lines and scripts. */
const NAMESPACE_ROOTS = new Set(
  (
    'system microsoft windows wscript cscript scripting shell mscorlib adodb msxml msxml2 ' +
    'winhttp internetexplorer excel word outlook powerpoint access powershell vbscript ' +
    'wbemscripting schedule shellwindows'
  ).split(' ')
);

/** A package name starts with a TLD read backwards (com.google.android, org.apache.log4j). */
const PACKAGE_ROOTS = new Set('com org net edu gov java javax android androidx kotlin'.split(' '));

/** TLDs a namespace root is still a host under (microsoft.com, windows.net). */
const HOST_TLDS = new Set('com net org edu gov mil int'.split(' '));

export function isCodeName(name: string): boolean {
  const labels = name.split('.');
  const first = labels[0].toLowerCase();
  const tld = labels[labels.length - 1];
  if (labels.length >= 3 && PACKAGE_ROOTS.has(first)) {
    return true;
  }
  if (NAMESPACE_ROOTS.has(first) && !HOST_TLDS.has(tld.toLowerCase()) && tld.length > 2) {
    return true;
  }
  // Identifier case: an upper-case TLD in a name that is not all upper case (n.ID,
  // Foo.Bar, Wscript.Shell); host names are written in one case.
  return /[A-Z]/.test(tld) && /[a-z]/.test(name);
}
