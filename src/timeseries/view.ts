// STL anomalies of a series: a summary line, the chart (observed values, baseline band,
// spikes and dips, score strip to zoom), the anomaly periods with their KQL filter, and the
// result table. Everything from the data is set as text.
import { Clipboard } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { BoxPanel, Widget } from '@lumino/widgets';
import { DataType, Table, Vector } from 'apache-arrow';
import { formatTimestamp, requireColumn, toMillis } from '../analytics/arrow';
import { TableViewer } from '../tokens';
import { ITimeSeriesData, TimeSeriesChart } from '../viz/timeseries';

/** Columns every STL result has after its time and value columns (stlAnomaliesTable). */
const RESULT_COLUMNS = ['residual', 'baseline', 'score', 'anomalies'];

export interface IStlResultColumns {
  time: string;
  value: string;
}

/** The time and value columns of an STL result: its first two columns. */
export function stlResultColumns(table: Table): IStlResultColumns {
  const fields = table.schema.fields;
  const missing = RESULT_COLUMNS.filter(name => !fields.some(f => f.name === name));
  if (fields.length < 2 || missing.length) {
    throw new Error(`Not an STL result table: no column ${missing.join(', ') || 'of values'}`);
  }
  const [time, value] = fields;
  if (!DataType.isTimestamp(time.type) && !DataType.isDate(time.type)) {
    throw new Error(`Not an STL result table: its first column "${time.name}" is not a time`);
  }
  return { time: time.name, value: value.name };
}

function numbers(col: Vector): Float64Array {
  const out = new Float64Array(col.length);
  let i = 0;
  for (const v of col) {
    out[i++] = v === null || v === undefined ? NaN : Number(v);
  }
  return out;
}

function times(col: Vector): Float64Array {
  const out = new Float64Array(col.length);
  let i = 0;
  for (const v of col) {
    out[i++] = toMillis(v) ?? NaN;
  }
  return out;
}

/** Spacing of the series in ms (its first step; the series is regular), 0 below 2 points. */
export function seriesStepMs(table: Table, timeColumn: string): number {
  const t = requireColumn(table, timeColumn);
  if (t.length < 2) {
    return 0;
  }
  const step = (toMillis(t.get(1)) ?? NaN) - (toMillis(t.get(0)) ?? NaN);
  return Number.isFinite(step) && step > 0 ? step : 0;
}

/**
 * The scale the scores were computed with: score = (residual - centre) / scale for every
 * scoring method (z-score, robust, msticpy), so scale = sqrt(var(residual) / var(score)).
 * 0 when the scores do not vary (a constant series scores NaN).
 */
export function residualScale(residual: ArrayLike<number>, score: ArrayLike<number>): number {
  let n = 0;
  let mr = 0;
  let ms = 0;
  for (let i = 0; i < residual.length; i++) {
    if (Number.isFinite(residual[i]) && Number.isFinite(score[i])) {
      n++;
      mr += residual[i];
      ms += score[i];
    }
  }
  if (n < 2) {
    return 0;
  }
  mr /= n;
  ms /= n;
  let vr = 0;
  let vs = 0;
  for (let i = 0; i < residual.length; i++) {
    if (Number.isFinite(residual[i]) && Number.isFinite(score[i])) {
      vr += (residual[i] - mr) ** 2;
      vs += (score[i] - ms) ** 2;
    }
  }
  return vs > 0 ? Math.sqrt(vr / vs) : 0;
}

/**
 * Chart data from an STL result: observed = the value column, the analytics' baseline and
 * score, anomalies as spikes (+1) or dips (-1) by the sign of their score (msticpy's own
 * sign follows the seasonal component), and a band of threshold × the residual scale.
 */
export function stlChartData(table: Table, threshold: number): ITimeSeriesData {
  const cols = stlResultColumns(table);
  const score = numbers(requireColumn(table, 'score'));
  const flags = numbers(requireColumn(table, 'anomalies'));
  const anomaly = new Int8Array(table.numRows);
  for (let i = 0; i < anomaly.length; i++) {
    if (flags[i]) {
      anomaly[i] = score[i] > 0 ? 1 : score[i] < 0 ? -1 : Math.sign(flags[i]);
    }
  }
  const scale = residualScale(numbers(requireColumn(table, 'residual')), score);
  return {
    time: times(requireColumn(table, cols.time)),
    observed: numbers(requireColumn(table, cols.value)),
    baseline: numbers(requireColumn(table, 'baseline')),
    score,
    anomaly,
    band: threshold * scale,
    valueLabel: cols.value
  };
}

/** What the analytics did to the input (schema metadata 'stl.notes', a JSON list). */
export function stlNotes(table: Table): string[] {
  const raw = table.schema.metadata.get('stl.notes');
  if (!raw) {
    return [];
  }
  try {
    const notes: unknown = JSON.parse(raw);
    return Array.isArray(notes) ? notes.map(n => String(n)) : [String(notes)];
  } catch {
    return [raw];
  }
}

export interface IPeriodRow {
  /** ms since the epoch (UTC) */
  start: number;
  end: number;
  /** This period's KQL clause. */
  filter: string;
}

/** Rows of an anomaly-periods table (start, end, filter) and its whole KQL filter ('kql'). */
export function periodRows(table: Table): { periods: IPeriodRow[]; kql: string } {
  const start = requireColumn(table, 'start');
  const end = requireColumn(table, 'end');
  const filter = requireColumn(table, 'filter');
  const periods: IPeriodRow[] = [];
  for (let i = 0; i < table.numRows; i++) {
    periods.push({
      start: toMillis(start.get(i)) ?? NaN,
      end: toMillis(end.get(i)) ?? NaN,
      filter: String(filter.get(i) ?? '')
    });
  }
  return { periods, kql: table.schema.metadata.get('kql') ?? '' };
}

export function countAnomalies(data: ITimeSeriesData): { spikes: number; dips: number } {
  let spikes = 0;
  let dips = 0;
  for (const a of data.anomaly) {
    spikes += a > 0 ? 1 : 0;
    dips += a < 0 ? 1 : 0;
  }
  return { spikes, dips };
}

function button(label: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'jp-hunt-TableButton';
  b.textContent = label;
  b.title = title;
  b.addEventListener('click', onClick);
  return b;
}

/** The anomaly periods: one button each (zooms the chart), the KQL filter and "Copy KQL". */
export class StlPeriodsPanel extends Widget {
  constructor(
    readonly periods: IPeriodRow[],
    readonly kql: string,
    onSelect: (period: IPeriodRow | null) => void,
    trans: TranslationBundle
  ) {
    super();
    this.addClass('jp-hunt-StlPeriods');
    const header = document.createElement('div');
    header.className = 'jp-hunt-StlPeriodsHeader';
    const title = document.createElement('span');
    title.className = 'jp-hunt-StlPeriodsTitle';
    title.textContent = periods.length
      ? trans._n('%1 anomaly period', '%1 anomaly periods', periods.length)
      : trans.__('No anomaly periods');
    const copy = button(trans.__('Copy KQL'), trans.__('Copy the KQL time filter'), () => {
      Clipboard.copyToSystem(this.kql);
    });
    copy.classList.add('jp-hunt-StlCopyKql');
    copy.disabled = periods.length === 0;
    const all = button(trans.__('Show all'), trans.__('Show the whole series'), () =>
      onSelect(null)
    );
    header.append(title, copy, all);
    const list = document.createElement('ol');
    list.className = 'jp-hunt-StlPeriodList';
    for (const period of periods) {
      const item = document.createElement('li');
      const zoom = button(
        `${formatTimestamp(period.start)} – ${formatTimestamp(period.end)}`,
        trans.__('Zoom the chart to this period'),
        () => onSelect(period)
      );
      const filter = document.createElement('code');
      filter.textContent = period.filter;
      item.append(zoom, filter);
      list.appendChild(item);
    }
    const query = document.createElement('pre');
    query.className = 'jp-hunt-StlKql';
    query.textContent = this.kql;
    this.node.append(header, list, query);
  }
}

export interface IStlViewOptions {
  /** The score threshold the anomalies were flagged with (the band is this × the scale). */
  threshold: number;
}

export class StlView extends BoxPanel {
  readonly chart = new TimeSeriesChart();
  readonly data: ITimeSeriesData;
  readonly periods: StlPeriodsPanel;
  readonly intro = new Widget();

  constructor(
    result: Table,
    periods: Table,
    tableView: TableViewer.IView,
    options: IStlViewOptions,
    trans: TranslationBundle
  ) {
    super({ direction: 'top-to-bottom', spacing: 4 });
    this.addClass('jp-hunt-StlView');
    this.data = stlChartData(result, options.threshold);
    const { spikes, dips } = countAnomalies(this.data);
    const notes = stlNotes(result);
    this.intro.addClass('jp-hunt-ViewIntro');
    const lines = [
      trans.__(
        '%1 points of %2: %3 anomalies (%4 spikes, %5 dips) at score threshold %6. The band is the baseline ± %6 × the residual scale; brush the score strip to zoom, double-click it to reset.',
        this.data.time.length,
        this.data.valueLabel,
        spikes + dips,
        spikes,
        dips,
        options.threshold
      )
    ];
    if (notes.length) {
      lines.push(trans.__('Notes: %1', notes.join('; ')));
    }
    this.intro.node.textContent = lines.join('\n');
    const { periods: rows, kql } = periodRows(periods);
    this.periods = new StlPeriodsPanel(rows, kql, p => this.zoomTo(p), trans);
    BoxPanel.setSizeBasis(this.intro, 56);
    BoxPanel.setStretch(this.intro, 0);
    // Chart and table share what the panel has; the chart fits the plot to its height.
    BoxPanel.setSizeBasis(this.chart, 400);
    BoxPanel.setStretch(this.chart, 1);
    BoxPanel.setSizeBasis(this.periods, Math.min(200, 72 + 26 * rows.length));
    BoxPanel.setStretch(this.periods, 0);
    BoxPanel.setSizeBasis(tableView.widget, 240);
    BoxPanel.setStretch(tableView.widget, 1);
    this.addWidget(this.intro);
    this.addWidget(this.chart);
    this.addWidget(this.periods);
    this.addWidget(tableView.widget);
    this.chart.setData(this.data);
  }

  /** Zoom the chart to a period with some context either side (null shows everything). */
  zoomTo(period: IPeriodRow | null): void {
    if (!period || !Number.isFinite(period.start) || !Number.isFinite(period.end)) {
      this.chart.setDomain(null);
      return;
    }
    const pad = 4 * Math.max(period.end - period.start, 1);
    this.chart.setDomain([period.start - pad, period.end + pad]);
  }
}
