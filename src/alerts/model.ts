// State of one alert picker: the alerts, the filter and the chosen alert. No DOM.
import { ISignal, Signal } from '@lumino/signaling';
import type { Table } from 'apache-arrow';
import { alertsFromTable, filterAlerts, IAlert } from './parse';

export class AlertPickerModel {
  constructor(table: Table) {
    const { alerts, truncated } = alertsFromTable(table);
    this.alerts = alerts;
    this.truncated = truncated;
    this._filtered = alerts;
    this._selected = alerts[0] ?? null;
  }

  readonly alerts: readonly IAlert[];
  /** More rows than MAX_ALERTS: only the first were read. */
  readonly truncated: boolean;

  get changed(): ISignal<this, void> {
    return this._changed;
  }
  get filter(): string {
    return this._filter;
  }
  get filtered(): readonly IAlert[] {
    return this._filtered;
  }
  get selected(): IAlert | null {
    return this._selected;
  }
  get message(): string {
    return this._message;
  }
  set message(text: string) {
    this._message = text;
    this._changed.emit();
  }

  setFilter(text: string): void {
    this._filter = text;
    this._filtered = filterAlerts(this.alerts, text);
    if (this._selected && !this._filtered.includes(this._selected)) {
      this._selected = this._filtered[0] ?? null;
    }
    this._changed.emit();
  }

  select(alert: IAlert | null): void {
    this._selected = alert;
    this._message = '';
    this._changed.emit();
  }

  /** Move the selection within the filtered list (keyboard). */
  move(delta: number): void {
    const list = this._filtered;
    if (!list.length) {
      return;
    }
    const at = this._selected ? list.indexOf(this._selected) : -1;
    const next = Math.max(0, Math.min(list.length - 1, at + delta));
    this.select(list[next]);
  }

  private _filter = '';
  private _filtered: readonly IAlert[];
  private _selected: IAlert | null;
  private _message = '';
  private _changed = new Signal<this, void>(this);
}
