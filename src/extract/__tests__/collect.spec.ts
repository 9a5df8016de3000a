import { tableFromArrays } from 'apache-arrow';
import { bytesToBase64, encodeIPC } from '../../analytics/arrow';
import { collectCellText, collectOutputText } from '../collect';

describe('collectOutputText', () => {
  it('reads stream text as one row per line', () => {
    const { table, kind } = collectOutputText({
      output_type: 'stream',
      text: ['connect 10.0.0.1\n', 'GET hxxp://evil[.]com/a\n']
    });
    expect(kind).toBe('stream');
    expect(table.getChild('Text')!.toArray()).toEqual([
      'connect 10.0.0.1',
      'GET hxxp://evil[.]com/a',
      ''
    ]);
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

describe('collectCellText', () => {
  it('joins every text output of a cell, skipping images', () => {
    const { table } = collectCellText([
      { output_type: 'stream', text: 'a\n' },
      { output_type: 'display_data', data: { 'image/png': 'iVBOR' } },
      { output_type: 'execute_result', data: { 'text/plain': "'b'" } }
    ]);
    expect(table.getChild('Output')!.toArray()).toEqual(Int32Array.from([0, 0, 2]));
    expect(table.getChild('Text')!.toArray()).toEqual(['a', '', "'b'"]);
  });
});
