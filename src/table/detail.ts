// The row detail pane: every field of one row, whole and wrapped (long command lines, decoded
// strings), each copyable, and the whole row as tab-separated text. Values are set as text
// only (textContent), never HTML: cell values are hostile. Bidi controls are shown as
// markers, copies keep the exact value.
import { Widget } from '@lumino/widgets';
import { Clipboard } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { visibleBidi } from '../analytics/display';

export interface IRowField {
  name: string;
  type: string;
  /** The exact value (what is copied). */
  value: string;
  isNull: boolean;
}

export class RowDetail extends Widget {
  private readonly _title = document.createElement('span');
  private readonly _list = document.createElement('dl');
  private _fields: IRowField[] = [];

  constructor(
    private readonly _trans: TranslationBundle,
    onClose: () => void
  ) {
    super();
    this.addClass('jp-hunt-RowDetail');
    this.node.tabIndex = -1;
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', _trans.__('Row details'));
    const head = document.createElement('div');
    head.className = 'jp-hunt-RowDetailHead';
    this._title.className = 'jp-hunt-RowDetailTitle';
    head.append(
      this._title,
      smallButton(
        _trans.__('Copy row'),
        _trans.__('Copy every field as name<TAB>value lines'),
        () => this._copy(this._fields.map(f => `${f.name}\t${f.value}`).join('\n'))
      ),
      smallButton('×', _trans.__('Close (Escape)'), onClose)
    );
    this.node.addEventListener('keydown', event => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onClose();
      }
    });
    this.node.append(head, this._list);
  }

  /** Show row `rowLabel` with its fields. */
  showRow(rowLabel: string, fields: IRowField[]): void {
    this._fields = fields;
    this._title.textContent = this._trans.__('Row %1', rowLabel);
    this._list.replaceChildren(
      ...fields.flatMap(field => {
        const dt = document.createElement('dt');
        dt.textContent = visibleBidi(field.name);
        dt.title = field.type;
        dt.append(
          smallButton(this._trans.__('Copy'), this._trans.__('Copy this value'), () =>
            this._copy(field.value)
          )
        );
        const dd = document.createElement('dd');
        dd.textContent = field.isNull ? this._trans.__('(null)') : visibleBidi(field.value);
        dd.classList.toggle('jp-mod-null', field.isNull);
        return [dt, dd];
      })
    );
  }

  private _copy(text: string): void {
    Clipboard.copyToSystem(text);
  }
}

function smallButton(label: string, caption: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.className = 'jp-hunt-TableButton jp-hunt-SmallButton jp-mod-styled';
  b.textContent = label;
  b.title = caption;
  b.setAttribute('aria-label', caption);
  b.addEventListener('click', onClick);
  return b;
}
