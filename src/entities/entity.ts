// Entity records: identity, validation of inputs and imports, inference from table columns.
// Pure: no DOM.
import type { PartialJSONValue } from '@lumino/coreutils';
import type { Entities, HuntContext } from '../tokens';
import { entityType, IEntityType, isIPv4, isIPv6, Properties } from './types';

export type IEntity = HuntContext.IEntity;

const MAX_PROPERTY_TEXT = 100_000;

function scalarKey(value: PartialJSONValue | undefined): string {
  return value === undefined || value === null
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
}

/** Stable identity: type plus msticpy ID properties, case-folded (Windows names are case-insensitive). */
export function entityId(type: IEntityType, properties: Properties): string {
  const present = type.idProperties.filter(p => scalarKey(properties[p]) !== '');
  const keys = present.length ? present : Object.keys(properties).sort();
  return `${type.name}:${keys.map(k => `${k}=${scalarKey(properties[k])}`).join('|')}`.toLowerCase();
}

/** A short label for lists: the first label property present. */
export function entityLabel(entity: IEntity): string {
  const type = entityType(entity.type);
  for (const p of type?.labelProperties ?? []) {
    const v = entity.properties[p];
    if (v !== undefined && v !== null && v !== '') {
      return scalarKey(v);
    }
  }
  if (entity.type === 'Host' && entity.properties.HostName) {
    return String(entity.properties.HostName);
  }
  return scalarKey(Object.values(entity.properties)[0]);
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}

/** Keep JSON-safe, bounded properties; nested values are kept as JSON. */
function cleanProperties(raw: Record<string, unknown>): Properties {
  const out: Properties = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || key.startsWith('$') || typeof value === 'function') {
      continue;
    }
    const text = JSON.stringify(value);
    if (text !== undefined && text.length <= MAX_PROPERTY_TEXT) {
      out[key] = JSON.parse(text);
    }
  }
  return out;
}

/** Validate one input against its type; the entity or the reason it is refused. */
export function normaliseInput(input: unknown, source: string): IEntity | { error: string } {
  if (!isPlainObject(input) || typeof input.type !== 'string') {
    return { error: 'Not an entity: expected an object with "type" and "properties".' };
  }
  const type = entityType(input.type);
  if (!type) {
    return { error: `Unknown entity type "${input.type.slice(0, 80)}".` };
  }
  if (!isPlainObject(input.properties)) {
    return { error: '"properties" must be an object.' };
  }
  const properties = cleanProperties(input.properties);
  if (!type.idProperties.some(p => scalarKey(properties[p]) !== '')) {
    return { error: `${type.name} needs one of ${type.idProperties.join(', ')}.` };
  }
  const primary = type.fromValue && type.idProperties.length === 1 ? type.idProperties[0] : null;
  if (primary && typeof properties[primary] === 'string') {
    const check = type.fromValue!(properties[primary] as string);
    if ('error' in check) {
      return { error: `${type.name}.${primary}: ${check.error}` };
    }
  }
  // Flags survive an export/import round trip.
  const pinned = input.pinned === true;
  const selected = input.selected === true;
  return { id: entityId(type, properties), type: type.name, properties, pinned, selected, source };
}

/** An input for a value typed into the "Add" form. */
export function inputFromValue(
  typeName: string,
  value: string
): Entities.IInput | { error: string } {
  const type = entityType(typeName);
  const text = value.trim();
  if (!type?.fromValue) {
    return { error: `Entities of type "${typeName}" cannot be added by value.` };
  }
  if (!text) {
    return { error: 'Enter a value.' };
  }
  const parsed = type.fromValue(text);
  return 'error' in parsed ? parsed : { type: type.name, properties: parsed.properties };
}

/** Merge new inputs into a list: equal ids fill in missing properties; the list order is kept. */
export function mergeEntities(
  current: readonly IEntity[],
  inputs: readonly unknown[],
  source: string
): { entities: IEntity[]; result: Entities.IAddResult } {
  const entities = [...current];
  const index = new Map(entities.map((e, i) => [e.id, i]));
  const result: Entities.IAddResult = { added: 0, merged: 0, errors: [] };
  inputs.forEach((input, i) => {
    const entity = normaliseInput(input, source);
    if ('error' in entity) {
      result.errors.push({ index: i, message: entity.error });
      return;
    }
    const at = index.get(entity.id);
    if (at === undefined) {
      index.set(entity.id, entities.length);
      entities.push(entity);
      result.added++;
    } else {
      const old = entities[at];
      entities[at] = { ...old, properties: { ...entity.properties, ...old.properties } };
      result.merged++;
    }
  });
  return { entities, result };
}

// Column-name hints, checked in order (the first match wins). Names are compared without
// separators, lower case: "Src_IP" -> "srcip".
const COLUMN_HINTS: [RegExp, string][] = [
  [
    /(^|src|dst|dest|destination|source|client|remote|local|caller|public|private)ip(address|addr)?s?$|^ipaddr|^ipaddress/,
    'IpAddress'
  ],
  [/url$|uri$|^url|referr?er/, 'Url'],
  [/sha256|sha1|md5|hash/, 'FileHash'],
  [/commandline|cmdline/, 'Process'],
  [/mail$|sender|recipient|mailbox/, 'Mailbox'],
  [/account|user(name|principalname|id)?$|^upn$|^user|subjectuser|targetuser/, 'Account'],
  [/^(computer|hostname|host|devicename|machine|workstation|srchost|dsthost)/, 'Host'],
  [/domain|queryname|^dns|fqdn/, 'Dns'],
  [/registry|regkey|targetobject/, 'RegistryKey'],
  [/resourceid$/, 'AzureResource'],
  [/appdisplayname|^application|^app$/, 'CloudApplication'],
  [/systemalertid|^alertid/, 'Alert'],
  [/processname|^image$|filepath|filename|path$|^file/, 'File']
];

/** Type from a value alone: unambiguous shapes only. */
function typeFromValue(value: string): string | null {
  if (isIPv4(value) || isIPv6(value)) {
    return 'IpAddress';
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return 'Url';
  }
  if (/^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{64}$/i.test(value)) {
    return 'FileHash';
  }
  if (/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(value)) {
    return 'Account';
  }
  return null;
}

function fits(typeName: string, value: string): boolean {
  const parsed = entityType(typeName)?.fromValue?.(value);
  return !!parsed && !('error' in parsed);
}

/**
 * Entity type for a table cell: the column name's hint when the value fits that type, else the
 * shape of the value ("SrcIP" + "10.0.0.1" -> IpAddress; "Notes" + "10.0.0.1" -> IpAddress).
 */
export function inferEntityType(column: string, value: string): string | null {
  const text = value.trim();
  if (!text) {
    return null;
  }
  const name = column.toLowerCase().replace(/[^a-z0-9]/g, '');
  const hint = COLUMN_HINTS.find(([re]) => re.test(name))?.[1];
  if (hint && fits(hint, text)) {
    return hint;
  }
  const shape = typeFromValue(text);
  return shape && fits(shape, text) ? shape : null;
}

/** Input for one table cell, or null when no type fits. */
export function inputFromCell(column: string, value: string): Entities.IInput | null {
  const type = inferEntityType(column, value);
  const input = type ? inputFromValue(type, value) : null;
  return input && !('error' in input) ? input : null;
}

export const EXPORT_FORMAT = 'jupyterlab-hunt.entities/1';

/** JSON text of the entities, readable by `parseImport` and by Python (`json.load`). */
export function exportEntities(entities: readonly IEntity[]): string {
  return JSON.stringify({ format: EXPORT_FORMAT, entities }, null, 2);
}

/**
 * Records from an import file: our export, a bare array of {type, properties}, or
 * Sentinel/msticpy style records ({"Type": "ip", "Address": ...}). Throws on text that is not JSON.
 */
export function parseImport(text: string): unknown[] {
  const data: unknown = JSON.parse(text);
  const list = Array.isArray(data)
    ? data
    : isPlainObject(data) && Array.isArray(data.entities)
      ? data.entities
      : null;
  if (!list) {
    throw new Error('Expected a JSON array of entities or {"entities": [...]}.');
  }
  return list.map(record => {
    if (isPlainObject(record) && typeof record.Type === 'string' && record.type === undefined) {
      const { Type, ...properties } = record;
      return { type: Type, properties };
    }
    return record;
  });
}

/** Entities whose type, label or a property value contains the query (case-insensitive). */
export function filterEntities(entities: readonly IEntity[], query: string): IEntity[] {
  const q = query.trim().toLowerCase();
  if (!q) {
    return [...entities];
  }
  return entities.filter(e =>
    [e.type, entityLabel(e), ...Object.values(e.properties).map(scalarKey)].some(s =>
      s.toLowerCase().includes(q)
    )
  );
}

/** Entities grouped by type, types in name order, entities in list order. */
export function groupByType(entities: readonly IEntity[]): [string, IEntity[]][] {
  const groups = new Map<string, IEntity[]>();
  for (const e of entities) {
    groups.set(e.type, [...(groups.get(e.type) ?? []), e]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}
