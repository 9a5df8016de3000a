// A small parameter form in a JupyterLab Dialog (column pickers, numbers, switches), shared
// by the analyses that need options before they run. Labels are set as text.
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';

export type FieldValue = string | number | boolean;

export interface IFormField {
  name: string;
  label: string;
  kind: 'select' | 'number' | 'text' | 'checkbox';
  /** For selects: [value, label] pairs. */
  options?: [string, string][];
  value: FieldValue;
  min?: number;
  max?: number;
  step?: number;
  help?: string;
}

class FormBody extends Widget implements Dialog.IBodyWidget<Record<string, FieldValue>> {
  private readonly _inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();

  constructor(private readonly _fields: IFormField[]) {
    super();
    this.addClass('jp-hunt-Form');
    for (const field of _fields) {
      const id = `jp-hunt-form-${field.name}-${Math.random().toString(36).slice(2, 8)}`;
      const row = document.createElement('div');
      row.className = 'jp-hunt-FormRow';
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = field.label;
      const input = createInput(field);
      input.id = id;
      input.name = field.name;
      row.append(label, input);
      if (field.help) {
        const help = document.createElement('div');
        help.className = 'jp-hunt-FormHelp';
        help.textContent = field.help;
        row.appendChild(help);
      }
      this._inputs.set(field.name, input);
      this.node.appendChild(row);
    }
  }

  getValue(): Record<string, FieldValue> {
    const out: Record<string, FieldValue> = {};
    for (const field of this._fields) {
      const input = this._inputs.get(field.name)!;
      if (field.kind === 'checkbox') {
        out[field.name] = (input as HTMLInputElement).checked;
      } else if (field.kind === 'number') {
        out[field.name] = Number(input.value);
      } else {
        out[field.name] = input.value;
      }
    }
    return out;
  }
}

function createInput(field: IFormField): HTMLInputElement | HTMLSelectElement {
  if (field.kind === 'select') {
    const select = document.createElement('select');
    select.className = 'jp-mod-styled';
    for (const [value, text] of field.options ?? []) {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = text;
      select.appendChild(option);
    }
    select.value = String(field.value);
    return select;
  }
  const input = document.createElement('input');
  input.className = 'jp-mod-styled';
  input.type = field.kind;
  if (field.kind === 'checkbox') {
    input.checked = Boolean(field.value);
  } else {
    input.value = String(field.value);
  }
  for (const attr of ['min', 'max', 'step'] as const) {
    if (field[attr] !== undefined) {
      input.setAttribute(attr, String(field[attr]));
    }
  }
  return input;
}

/** Ask for the fields' values; null when the user cancels. */
export async function askForm(
  title: string,
  fields: IFormField[],
  acceptLabel: string
): Promise<Record<string, FieldValue> | null> {
  const result = await showDialog({
    title,
    body: new FormBody(fields),
    buttons: [Dialog.cancelButton(), Dialog.okButton({ label: acceptLabel })],
    focusNodeSelector: 'select, input'
  });
  return result.button.accept ? result.value : null;
}

/** Column options for a select, optionally only those whose type label matches. */
export function columnOptions(
  columns: { name: string; type: string }[],
  accept: (type: string) => boolean = () => true
): [string, string][] {
  return columns.filter(c => accept(c.type)).map(c => [c.name, `${c.name} (${c.type})`]);
}
