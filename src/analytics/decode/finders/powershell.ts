// PowerShell -EncodedCommand: any unambiguous prefix of the parameter ("-e", "-ec",
// "-enc", "-encodedcommand", also with "/" or an en dash) followed by the base64 of
// UTF-16LE text. Marked explicitly, so short commands ("-enc ZABpAHIA") count.
import { decodeBase64 } from '../base64';
import { ICandidate } from './candidate';

const PARAM = /(?:^|[\s"'])[-/\u2013\u2014](e[a-z]*)\s+["']?([A-Za-z0-9+/=]{4,})/gi;

export function findPowerShellEncoded(text: string): ICandidate[] {
  const out: ICandidate[] = [];
  PARAM.lastIndex = 0;
  for (let m = PARAM.exec(text); m; m = PARAM.exec(text)) {
    const name = m[1].toLowerCase();
    if (!('encodedcommand'.startsWith(name) || name === 'ec')) {
      continue;
    }
    const arg = m[2];
    const start = m.index + m[0].length - arg.length;
    const bytes = decodeBase64(arg);
    if (bytes && bytes.length >= 2) {
      out.push({
        start,
        end: start + arg.length,
        encoding: 'base64',
        bytes,
        explicit: true,
        priority: 0
      });
    }
  }
  return out;
}
