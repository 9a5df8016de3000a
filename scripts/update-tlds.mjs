// Regenerates src/analytics/ioc/data/tlds.json from the npm package `tlds` (the IANA root
// zone list). IDN TLDs are stored in their punycode (xn--) form, because the extractor
// matches ASCII host names; run after updating the `tlds` devDependency:
//   node scripts/update-tlds.mjs
import { readFileSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';
import { domainToASCII } from 'url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tlds = require('tlds');
const version = JSON.parse(readFileSync(require.resolve('tlds/package.json'), 'utf8')).version;

const ascii = new Set();
for (const tld of tlds) {
  const a = domainToASCII(tld).toLowerCase();
  if (/^[a-z0-9-]+$/.test(a)) {
    ascii.add(a);
  }
}
const out = {
  source: `npm tlds@${version} (IANA root zone), IDN TLDs in punycode`,
  // One space-separated string keeps the file small and fast to parse.
  tlds: [...ascii].sort().join(' ')
};
const file = join(root, 'src/analytics/ioc/data/tlds.json');
writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
console.log(`wrote ${ascii.size} TLDs to ${file}`);
