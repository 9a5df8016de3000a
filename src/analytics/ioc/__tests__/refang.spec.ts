// Every defang form of research/algorithms.md 2.6 is refanged; raw text and offsets point
// back at the input as written; prose that merely looks like a form is left alone.
import { defang, extractIocs, refang } from '../index';
import { refangText } from '../refang';
import { valuesOf } from './helpers';

describe('refang: dot forms', () => {
  it.each([
    'evil[.]com',
    'evil(.)com',
    'evil{.}com',
    'evil<.>com',
    'evil\\.com',
    'evil^.com',
    'evil[dot]com',
    'evil(dot)com',
    'evil{dot}com',
    'evil[DOT]com',
    'evilDOTcom',
    'evil DOT com',
    'evil-dot-com',
    'evil[punto]com',
    'evil(punkt)com',
    'evil . com',
    'evil[.com',
    'evil.]com',
    'evil(.com',
    'evil.)com',
    'evil・com',
    'evil[,]com'
  ])('%s', form => {
    expect(valuesOf(`seen ${form} today`, 'dns')).toEqual(['evil.com']);
  });
  it('comma-separated IPv4 as a whole token', () => {
    expect(valuesOf('beacon to 10,1,2,3 now', 'ipv4')).toEqual(['10.1.2.3']);
    expect(valuesOf('row,1,2,3,4,end', 'ipv4')).toEqual([]);
  });
});

describe('refang: a backslash before a dot', () => {
  it.each([
    ['evil\\.com', 'dns', ['evil.com']],
    ['bad\\.evil\\.co\\.uk', 'dns', ['bad.evil.co.uk']],
    ['10\\.1\\.2\\.3', 'ipv4', ['10.1.2.3']]
  ])('%s is a defanged dot where the result is an indicator', (text, type, values) => {
    expect(valuesOf(`seen ${text} today`, type)).toEqual(values);
  });
  it.each([
    [
      'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\FileExts\\.vbs',
      'registry_key'
    ],
    ['C:\\Users\\bob\\.ssh\\id_rsa', 'windows_path'],
    ['C:\\Users\\bob\\.com', 'windows_path'],
    ['\\\\server\\share\\.git', 'windows_path']
  ])('%s keeps its path separator', (text, type) => {
    expect(refang(text)).toBe(text);
    expect(valuesOf(text, type)).toEqual([text]);
    expect(valuesOf(text, 'dns')).toEqual([]);
  });
  it('a lone dot name after a backslash is not refanged', () => {
    expect(refang('bob\\.ssh and x\\.vbs')).toBe('bob\\.ssh and x\\.vbs');
  });
});

describe('refang: at forms', () => {
  it.each([
    'bob[@]evil.com',
    'bob(@)evil.com',
    'bob{@}evil.com',
    'bob[at]evil.com',
    'bob(at)evil.com',
    'bob{at}evil.com',
    'bob[AT]evil.com',
    'bob AT evil.com',
    'bob ET evil.com',
    'bob ARROBA evil.com',
    'bob-at-evil.com',
    'bob @ evil.com',
    'bob@ evil.com',
    'bob at evil dot com',
    'bob(arroba)evil.com'
  ])('%s', form => {
    expect(valuesOf(`mail ${form} now`, 'email')).toEqual(['bob@evil.com']);
  });
  it('leaves prose alone', () => {
    expect(refang('we met at noon at the cafe.')).toBe('we met at noon at the cafe.');
    expect(valuesOf('news.ycombinATor.com', 'email')).toEqual([]);
    expect(valuesOf('Logged in at example.com', 'email')).toEqual([]);
  });
});

describe('refang: schemes and separators', () => {
  it.each([
    ['hxxp://evil.com/a', 'http://evil.com/a'],
    ['hXXps://evil.com/a', 'https://evil.com/a'],
    ['h**p://evil.com/a', 'http://evil.com/a'],
    ['h00p://evil.com/a', 'http://evil.com/a'],
    ['hXTp://evil.com/a', 'http://evil.com/a'],
    ['hQQps://evil.com/a', 'https://evil.com/a'],
    ['fxp://evil.com/a', 'ftp://evil.com/a'],
    ['ftx://evil.com/a', 'ftp://evil.com/a'],
    ['sfxp://evil.com/a', 'sftp://evil.com/a'],
    ['xxxx://evil.com/a', 'http://evil.com/a'],
    ['xxxxx://evil.com/a', 'https://evil.com/a'],
    ['xxxxs://evil.com/a', 'https://evil.com/a'],
    ['[http]://evil.com/a', 'http://evil.com/a'],
    ['http[://]evil.com/a', 'http://evil.com/a'],
    ['http(://)evil.com/a', 'http://evil.com/a'],
    ['http[:]//evil.com/a', 'http://evil.com/a'],
    ['http(:)//evil.com/a', 'http://evil.com/a'],
    ['http{:}//evil.com/a', 'http://evil.com/a'],
    ['http:\\\\evil.com/a', 'http://evil.com/a'],
    ['http__evil.com/a', 'http://evil.com/a'],
    ['http:__evil.com/a', 'http://evil.com/a'],
    ['http :// evil.com/a', 'http://evil.com/a'],
    ['http://evil.com[/]a', 'http://evil.com/a'],
    ['http:\\/\\/evil.com\\/a', 'http://evil.com/a'],
    ['http://[www].evil.com/a', 'http://www.evil.com/a'],
    ['http://my[-]evil.com/a', 'http://my-evil.com/a'],
    ['hxxps[:]//evil[.]com[/]a', 'https://evil.com/a']
  ])('%s', (form, expected) => {
    expect(valuesOf(`get ${form} now`, 'url')).toEqual([expected]);
  });
  it('keeps Windows paths and file URLs intact', () => {
    expect(refang('C:\\\\Users\\\\bob c:\\temp file:///etc/passwd')).toBe(
      'C:\\\\Users\\\\bob c:\\temp file:///etc/passwd'
    );
  });
});

describe('raw text and offsets', () => {
  it('maps refanged spans back to the raw input', () => {
    const text = 'x hxxps://evil[.]com/a[.]php y bob[at]evil(dot)org z 10[.]0[.]0[.]1';
    for (const m of extractIocs([text])) {
      expect(text.slice(m.start, m.end)).toBe(m.raw);
      expect(refang(m.raw)).toBe(m.value);
    }
    const r = refangText('a[.]b');
    expect(r.text).toBe('a.b');
    expect([r.toRaw(0, false), r.toRaw(1, false), r.toRaw(2, false), r.toRaw(3, true)]).toEqual([
      0, 1, 4, 5
    ]);
  });
});

describe('defang', () => {
  it.each([
    ['https://evil.com/a.php', 'url', 'hxxps://evil[.]com/a.php'],
    ['ftp://bob@evil.com/x', 'url', 'fxp://bob[@]evil[.]com/x'],
    ['evil.com', 'dns', 'evil[.]com'],
    ['10.0.0.1', 'ipv4', '10[.]0[.]0[.]1'],
    ['bob@evil.com', 'email', 'bob[@]evil[.]com'],
    ['2001:db8::1', 'ipv6', '2001[:]db8[:][:]1'],
    ['00236a2ae558018ed13b5222ef1bd987', 'md5_hash', '00236a2ae558018ed13b5222ef1bd987']
  ])('%s (%s)', (value, type, expected) => {
    expect(defang(value, type)).toBe(expected);
    expect(refang(expected)).toBe(value);
  });
  it('guesses the type when not given', () => {
    expect(defang('http://x.com/')).toBe('hxxp://x[.]com/');
    expect(defang('x.com')).toBe('x[.]com');
  });
});
