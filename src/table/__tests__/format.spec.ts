import {
  Field,
  Float64,
  Int32,
  Int64,
  List,
  Struct,
  TimestampMillisecond,
  Timestamp,
  TimeUnit,
  Utf8,
  vectorFromArray
} from 'apache-arrow';
import {
  columnFormatter,
  formatBytes,
  formatFloat,
  formatInstant,
  friendlyType,
  groupDigits
} from '../format';

describe('cell formatting', () => {
  it('groups digits of integers but not of identifiers', () => {
    expect(columnFormatter('Count', new Int64())(1234567n)).toBe('1,234,567');
    expect(columnFormatter('Count', new Int32())(-1234)).toBe('-1,234');
    expect(columnFormatter('EventID', new Int32())(4624)).toBe('4624');
    expect(columnFormatter('DestinationPort', new Int32())(44301)).toBe('44301');
    expect(groupDigits('12345678901234567890')).toBe('12,345,678,901,234,567,890');
  });

  it('draws floats to six significant digits, all integer digits kept', () => {
    expect(formatFloat(3.14159265)).toBe('3.14159');
    expect(formatFloat(1234567.891)).toBe('1,234,568');
    expect(formatFloat(12.5)).toBe('12.5');
    expect(formatFloat(0.000123456789)).toBe('0.000123457');
    expect(formatFloat(0.00001234)).toBe('1.234e-5');
    expect(formatFloat(2e20)).toBe('2e+20');
    expect(formatFloat(-0.5)).toBe('-0.5');
    expect(formatFloat(NaN)).toBe('NaN');
  });

  it('draws byte counts with units where the column name says so', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.00 GiB');
    expect(formatBytes(123.4 * 1024 ** 2)).toBe('123.4 MiB');
    expect(columnFormatter('TotalBytesSent', new Float64())(2048)).toBe('2.00 KiB');
    expect(columnFormatter('FileSize', new Int64())(10n)).toBe('10 B');
  });

  it('draws timestamps whole with their time zone; naive ones without', () => {
    const ms = Date.UTC(2019, 0, 15, 5, 15, 26, 10);
    expect(formatInstant(ms, 'UTC', 3)).toBe('2019-01-15 05:15:26.010 UTC');
    expect(formatInstant(ms, 'Europe/Berlin', 3)).toBe('2019-01-15 06:15:26.010 +01:00');
    expect(formatInstant(Date.UTC(2024, 4, 1, 8), 'Europe/Berlin', 0)).toBe(
      '2024-05-01 10:00:00 +02:00'
    );
    expect(formatInstant(ms, '-05:30', 3)).toBe('2019-01-14 23:45:26.010 -05:30');
    expect(formatInstant(ms, null, 3)).toBe('2019-01-15 05:15:26.010');
    expect(formatInstant(ms, 'Not/AZone', 3)).toBe('2019-01-15 05:15:26.010 UTC');
    const type = new Timestamp(TimeUnit.MILLISECOND, 'UTC');
    expect(columnFormatter('TimeGenerated', type)(ms)).toBe('2019-01-15 05:15:26.010 UTC');
  });

  it('draws lists as lists: strings quoted, backslashes not doubled', () => {
    const lists = vectorFromArray(
      [['C:\\Windows\\cmd.exe', 'a, b'], null],
      new List(new Field('item', new Utf8(), true))
    );
    const format = columnFormatter('paths', lists.type);
    expect(format(lists.get(0))).toBe('["C:\\Windows\\cmd.exe", "a, b"]');
    expect(format(lists.get(1))).toBe('');
    const structs = vectorFromArray(
      [{ name: 'cmd', n: 3 }],
      new Struct([new Field('name', new Utf8(), true), new Field('n', new Int32(), true)])
    );
    expect(columnFormatter('s', structs.type)(structs.get(0))).toBe('{name: "cmd", n: 3}');
  });

  it('names types for readers', () => {
    expect(friendlyType(new Utf8())).toBe('text');
    expect(friendlyType(new Int64())).toBe('integer');
    expect(friendlyType(new Float64())).toBe('number');
    expect(friendlyType(new TimestampMillisecond('UTC'))).toBe('date & time (UTC)');
    expect(friendlyType(new List(new Field('item', new Utf8(), true)))).toBe('list of text');
  });
});
