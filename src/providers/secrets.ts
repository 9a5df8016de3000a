// Secret descriptors: the only form in which a secret setting reaches the browser, and the
// write-only values the panel sends back. Pure: no DOM.
import type { Translate } from '../common/translate';

/** As the server describes a stored secret (server/config.py `describe_secret`). */
export type SecretDescriptor =
  | { kind: 'literal'; set: boolean; label?: string }
  | { kind: 'env'; name: string | null; set: boolean }
  | { kind: 'keyvault'; ref: string | null };

/** What the user chose for a secret; sent as the edit value. A literal is write-only. */
export type SecretChoice =
  | { kind: 'env'; name: string }
  | { kind: 'keyvault'; ref: string | null }
  | { kind: 'literal'; value: string };

export function isSecretDescriptor(value: unknown): value is SecretDescriptor {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return false;
  }
  const v = value as Record<string, unknown>;
  return (
    (v.kind === 'literal' && typeof v.set === 'boolean') ||
    (v.kind === 'env' &&
      (v.name === null || typeof v.name === 'string') &&
      typeof v.set === 'boolean') ||
    (v.kind === 'keyvault' && (v.ref === null || v.ref === undefined || typeof v.ref === 'string'))
  );
}

/** One line saying how a secret is stored, never its value. */
export function describeSecret(d: SecretDescriptor | null, __: Translate): string {
  if (!d || (d.kind === 'literal' && !d.set)) {
    return __('not set');
  }
  switch (d.kind) {
    case 'literal':
      return __('literal key stored (hidden)');
    case 'env':
      return d.name
        ? d.set
          ? __('environment variable %1: set', d.name)
          : __('environment variable %1: not set', d.name)
        : __('environment variable: no name');
    case 'keyvault':
      return d.ref
        ? __('Key Vault secret %1', d.ref)
        : __('Key Vault (default vault, name from the setting path)');
  }
}

/** True when a required secret is configured (or a new value is chosen). */
export function secretIsSet(d: SecretDescriptor | null, choice?: SecretChoice): boolean {
  if (choice) {
    return choice.kind === 'keyvault' || (choice.kind === 'env' ? !!choice.name : !!choice.value);
  }
  return !!d && (d.kind === 'keyvault' || (d.kind === 'env' ? !!d.name : d.set));
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KV_REF = /^[A-Za-z0-9-]+(\/[A-Za-z0-9-]+)?$/;

/** A message when the choice cannot be saved. */
export function validateSecretChoice(choice: SecretChoice, __: Translate): string | null {
  switch (choice.kind) {
    case 'env':
      return ENV_NAME.test(choice.name)
        ? null
        : __('An environment variable name: letters, digits and _.');
    case 'keyvault':
      return choice.ref === null ||
        choice.ref === '' ||
        choice.ref === 'default' ||
        KV_REF.test(choice.ref)
        ? null
        : __('A secret name, or vault/secret (letters, digits and -).');
    case 'literal':
      return choice.value ? null : __('Type the key, or choose an environment variable.');
  }
}

/** The edit value for a choice (server `_from_wire`). */
export function secretEditValue(choice: SecretChoice): {
  kind: string;
  name?: string;
  ref?: string | null;
  value?: string;
} {
  switch (choice.kind) {
    case 'env':
      return { kind: 'env', name: choice.name };
    case 'keyvault':
      return { kind: 'keyvault', ref: choice.ref || null };
    case 'literal':
      return { kind: 'literal', value: choice.value };
  }
}

/** msticpy's habit: `<PROVIDER>_AUTH_KEY`-style names; suggested when switching to an env var. */
export function suggestEnvName(path: readonly string[]): string {
  const provider = path.length > 1 ? path[1] : (path[0] ?? 'SECRET');
  const key = path[path.length - 1] ?? 'KEY';
  return `${provider}_${key}`
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .toUpperCase();
}
