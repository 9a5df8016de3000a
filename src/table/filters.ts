// The per-column filter form (a JupyterLab dialog) and the line of active filters under the
// toolbar. Text columns: contains, or a regular expression, or values picked from the
// column profile's top values; numeric and time columns: a range. Labels and values are text.
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import type { ColumnFilter } from '../analytics/colfilter';
import { regexProblem } from '../analytics/colfilter';
import { visibleBidi } from '../analytics/display';

export type FilterKind = 'range-number' | 'range-time' | 'text';

class FilterForm extends Widget implements Dialog.IBodyWidget<ColumnFilter | null | Error> {
  private readonly _inputs: Record<string, HTMLInputElement> = {};
  private readonly _values: HTMLInputElement[] = [];

  constructor(
    private readonly _column: string,
    private readonly _kind: FilterKind,
    topValues: string[],
    current: ColumnFilter | null,
    trans: TranslationBundle
  ) {
    super();
    this.addClass('jp-hunt-Form');
    this.addClass('jp-hunt-FilterForm');
    const add = (name: string, label: string, type: string, value: string, help?: string) => {
      const row = document.createElement('div');
      row.className = 'jp-hunt-FormRow';
      const l = document.createElement('label');
      l.textContent = label;
      const input = document.createElement('input');
      input.className = 'jp-mod-styled';
      input.type = type;
      input.name = name;
      input.setAttribute('aria-label', label);
      if (type === 'checkbox') {
        input.checked = value === 'true';
      } else {
        input.value = value;
      }
      l.htmlFor = input.id = `jp-hunt-filter-${name}-${Math.random().toString(36).slice(2, 8)}`;
      row.append(l, input);
      if (help) {
        const h = document.createElement('div');
        h.className = 'jp-hunt-FormHelp';
        h.textContent = help;
        row.append(h);
      }
      this.node.append(row);
      this._inputs[name] = input;
    };
    if (_kind !== 'text') {
      const range = current?.kind === 'range' ? current : null;
      const shown = (x: number | null | undefined) =>
        x === null || x === undefined
          ? ''
          : _kind === 'range-time'
            ? new Date(x).toISOString()
            : String(x);
      const help =
        _kind === 'range-time'
          ? trans.__('e.g. 2019-01-15 05:00 (UTC unless a zone is given)')
          : undefined;
      add('min', trans.__('From (inclusive)'), 'text', shown(range?.min), help);
      add('max', trans.__('To (inclusive)'), 'text', shown(range?.max), help);
      return;
    }
    const text =
      current?.kind === 'contains'
        ? current.text
        : current?.kind === 'regex'
          ? current.pattern
          : '';
    add('text', trans.__('Contains'), 'text', text);
    add('regex', trans.__('Regular expression'), 'checkbox', String(current?.kind === 'regex'));
    if (topValues.length) {
      const box = document.createElement('fieldset');
      box.className = 'jp-hunt-FilterValues';
      const legend = document.createElement('legend');
      legend.textContent = trans.__('Or only these values (most frequent first)');
      box.append(legend);
      const picked = new Set(current?.kind === 'values' ? current.values : []);
      for (const value of topValues) {
        const label = document.createElement('label');
        const check = document.createElement('input');
        check.type = 'checkbox';
        check.value = value;
        check.checked = picked.has(value);
        label.append(check, document.createTextNode(visibleBidi(value) || trans.__('(empty)')));
        box.append(label);
        this._values.push(check);
      }
      this.node.append(box);
    }
  }

  /** The filter, null for none, or the error of a bound that does not parse. */
  getValue(): ColumnFilter | null | Error {
    const column = this._column;
    if (this._kind !== 'text') {
      try {
        const min = parseBound(this._inputs.min.value, this._kind);
        const max = parseBound(this._inputs.max.value, this._kind);
        return min === null && max === null ? null : { column, kind: 'range', min, max };
      } catch (err) {
        return err as Error;
      }
    }
    const values = this._values.filter(v => v.checked).map(v => v.value);
    if (values.length) {
      return { column, kind: 'values', values };
    }
    const text = this._inputs.text.value;
    if (!text) {
      return null;
    }
    return this._inputs.regex.checked
      ? { column, kind: 'regex', pattern: text }
      : { column, kind: 'contains', text };
  }
}

/** A bound as typed: a number, or a time (UTC unless it names a zone); throws naming it. */
export function parseBound(text: string, kind: FilterKind): number | null {
  const t = text.trim();
  if (!t) {
    return null;
  }
  if (kind === 'range-number') {
    const n = Number(t.replace(/,/g, ''));
    if (Number.isNaN(n)) {
      throw new Error(`"${t}" is not a number`);
    }
    return n;
  }
  const iso = t.replace(' ', 'T');
  const ms = Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(iso) || !iso.includes('T') ? iso : `${iso}Z`);
  if (Number.isNaN(ms)) {
    throw new Error(`"${t}" is not a date and time (use 2019-01-15 05:00:00)`);
  }
  return ms;
}

/**
 * Ask for a column's filter. Resolves to the filter, null to drop it, or undefined when the
 * dialog was cancelled; throws with a message naming what was wrong in the form.
 */
export async function askColumnFilter(
  column: string,
  kind: FilterKind,
  topValues: string[],
  current: ColumnFilter | null,
  trans: TranslationBundle
): Promise<ColumnFilter | null | undefined> {
  const result = await showDialog({
    title: trans.__('Filter %1', visibleBidi(column)),
    body: new FilterForm(column, kind, topValues, current, trans),
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.warnButton({ label: trans.__('Clear filter'), accept: false }),
      Dialog.okButton({ label: trans.__('Filter') })
    ]
  });
  if (result.button.label === trans.__('Clear filter')) {
    return null;
  }
  if (!result.button.accept) {
    return undefined;
  }
  const filter = result.value;
  if (filter instanceof Error) {
    throw new Error(trans.__('Filter on %1: %2', column, filter.message));
  }
  if (filter?.kind === 'regex') {
    const problem = regexProblem(filter.pattern);
    if (problem) {
      throw new Error(trans.__('Filter on %1: %2', column, problem));
    }
  }
  return filter;
}

/** Short text of a filter for its chip: 'Account contains adm', 'Bytes 10 – 200'. */
export function filterText(filter: ColumnFilter, formatBound: (x: number) => string): string {
  const name = visibleBidi(filter.column);
  switch (filter.kind) {
    case 'contains':
      return `${name} ∋ "${visibleBidi(filter.text)}"`;
    case 'regex':
      return `${name} ~ /${visibleBidi(filter.pattern)}/`;
    case 'values':
      return `${name} ∈ {${filter.values.map(visibleBidi).join(', ')}}`;
    case 'range': {
      const lo = filter.min === null || filter.min === undefined ? '…' : formatBound(filter.min);
      const hi = filter.max === null || filter.max === undefined ? '…' : formatBound(filter.max);
      return `${name} ${lo} – ${hi}`;
    }
  }
}
