// Dotted code names (namespaces, ProgIDs, package names, member access) are not domains in
// default mode; hosts by context (URL, email) and ordinary host names still are.
import { extractIocs } from '../index';
import { valuesOf } from './helpers';

describe('code names are not domains', () => {
  it.each([
    'powershell -c "Add-Type -AssemblyName Microsoft.Windows"',
    '[System.Security.Cryptography]::X; using System.Security',
    'CreateObject("Wscript.Shell").Run cmd',
    'CreateObject("wscript.shell")',
    'Set net = CreateObject("WScript.Network")',
    'foreach ($n in $list) { $n.ID }',
    'package com.google.android.gms loaded',
    'org.apache.logging.log4j.core'
  ])('%s', text => {
    expect(valuesOf(text, 'dns')).toEqual([]);
  });
  it('keeps host names, also in upper case, and hosts by context', () => {
    expect(valuesOf('ping microsoft.com and EVIL.COM and windows.net', 'dns')).toEqual([
      'EVIL.COM',
      'microsoft.com',
      'windows.net'
    ]);
    expect(valuesOf('http://Wscript.Shell/x', 'dns')).toEqual(['Wscript.Shell']);
  });
  it('parity mode still reports them as msticpy does', () => {
    const m = extractIocs(['CreateObject("wscript.shell")'], { parity: 'msticpy' });
    expect(m.map(x => `${x.type}:${x.value}`)).toContain('dns:wscript.shell');
  });
});
