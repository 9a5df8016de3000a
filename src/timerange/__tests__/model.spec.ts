import { presetSpec, PRESETS, relativeSpec, specFromRange } from '../../common/querytime';
import { formFromSpec, RangeFormModel, specFromForm } from '../model';

const NOW = new Date('2024-01-10T12:00:00Z');

describe('RangeFormModel', () => {
  it('shows a stored spec as QueryTime shows times (UTC, space, no zone)', () => {
    const form = formFromSpec(
      specFromRange(new Date('2024-01-01T06:30:00Z'), new Date('2024-01-02Z'), 'x')
    );
    expect(form).toMatchObject({
      mode: 'absolute',
      start: '2024-01-01 06:30:00',
      end: '2024-01-02 00:00:00',
      label: 'x'
    });
    expect(formFromSpec(presetSpec(PRESETS[0]))).toMatchObject({
      mode: 'relative',
      originNow: true,
      before: '15',
      units: 'minute'
    });
  });

  it('turns typed text into a spec and validates it inline', () => {
    const model = new RangeFormModel(presetSpec(PRESETS[1]), { now: () => NOW });
    expect(model.errors).toEqual([]);
    model.update({ before: 'ten' });
    expect(model.dirty).toBe(true);
    expect(model.errors.map(e => e.field)).toEqual(['before']);
    model.update({ before: '10', originNow: false, origin: '2024-01-10 25:00' });
    expect(model.errors.map(e => e.field)).toEqual(['origin']);
    model.update({ origin: '2024-01-10 06:00' });
    expect(model.spec).toEqual(relativeSpec('2024-01-10T06:00:00Z', 10, 0, 'hour', 'Last hour'));
    model.limits = { maxBefore: { hour: 8 } };
    expect(model.errors[0]).toEqual({ field: 'before', message: 'At most 8.' });
  });

  it('rejects an end before the start in absolute entry', () => {
    const model = new RangeFormModel(presetSpec(PRESETS[1]), { now: () => NOW });
    model.switchMode('absolute');
    expect(model.form).toMatchObject({ start: '2024-01-10 11:00:00', end: '2024-01-10 12:00:00' });
    model.update({ start: '2024-01-11', end: '2024-01-10' });
    expect(model.errors.map(e => e.field)).toEqual(['range']);
    model.update({ start: '' });
    expect(specFromForm(model.form).start).toBeNull();
    expect(model.errors.map(e => e.field)).toEqual(['start']);
  });

  it('carries the range over to origin ± amounts like msticpy set_time', () => {
    const model = new RangeFormModel(
      specFromRange(new Date('2024-01-09T12:00Z'), new Date('2024-01-13T12:00Z')),
      {
        now: () => NOW
      }
    );
    model.switchMode('relative');
    expect(model.form).toMatchObject({
      origin: '2024-01-13 12:00:00',
      before: '4',
      after: '0',
      units: 'day',
      originNow: false
    });
    model.reset(presetSpec(PRESETS[4]));
    expect(model.dirty).toBe(false);
    expect(model.form.before).toBe('30');
  });
});
