// Time range section of the Hunt sidebar. Renders text only; all state lives in the models.
import * as React from 'react';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { HuntContext, IInvestigationContext } from '../tokens';
import {
  formatUtc,
  IFieldError,
  parseTime,
  IPreset,
  PRESETS,
  QueryTimeField,
  resolveQueryTime,
  TIME_UNITS,
  toIso
} from '../common/querytime';
import { RangeFormModel } from './model';

export interface ITimeRangeViewOptions {
  context: IInvestigationContext;
  form: RangeFormModel;
  trans: TranslationBundle;
  apply(spec: HuntContext.IQueryTimeSpec): void;
  applyPreset(preset: IPreset): void;
  copy(): void;
  insert(): void;
}

export class TimeRangeWidget extends ReactWidget {
  constructor(private _options: ITimeRangeViewOptions) {
    super();
    this.id = 'jupyterlab-hunt-timerange';
    this.addClass('jp-hunt-TimeRange');
    this.title.label = _options.trans.__('Time range');
  }

  render(): JSX.Element {
    const { context, form } = this._options;
    return (
      <UseSignal signal={context.changed}>
        {() => (
          <UseSignal signal={form.changed}>{() => <TimeRangeView {...this._options} />}</UseSignal>
        )}
      </UseSignal>
    );
  }
}

function Instant({ date, trans }: { date: Date; trans: TranslationBundle }): JSX.Element {
  return (
    <span className="jp-hunt-Instant">
      <span className="jp-hunt-Instant-utc">{formatUtc(date)}</span>{' '}
      <span className="jp-hunt-Instant-local" title={trans.__('Local time')}>
        ({date.toLocaleString()})
      </span>
    </span>
  );
}

function CurrentRange({
  context,
  trans
}: {
  context: IInvestigationContext;
  trans: TranslationBundle;
}) {
  const spec = context.queryTime;
  const range = resolveQueryTime(spec, new Date());
  return (
    <div className="jp-hunt-TimeRange-current" aria-live="polite">
      <div className="jp-hunt-TimeRange-notebook">
        {context.notebook ?? trans.__('No notebook: showing your default range')}
      </div>
      {spec.label && <div className="jp-hunt-TimeRange-label">{spec.label}</div>}
      {range && (
        <dl className="jp-hunt-TimeRange-instants">
          <dt>{trans.__('Start')}</dt>
          <dd>
            <Instant date={range.start} trans={trans} />
          </dd>
          <dt>{trans.__('End')}</dt>
          <dd>
            <Instant date={range.end} trans={trans} />
          </dd>
        </dl>
      )}
      {spec.origin === 'now' && (
        <div className="jp-hunt-Hint">
          {trans.__('Relative to now: moves on with each cell run.')}
        </div>
      )}
    </div>
  );
}

interface IFieldProps {
  id: string;
  label: string;
  errors: IFieldError[];
  field: QueryTimeField;
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby'?: string;
  }) => JSX.Element;
}

function Field({ id, label, errors, field, children }: IFieldProps): JSX.Element {
  const error = errors.find(e => e.field === field);
  const errorId = `${id}-error`;
  return (
    <div className="jp-hunt-Field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': error ? errorId : undefined })}
      {error && (
        <div id={errorId} className="jp-hunt-Field-error" role="alert">
          {error.message}
        </div>
      )}
    </div>
  );
}

type TextKey = 'origin' | 'before' | 'after' | 'start' | 'end' | 'label';
type TimeKey = 'origin' | 'start' | 'end';

interface ITextFieldProps {
  form: RangeFormModel;
  errors: IFieldError[];
  name: TextKey;
  label: string;
  placeholder?: string;
  /** A date-time picker beside the text (for times): both edit the same form field, in UTC. */
  picker?: { label: string };
}

/** The picker's value (`YYYY-MM-DDTHH:MM:SS`, read as UTC) for the field's text; '' when it is no time. */
export function pickerValue(text: string): string {
  const date = parseTime(text);
  return date ? toIso(date).slice(0, 19) : '';
}

/** The field's text for a picked value: the form's own `YYYY-MM-DD HH:MM:SS` (UTC). */
export function pickedText(value: string): string {
  const [day, time = '00:00'] = value.split('T');
  return value ? `${day} ${time.length === 5 ? `${time}:00` : time}` : '';
}

/** A text input bound to one form field, with its inline error (and a picker for times). */
function TextField({
  form,
  errors,
  name,
  label,
  placeholder,
  picker
}: ITextFieldProps): JSX.Element {
  const numeric = name === 'before' || name === 'after';
  return (
    <Field id={`jp-hunt-tr-${name}`} label={label} errors={errors} field={name}>
      {p => {
        const text = (
          <input
            {...p}
            className="jp-mod-styled"
            inputMode={numeric ? 'numeric' : undefined}
            value={form.form[name]}
            placeholder={placeholder}
            onChange={e => form.update({ [name]: e.target.value })}
          />
        );
        return picker ? (
          <div className="jp-hunt-TimeInput">
            {text}
            <input
              type="datetime-local"
              step={1}
              className="jp-mod-styled jp-hunt-TimePicker"
              aria-label={picker.label}
              title={picker.label}
              value={pickerValue(form.form[name])}
              onChange={e => form.update({ [name as TimeKey]: pickedText(e.target.value) })}
            />
          </div>
        ) : (
          text
        );
      }}
    </Field>
  );
}

interface IFieldsProps {
  form: RangeFormModel;
  trans: TranslationBundle;
  errors: IFieldError[];
}

function RelativeFields({ form, trans, errors }: IFieldsProps) {
  const f = form.form;
  const unitLabels: Record<string, string> = {
    minute: trans.__('minutes'),
    hour: trans.__('hours'),
    day: trans.__('days'),
    week: trans.__('weeks')
  };
  return (
    <>
      <div className="jp-hunt-Field jp-hunt-Field-inline">
        <input
          id="jp-hunt-tr-now"
          type="checkbox"
          checked={f.originNow}
          onChange={e => form.update({ originNow: e.target.checked })}
        />
        <label htmlFor="jp-hunt-tr-now">{trans.__('Origin is now (stays relative)')}</label>
      </div>
      {!f.originNow && (
        <TextField
          form={form}
          errors={errors}
          name="origin"
          label={trans.__('Origin (UTC)')}
          placeholder="2024-01-10 12:00"
          picker={{ label: trans.__('Pick the origin (UTC)') }}
        />
      )}
      <div className="jp-hunt-TimeRange-amounts">
        <TextField form={form} errors={errors} name="before" label={trans.__('Before')} />
        <TextField form={form} errors={errors} name="after" label={trans.__('After')} />
        <Field id="jp-hunt-tr-units" label={trans.__('Units')} errors={errors} field="units">
          {p => (
            <select
              {...p}
              className="jp-mod-styled"
              value={f.units}
              onChange={e => form.update({ units: e.target.value as any })}
            >
              {TIME_UNITS.map(u => (
                <option key={u} value={u}>
                  {unitLabels[u]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </>
  );
}

function AbsoluteFields({ form, trans, errors }: IFieldsProps) {
  return (
    <>
      <TextField
        form={form}
        errors={errors}
        name="start"
        label={trans.__('Start (UTC)')}
        placeholder="2024-01-10 00:00"
        picker={{ label: trans.__('Pick the start (UTC)') }}
      />
      <TextField
        form={form}
        errors={errors}
        name="end"
        label={trans.__('End (UTC)')}
        placeholder="2024-01-11 00:00"
        picker={{ label: trans.__('Pick the end (UTC)') }}
      />
    </>
  );
}

function TimeRangeView(props: ITimeRangeViewOptions): JSX.Element {
  const { context, form, trans } = props;
  const errors = form.errors;
  const hasNotebook = context.notebook !== null;
  const rangeError = errors.find(e => e.field === 'range');
  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!errors.length && hasNotebook) {
      props.apply(form.spec);
    }
  };
  return (
    <div className="jp-hunt-Section-body">
      <CurrentRange context={context} trans={trans} />
      <div className="jp-hunt-TimeRange-presets" role="group" aria-label={trans.__('Presets')}>
        {PRESETS.map(p => (
          <button
            key={p.id}
            type="button"
            className="jp-hunt-Button"
            disabled={!hasNotebook}
            onClick={() => props.applyPreset(p)}
          >
            {trans.__(p.label)}
          </button>
        ))}
      </div>
      <form className="jp-hunt-TimeRange-form" onSubmit={onSubmit}>
        <div
          className="jp-hunt-TimeRange-mode"
          role="radiogroup"
          aria-label={trans.__('Range entry')}
        >
          {(['relative', 'absolute'] as const).map(mode => (
            <label key={mode}>
              <input
                type="radio"
                name="jp-hunt-tr-mode"
                checked={form.form.mode === mode}
                onChange={() => form.switchMode(mode)}
              />
              {mode === 'relative' ? trans.__('Origin ± amount') : trans.__('Start and end')}
            </label>
          ))}
        </div>
        {form.form.mode === 'relative' ? (
          <RelativeFields form={form} trans={trans} errors={errors} />
        ) : (
          <AbsoluteFields form={form} trans={trans} errors={errors} />
        )}
        <TextField form={form} errors={errors} name="label" label={trans.__('Label (optional)')} />
        {rangeError && (
          <div className="jp-hunt-Field-error" role="alert">
            {rangeError.message}
          </div>
        )}
        <div className="jp-hunt-Actions">
          <button
            type="submit"
            className="jp-hunt-Button jp-mod-accept"
            disabled={!!errors.length || !hasNotebook || !form.dirty}
          >
            {trans.__('Apply')}
          </button>
          <button type="button" className="jp-hunt-Button" onClick={props.copy}>
            {trans.__('Copy as ISO')}
          </button>
          <button
            type="button"
            className="jp-hunt-Button"
            disabled={!hasNotebook}
            onClick={props.insert}
          >
            {trans.__('Insert into cell')}
          </button>
        </div>
      </form>
    </div>
  );
}
