// Providers section of the Hunt sidebar: msticpyconfig.yaml through the server, secrets as references.
import * as React from 'react';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Message } from '@lumino/messaging';
import { ISignal, Signal } from '@lumino/signaling';
import { ConfigField, OtherSettings } from './fields';
import { ProvidersModel } from './model';
import { entryDef, getAt, ISectionDef, SECTIONS, validateEntryName } from './schema';

export class ProvidersWidget extends ReactWidget {
  constructor(
    readonly model: ProvidersModel,
    private _trans: TranslationBundle
  ) {
    super();
    this.id = 'jupyterlab-hunt-providers';
    this.addClass('jp-hunt-Providers');
    this.title.label = _trans.__('Providers');
  }

  /** Ids of the open sections (UI state kept in IStateDB). */
  get openSections(): readonly string[] {
    return this._open;
  }
  set openSections(ids: readonly string[]) {
    this._open = [...ids];
    this._openChanged.emit();
  }
  get openChanged(): ISignal<this, void> {
    return this._openChanged;
  }

  render(): JSX.Element {
    return (
      <UseSignal signal={this.model.changed}>
        {() => (
          <UseSignal signal={this._openChanged}>
            {() => <ProvidersView widget={this} trans={this._trans} />}
          </UseSignal>
        )}
      </UseSignal>
    );
  }

  /** The file is read when the panel is first visible, not at startup. */
  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._loadIfVisible();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._loadIfVisible();
  }

  private _loadIfVisible(): void {
    if (this.isVisible && this.model.status === 'idle') {
      void this.model.load();
    }
  }

  private _open: string[] = ['ti'];
  private _openChanged = new Signal<this, void>(this);
}

function Status({ model, trans }: { model: ProvidersModel; trans: TranslationBundle }) {
  const doc = model.document;
  const error = model.error;
  const line = error?.details.line;
  return (
    <>
      {doc && (
        <div className="jp-hunt-Providers-file" title={doc.path}>
          {doc.exists
            ? trans.__('File: %1', doc.path)
            : trans.__('No msticpyconfig.yaml found; msticpy would read %1', doc.path)}
        </div>
      )}
      {model.status === 'loading' && (
        <div className="jp-hunt-Hint">{trans.__('Reading msticpyconfig.yaml…')}</div>
      )}
      {error && (
        <div className="jp-hunt-Message jp-mod-error" role="alert">
          {line ? trans.__('%1 (line %2)', error.message, line) : error.message}
          {error.details.errors?.map((e, i) => (
            <div key={i}>{e.message}</div>
          ))}
        </div>
      )}
      {model.conflict && (
        <div className="jp-hunt-Warning" role="alert">
          {trans.__('msticpyconfig.yaml changed on disk since it was read.')}{' '}
          <button type="button" className="jp-hunt-Button" onClick={() => void model.reload()}>
            {trans.__('Reload (drops unsaved edits)')}
          </button>
        </div>
      )}
      {model.notice && (
        <div className="jp-hunt-Message" role="status">
          {model.notice}
        </div>
      )}
    </>
  );
}

function AddEntry({
  model,
  section,
  trans
}: {
  model: ProvidersModel;
  section: ISectionDef;
  trans: TranslationBundle;
}) {
  const [name, setName] = React.useState('');
  const existing = model.entries(section);
  const free = section.entries['*'] !== undefined;
  const options = Object.keys(section.entries).filter(n => n !== '*' && !existing.includes(n));
  const error = free && name ? validateEntryName(name, existing, trans.__.bind(trans)) : null;
  if (!free && !options.length) {
    return null;
  }
  const add = (e: React.FormEvent) => {
    e.preventDefault();
    if (name && !error) {
      model.addEntry(section, name);
      setName('');
    }
  };
  return (
    <form className="jp-hunt-Providers-add" onSubmit={add}>
      {free ? (
        <input
          className="jp-mod-styled"
          aria-label={trans.__('New workspace name')}
          placeholder={trans.__('Workspace name, e.g. Default')}
          aria-invalid={!!error}
          value={name}
          onChange={e => setName(e.target.value)}
        />
      ) : (
        <select
          className="jp-mod-styled"
          aria-label={trans.__('Provider to add')}
          value={name}
          onChange={e => setName(e.target.value)}
        >
          <option value="">{trans.__('Add a provider…')}</option>
          {options.map(o => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      )}
      <button type="submit" className="jp-hunt-Button" disabled={!name || !!error}>
        {trans.__('Add')}
      </button>
      {error && <div className="jp-hunt-Field-error">{error}</div>}
    </form>
  );
}

function Entry({
  model,
  section,
  name,
  trans
}: {
  model: ProvidersModel;
  section: ISectionDef;
  name: string;
  trans: TranslationBundle;
}) {
  const path = section.single ? section.path : [...section.path, name];
  const def = entryDef(section, name);
  const fields = section.readOnly ? [] : (def?.fields ?? []);
  const body = (
    <div className="jp-hunt-Providers-entry">
      {fields.map(f => (
        <ConfigField key={f.key.join('.')} model={model} entryPath={path} def={f} trans={trans} />
      ))}
      <OtherSettings
        value={getAt(model.document?.sections, path)}
        known={fields.map(f => f.key.join('.'))}
        trans={trans}
      />
      {!section.single && (
        <button
          type="button"
          className="jp-hunt-Button"
          onClick={() => model.removeEntry(section, name)}
        >
          {trans.__('Remove %1', name)}
        </button>
      )}
    </div>
  );
  if (section.single) {
    return body;
  }
  return (
    <details className="jp-hunt-Providers-entryDetails">
      <summary>{name}</summary>
      {body}
    </details>
  );
}

function Section({
  widget,
  section,
  trans
}: {
  widget: ProvidersWidget;
  section: ISectionDef;
  trans: TranslationBundle;
}) {
  const { model } = widget;
  const open = widget.openSections.includes(section.id);
  const names = section.single ? [section.path[0]] : model.entries(section);
  const toggle = (e: React.SyntheticEvent<HTMLDetailsElement>) => {
    const isOpen = e.currentTarget.open;
    if (isOpen !== open) {
      widget.openSections = isOpen
        ? [...widget.openSections, section.id]
        : widget.openSections.filter(id => id !== section.id);
    }
  };
  return (
    <details className="jp-hunt-Providers-section" open={open} onToggle={toggle}>
      <summary>
        {trans.__(section.title)}{' '}
        {!section.single && <span className="jp-hunt-Hint">({names.length})</span>}
      </summary>
      {names.map(n => (
        <Entry key={n} model={model} section={section} name={n} trans={trans} />
      ))}
      {!section.readOnly && !section.single && (
        <AddEntry model={model} section={section} trans={trans} />
      )}
    </details>
  );
}

function ProvidersView({
  widget,
  trans
}: {
  widget: ProvidersWidget;
  trans: TranslationBundle;
}): JSX.Element {
  const { model } = widget;
  const ready = model.status === 'ready';
  return (
    <div className="jp-hunt-Section-body">
      <Status model={model} trans={trans} />
      <div className="jp-hunt-Actions">
        {ready && (
          <>
            <button
              type="button"
              className="jp-hunt-Button jp-mod-accept"
              disabled={!model.dirty || model.saving || model.invalidFields.length > 0}
              onClick={() => void model.save()}
            >
              {model.saving ? trans.__('Saving…') : trans.__('Save')}
            </button>
            <button
              type="button"
              className="jp-hunt-Button"
              disabled={!model.dirty}
              onClick={() => model.discard()}
            >
              {trans.__('Discard changes')}
            </button>
          </>
        )}
        <button type="button" className="jp-hunt-Button" onClick={() => void model.reload()}>
          {trans.__('Reload')}
        </button>
        {(model.status === 'missing' || model.status === 'invalid') && (
          <button type="button" className="jp-hunt-Button" onClick={() => void model.create()}>
            {trans.__('Start a new file')}
          </button>
        )}
      </div>
      {ready && SECTIONS.map(s => <Section key={s.id} widget={widget} section={s} trans={trans} />)}
    </div>
  );
}
