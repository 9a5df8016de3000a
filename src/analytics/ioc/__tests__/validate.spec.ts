// Validation after matching, overlap resolution and the extra types.
import { extractIocs } from '../index';
import { isBase58CheckAddress, isBech32Address, isEthereumAddress } from '../crypto';
import { isIpv4, isIpv6, mitreKind } from '../validate';
import { byType, valuesOf } from './helpers';

describe('IP addresses', () => {
  it('checks octets and rejects versions', () => {
    expect(valuesOf('999.999.999.999 1.2.3.4.5 10.0.19041.1 v1.2.3.4 1.2.3.4abc', 'ipv4')).toEqual(
      []
    );
    expect(valuesOf('to 8.8.8.8. Then 192.168.001.010', 'ipv4')).toEqual([
      '192.168.001.010',
      '8.8.8.8'
    ]);
    expect(isIpv4('255.255.255.255')).toBe(true);
    expect(isIpv4('256.1.1.1')).toBe(false);
  });
  it('finds CIDR, ip:port and netstat ip.port, each with its address', () => {
    const r = byType('10.0.0.0/8 8.8.8.8:53 tcp4 10.1.1.117.4222 1.2.3.4/99');
    expect(r.ipv4_cidr).toEqual(['10.0.0.0/8']);
    expect(r.ipv4_port).toEqual(['10.1.1.117.4222', '8.8.8.8:53']);
    expect(r.ipv4).toEqual(['1.2.3.4', '10.0.0.0', '10.1.1.117', '8.8.8.8']);
  });
  it('parses IPv6 instead of trusting the pattern', () => {
    expect(valuesOf('ab:cd:ef 12:30:45 00:11:22:33:44:55 1::2::3', 'ipv6')).toEqual([]);
    expect(valuesOf('::1 fe80::1%eth0 [2001:db8::1]:443 ::ffff:10.0.0.1', 'ipv6')).toEqual([
      '2001:db8::1',
      '::1',
      '::ffff:10.0.0.1',
      'fe80::1%eth0'
    ]);
    expect(isIpv6('1:2:3:4:5:6:7:8')).toBe(true);
    expect(isIpv6('1:2:3:4:5:6:7')).toBe(false);
  });
});

describe('domains', () => {
  it('needs an IANA TLD and rejects file names', () => {
    expect(valuesOf('cmd.exe file.zip run.sh svchost.exe notes.md evil.com', 'dns')).toEqual([
      'evil.com'
    ]);
    expect(valuesOf('C:\\temp\\evil.com and /tmp/payload.info', 'dns')).toEqual([]);
    expect(valuesOf('W64/BURNTCIGAR.CA!tr', 'dns')).toEqual([]);
  });
  it('accepts file-extension TLDs when the context says host', () => {
    expect(valuesOf('https://files.zip/a mail bob@company.zip c2 update.zip:443', 'dns')).toEqual([
      'company.zip',
      'files.zip',
      'update.zip'
    ]);
    expect(valuesOf('UNC \\\\fileserver.corp.com\\share', 'dns')).toEqual(['fileserver.corp.com']);
  });
  it('reports every URL host, including internal names', () => {
    expect(
      valuesOf('ldap://dc01.corp.local/ http://b.example.org/x http://10.1.1.1/', 'dns')
    ).toEqual(['b.example.org', 'dc01.corp.local']);
  });
  it('finds URLs nested in percent-encoded parameters', () => {
    const r = byType('http://b.example.org/r?u=http%3A%2F%2Fc.example.net%2Fx');
    expect(r.url).toContain('http://c.example.net/x');
    expect(r.dns).toEqual(['b.example.org', 'c.example.net']);
  });
});

describe('hashes', () => {
  const h = '00236a2ae558018ed13b5222ef1bd987';
  it('are not read out of longer hex, and one space between two is enough', () => {
    expect(valuesOf(`${h} ${h.replace('7', '8')}`, 'md5_hash')).toHaveLength(2);
    expect(valuesOf(`${h}ab`, 'md5_hash')).toEqual([]);
    expect(valuesOf('a'.repeat(66), 'sha256_hash')).toEqual([]);
    expect(
      valuesOf(
        '0'.repeat(32) + ' ' + '1'.repeat(40) + ' ' + '12345678901234567890123456789012',
        'md5_hash'
      )
    ).toEqual([]);
  });
  it('finds sha512', () => {
    expect(valuesOf(`sha512=${'ab12'.repeat(32)}`, 'sha512_hash')).toHaveLength(1);
  });
});

describe('checksummed coin addresses', () => {
  it('bitcoin base58check and bech32/bech32m', () => {
    expect(isBase58CheckAddress('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')).toBe(true);
    expect(isBase58CheckAddress('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb')).toBe(false);
    expect(isBase58CheckAddress('3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy')).toBe(true);
    expect(isBech32Address('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq')).toBe(true);
    expect(isBech32Address('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx')).toBe(false);
    expect(isBech32Address('bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297')).toBe(
      true
    );
    expect(
      valuesOf(
        'pay 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa or 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb',
        'bitcoin_address'
      )
    ).toEqual(['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa']);
  });
  it('ethereum EIP-55', () => {
    expect(isEthereumAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')).toBe(true);
    expect(isEthereumAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD')).toBe(false);
    expect(isEthereumAddress('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')).toBe(true);
    const r = byType('to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed');
    expect(r.ethereum_address).toEqual(['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed']);
    expect(r.sha1_hash).toBeUndefined();
  });
});

describe('other types', () => {
  it('CVE, ATT&CK ids validated against the shipped list, ASN, MAC', () => {
    const r = byType(
      'CVE-2021-44228 cve-2017-0144 T1059.001 T1003 TA0002 M1036 T9999 T1059.999 AS15169 ASN 8075 00:11:22:33:44:55 00-11-22-33-44-5A 0011.2233.4455'
    );
    expect(r.cve).toEqual(['CVE-2021-44228', 'cve-2017-0144']);
    expect(r.mitre_technique).toEqual(['T1003', 'T1059.001']);
    expect(r.mitre_tactic).toEqual(['TA0002']);
    expect(r.mitre_mitigation).toEqual(['M1036']);
    expect(r.asn).toEqual(['AS15169', 'ASN 8075']);
    expect(r.mac_address).toEqual(['00-11-22-33-44-5A', '0011.2233.4455', '00:11:22:33:44:55']);
    expect(mitreKind('TA0043')).toBe('mitre_tactic');
  });
  it('registry keys, with spaces inside the path', () => {
    expect(
      valuesOf(
        'reg add "HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Run" /v x',
        'registry_key'
      )
    ).toEqual(['HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Run']);
    expect(valuesOf('HKEY_CURRENT_USER\\Environment\\windir', 'registry_key')).toHaveLength(1);
  });
  it('ssdeep with a valid block size only', () => {
    const s =
      '96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx:sF1LjEtHHlZDrw1mA+4uy1I0G4HYuL8N3TzZ/wqWXLcMSx';
    expect(valuesOf(`hash ${s} end`, 'ssdeep')).toEqual([s]);
    expect(valuesOf(`hash 97${s.slice(2)} 12:30:45`, 'ssdeep')).toEqual([]);
  });
  it('user agents, without the versions inside them read as IPs', () => {
    const ua =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
    const r = byType(`GET / 200 "${ua}" "curl/7.68.0"`);
    expect(r.user_agent).toEqual([ua, 'curl/7.68.0']);
    expect(r.ipv4).toBeUndefined();
  });
});

describe('overlaps by span', () => {
  it('one type per span; pieces of a URL or an email are not reported twice', () => {
    const ms = extractIocs(['see https://evil.com/dl/a.php and bob@evil.com /usr/bin/x'], {
      types: ['url', 'dns', 'email', 'linux_path']
    });
    const spans = ms.map(m => `${m.type}:${m.raw}`);
    expect(spans).toEqual([
      'url:https://evil.com/dl/a.php',
      'dns:evil.com',
      'email:bob@evil.com',
      'dns:evil.com',
      'linux_path:/usr/bin/x'
    ]);
  });
  it('types are selectable per call', () => {
    expect(
      new Set(extractIocs(['https://evil.com/ 8.8.8.8'], { types: ['ipv4'] }).map(m => m.type))
    ).toEqual(new Set(['ipv4']));
    expect(() => extractIocs(['x'], { types: ['nope'] })).toThrow(/Unknown IoC type.*nope/);
  });
});
