// The time range form: text the user is typing, turned into a validated spec. No DOM.
import { ISignal, Signal } from '@lumino/signaling';
import type { HuntContext } from '../tokens';
import {
  defaultBeforeAfter,
  IFieldError,
  inferAmounts,
  IQueryTimeLimits,
  parseTime,
  resolveQueryTime,
  TimeUnit,
  toIso,
  validateQueryTime
} from '../common/querytime';
import { plainTranslate, Translate } from '../common/translate';

export type RangeMode = 'relative' | 'absolute';

/** Everything the form shows, as typed. */
export interface IRangeForm {
  mode: RangeMode;
  originNow: boolean;
  origin: string;
  before: string;
  after: string;
  units: TimeUnit;
  start: string;
  end: string;
  label: string;
}

/** Text for a time in the form: `YYYY-MM-DD HH:MM:SS`, UTC (as QueryTime shows it). */
export function formText(iso: string | null): string {
  const date = iso === null || iso === 'now' ? null : parseTime(iso);
  return date
    ? toIso(date)
        .replace('T', ' ')
        .replace(/(\.\d+)?Z$/, '')
    : '';
}

/** The form showing a stored spec. */
export function formFromSpec(spec: HuntContext.IQueryTimeSpec): IRangeForm {
  const relative = spec.origin !== null;
  return {
    mode: relative ? 'relative' : 'absolute',
    originNow: spec.origin === 'now',
    origin: formText(spec.origin),
    before: spec.before === null ? '' : String(spec.before),
    after: spec.after === null ? '' : String(spec.after),
    units: spec.units ?? 'hour',
    start: formText(spec.start),
    end: formText(spec.end),
    label: spec.label ?? ''
  };
}

function amount(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : text.trim() === '' ? null : Number.NaN;
}

function isoOrText(text: string): string | null {
  const date = parseTime(text);
  return date ? toIso(date) : text.trim() === '' ? null : text;
}

/** The spec the form describes (possibly invalid: validate before use). */
export function specFromForm(form: IRangeForm): HuntContext.IQueryTimeSpec {
  const label = form.label.trim() || null;
  if (form.mode === 'absolute') {
    const [start, end] = [isoOrText(form.start), isoOrText(form.end)];
    return { start, end, origin: null, before: null, after: null, units: null, label };
  }
  return {
    start: null,
    end: null,
    origin: form.originNow ? 'now' : (isoOrText(form.origin) ?? ''),
    before: amount(form.before),
    after: amount(form.after),
    units: form.units,
    label
  };
}

/** Form state plus validation against the user's limits. */
export class RangeFormModel {
  constructor(
    spec: HuntContext.IQueryTimeSpec,
    options: { now?: () => Date; trans?: Translate } = {}
  ) {
    this._form = formFromSpec(spec);
    this._now = options.now ?? (() => new Date());
    this._trans = options.trans ?? plainTranslate;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get form(): Readonly<IRangeForm> {
    return this._form;
  }

  /** True when the user has typed something not yet applied. */
  get dirty(): boolean {
    return this._dirty;
  }

  get limits(): IQueryTimeLimits {
    return this._limits;
  }
  set limits(limits: IQueryTimeLimits) {
    this._limits = limits;
    this._changed.emit();
  }

  get spec(): HuntContext.IQueryTimeSpec {
    return specFromForm(this._form);
  }

  get errors(): IFieldError[] {
    return validateQueryTime(this.spec, this._limits, this._now(), this._trans);
  }

  update(patch: Partial<IRangeForm>): void {
    this._form = { ...this._form, ...patch };
    this._dirty = true;
    this._changed.emit();
  }

  /**
   * Switch between absolute and relative entry, carrying the range over: to relative,
   * origin = end and whole units as msticpy's set_time; to absolute, the resolved instants.
   */
  switchMode(mode: RangeMode): void {
    if (mode === this._form.mode) {
      return;
    }
    const range = resolveQueryTime(this.spec, this._now());
    if (mode === 'absolute') {
      const text = (d: Date | undefined) => (d ? formText(toIso(d)) : '');
      this.update({ mode, start: text(range?.start), end: text(range?.end) });
      return;
    }
    const amounts = range ? inferAmounts(range.start, range.end) : null;
    this.update({
      mode,
      originNow: false,
      origin: range ? formText(toIso(range.end)) : '',
      before: String(amounts?.before ?? defaultBeforeAfter(null, this._form.units)),
      after: String(amounts?.after ?? defaultBeforeAfter(null, this._form.units)),
      units: amounts?.units ?? this._form.units
    });
  }

  /** Show a stored spec (another notebook, a preset, an external edit), dropping unapplied edits. */
  reset(spec: HuntContext.IQueryTimeSpec): void {
    this._form = formFromSpec(spec);
    this._dirty = false;
    this._changed.emit();
  }

  private _form: IRangeForm;
  private _dirty = false;
  private _limits: IQueryTimeLimits = {};
  private _now: () => Date;
  private _trans: Translate;
  private _changed = new Signal<this, void>(this);
}
