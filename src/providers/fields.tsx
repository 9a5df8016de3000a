// Form fields of the providers panel. Values are rendered as text; secrets only as descriptors.
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ProvidersModel } from './model';
import { IFieldDef, pointer } from './schema';
import { describeSecret, isSecretDescriptor, SecretChoice, suggestEnvName } from './secrets';

export interface IFieldProps {
  model: ProvidersModel;
  entryPath: string[];
  def: IFieldDef;
  trans: TranslationBundle;
}

function fieldId(path: readonly string[]): string {
  return 'jp-hunt-cfg' + pointer(path).replace(/[^A-Za-z0-9_-]/g, '_');
}

function FieldShell(
  props: IFieldProps & { children: (id: string, describedBy?: string) => JSX.Element }
) {
  const { model, entryPath, def, children } = props;
  const path = [...entryPath, ...def.key];
  const id = fieldId(path);
  const error = model.fieldError(entryPath, def);
  const notes = model.problemsAt(path).filter(p => p.severity !== 'error');
  return (
    <div className="jp-hunt-Field">
      <label htmlFor={id}>
        {def.key.join('.')}
        {def.required && <span aria-hidden="true"> *</span>}
      </label>
      {children(id, error ? `${id}-error` : undefined)}
      {error && (
        <div id={`${id}-error`} className="jp-hunt-Field-error" role="alert">
          {error}
        </div>
      )}
      {notes.map((n, i) => (
        <div key={i} className="jp-hunt-Hint">
          {n.message}
        </div>
      ))}
    </div>
  );
}

function ValueField(props: IFieldProps) {
  const { model, entryPath, def } = props;
  const path = [...entryPath, ...def.key];
  const value = model.valueAt(path);
  return (
    <FieldShell {...props}>
      {(id, describedBy) => {
        const common = {
          id,
          'aria-describedby': describedBy,
          'aria-invalid': !!describedBy,
          'aria-required': def.required
        };
        if (def.kind === 'bool') {
          return (
            <input
              {...common}
              type="checkbox"
              checked={value === true}
              onChange={e => model.setValue(path, e.target.checked)}
            />
          );
        }
        if (def.kind === 'enum') {
          return (
            <select
              {...common}
              className="jp-mod-styled"
              value={typeof value === 'string' ? value : ''}
              onChange={e => model.setValue(path, e.target.value)}
            >
              <option value="">—</option>
              {def.options!.map(o => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          );
        }
        const text =
          value === undefined || value === null
            ? ''
            : typeof value === 'object'
              ? JSON.stringify(value)
              : String(value);
        return (
          <input
            {...common}
            className="jp-mod-styled"
            spellCheck={false}
            placeholder={def.kind === 'uuid' ? '00000000-0000-0000-0000-000000000000' : ''}
            value={text}
            onChange={e => model.setValue(path, e.target.value)}
          />
        );
      }}
    </FieldShell>
  );
}

type SecretMode = 'keep' | SecretChoice['kind'];

function SecretField(props: IFieldProps) {
  const { model, entryPath, def, trans } = props;
  const path = [...entryPath, ...def.key];
  const stored = model.descriptorAt(path);
  const choice = model.secretChoiceAt(path);
  const mode: SecretMode = choice?.kind ?? 'keep';
  const choose = (next: SecretMode) => {
    if (next === 'keep') {
      model.setSecret(path, undefined);
    } else if (next === 'env') {
      model.setSecret(path, {
        kind: 'env',
        name: stored?.kind === 'env' && stored.name ? stored.name : suggestEnvName(path)
      });
    } else if (next === 'keyvault') {
      model.setSecret(path, {
        kind: 'keyvault',
        ref: stored?.kind === 'keyvault' ? stored.ref : null
      });
    } else {
      model.setSecret(path, { kind: 'literal', value: '' });
    }
  };
  return (
    <FieldShell {...props}>
      {(id, describedBy) => (
        <div className="jp-hunt-Secret">
          <div className="jp-hunt-Secret-state">{describeSecret(stored, trans.__.bind(trans))}</div>
          <select
            id={id}
            className="jp-mod-styled"
            aria-describedby={describedBy}
            aria-label={trans.__('How %1 is stored', def.key.join('.'))}
            value={mode}
            onChange={e => choose(e.target.value as SecretMode)}
          >
            <option value="keep">{trans.__('Keep as it is')}</option>
            <option value="env">{trans.__('Environment variable')}</option>
            <option value="keyvault">{trans.__('Key Vault secret')}</option>
            <option value="literal">{trans.__('Type the key (stored in the file)')}</option>
          </select>
          {choice?.kind === 'env' && (
            <input
              className="jp-mod-styled"
              aria-label={trans.__('Environment variable name')}
              spellCheck={false}
              value={choice.name}
              onChange={e => model.setSecret(path, { kind: 'env', name: e.target.value })}
            />
          )}
          {choice?.kind === 'keyvault' && (
            <input
              className="jp-mod-styled"
              aria-label={trans.__('Key Vault secret name or vault/secret (empty: default)')}
              placeholder={trans.__('default')}
              spellCheck={false}
              value={choice.ref ?? ''}
              onChange={e => model.setSecret(path, { kind: 'keyvault', ref: e.target.value })}
            />
          )}
          {choice?.kind === 'literal' && (
            <>
              <input
                className="jp-mod-styled"
                type="password"
                autoComplete="new-password"
                aria-label={trans.__('Key (write-only)')}
                value={choice.value}
                onChange={e => model.setSecret(path, { kind: 'literal', value: e.target.value })}
              />
              <div className="jp-hunt-Warning" role="note">
                {trans.__(
                  'The key will be stored in msticpyconfig.yaml in clear text. An environment variable or Key Vault is safer.'
                )}
              </div>
            </>
          )}
        </div>
      )}
    </FieldShell>
  );
}

export function ConfigField(props: IFieldProps): JSX.Element {
  return props.def.kind === 'secret' ? <SecretField {...props} /> : <ValueField {...props} />;
}

/** Settings of an entry the panel has no field for: shown, not edited. */
export function OtherSettings({
  value,
  known,
  trans
}: {
  value: unknown;
  known: string[];
  trans: TranslationBundle;
}) {
  const rows: [string, string][] = [];
  const walk = (node: unknown, path: string[]) => {
    if (isSecretDescriptor(node)) {
      rows.push([path.join('.'), describeSecret(node, trans.__.bind(trans))]);
    } else if (node && typeof node === 'object' && !Array.isArray(node)) {
      Object.entries(node).forEach(([k, v]) => walk(v, [...path, k]));
    } else if (!known.includes(path.join('.'))) {
      rows.push([path.join('.'), JSON.stringify(node)]);
    }
  };
  walk(value, []);
  if (!rows.length || rows.every(([k]) => known.includes(k))) {
    return null;
  }
  return (
    <div className="jp-hunt-OtherSettings">
      <div className="jp-hunt-Hint">{trans.__('Other settings (edit them in the file):')}</div>
      <dl>
        {rows
          .filter(([k]) => !known.includes(k))
          .map(([k, v]) => (
            <React.Fragment key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </React.Fragment>
          ))}
      </dl>
    </div>
  );
}
