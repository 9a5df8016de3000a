import * as fs from 'fs';
import * as path from 'path';
import { tableFromArrays } from 'apache-arrow';
import { bytesToBase64, encodeIPC } from '../../analytics/arrow';
import { decodeTexts } from '../../analytics/decode';
import { collectCellText, collectOutputText, textRecords } from '../collect';

/** The demo's "tar file" cell: print(open(f"{DATA}/base64msg.txt").read()). */
const BASE64MSG = fs.readFileSync(
  path.join(__dirname, '..', '..', '..', 'data', 'msticpy', 'base64msg.txt'),
  'utf8'
);

/** Archive members found when decoding each row, in order. */
function members(texts: string[]): string[] {
  return decodeTexts(texts)
    .map(item => item.fileName)
    .filter(name => name !== 'unknown');
}

describe('collectOutputText', () => {
  it('reads log-like stream text as one row per line, without colour codes', () => {
    const { table, kind } = collectOutputText({
      output_type: 'stream',
      text: ['connect 10.0.0.1\n', '\u001b[31mGET\u001b[0m hxxp://evil[.]com/a\n']
    });
    expect(kind).toBe('stream');
    expect(table.getChild('Text')!.toArray()).toEqual([
      'connect 10.0.0.1',
      'GET hxxp://evil[.]com/a'
    ]);
  });

  it("keeps the demo's line-wrapped base64 whole: the tar and zip members decode as from one cell", () => {
    const printed = BASE64MSG + '\n';
    const { table } = collectOutputText({ output_type: 'stream', text: printed });
    const rows = table.getChild('Text')!.toArray() as string[];
    expect(rows).toEqual([BASE64MSG]);
    const oneCell = members([BASE64MSG]);
    expect(oneCell).toEqual(expect.arrayContaining(['dllenc.txt', 'txtenc.txt', 'txtenc.txt.gz']));
    expect(members(rows)).toEqual(oneCell);
    // Line by line (the old rows) it was garbage: no member of either archive.
    expect(members(BASE64MSG.split('\n'))).toEqual([]);
  });

  it('reads pandas HTML tables cell by cell and never runs their scripts', () => {
    (window as any).pwned = false;
    const html =
      '<table><thead><tr><th></th><th>Host</th><th>IP</th></tr></thead><tbody>' +
      '<tr><th>0</th><td>web01</td><td>10.1.2.3</td></tr>' +
      '<tr><th>1</th><td><img src=x onerror="window.pwned=true">db02</td><td>10.1.2.4</td></tr>' +
      '</tbody></table><script>window.pwned = true</script>';
    const { table, kind } = collectOutputText({
      output_type: 'execute_result',
      data: { 'text/html': html }
    });
    expect(kind).toBe('HTML table');
    expect(table.getChild('IP')!.toArray()).toEqual(['10.1.2.3', '10.1.2.4']);
    expect(table.getChild('Host')!.toArray()).toEqual(['web01', 'db02']);
    expect((window as any).pwned).toBe(false);
  });

  it('reads HTML without a table as text, without scripts', () => {
    const { table } = collectOutputText({
      output_type: 'display_data',
      data: { 'text/html': '<p>beacon to <b>8.8.8.8</b></p><script>var secret = "x"</script>' }
    });
    expect(table.getChild('Text')!.toArray().join('\n')).toContain('beacon to 8.8.8.8');
    expect(table.getChild('Text')!.toArray().join('\n')).not.toContain('secret');
  });

  it('reads dataresource tables, JSON, Arrow outputs and tracebacks', () => {
    const resource = {
      schema: { fields: [{ name: 'index' }, { name: 'Url' }] },
      data: [
        { index: 0, Url: 'http://a.example/x' },
        { index: 1, Url: null }
      ]
    };
    const fromResource = collectOutputText({
      output_type: 'execute_result',
      data: { 'application/vnd.dataresource+json': resource }
    });
    expect(fromResource.table.getChild('Url')!.toArray()).toEqual(['http://a.example/x', '']);

    const json = collectOutputText({
      output_type: 'execute_result',
      data: { 'application/json': { ip: '1.2.3.4' } }
    });
    expect(json.table.getChild('Text')!.toArray().join('')).toContain('"ip": "1.2.3.4"');

    const arrow = bytesToBase64(encodeIPC(tableFromArrays({ cmd: ['powershell -enc AAAA'] })));
    const fromArrow = collectOutputText({
      output_type: 'display_data',
      data: { 'application/vnd.apache.arrow.stream': arrow }
    });
    expect(fromArrow.table.getChild('cmd')!.get(0)).toBe('powershell -enc AAAA');

    const error = collectOutputText({
      output_type: 'error',
      ename: 'ValueError',
      evalue: 'bad 1.2.3.4',
      traceback: ['\u001b[31mline\u001b[0m']
    });
    expect(error.table.getChild('Text')!.toArray()).toEqual(['ValueError: bad 1.2.3.4', 'line']);
  });

  it('says what is wrong with an output that has no text', () => {
    expect(() =>
      collectOutputText({ output_type: 'display_data', data: { 'image/png': 'iVBOR' } })
    ).toThrow(/has no text/);
  });
});

describe('textRecords', () => {
  const b64 = (n: number, c = 'QUJD') => c.repeat(Math.ceil(n / c.length)).slice(0, n);

  it('joins a wrapped blob with the lines it starts and ends on, and keeps logs apart', () => {
    const pem = [
      '2024-01-10 login ok 10.0.0.1',
      '-----BEGIN CERTIFICATE-----',
      b64(64),
      b64(64, 'eHl6'),
      'AQAB==',
      '-----END CERTIFICATE-----',
      'Payload: ' + b64(76),
      b64(76, 'Zm9v'),
      b64(20) + '= sent to 10.0.0.2',
      '2024-01-10 logout 10.0.0.1'
    ];
    expect(textRecords(pem.join('\n'))).toEqual([
      pem[0],
      pem[1],
      pem.slice(2, 5).join('\n'),
      pem[5],
      pem.slice(6, 9).join('\n'),
      pem[9]
    ]);
  });

  it('keeps a list of hashes, tokens with padding and short lines as separate rows', () => {
    const sha256 = ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(32), 'd'.repeat(40)];
    expect(textRecords(sha256.join('\n'))).toEqual(sha256);
    const tokens = [b64(43) + '=', b64(43, 'eHl6') + '=', b64(43) + '='];
    expect(textRecords(tokens.join('\r\n'))).toEqual(tokens);
    const short = ['abc', 'def', '', 'ghi'];
    expect(textRecords(short.join('\n') + '\n')).toEqual(short);
    expect(textRecords('')).toEqual(['']);
  });

  it('joins a two-line blob and runs in linear time on a long hash list', () => {
    expect(textRecords(`${b64(64)}\nQUJDRA==\nnext`)).toEqual([`${b64(64)}\nQUJDRA==`, 'next']);
    const many = Array.from({ length: 200_000 }, (_, i) => i.toString(16).padStart(64, '0'));
    const t0 = Date.now();
    expect(textRecords(many.join('\n'))).toHaveLength(200_000);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});

describe('collectCellText', () => {
  it('joins every text output of a cell, skipping images', () => {
    const { table } = collectCellText([
      { output_type: 'stream', text: 'a\n' },
      { output_type: 'display_data', data: { 'image/png': 'iVBOR' } },
      { output_type: 'execute_result', data: { 'text/plain': "'b'" } }
    ]);
    expect(table.getChild('Output')!.toArray()).toEqual(Int32Array.from([0, 2]));
    expect(table.getChild('Text')!.toArray()).toEqual(['a', "'b'"]);
  });
});
