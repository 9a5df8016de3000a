import { readFileSync } from 'fs';
import { join } from 'path';
import { Decimal, makeData, makeVector, TimeUnit } from 'apache-arrow';
import { decodeIPC } from '../arrow';
import {
  displayText,
  formatDecimal,
  formatDuration,
  typeText,
  valueText,
  visibleBidi
} from '../display';

// What the kernel sends (tests/hostile/frames/display_frame.py), decoded as the views do.
const FIXTURE = join(__dirname, '../../../tests/hostile/frames/display.arrows');
const table = decodeIPC(new Uint8Array(readFileSync(FIXTURE)));
const RLO_NAME = '\u202eexe.gnp';

function texts(name: string, text = displayText): string[] {
  const col = table.getChild(name)!;
  return Array.from({ length: table.numRows }, (_, i) => text(col.get(i), col.type));
}

describe('decimals', () => {
  it('are shown scaled and exact, from the kernel', () => {
    expect(texts('price')).toEqual([
      '1.100000000',
      '-2.500000000',
      '',
      '0.000000000',
      '0.000000001'
    ]);
  });

  it('keep every digit of 128-bit values of both signs', () => {
    expect(texts('big')).toEqual([
      '12345678901234567890123456789012345.678',
      '-12345678901234567890123456789012345.678',
      '-0.001',
      '',
      '99999999999999999999999999999999999.999'
    ]);
  });

  it('read decimal256 cells', () => {
    expect(texts('huge')).toEqual([
      '-100000000000000000000000000000000000000000000000000.0',
      '',
      '',
      '',
      '0.5'
    ]);
  });

  it('name their precision and scale in the header', () => {
    expect(typeText(table.getChild('price')!.type)).toBe('decimal128(10, 9)');
    expect(typeText(table.getChild('huge')!.type)).toBe('decimal256(52, 1)');
  });

  it('take words, bigints and negative scales', () => {
    const words = (n: bigint) => new Uint32Array(BigInt64Array.from([n, n < 0n ? -1n : 0n]).buffer);
    expect(formatDecimal(words(-1n), 2)).toBe('-0.01');
    expect(formatDecimal(words(-(2n ** 63n)), 0)).toBe('-9223372036854775808');
    expect(formatDecimal(words(110n), 2)).toBe('1.10');
    expect(formatDecimal(123n, -2)).toBe('12300');
    expect(formatDecimal(new Uint32Array([0, 0, 0, 0x80000000]), 0)).toBe(
      (-(2n ** 127n)).toString()
    );
  });

  it('are read from vectors Arrow JS builds', () => {
    const type = new Decimal(3, 10, 128);
    const data = new Uint32Array([
      1500,
      0,
      0,
      0,
      ...new Uint32Array(BigInt64Array.from([-5n, -1n]).buffer)
    ]);
    const vec = makeVector(makeData({ type, length: 2, data }));
    expect([0, 1].map(i => valueText(vec.get(i), vec.type))).toEqual(['1.500', '-0.005']);
  });
});

describe('durations', () => {
  it('are shown in days, hours, minutes and seconds, from the kernel', () => {
    expect(texts('td')).toEqual(['1 d 2 h 3 m', '20.0 s', '', '-1.5 s', '1.5 ms']);
    expect(typeText(table.getChild('td')!.type)).toBe('duration[ns]');
  });

  it.each([
    [0n, TimeUnit.SECOND, '0 s'],
    [90n, TimeUnit.SECOND, '1 m 30 s'],
    [-7200n, TimeUnit.SECOND, '-2 h'],
    [86_400_000n + 4500n, TimeUnit.MILLISECOND, '1 d 4.5 s'],
    [1n, TimeUnit.MICROSECOND, '1 µs'],
    [250n, TimeUnit.NANOSECOND, '250 ns'],
    [1_234_567n, TimeUnit.NANOSECOND, '1.234567 ms'],
    [59_999_999_999n, TimeUnit.NANOSECOND, '59.999999999 s'],
    [3, TimeUnit.SECOND, '3.0 s'],
    [9_223_372_036_854_775_807n, TimeUnit.NANOSECOND, '106751 d 23 h 47 m 16.854775807 s']
  ])('%s in unit %s is %s', (value, unit, text) => {
    expect(formatDuration(value, unit)).toBe(text);
  });
});

describe('bidi controls', () => {
  it('are shown as markers, so a name cannot read reversed', () => {
    expect(texts(RLO_NAME)).toEqual([
      '⟨U+202E⟩exe.gnp',
      'plain',
      '',
      'a⟨U+2066⟩b⟨U+2069⟩',
      '⟨U+200F⟩'
    ]);
    expect(table.schema.fields.map(f => visibleBidi(f.name))).toContain('⟨U+202E⟩exe.gnp');
  });

  it('cover every embedding, override, isolate and mark', () => {
    const controls = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c';
    const shown = visibleBidi(controls);
    expect(shown.match(/⟨U\+[0-9A-F]{4}⟩/g)).toHaveLength(controls.length);
    expect(shown).toContain('⟨U+061C⟩');
    expect(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/.test(shown)).toBe(false);
    expect(visibleBidi('שלום abc ✓')).toBe('שלום abc ✓'); // right-to-left text itself is kept
  });

  it('are kept in the copied value', () => {
    expect(texts(RLO_NAME, valueText)[0]).toBe(RLO_NAME);
  });
});
