// Alerts from an Arrow table (Sentinel SecurityAlert schema) and their entities, as msticpy's
// SelectAlert / SecurityAlert read them. Pure: no DOM. Every value is untrusted.
import type { Table } from 'apache-arrow';
import type { PartialJSONValue } from '@lumino/coreutils';
import { cellText, isTemporal, toMillis } from '../analytics/arrow';
import type { Entities } from '../tokens';

/** Most alerts the picker lists; beyond that the query should be narrowed. */
export const MAX_ALERTS = 20000;
/** Longest Entities / ExtendedProperties text parsed (a hostile cell must not hang the page). */
export const MAX_JSON_TEXT = 1_000_000;

export interface IAlert {
  /** Row in the source table. */
  row: number;
  time: number | null;
  name: string;
  severity: string;
  provider: string;
  product: string;
  description: string;
  compromisedEntity: string;
  systemAlertId: string;
  /** The Entities column's text (JSON), parsed on demand. */
  entitiesText: string;
  extendedText: string;
  /** Every column as text, for the details view and the filter. */
  fields: [string, string][];
}

function column(table: Table, names: string[]) {
  for (const name of names) {
    const col = table.getChild(name);
    if (col) {
      return col;
    }
  }
  return null;
}

/** Alerts of a table, sorted by time (as SelectAlert). Throws when the table has no alert columns. */
export function alertsFromTable(table: Table): { alerts: IAlert[]; truncated: boolean } {
  const get = (names: string[]) => column(table, names);
  const cols = {
    time: get(['TimeGenerated', 'StartTimeUtc', 'StartTime']),
    name: get(['AlertName', 'DisplayName', 'AlertDisplayName', 'Title']),
    severity: get(['Severity', 'AlertSeverity']),
    provider: get(['ProviderName', 'VendorName']),
    product: get(['ProductName']),
    description: get(['Description']),
    compromised: get(['CompromisedEntity']),
    id: get(['SystemAlertId', 'AlertId', 'Id']),
    entities: get(['Entities']),
    extended: get(['ExtendedProperties'])
  };
  if (!cols.name && !cols.id) {
    const names = table.schema.fields.map(f => f.name).join(', ');
    throw new Error(
      `Not an alerts table: no AlertName or SystemAlertId column (columns: ${names}).`
    );
  }
  const fields = table.schema.fields;
  const n = Math.min(table.numRows, MAX_ALERTS);
  const text = (col: ReturnType<typeof get>, i: number) =>
    col ? cellText(col.get(i), col.type) : '';
  const alerts: IAlert[] = [];
  for (let i = 0; i < n; i++) {
    const t =
      cols.time && isTemporal(cols.time.type)
        ? toMillis(cols.time.get(i))
        : cols.time
          ? Date.parse(text(cols.time, i))
          : NaN;
    alerts.push({
      row: i,
      time: t !== null && Number.isFinite(t) ? t : null,
      name: text(cols.name, i),
      severity: text(cols.severity, i),
      provider: text(cols.provider, i),
      product: text(cols.product, i),
      description: text(cols.description, i),
      compromisedEntity: text(cols.compromised, i),
      systemAlertId: text(cols.id, i),
      entitiesText: text(cols.entities, i),
      extendedText: text(cols.extended, i),
      fields: fields.map(f => [f.name, text(table.getChild(f.name), i)])
    });
  }
  alerts.sort((a, b) => (a.time ?? Infinity) - (b.time ?? Infinity));
  return { alerts, truncated: table.numRows > n };
}

/** The option label: time and display columns joined with " - " (SelectAlert). */
export function alertLabel(alert: IAlert): string {
  const time =
    alert.time === null
      ? ''
      : new Date(alert.time)
          .toISOString()
          .replace('T', ' ')
          .replace(/\.000Z$|Z$/, '');
  return [time, alert.name, alert.product || alert.provider].filter(Boolean).join(' - ');
}

/** Alerts whose label, severity or compromised entity contains the text (case-insensitive). */
export function filterAlerts(alerts: readonly IAlert[], text: string): IAlert[] {
  const q = text.trim().toLowerCase();
  if (!q) {
    return [...alerts];
  }
  return alerts.filter(a =>
    [alertLabel(a), a.severity, a.compromisedEntity, a.systemAlertId].some(s =>
      s.toLowerCase().includes(q)
    )
  );
}

function parseJson(text: string): unknown {
  if (!text || text.length > MAX_JSON_TEXT) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** ExtendedProperties as key/value text pairs (a JSON object in Sentinel). */
export function extendedProperties(alert: IAlert): [string, string][] {
  const data = parseJson(alert.extendedText);
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return alert.extendedText ? [['ExtendedProperties', alert.extendedText]] : [];
  }
  return Object.entries(data).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
}

type JsonObject = { [key: string]: unknown };
const isObject = (x: unknown): x is JsonObject => !!x && typeof x === 'object' && !Array.isArray(x);
const MAX_DEPTH = 8;

/**
 * Entities of an alert from its Entities JSON: a list of objects with "Type", "$id" and
 * properties, where a nested object is either an entity (has "Type") or a {"$ref": id} to one
 * (msticpy SecurityAlert). Every entity, nested ones included, becomes an input; a property
 * that refers to another entity keeps that entity's own scalar properties (no further nesting,
 * so reference cycles end).
 */
export function alertEntities(alert: IAlert): { inputs: Entities.IInput[]; error: string | null } {
  if (!alert.entitiesText.trim()) {
    return { inputs: [], error: null };
  }
  const data = parseJson(alert.entitiesText);
  if (!Array.isArray(data)) {
    return { inputs: [], error: 'The Entities column is not a JSON list.' };
  }
  const byId = new Map<string, JsonObject>();
  const found: JsonObject[] = [];
  const collect = (node: unknown, depth: number) => {
    if (depth > MAX_DEPTH) {
      return;
    }
    if (Array.isArray(node)) {
      node.forEach(n => collect(n, depth + 1));
    } else if (isObject(node)) {
      if (typeof node.Type === 'string') {
        found.push(node);
        if (typeof node.$id === 'string' || typeof node.$id === 'number') {
          byId.set(String(node.$id), node);
        }
      }
      Object.values(node).forEach(v => collect(v, depth + 1));
    }
  };
  collect(data, 0);
  const scalars = (node: JsonObject): { [key: string]: PartialJSONValue } => {
    const out: { [key: string]: PartialJSONValue } = {};
    for (const [k, v] of Object.entries(node)) {
      if (
        !k.startsWith('$') &&
        (v === null || ['string', 'number', 'boolean'].includes(typeof v))
      ) {
        out[k] = v as PartialJSONValue;
      }
    }
    return out;
  };
  const resolve = (v: unknown): PartialJSONValue | undefined => {
    const target =
      isObject(v) && v.$ref !== undefined
        ? byId.get(String(v.$ref))
        : isObject(v) && typeof v.Type === 'string'
          ? v
          : null;
    if (target) {
      return scalars(target);
    }
    if (Array.isArray(v)) {
      return v.map(resolve).filter((x): x is PartialJSONValue => x !== undefined);
    }
    return undefined;
  };
  const inputs = found.map(node => {
    const properties = scalars(node);
    delete properties.Type;
    for (const [k, v] of Object.entries(node)) {
      const ref = typeof v === 'object' && v !== null ? resolve(v) : undefined;
      if (ref !== undefined && !k.startsWith('$')) {
        properties[k] = ref;
      }
    }
    return { type: node.Type as string, properties };
  });
  return { inputs, error: null };
}

/** The alert itself as an msticpy Alert entity. */
export function alertAsEntity(alert: IAlert): Entities.IInput {
  const properties: { [key: string]: PartialJSONValue } = {
    SystemAlertId: alert.systemAlertId,
    AlertDisplayName: alert.name,
    Severity: alert.severity,
    ProviderName: alert.provider,
    ProductName: alert.product,
    CompromisedEntity: alert.compromisedEntity
  };
  if (alert.time !== null) {
    properties.TimeGenerated = new Date(alert.time).toISOString();
  }
  return { type: 'Alert', properties };
}
