// Tables held by the worker, by id, so a table crosses the thread boundary once and every
// later job (profile, sort, extraction, ...) refers to it by id.
import { Table } from 'apache-arrow';
import { typeLabel } from '../analytics/arrow';
import type { ITableInfo } from '../protocol';

export class TableStore {
  private _next = 1;
  private readonly _tables = new Map<number, Table>();

  add(table: Table): ITableInfo {
    const id = this._next++;
    this._tables.set(id, table);
    return describeTable(id, table);
  }

  get(id: number): Table {
    const table = this._tables.get(id);
    if (!table) {
      throw new Error(
        `Table ${id} is not loaded in the worker (it was dropped or the worker restarted)`
      );
    }
    return table;
  }

  drop(id: number): void {
    this._tables.delete(id);
  }

  get size(): number {
    return this._tables.size;
  }
}

export function describeTable(id: number, table: Table): ITableInfo {
  return {
    id,
    numRows: table.numRows,
    columns: table.schema.fields.map(f => ({ name: f.name, type: typeLabel(f.type) }))
  };
}
