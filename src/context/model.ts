// The investigation of the active notebook: state read from and written to notebook metadata.
// No DOM and no JupyterLab widgets: the plugin adapts NotebookPanel to IInvestigationDoc.
import { JSONExt, PartialJSONValue } from '@lumino/coreutils';
import { ISignal, Signal } from '@lumino/signaling';
import type { HuntContext, IInvestigationContext } from '../tokens';
import { IHuntMetadata, IMetadataHost, readHunt, writeHunt } from './metadata';
import { presetSpec, PRESETS, specForMetadata } from '../common/querytime';

/** A notebook as the context sees it. */
export interface IInvestigationDoc {
  readonly path: string;
  readonly metadata: IMetadataHost;
}

/** Built-in default before the settings are loaded: last 24 hours. */
export const FALLBACK_QUERY_TIME = presetSpec(PRESETS.find(p => p.id === 'last-24h')!);

export class InvestigationContextModel implements IInvestigationContext {
  constructor(options: { now?: () => Date } = {}) {
    this._now = options.now ?? (() => new Date());
  }

  get changed(): ISignal<IInvestigationContext, HuntContext.Change> {
    return this._changed;
  }

  get notebook(): string | null {
    return this._doc?.path ?? null;
  }

  get doc(): IInvestigationDoc | null {
    return this._doc;
  }

  get queryTime(): HuntContext.IQueryTimeSpec {
    return this._state.query_time ?? this._default;
  }

  get entities(): readonly HuntContext.IEntity[] {
    return this._state.entities;
  }

  /** True when the active notebook has its own range (not the user's default). */
  get hasOwnQueryTime(): boolean {
    return this._state.query_time !== null;
  }

  get defaultQueryTime(): HuntContext.IQueryTimeSpec {
    return this._default;
  }
  set defaultQueryTime(spec: HuntContext.IQueryTimeSpec) {
    if (JSONExt.deepEqual(spec as any, this._default as any)) {
      return;
    }
    this._default = spec;
    if (!this._state.query_time) {
      this._changed.emit('query_time');
    }
  }

  /** Follow another notebook (or none). */
  setCurrent(doc: IInvestigationDoc | null): void {
    if (doc === this._doc) {
      return;
    }
    this._doc = doc;
    this._state = doc ? readHunt(doc.metadata) : { query_time: null, entities: [] };
    this._changed.emit('notebook');
  }

  /** Re-read the metadata after a change made elsewhere (undo, collaborator, hand edit). */
  reload(): void {
    if (!this._doc) {
      return;
    }
    const next = readHunt(this._doc.metadata);
    const before = this._state;
    this._state = next;
    if (!Private.same(before.query_time, next.query_time)) {
      this._changed.emit('query_time');
    }
    if (!Private.same(before.entities, next.entities)) {
      this._changed.emit('entities');
    }
  }

  /** Store a range; nothing is written (the notebook stays unmodified) when it is the same. */
  setQueryTime(spec: HuntContext.IQueryTimeSpec): void {
    if (!this._doc || Private.sameRange(this._state.query_time, spec)) {
      return;
    }
    const stored = specForMetadata(spec, this._now());
    this._write({ query_time: stored });
    this._changed.emit('query_time');
  }

  setEntities(entities: readonly HuntContext.IEntity[]): void {
    if (!this._doc || Private.same(this._state.entities, entities)) {
      return;
    }
    this._write({ entities: [...entities] });
    this._changed.emit('entities');
  }

  private _write(part: Partial<IHuntMetadata>): void {
    this._state = { ...this._state, ...part };
    // The metadataChanged echo of this write finds nothing new in reload().
    writeHunt(this._doc!.metadata, part);
  }

  private _now: () => Date;
  private _doc: IInvestigationDoc | null = null;
  private _state: IHuntMetadata = { query_time: null, entities: [] };
  private _default: HuntContext.IQueryTimeSpec = FALLBACK_QUERY_TIME;
  private _changed = new Signal<IInvestigationContext, HuntContext.Change>(this);
}

namespace Private {
  export function same(a: unknown, b: unknown): boolean {
    return JSONExt.deepEqual(a as PartialJSONValue, b as PartialJSONValue);
  }

  /**
   * The same range as the one stored: equal fields, except that the start/end snapshot of a
   * range relative to "now" does not count (it is refreshed only when the range changes).
   */
  export function sameRange(
    stored: HuntContext.IQueryTimeSpec | null,
    spec: HuntContext.IQueryTimeSpec
  ): boolean {
    if (!stored) {
      return false;
    }
    const key = (s: HuntContext.IQueryTimeSpec) =>
      s.origin === 'now' ? { ...s, start: null, end: null } : s;
    return same(key(stored), key(spec));
  }
}
