// Notebook metadata "hunt": {query_time, entities}. Pure: works on any object with
// getMetadata/setMetadata (the notebook model, or a fake in tests).
import { JSONExt, PartialJSONValue, ReadonlyPartialJSONObject } from '@lumino/coreutils';
import type { HuntContext } from '../tokens';
import { asQueryTimeSpec } from '../common/querytime';

export const METADATA_KEY = 'hunt';

/** The part of INotebookModel this module needs. */
export interface IMetadataHost {
  getMetadata(key: string): any;
  setMetadata(key: string, value: any): void;
}

export interface IHuntMetadata {
  query_time: HuntContext.IQueryTimeSpec | null;
  entities: HuntContext.IEntity[];
}

function isObject(x: unknown): x is Record<string, unknown> {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}

/** An entity record read back from metadata; null when it is not one (hand-edited, foreign). */
export function asEntity(value: unknown): HuntContext.IEntity | null {
  if (!isObject(value) || typeof value.type !== 'string' || !isObject(value.properties)) {
    return null;
  }
  if (typeof value.id !== 'string' || !value.id) {
    return null;
  }
  return {
    id: value.id,
    type: value.type,
    properties: value.properties as { [key: string]: PartialJSONValue },
    pinned: value.pinned === true,
    selected: value.selected === true,
    source: typeof value.source === 'string' ? value.source : ''
  };
}

/** Read the investigation from notebook metadata; malformed parts are dropped, never thrown. */
export function readHunt(host: IMetadataHost): IHuntMetadata {
  const raw = host.getMetadata(METADATA_KEY);
  if (!isObject(raw)) {
    return { query_time: null, entities: [] };
  }
  const entities = Array.isArray(raw.entities) ? raw.entities.map(asEntity) : [];
  return {
    query_time: asQueryTimeSpec(raw.query_time),
    entities: entities.filter((e): e is HuntContext.IEntity => e !== null)
  };
}

/**
 * Write one part, keeping the other (and any keys other tools added) as they are. Nothing is
 * written when the result equals what is there: a write marks the notebook modified.
 */
export function writeHunt(host: IMetadataHost, part: Partial<IHuntMetadata>): void {
  const raw = host.getMetadata(METADATA_KEY);
  const current: Record<string, unknown> = isObject(raw) ? { ...raw } : {};
  if (part.query_time !== undefined) {
    current.query_time = part.query_time;
  }
  if (part.entities !== undefined) {
    current.entities = part.entities.map(e => ({ ...e }));
  }
  if (!isObject(raw) || !JSONExt.deepEqual(raw as PartialJSONValue, current as PartialJSONValue)) {
    host.setMetadata(METADATA_KEY, current as ReadonlyPartialJSONObject);
  }
}
