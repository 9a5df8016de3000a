// State of the providers panel: the redacted config, the user's unsaved edits and their
// validation, and the save / reload / new-file flow. No DOM.
import { ISignal, Signal } from '@lumino/signaling';
import {
  ConfigRequestError,
  IConfigClient,
  IConfigDocument,
  IConfigEdit,
  IConfigProblem
} from './api';
import {
  entryDef,
  getAt,
  IFieldDef,
  ISectionDef,
  pointer,
  SECTIONS,
  validateField
} from './schema';
import {
  isSecretDescriptor,
  SecretChoice,
  SecretDescriptor,
  secretEditValue,
  secretIsSet,
  validateSecretChoice
} from './secrets';
import { plainTranslate, Translate } from '../common/translate';

export type ProvidersStatus = 'idle' | 'loading' | 'ready' | 'missing' | 'invalid' | 'failed';

interface IDraft {
  path: string[];
  value: unknown;
  secret: boolean;
}

export class ProvidersModel {
  constructor(
    private _client: IConfigClient,
    private _trans: Translate = plainTranslate
  ) {}

  get changed(): ISignal<this, void> {
    return this._changed;
  }
  get status(): ProvidersStatus {
    return this._status;
  }
  get document(): IConfigDocument | null {
    return this._doc;
  }
  /** The last failure: unreadable file (with line), refused save, network error. */
  get error(): ConfigRequestError | null {
    return this._error;
  }
  /** The file changed on disk since it was read: offer a reload. */
  get conflict(): boolean {
    return this._conflict;
  }
  get saving(): boolean {
    return this._saving;
  }
  get dirty(): boolean {
    return this._drafts.size > 0 || this._removed.size > 0;
  }
  /** Message after a successful save (where the backup went). */
  get notice(): string {
    return this._notice;
  }

  async load(): Promise<void> {
    this._status = 'loading';
    this._changed.emit();
    try {
      this._setDocument(await this._client.get());
    } catch (reason) {
      this._fail(reason, true);
    }
  }

  /** Write a minimal file where msticpy looks for one. */
  async create(): Promise<void> {
    try {
      this._setDocument(await this._client.create());
    } catch (reason) {
      this._fail(reason, false);
    }
  }

  /** Names of a section's entries: on file, plus added, minus removed. */
  entries(section: ISectionDef): string[] {
    const node = getAt(this._doc?.sections, section.path);
    const onFile =
      node && typeof node === 'object' && !Array.isArray(node) ? Object.keys(node) : [];
    const added = this._added.filter(a => a.section === section.id).map(a => a.name);
    return [...new Set([...onFile, ...added])].filter(
      name => !this._removed.has(pointer([...section.path, name]))
    );
  }

  /** Start a new entry (a provider or a named workspace); its initial values become edits. */
  addEntry(section: ISectionDef, name: string): void {
    const def = entryDef(section, name);
    this._added.push({ section: section.id, name });
    this._removed.delete(pointer([...section.path, name]));
    for (const [key, value] of Private.flatten(def?.initial ?? {})) {
      this._setDraft([...section.path, name, ...key], value, false);
    }
    if (!def?.initial) {
      this._setDraft([...section.path, name], {}, false);
    }
    this._changed.emit();
  }

  removeEntry(section: ISectionDef, name: string): void {
    const path = [...section.path, name];
    const p = pointer(path);
    for (const key of [...this._drafts.keys()]) {
      if (key === p || key.startsWith(p + '/')) {
        this._drafts.delete(key);
      }
    }
    const wasAdded = this._added.some(a => a.section === section.id && a.name === name);
    this._added = this._added.filter(a => !(a.section === section.id && a.name === name));
    if (!wasAdded || getAt(this._doc?.sections, path) !== undefined) {
      this._removed.add(p);
    }
    this._changed.emit();
  }

  /** Current value at a path: the unsaved edit if any, else the file's (redacted) value. */
  valueAt(path: readonly string[]): unknown {
    const draft = this._drafts.get(pointer(path));
    return draft ? draft.value : getAt(this._doc?.sections, path);
  }

  /** The stored secret's descriptor (never a value). */
  descriptorAt(path: readonly string[]): SecretDescriptor | null {
    const stored = getAt(this._doc?.sections, path);
    return isSecretDescriptor(stored) ? stored : null;
  }

  /** The user's unsaved choice for a secret. */
  secretChoiceAt(path: readonly string[]): SecretChoice | undefined {
    const draft = this._drafts.get(pointer(path));
    return draft?.secret ? (draft.value as SecretChoice) : undefined;
  }

  setValue(path: readonly string[], value: unknown): void {
    this._setDraft(path, value, false);
    this._changed.emit();
  }

  setSecret(path: readonly string[], choice: SecretChoice | undefined): void {
    if (choice) {
      this._setDraft(path, choice, true);
    } else {
      this._drafts.delete(pointer(path));
    }
    this._changed.emit();
  }

  /** What the server noticed about a stored setting (warnings such as literal secrets). */
  problemsAt(path: readonly string[]): IConfigProblem[] {
    const p = pointer(path);
    return (this._doc?.problems ?? []).filter(problem => problem.path === p);
  }

  /** Why a field cannot be saved as it is, or null. */
  fieldError(entryPath: readonly string[], def: IFieldDef): string | null {
    const path = [...entryPath, ...def.key];
    const server = this._serverErrors.find(e => e.path === pointer(path));
    if (def.kind === 'secret') {
      const choice = this.secretChoiceAt(path);
      if (choice) {
        return validateSecretChoice(choice, this._trans);
      }
      if (def.required && !secretIsSet(this.descriptorAt(path))) {
        return this._trans('Required.');
      }
      return server?.message ?? null;
    }
    return validateField(def, this.valueAt(path), this._trans) ?? server?.message ?? null;
  }

  /** Problems in the entries the user touched; saving is refused while there are any. */
  get invalidFields(): string[] {
    const out: string[] = [];
    for (const { section, name } of this._touchedEntries()) {
      const entryPath = [...section.path, name];
      for (const def of entryDef(section, name)?.fields ?? []) {
        if (this.fieldError(entryPath, def)) {
          out.push(pointer([...entryPath, ...def.key]));
        }
      }
    }
    return out;
  }

  /** The edits a save sends. Secrets go as descriptors or write-only literals. */
  get edits(): IConfigEdit[] {
    const removes: IConfigEdit[] = [...this._removed].map(path => ({ op: 'remove', path }));
    const sets: IConfigEdit[] = [...this._drafts.entries()].map(([path, d]) => ({
      op: 'set',
      path,
      value: d.secret
        ? secretEditValue(d.value as SecretChoice)
        : typeof d.value === 'string'
          ? d.value.trim()
          : d.value
    }));
    return [...removes, ...sets];
  }

  discard(): void {
    this._drafts.clear();
    this._removed.clear();
    this._added = [];
    this._serverErrors = [];
    this._changed.emit();
  }

  async save(): Promise<boolean> {
    const etag = this._doc?.etag;
    if (!etag || !this.dirty || this.invalidFields.length || this._saving) {
      return false;
    }
    this._saving = true;
    this._changed.emit();
    try {
      const doc = await this._client.put(etag, this.edits);
      this.discard();
      this._setDocument(doc);
      this._notice = doc.backup
        ? this._trans('Saved. The previous file was kept as %1.', doc.backup)
        : this._trans('Saved.');
      return true;
    } catch (reason) {
      this._fail(reason, false);
      return false;
    } finally {
      this._saving = false;
      this._changed.emit();
    }
  }

  /** After a conflict: read the file again, dropping unsaved edits. */
  async reload(): Promise<void> {
    this.discard();
    await this.load();
  }

  private _touchedEntries(): { section: ISectionDef; name: string }[] {
    const out: { section: ISectionDef; name: string }[] = [];
    for (const section of Private.sections) {
      for (const name of this.entries(section)) {
        const p = pointer([...section.path, name]);
        if ([...this._drafts.keys()].some(k => k === p || k.startsWith(p + '/'))) {
          out.push({ section, name });
        }
      }
    }
    return out;
  }

  private _setDraft(path: readonly string[], value: unknown, secret: boolean): void {
    this._drafts.set(pointer(path), { path: [...path], value, secret });
    this._notice = '';
  }

  private _setDocument(doc: IConfigDocument): void {
    this._doc = doc;
    this._status = doc.exists ? 'ready' : 'missing';
    this._error = null;
    this._conflict = false;
    this._serverErrors = [];
    this._changed.emit();
  }

  private _fail(reason: unknown, loading: boolean): void {
    const error =
      reason instanceof ConfigRequestError
        ? reason
        : new ConfigRequestError(0, String((reason as Error)?.message ?? reason));
    this._error = error;
    this._conflict = error.status === 409 && !loading;
    this._serverErrors = error.details.errors ?? [];
    if (loading) {
      this._status = error.status === 422 ? 'invalid' : 'failed';
    }
    this._changed.emit();
  }

  private _doc: IConfigDocument | null = null;
  private _status: ProvidersStatus = 'idle';
  private _error: ConfigRequestError | null = null;
  private _conflict = false;
  private _saving = false;
  private _notice = '';
  private _drafts = new Map<string, IDraft>();
  private _removed = new Set<string>();
  private _added: { section: string; name: string }[] = [];
  private _serverErrors: IConfigProblem[] = [];
  private _changed = new Signal<this, void>(this);
}

namespace Private {
  export const sections = SECTIONS;

  /** [path, leaf] pairs of a nested object. */
  export function flatten(
    obj: Record<string, unknown>,
    prefix: string[] = []
  ): [string[], unknown][] {
    return Object.entries(obj).flatMap(([k, v]) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? flatten(v as Record<string, unknown>, [...prefix, k])
        : [[[...prefix, k], v]]
    ) as [string[], unknown][];
  }
}
