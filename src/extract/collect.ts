// Turns cell outputs into an Arrow table of text for IoC extraction and decoding.
// Tabular outputs (Arrow, pandas dataresource, HTML tables) keep their columns; other
// outputs become the text the user sees, one row per record in a `Text` column: a line,
// or a line-wrapped blob with the lines it starts and ends on (see textRecords).
// Output content is hostile: HTML is parsed with DOMParser (inert: no scripts run, nothing
// loads) and only its text is read.
import { Table, tableFromArrays } from 'apache-arrow';
import { base64ToBytes, decodeIPC } from '../analytics/arrow';
import { MIME_TYPE } from '../protocol';

/** The subset of nbformat output JSON this module reads. */
export interface IOutputJSON {
  output_type: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

export interface ICollectedText {
  table: Table;
  /** Where the rows came from, e.g. "HTML table" or "text". */
  kind: string;
}

const DATARESOURCE_MIME = 'application/vnd.dataresource+json';
/** Cap on rows gathered from one output: a 10 MB text output still gives a bounded table. */
const MAX_LINES = 1_000_000;
/** Shortest line taken for a wrapped base64 line (PEM and `base64` wrap at 64, MIME at 76). */
const WRAP_MIN = 40;
const B64_LINE = new RegExp(`^[A-Za-z0-9+/]{${WRAP_MIN},}$`);
const B64_TAIL = /[A-Za-z0-9+/]+$/;
const B64_HEAD = /^[A-Za-z0-9+/]+={0,2}/;
const B64_LAST = /^[A-Za-z0-9+/]+={0,2}$/;
const HEX = /^[0-9a-fA-F]+$/;

export function collectOutputText(output: IOutputJSON): ICollectedText {
  const data = output.data ?? {};
  if (typeof data[MIME_TYPE] === 'string' || Array.isArray(data[MIME_TYPE])) {
    return { table: decodeIPC(base64ToBytes(joinText(data[MIME_TYPE]))), kind: 'Arrow table' };
  }
  const resource = data[DATARESOURCE_MIME];
  if (resource && typeof resource === 'object') {
    const table = dataresourceTable(resource as IDataResource);
    if (table) {
      return { table, kind: 'pandas table' };
    }
  }
  if (data['text/html'] !== undefined) {
    const html = joinText(data['text/html']);
    const table = htmlTable(html);
    return table ? { table, kind: 'HTML table' } : linesTable(htmlText(html), 'HTML text');
  }
  if (data['application/json'] !== undefined) {
    return linesTable(JSON.stringify(data['application/json'], null, 1), 'JSON');
  }
  for (const mime of ['text/plain', 'text/markdown', 'text/latex']) {
    if (data[mime] !== undefined) {
      return linesTable(joinText(data[mime]), 'text');
    }
  }
  if (output.output_type === 'stream') {
    return linesTable(joinText(output.text ?? ''), 'stream');
  }
  if (output.output_type === 'error') {
    const trace = (output.traceback ?? []).join('\n');
    return linesTable(`${output.ename}: ${output.evalue}\n${trace}`, 'error');
  }
  throw new Error(
    `This output (${output.output_type}: ${Object.keys(data).join(', ') || 'no data'}) has no text to read`
  );
}

/** Several outputs (a whole cell) as one table of lines, prefixed with the output index. */
export function collectCellText(outputs: IOutputJSON[]): ICollectedText {
  const source: number[] = [];
  const text: string[] = [];
  outputs.forEach((output, i) => {
    let collected: ICollectedText;
    try {
      collected = collectOutputText(output);
    } catch {
      return; // images and other non-text outputs have nothing to extract
    }
    for (const line of tableLines(collected.table)) {
      source.push(i);
      text.push(line);
    }
  });
  if (text.length === 0) {
    throw new Error('The cell has no text output to read');
  }
  return {
    table: tableFromArrays({ Output: Int32Array.from(source), Text: text }),
    kind: 'cell outputs'
  };
}

function tableLines(table: Table): string[] {
  const fields = table.schema.fields.map(f => f.name);
  if (fields.length === 1 && fields[0] === 'Text') {
    return table.getChild('Text')!.toArray() as string[];
  }
  const lines: string[] = [];
  for (let r = 0; r < table.numRows; r++) {
    lines.push(fields.map((_, c) => String(table.getChildAt(c)!.get(r) ?? '')).join('\t'));
  }
  return lines;
}

function linesTable(text: string, kind: string): ICollectedText {
  const records = textRecords(stripAnsi(text)).slice(0, MAX_LINES);
  return { table: tableFromArrays({ Text: records }), kind };
}

/**
 * Text split into records: one per line (logs: each line is a record), except that a
 * line-wrapped base64 blob stays whole, joined with the line it starts on and the line it
 * ends on, line breaks kept. Decided from the content: lines that are all base64 characters,
 * of one width, after a line that ends in a run of that width, are wrapped. A run of hex
 * only lines (a list of hashes) is a list, not a blob.
 */
export function textRecords(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') {
    lines.pop(); // the final line break
  }
  const wraps = wrapBreaks(lines);
  const records: string[] = [];
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!wraps[i]) {
      records.push(lines.slice(start, i + 1).join('\n'));
      start = i + 1;
    }
  }
  return records;
}

/** breaks[i]: line i continues on line i + 1 (a wrapped blob goes on). */
function wrapBreaks(lines: string[]): boolean[] {
  const breaks = new Array<boolean>(lines.length).fill(false);
  let i = 0;
  while (i < lines.length - 1) {
    const { last, wrapped } = blobAt(lines, i);
    if (wrapped) {
      breaks.fill(true, i, last);
    }
    // The blob's last line may start the next one ("...==then a zip:UEsDB..."); a list of
    // hashes is skipped whole (linear time on a million of them).
    i = Math.max(last, i + 1);
  }
  return breaks;
}

/** The wrapped blob starting at the end of line `i` and its last line, if there is one. */
function blobAt(lines: string[], i: number): { last: number; wrapped: boolean } {
  const tail = B64_TAIL.exec(lines[i])?.[0] ?? '';
  const next = lines[i + 1];
  if (!B64_LINE.test(next) || tail.length !== next.length) {
    // Two lines: a full line and a shorter last one ("MIIB...\nQUJD==").
    const two =
      B64_LINE.test(lines[i]) &&
      B64_LAST.test(next) &&
      next.length < lines[i].length &&
      !(HEX.test(lines[i]) && HEX.test(next));
    return { last: i + 1, wrapped: two };
  }
  const width = next.length;
  let last = i + 1;
  while (last + 1 < lines.length && lines[last + 1].length === width) {
    if (!B64_LINE.test(lines[last + 1])) {
      break;
    }
    last++;
  }
  if (HEX.test(tail) && lines.slice(i + 1, last + 1).every(l => HEX.test(l))) {
    return { last, wrapped: false }; // hashes, one per line
  }
  const after = lines[last + 1];
  const head = after === undefined ? 0 : (B64_HEAD.exec(after)?.[0].length ?? 0);
  return { last: head > 0 && head <= width ? last + 1 : last, wrapped: true };
}

interface IDataResource {
  schema?: { fields?: { name: string }[] };
  data?: Record<string, unknown>[];
}

function dataresourceTable(resource: IDataResource): Table | null {
  const fields = resource.schema?.fields?.map(f => f.name);
  if (!fields || !Array.isArray(resource.data)) {
    return null;
  }
  const columns: Record<string, string[]> = {};
  for (const name of uniqueNames(fields)) {
    columns[name] = [];
  }
  const names = Object.keys(columns);
  for (const row of resource.data) {
    fields.forEach((f, i) =>
      columns[names[i]].push(row[f] === null || row[f] === undefined ? '' : String(row[f]))
    );
  }
  return tableFromArrays(columns);
}

/** The first <table> of an HTML output (pandas' to_html), cells as text; null if none. */
function htmlTable(html: string): Table | null {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const table = doc.querySelector('table');
  if (!table) {
    return null;
  }
  const rows = [...table.querySelectorAll('tr')].map(tr =>
    [...tr.querySelectorAll('th, td')].map(c => (c.textContent ?? '').trim())
  );
  if (rows.length < 2) {
    return null;
  }
  const width = Math.max(...rows.map(r => r.length));
  const header = uniqueNames(Array.from({ length: width }, (_, i) => rows[0][i] || `column ${i}`));
  const columns: Record<string, string[]> = Object.fromEntries(header.map(h => [h, []]));
  for (const row of rows.slice(1)) {
    header.forEach((h, i) => columns[h].push(row[i] ?? ''));
  }
  return tableFromArrays(columns);
}

function htmlText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('script, style').forEach(n => n.remove());
  return doc.body?.innerText ?? doc.body?.textContent ?? '';
}

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map(n => {
    const count = seen.get(n) ?? 0;
    seen.set(n, count + 1);
    return count ? `${n}_${count}` : n;
  });
}

function joinText(value: unknown): string {
  return Array.isArray(value) ? value.join('') : String(value ?? '');
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}
