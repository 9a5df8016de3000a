// Entities section of the Hunt sidebar: add, search, group, select, pin, remove, import/export.
import * as React from 'react';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ISignal, Signal } from '@lumino/signaling';
import type { Entities } from '../tokens';
import {
  entityLabel,
  exportEntities,
  filterEntities,
  groupByType,
  IEntity,
  inputFromValue,
  parseImport
} from './entity';
import { EntitiesModel } from './model';
import { MANUAL_TYPES } from './types';

/** Panel UI state kept in IStateDB (not the investigation: that is in the notebook). */
export interface IEntitiesViewState {
  groupByType: boolean;
  query: string;
}

export class EntitiesWidget extends ReactWidget {
  constructor(
    readonly model: EntitiesModel,
    private _trans: TranslationBundle
  ) {
    super();
    this.id = 'jupyterlab-hunt-entities';
    this.addClass('jp-hunt-Entities');
    this.title.label = _trans.__('Entities');
  }

  get state(): IEntitiesViewState {
    return this._state;
  }
  set state(state: IEntitiesViewState) {
    this._state = state;
    this._stateChanged.emit();
  }
  get stateChanged(): ISignal<this, void> {
    return this._stateChanged;
  }

  /** Message shown under the toolbar (import report, add error). */
  get message(): string {
    return this._message;
  }
  set message(text: string) {
    this._message = text;
    this._stateChanged.emit();
  }

  focusAdd(): void {
    this.node.querySelector<HTMLInputElement>('#jp-hunt-entity-value')?.focus();
  }

  focusSearch(): void {
    this.node.querySelector<HTMLInputElement>('.jp-hunt-Entities-search')?.focus();
  }

  /** Ask for a JSON file and add its entities. */
  pickImport(): void {
    this.node.querySelector<HTMLInputElement>('.jp-hunt-Entities-file')?.click();
  }

  exportFile(): void {
    const blob = new Blob([exportEntities(this.model.entities)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'entities.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async importFile(file: File): Promise<void> {
    this.message = describeImport(await file.text(), this.model, file.name, this._trans);
  }

  render(): JSX.Element {
    return (
      <UseSignal signal={this.model.changed}>
        {() => (
          <UseSignal signal={this._stateChanged}>
            {() => <EntitiesView widget={this} trans={this._trans} />}
          </UseSignal>
        )}
      </UseSignal>
    );
  }

  private _state: IEntitiesViewState = { groupByType: true, query: '' };
  private _message = '';
  private _stateChanged = new Signal<this, void>(this);
}

/** Import a file's text and say what happened, naming rejected records by index. */
export function describeImport(
  text: string,
  model: EntitiesModel,
  name: string,
  trans: TranslationBundle
): string {
  let records: unknown[];
  try {
    records = parseImport(text);
  } catch (reason) {
    return trans.__('%1 is not an entity file: %2', name, (reason as Error).message);
  }
  return describeResult(model.add(records as Entities.IInput[], `import:${name}`), trans);
}

export function describeResult(result: Entities.IAddResult, trans: TranslationBundle): string {
  const head = trans.__('Added %1, merged %2.', result.added, result.merged);
  const bad = result.errors.slice(0, 10).map(e => trans.__('#%1: %2', e.index, e.message));
  const more =
    result.errors.length > 10 ? [trans.__('and %1 more.', result.errors.length - 10)] : [];
  return [
    head,
    ...(result.errors.length ? [trans.__('%1 rejected:', result.errors.length)] : []),
    ...bad,
    ...more
  ].join(' ');
}

function AddForm({ widget, trans }: { widget: EntitiesWidget; trans: TranslationBundle }) {
  const [type, setType] = React.useState(MANUAL_TYPES[0].name);
  const [value, setValue] = React.useState('');
  const [error, setError] = React.useState('');
  const disabled = !widget.model.canEdit;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const input = inputFromValue(type, value);
    if ('error' in input) {
      setError(input.error);
      return;
    }
    const result = widget.model.add([input], 'manual');
    setError(result.errors[0]?.message ?? '');
    if (!result.errors.length) {
      setValue('');
    }
  };
  return (
    <form className="jp-hunt-Entities-add" onSubmit={submit} aria-label={trans.__('Add an entity')}>
      <select
        className="jp-mod-styled"
        aria-label={trans.__('Entity type')}
        value={type}
        disabled={disabled}
        onChange={e => setType(e.target.value)}
      >
        {MANUAL_TYPES.map(t => (
          <option key={t.name} value={t.name}>
            {t.name}
          </option>
        ))}
      </select>
      <input
        id="jp-hunt-entity-value"
        className="jp-mod-styled"
        aria-label={trans.__('Entity value')}
        aria-invalid={!!error}
        aria-describedby={error ? 'jp-hunt-entity-error' : undefined}
        placeholder={trans.__('Value, e.g. 10.0.0.1')}
        value={value}
        disabled={disabled}
        onChange={e => {
          setValue(e.target.value);
          setError('');
        }}
      />
      <button type="submit" className="jp-hunt-Button" disabled={disabled || !value.trim()}>
        {trans.__('Add')}
      </button>
      {error && (
        <div id="jp-hunt-entity-error" className="jp-hunt-Field-error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}

function EntityRow({
  entity,
  model,
  trans
}: {
  entity: IEntity;
  model: EntitiesModel;
  trans: TranslationBundle;
}) {
  const label = entityLabel(entity);
  return (
    <li className="jp-hunt-Entity" data-type={entity.type}>
      <input
        type="checkbox"
        aria-label={trans.__('Select %1', label)}
        checked={entity.selected}
        onChange={() => model.toggle(entity.id, 'selected')}
      />
      <details className="jp-hunt-Entity-details">
        <summary>
          <span className="jp-hunt-Entity-type">{entity.type}</span>{' '}
          <span className="jp-hunt-Entity-label">{label}</span>
        </summary>
        <dl className="jp-hunt-Entity-properties">
          {Object.entries(entity.properties).map(([k, v]) => (
            <React.Fragment key={k}>
              <dt>{k}</dt>
              <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
            </React.Fragment>
          ))}
          <dt>{trans.__('Source')}</dt>
          <dd>{entity.source}</dd>
        </dl>
      </details>
      <button
        type="button"
        className="jp-hunt-IconButton"
        aria-pressed={entity.pinned}
        title={entity.pinned ? trans.__('Unpin') : trans.__('Pin (kept by "Clear unpinned")')}
        onClick={() => model.toggle(entity.id, 'pinned')}
      >
        {entity.pinned ? '★' : '☆'}
      </button>
      <button
        type="button"
        className="jp-hunt-IconButton"
        title={trans.__('Remove %1', label)}
        aria-label={trans.__('Remove %1', label)}
        onClick={() => model.remove([entity.id])}
      >
        ×
      </button>
    </li>
  );
}

function EntityList({
  entities,
  model,
  trans
}: {
  entities: IEntity[];
  model: EntitiesModel;
  trans: TranslationBundle;
}) {
  return (
    <ul className="jp-hunt-Entities-list">
      {entities.map(e => (
        <EntityRow key={e.id} entity={e} model={model} trans={trans} />
      ))}
    </ul>
  );
}

function EntitiesView({
  widget,
  trans
}: {
  widget: EntitiesWidget;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, state } = widget;
  const shown = filterEntities(model.entities, state.query);
  const selected = model.entities.filter(e => e.selected).length;
  return (
    <div className="jp-hunt-Section-body">
      {!model.canEdit && (
        <div className="jp-hunt-Hint">
          {trans.__('Open a notebook: entities are kept with its investigation.')}
        </div>
      )}
      <AddForm widget={widget} trans={trans} />
      <div className="jp-hunt-Entities-toolbar">
        <input
          type="search"
          className="jp-mod-styled jp-hunt-Entities-search"
          aria-label={trans.__('Search entities')}
          placeholder={trans.__('Search')}
          value={state.query}
          onChange={e => (widget.state = { ...state, query: e.target.value })}
        />
        <label>
          <input
            type="checkbox"
            checked={state.groupByType}
            onChange={e => (widget.state = { ...state, groupByType: e.target.checked })}
          />
          {trans.__('Group by type')}
        </label>
      </div>
      <div className="jp-hunt-Actions">
        <button
          type="button"
          className="jp-hunt-Button"
          disabled={!model.canEdit}
          onClick={() => widget.pickImport()}
        >
          {trans.__('Import…')}
        </button>
        <button
          type="button"
          className="jp-hunt-Button"
          disabled={!model.entities.length}
          onClick={() => widget.exportFile()}
        >
          {trans.__('Export')}
        </button>
        <button
          type="button"
          className="jp-hunt-Button"
          disabled={!model.entities.length}
          onClick={() => model.clearUnpinned()}
        >
          {trans.__('Clear unpinned')}
        </button>
        <input
          type="file"
          accept=".json,application/json"
          className="jp-hunt-Entities-file"
          hidden
          tabIndex={-1}
          onChange={e => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) {
              void widget.importFile(file);
            }
          }}
        />
      </div>
      {widget.message && (
        <div className="jp-hunt-Message" role="status">
          {widget.message}
        </div>
      )}
      <div className="jp-hunt-Entities-count">
        {trans.__(
          '%1 entities, %2 selected; the kernel sees them as hunt.entities',
          model.entities.length,
          selected
        )}
      </div>
      {state.groupByType ? (
        groupByType(shown).map(([type, list]) => (
          <section key={type} className="jp-hunt-Entities-group" aria-label={type}>
            <h3>
              {type} ({list.length})
            </h3>
            <EntityList entities={list} model={model} trans={trans} />
          </section>
        ))
      ) : (
        <EntityList entities={shown} model={model} trans={trans} />
      )}
    </div>
  );
}
