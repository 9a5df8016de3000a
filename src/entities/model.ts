// The entities of the active investigation (IEntities), stored through the investigation context.
import { ISignal, Signal } from '@lumino/signaling';
import type { Entities, IEntities, IInvestigationContext } from '../tokens';
import { IEntity, inferEntityType, inputFromCell, mergeEntities } from './entity';

export class EntitiesModel implements IEntities {
  constructor(private _context: IInvestigationContext) {
    _context.changed.connect((_, change) => change !== 'query_time' && this._changed.emit());
  }

  get changed(): ISignal<IEntities, void> {
    return this._changed;
  }

  get entities(): readonly IEntity[] {
    return this._context.entities;
  }

  /** False without an active notebook: entities belong to a notebook's investigation. */
  get canEdit(): boolean {
    return this._context.notebook !== null;
  }

  /** New entities start selected (setting `selectNew`). */
  selectNew = false;

  add(inputs: readonly Entities.IInput[], source: string): Entities.IAddResult {
    if (!this.canEdit) {
      return {
        added: 0,
        merged: 0,
        errors: inputs.map((_, index) => ({ index, message: 'No active notebook.' }))
      };
    }
    const marked = this.selectNew ? inputs.map(input => ({ selected: true, ...input })) : inputs;
    const { entities, result } = mergeEntities(this.entities, marked, source);
    if (result.added || result.merged) {
      this._context.setEntities(entities);
    }
    return result;
  }

  inferType(column: string, value: string): string | null {
    return inferEntityType(column, value);
  }

  fromValue(column: string, value: string): Entities.IInput | null {
    return inputFromCell(column, value);
  }

  remove(ids: readonly string[]): void {
    this._context.setEntities(this.entities.filter(e => !ids.includes(e.id)));
  }

  /** Remove everything not pinned. */
  clearUnpinned(): void {
    this._context.setEntities(this.entities.filter(e => e.pinned));
  }

  toggle(id: string, flag: 'pinned' | 'selected'): void {
    this._context.setEntities(
      this.entities.map(e => (e.id === id ? { ...e, [flag]: !e[flag] } : e))
    );
  }

  /** Select exactly the given entities. */
  select(ids: readonly string[]): void {
    this._context.setEntities(this.entities.map(e => ({ ...e, selected: ids.includes(e.id) })));
  }

  private _changed = new Signal<IEntities, void>(this);
}
