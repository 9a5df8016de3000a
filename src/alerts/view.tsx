// Alert picker (msticpy SelectAlert): filter, list, details and entities of one alert.
import * as React from 'react';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Entities } from '../tokens';
import { AlertPickerModel } from './model';
import { alertAsEntity, alertEntities, alertLabel, extendedProperties, IAlert } from './parse';

export interface IAlertPickerOptions {
  model: AlertPickerModel;
  trans: TranslationBundle;
  /** Add entities to the investigation; returns a one-line report. */
  addEntities(inputs: Entities.IInput[], source: string): string;
}

export class AlertPickerWidget extends ReactWidget {
  constructor(private _options: IAlertPickerOptions) {
    super();
    this.addClass('jp-hunt-AlertPicker');
  }

  render(): JSX.Element {
    return (
      <UseSignal signal={this._options.model.changed}>
        {() => <AlertPicker {...this._options} />}
      </UseSignal>
    );
  }
}

function AlertList({ model, trans }: IAlertPickerOptions) {
  const onKey = (e: React.KeyboardEvent) => {
    const delta = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: 10,
      PageUp: -10,
      Home: -Infinity,
      End: Infinity
    }[e.key];
    if (delta !== undefined) {
      e.preventDefault();
      model.move(
        Number.isFinite(delta) ? delta : delta > 0 ? model.filtered.length : -model.filtered.length
      );
    }
  };
  const selectedId = model.selected ? `jp-hunt-alert-${model.selected.row}` : undefined;
  React.useEffect(() => {
    if (selectedId) {
      document.getElementById(selectedId)?.scrollIntoView?.({ block: 'nearest' });
    }
  }, [selectedId]);
  return (
    <ul
      className="jp-hunt-AlertPicker-list"
      role="listbox"
      tabIndex={0}
      aria-label={trans.__('Alerts')}
      aria-activedescendant={selectedId}
      onKeyDown={onKey}
    >
      {model.filtered.map(a => (
        <li
          key={a.row}
          id={`jp-hunt-alert-${a.row}`}
          role="option"
          aria-selected={a === model.selected}
          className="jp-hunt-AlertPicker-item"
          data-severity={a.severity.toLowerCase()}
          onClick={() => model.select(a)}
        >
          {alertLabel(a)}
        </li>
      ))}
    </ul>
  );
}

function Pairs({ pairs }: { pairs: [string, string][] }) {
  return (
    <dl className="jp-hunt-AlertPicker-pairs">
      {pairs.map(([k, v], i) => (
        <React.Fragment key={`${k}-${i}`}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </React.Fragment>
      ))}
    </dl>
  );
}

function AlertDetails({ alert, ...props }: IAlertPickerOptions & { alert: IAlert }) {
  const { trans, model } = props;
  const { inputs, error } = alertEntities(alert);
  const [withAlert, setWithAlert] = React.useState(true);
  const all = withAlert && alert.systemAlertId ? [alertAsEntity(alert), ...inputs] : inputs;
  const add = () =>
    (model.message = props.addEntities(all, `alert:${alert.systemAlertId || alert.row}`));
  const main: [string, string][] = (
    [
      [trans.__('Alert'), alert.name],
      [trans.__('Severity'), alert.severity],
      [trans.__('Time (UTC)'), alert.time === null ? '' : new Date(alert.time).toISOString()],
      [trans.__('Provider'), alert.provider],
      [trans.__('Product'), alert.product],
      [trans.__('Compromised entity'), alert.compromisedEntity],
      [trans.__('System alert id'), alert.systemAlertId]
    ] as [string, string][]
  ).filter(([, v]) => v);
  return (
    <div className="jp-hunt-AlertPicker-details">
      <Pairs pairs={main} />
      {alert.description && <p className="jp-hunt-AlertPicker-description">{alert.description}</p>}
      <details>
        <summary>{trans.__('Extended properties')}</summary>
        <Pairs pairs={extendedProperties(alert)} />
      </details>
      <h3>{trans.__('Entities (%1)', inputs.length)}</h3>
      {error && <div className="jp-hunt-Field-error">{error}</div>}
      <ul className="jp-hunt-AlertPicker-entities">
        {inputs.map((e, i) => (
          <li key={i}>
            <span className="jp-hunt-Entity-type">{e.type}</span>{' '}
            <span className="jp-hunt-Entity-label">
              {Object.entries(e.properties)
                .filter(([, v]) => typeof v !== 'object')
                .slice(0, 3)
                .map(([k, v]) => `${k}=${v}`)
                .join(', ')}
            </span>
          </li>
        ))}
      </ul>
      <div className="jp-hunt-Actions">
        <label>
          <input
            type="checkbox"
            checked={withAlert}
            onChange={e => setWithAlert(e.target.checked)}
          />
          {trans.__('Include the alert itself')}
        </label>
        <button
          type="button"
          className="jp-hunt-Button jp-mod-accept"
          disabled={!all.length}
          onClick={add}
        >
          {trans.__('Add %1 entities', all.length)}
        </button>
      </div>
      {model.message && (
        <div className="jp-hunt-Message" role="status">
          {model.message}
        </div>
      )}
    </div>
  );
}

function AlertPicker(props: IAlertPickerOptions): JSX.Element {
  const { model, trans } = props;
  return (
    <div className="jp-hunt-AlertPicker-body">
      <div className="jp-hunt-AlertPicker-side">
        <input
          type="search"
          className="jp-mod-styled"
          aria-label={trans.__('Filter alerts by title')}
          placeholder={trans.__('Filter alerts by title')}
          value={model.filter}
          onChange={e => model.setFilter(e.target.value)}
        />
        <div className="jp-hunt-Hint">
          {trans.__('%1 of %2 alerts', model.filtered.length, model.alerts.length)}
          {model.truncated && ` ${trans.__('(only the first were read)')}`}
        </div>
        <AlertList {...props} />
      </div>
      {model.selected ? (
        <AlertDetails key={model.selected.row} {...props} alert={model.selected} />
      ) : (
        <div className="jp-hunt-Hint">{trans.__('No alert selected.')}</div>
      )}
    </div>
  );
}
