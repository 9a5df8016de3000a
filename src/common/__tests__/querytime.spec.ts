import {
  defaultBeforeAfter,
  defaultMaxBuffer,
  inferAmounts,
  parseTime,
  parseTimeUnit,
  presetSpec,
  PRESETS,
  pythonArgs,
  relativeSpec,
  resolveQueryTime,
  specForMetadata,
  specFromRange,
  toIso,
  validateQueryTime,
  wireQueryTime
} from '../querytime';

const ORIGIN = new Date('2024-01-10T12:00:00Z');
const hours = (n: number) => n * 3600000;

describe('msticpy QueryTime parity', () => {
  it('parses units by first letter, minute first, like parse_time_unit', () => {
    expect(['min', 'mon', 'Hour', 'd', 'week', 'x', 'sec'].map(parseTimeUnit)).toEqual([
      'minute',
      'minute',
      'hour',
      'day',
      'week',
      'minute',
      'minute'
    ]);
  });

  it('uses the default before/after amounts per unit', () => {
    expect(defaultBeforeAfter(null, 'day')).toBe(1);
    expect(defaultBeforeAfter(undefined, 'week')).toBe(1);
    expect(defaultBeforeAfter(null, 'hour')).toBe(6);
    expect(defaultBeforeAfter(null, 'minute')).toBe(60);
    expect(defaultBeforeAfter(-3, 'minute')).toBe(3);
  });

  it('reproduces default_max_buffer test values', () => {
    const cases: [number | null, number, 'minute' | 'hour' | 'day' | 'week', number][] = [
      [40, 3, 'minute', 40],
      [6, -3, 'minute', 12],
      [null, 8, 'day', 32],
      [null, 4, 'day', 28],
      [null, 24, 'hour', 96],
      [null, 4, 'hour', 72],
      [null, 24, 'week', 96],
      [null, 4, 'week', 20],
      [null, 10.5, 'week', 42],
      [null, 100, 'minute', 400]
    ];
    for (const [max, dflt, unit, expected] of cases) {
      expect(defaultMaxBuffer(max, dflt, unit)).toBe(expected);
    }
  });

  it('infers unit and amounts from a span like set_time', () => {
    const t = (d: number) => new Date(ORIGIN.getTime() + d * 86400000);
    expect(inferAmounts(t(-1), t(3))).toEqual({ before: 4, after: 0, units: 'day' });
    expect(inferAmounts(t(-4), t(6))).toEqual({ before: 10, after: 0, units: 'day' });
    expect(inferAmounts(t(-0.5), t(0))).toEqual({ before: 12, after: 0, units: 'hour' });
    expect(inferAmounts(t(-0.1), t(0.1))).toEqual({ before: 4, after: 0, units: 'hour' });
    const s = (x: number) => new Date(ORIGIN.getTime() + x * 1000);
    expect(inferAmounts(s(-120), s(120))).toEqual({ before: 4, after: 0, units: 'minute' });
  });

  it('computes start/end from origin and amounts (observed QueryTime values)', () => {
    const r = resolveQueryTime(relativeSpec(toIso(ORIGIN), 6, 6, 'hour'), new Date())!;
    expect(toIso(r.start)).toBe('2024-01-10T06:00:00Z');
    expect(toIso(r.end)).toBe('2024-01-10T18:00:00Z');
    const w = resolveQueryTime(relativeSpec(toIso(ORIGIN), 1, 1, 'week'), new Date())!;
    expect(w.end.getTime() - w.start.getTime()).toBe(14 * 86400000);
  });
});

describe('resolveQueryTime', () => {
  it('gives null, not an exception, for amounts that are not numbers or out of range', () => {
    expect(resolveQueryTime(relativeSpec('now', NaN, 0, 'hour'), ORIGIN)).toBeNull();
    expect(resolveQueryTime(relativeSpec('now', 1e12, 0, 'week'), ORIGIN)).toBeNull();
    expect(
      resolveQueryTime({ ...relativeSpec('now', 1, 0, 'hour'), units: 'fortnight' as any }, ORIGIN)
    ).toBeNull();
  });
});

describe('parseTime', () => {
  it('reads naive times as UTC and honours offsets', () => {
    expect(toIso(parseTime('2024-01-10 12:00')!)).toBe('2024-01-10T12:00:00Z');
    expect(toIso(parseTime('2024-01-10')!)).toBe('2024-01-10T00:00:00Z');
    expect(toIso(parseTime('2024-01-10T12:00:00+02:00')!)).toBe('2024-01-10T10:00:00Z');
    expect(toIso(parseTime('2024-01-10 12:00:00.250Z')!)).toBe('2024-01-10T12:00:00.250Z');
  });

  it('rejects text Date.parse would accept and impossible dates', () => {
    for (const bad of ['1', 'March 7', '2024-02-31', '2024-01-10 25:00', '', 'now', '2024-13-01']) {
      expect(parseTime(bad)).toBeNull();
    }
  });
});

describe('validateQueryTime', () => {
  it('accepts presets and flags fields of bad input', () => {
    for (const p of PRESETS) {
      expect(validateQueryTime(presetSpec(p), {}, ORIGIN)).toEqual([]);
    }
    const bad = relativeSpec('yesterday', -1, 1.5, 'hour');
    expect(validateQueryTime(bad, {}, ORIGIN).map(e => e.field)).toEqual([
      'origin',
      'before',
      'after'
    ]);
  });

  it('enforces maximums per unit from the settings, defaults otherwise', () => {
    expect(validateQueryTime(relativeSpec('now', 169, 0, 'hour'), {}, ORIGIN)[0].field).toBe(
      'before'
    );
    expect(
      validateQueryTime(relativeSpec('now', 73, 0, 'hour'), { maxBefore: { hour: 72 } }, ORIGIN)[0]
        .message
    ).toBe('At most 72.');
    expect(
      validateQueryTime(relativeSpec('now', 1, 5, 'day'), { maxAfter: { day: 2 } }, ORIGIN)[0]
        .message
    ).toBe('At most 2.');
  });

  it('requires start before end and a span within the limit', () => {
    const abs = specFromRange(new Date(ORIGIN.getTime() + hours(1)), ORIGIN);
    expect(validateQueryTime(abs, {}, ORIGIN)).toEqual([
      { field: 'range', message: 'The start must be before the end.' }
    ]);
    const long = specFromRange(new Date('2023-01-01Z'), new Date('2024-06-01Z'));
    expect(validateQueryTime(long, { maxSpanDays: 366 }, ORIGIN)[0].field).toBe('range');
    const missing = { ...abs, end: 'tomorrow' };
    expect(validateQueryTime(missing, {}, ORIGIN).map(e => e.field)).toEqual(['end']);
  });
});

describe('"now" stays relative', () => {
  it('keeps origin "now" in metadata with a snapshot, and recomputes on send', () => {
    const spec = presetSpec(PRESETS.find(p => p.id === 'last-24h')!);
    const stored = specForMetadata(spec, ORIGIN);
    expect(stored).toMatchObject({
      origin: 'now',
      before: 24,
      units: 'hour',
      end: '2024-01-10T12:00:00Z'
    });
    const later = new Date(ORIGIN.getTime() + hours(2));
    expect(wireQueryTime(stored, later)).toEqual({
      start: '2024-01-09T14:00:00Z',
      end: '2024-01-10T14:00:00Z',
      origin: '2024-01-10T14:00:00Z',
      before: 24,
      after: 0,
      units: 'hour',
      label: 'Last 24 hours'
    });
  });

  it('sends absolute ranges with null origin and amounts', () => {
    const abs = specFromRange(new Date('2024-01-01Z'), new Date('2024-01-02Z'), 'day one');
    expect(wireQueryTime(abs, ORIGIN)).toEqual({
      start: '2024-01-01T00:00:00Z',
      end: '2024-01-02T00:00:00Z',
      origin: null,
      before: null,
      after: null,
      units: null,
      label: 'day one'
    });
    expect(pythonArgs(resolveQueryTime(abs, ORIGIN)!)).toBe(
      'start="2024-01-01T00:00:00Z", end="2024-01-02T00:00:00Z"'
    );
  });
});
