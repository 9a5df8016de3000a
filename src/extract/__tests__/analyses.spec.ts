// Settings of the text analyses and the per-type summary shown with each result.
import { extractIocs, iocMatchesToTable } from '../../analytics/ioc';
import { analysisOptions, summarize } from '../analyses';

describe('analysisOptions', () => {
  it('reads the extract settings, defaulting to every default type without parity', () => {
    expect(analysisOptions({})).toEqual({ iocTypes: [], msticpyParity: false });
    expect(analysisOptions({ iocTypes: ['ipv4', 'cve'], msticpyParity: true })).toEqual({
      iocTypes: ['ipv4', 'cve'],
      msticpyParity: true
    });
    expect(analysisOptions({ iocTypes: 'ipv4', msticpyParity: 'yes' })).toEqual({
      iocTypes: [],
      msticpyParity: false
    });
  });
});

describe('summarize', () => {
  it('counts IoC types, most frequent first', () => {
    const texts = [
      'from 10.1.1.1 to 10.2.2.2 via hxxp://bad[.]example/x',
      'CVE-2021-44228 seen on 10.3.3.3'
    ];
    const table = iocMatchesToTable(extractIocs(texts), texts);
    expect(summarize(table, 'IoCType')).toBe('ipv4: 3, cve: 1, dns: 1, url: 1');
    expect(summarize(table, 'missing')).toBe(`${table.numRows} rows`);
  });
});
