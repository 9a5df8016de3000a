// msticpy's acceptance cases (research/msticpy.md 1.5, tests/transform/test_ioc_extractor.py)
// in the default mode: the expected counts hold, and where the default mode differs on
// purpose (quirks fixed, more types) the test says so.
import { extractIocs } from '../index';
import acceptance from './fixtures/acceptance.json';
import { byType, valuesOf } from './helpers';

const [
  ipv4,
  ipv6,
  url,
  winPath,
  lxPath,
  md5,
  sha1,
  sha256,
  url2,
  dom1,
  domNeg,
  domShort,
  domYc,
  e1,
  e2,
  e3,
  e4
] = acceptance.inputs.cases;
const DF = acceptance.inputs.defanged;

describe('msticpy acceptance cases, default mode', () => {
  it('ipv4', () => {
    expect(valuesOf(ipv4, 'ipv4')).toEqual(['206.123.1.123']);
  });

  it('ipv6: the three msticpy finds, plus the embedded-IPv4 form msticpy misses', () => {
    expect(valuesOf(ipv6, 'ipv6')).toEqual([
      '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
      '2001:db8:85a3:0:0:8a2e:370:7334',
      '2001:db8:85a3::8a2e:370:7334',
      '::ffff:192.0.2.128'
    ]);
    expect(valuesOf(ipv6, 'ipv4')).toEqual(['192.0.2.128']);
  });

  it('url: 2 urls, 2 dns, no ipv4; userinfo email without the "//" msticpy keeps', () => {
    const r = byType(url);
    expect(r.url).toEqual([
      'https://myuser@some.domain.es:88/thepath?qry1=abc&qry2=xyz',
      'https://some.domain.it/thepath?qry1=abc&qry2=xyz'
    ]);
    expect(r.dns).toEqual(['some.domain.es', 'some.domain.it']);
    expect(r.ipv4).toBeUndefined();
    expect(r.email).toEqual(['myuser@some.domain.es']);
  });

  it('url2: url (no trailing quote), dns and ipv4', () => {
    const r = byType(url2);
    expect(r.url).toEqual(['https://www.virustotal.com/en/ip-address/90.156.201.27/information/']);
    expect(r.dns).toEqual(['www.virustotal.com']);
    expect(r.ipv4).toEqual(['90.156.201.27']);
  });

  it('windows_path: 3', () => {
    expect(valuesOf(winPath, 'windows_path')).toEqual([
      '..\\another\\file',
      '\\\\uncpath\\file',
      'c:\\one\\path\\or\\another\\myprocess'
    ]);
  });

  it('linux_path: 3 distinct', () => {
    expect(valuesOf(lxPath, 'linux_path')).toEqual(['../../bosh', './bish', '/bin/bash']);
  });

  it.each([
    ['md5_hash', md5],
    ['sha1_hash', sha1],
    ['sha256_hash', sha256]
  ])('%s: 3', (type, text) => {
    expect(valuesOf(text, type)).toHaveLength(3);
  });

  it('domains: valid TLDs found, made-up TLD rejected', () => {
    expect(valuesOf(dom1, 'dns')).toEqual(['domain.like.uk']);
    expect(valuesOf(domNeg, 'dns')).toEqual([]);
    expect(valuesOf(domShort, 'dns')).toEqual(['microsoft.com']);
    expect(valuesOf(domYc, 'dns')).toEqual(['news.ycombinator.com']);
  });

  it.each([e1, e2, e3, e4])('email: %s', text => {
    expect(valuesOf(text, 'email')).toHaveLength(1);
  });

  it('DataFrame form (one column, all cases): msticpy counts, with our differences', () => {
    const ms = extractIocs(acceptance.inputs.cases, {
      types: [
        'ipv4',
        'ipv6',
        'url',
        'windows_path',
        'linux_path',
        'md5_hash',
        'sha1_hash',
        'sha256_hash'
      ]
    });
    const count = (t: string) =>
      new Set(ms.filter(m => m.type === t).map(m => `${m.row}|${m.value}`)).size;
    expect(count('ipv4')).toBe(3);
    expect(count('ipv6')).toBe(4); // + ::ffff:192.0.2.128
    expect(count('url')).toBe(3);
    expect(count('windows_path')).toBe(6);
    expect(count('md5_hash')).toBe(3);
    expect(count('sha1_hash')).toBe(3);
    expect(count('sha256_hash')).toBe(3);
    // Asked-for types only: no dns leaks in as msticpy's URL-host quirk does.
    expect(count('dns')).toBe(0);
    const few = extractIocs(acceptance.inputs.cases, { types: ['ipv4', 'url', 'md5_hash'] });
    expect(new Set(few.map(m => m.type))).toEqual(new Set(['ipv4', 'url', 'md5_hash']));
  });

  it('defanged inputs are found and refanged, raw keeps the text as written', () => {
    for (const text of DF.slice(0, 3)) {
      const m = extractIocs([text], { types: ['ipv4'] });
      expect(m.map(x => x.value)).toEqual(['206.123.1.123']);
      expect(text.slice(m[0].start, m[0].end)).toBe(m[0].raw);
    }
    expect(valuesOf(DF[3], 'ipv4')).toEqual([]);
    expect(valuesOf(DF[3], 'dns')).toEqual(['206.123.1.com']);
    for (const text of DF.slice(4, 14)) {
      expect(valuesOf(text, 'url')).toHaveLength(1);
      expect(valuesOf(text, 'url')[0]).toMatch(
        /^(https|s?ftps?|file|telnet):\/\/www\.virustotal\.com\/en\//
      );
    }
    for (const text of DF.slice(14, 17)) {
      expect(valuesOf(text, 'dns')).toEqual(['domain.like.uk']);
    }
    for (const text of DF.slice(17)) {
      expect(valuesOf(text, 'email')).toEqual(['user@domain.like.uk']);
    }
  });
});
