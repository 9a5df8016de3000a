// Scored sessions: likelihood over time (click a dot or use the arrow keys to select a
// session), the selected session's rarest window and explanation in a panel of its own, and
// the result table sorted by rarity. Session content is rendered as text.
import { BoxPanel, Widget } from '@lumino/widgets';
import { Table } from 'apache-arrow';
import { TranslationBundle } from '@jupyterlab/translation';
import { cellText, formatTimestamp, toMillis } from '../analytics/arrow';
import { TableViewer } from '../tokens';
import { ScatterChart, IScatterData } from '../viz/scatter';

export interface ISessionColumns {
  likelihood: string;
  logLikelihood: string;
  window: string;
  explanation: string | null;
  percentile: string | null;
  time: string | null;
  session: string | null;
}

/** Names of the score columns for a window length, as the sessions job writes them. */
export function sessionColumns(table: Table, windowLength: number): ISessionColumns {
  const has = (name: string) => table.schema.fields.some(f => f.name === name);
  const w = `rarest_window${windowLength}`;
  const time =
    table.schema.fields.find(f => /_min$/.test(f.name) && String(f.type).startsWith('Timestamp'))
      ?.name ?? null;
  const session = table.schema.fields.find(f => /_list$/.test(f.name))?.name ?? null;
  return {
    likelihood: `${w}_likelihood`,
    logLikelihood: has(`${w}_log_likelihood`) ? `${w}_log_likelihood` : `${w}_likelihood`,
    window: w,
    explanation: has(`${w}_explanation`) ? `${w}_explanation` : null,
    percentile: has(`${w}_percentile`) ? `${w}_percentile` : null,
    time,
    session
  };
}

/** Share of sessions (percentile) highlighted as the rarest. */
const RAREST_PERCENT = 1;

/**
 * Which sessions the chart highlights: those in the rarest 1% (by the percentile column), and
 * always at least the rarest one (with fewer than 100 sessions, 1% is less than one session).
 */
export function rarestSessions(
  value: Float64Array,
  percentile: ArrayLike<number> | null
): { highlight: Uint8Array; inPercent: number } {
  const highlight = new Uint8Array(value.length);
  let inPercent = 0;
  for (let i = 0; i < value.length; i++) {
    if (percentile && Number(percentile[i]) <= RAREST_PERCENT) {
      highlight[i] = 1;
      inPercent++;
    }
  }
  if (inPercent === 0) {
    let lowest = -1;
    value.forEach((v, i) => {
      if (Number.isFinite(v) && (lowest < 0 || v < value[lowest])) {
        lowest = i;
      }
    });
    if (lowest >= 0) {
      highlight[lowest] = 1;
    }
  }
  return { highlight, inPercent };
}

/** The text of a session's details: its rarest window, likelihood, explanation and commands. */
export function describeSession(table: Table, cols: ISessionColumns, i: number): string {
  const lines = [
    `${cols.window}: ${cellText(table.getChild(cols.window)!.get(i))}`,
    `${cols.likelihood}: ${cellText(table.getChild(cols.likelihood)!.get(i))}`
  ];
  if (cols.explanation) {
    lines.push(`${cellText(table.getChild(cols.explanation)!.get(i))}`);
  }
  if (cols.session) {
    lines.push(`session: ${cellText(table.getChild(cols.session)!.get(i)).slice(0, 2000)}`);
  }
  return lines.join('\n');
}

/** Chart data: x = session start (or row number), y = log-likelihood, the rarest highlighted. */
export function sessionScatter(
  table: Table,
  cols: ISessionColumns,
  trans: TranslationBundle
): IScatterData {
  const n = table.numRows;
  const timeCol = cols.time ? table.getChild(cols.time) : null;
  const logLikelihood = table.getChild(cols.logLikelihood)!;
  const value = Float64Array.from({ length: n }, (_, i) => Number(logLikelihood.get(i) ?? NaN));
  const pct = cols.percentile ? table.getChild(cols.percentile) : null;
  const { highlight, inPercent } = rarestSessions(
    value,
    pct ? Float64Array.from({ length: n }, (_, i) => Number(pct.get(i) ?? NaN)) : null
  );
  const time = Float64Array.from({ length: n }, (_, i) =>
    timeCol ? (toMillis(timeCol.get(i)) ?? NaN) : i
  );
  return {
    time,
    xIsTime: timeCol !== null,
    timeLabel: timeCol ? trans.__('Session start (%1)', cols.time!) : trans.__('Row'),
    value,
    highlight,
    highlightLabel: inPercent
      ? trans._n('rarest 1%% (%1 session)', 'rarest 1%% (%1 sessions)', inPercent)
      : trans.__('rarest session (1%% of %1 sessions is less than one)', n),
    pointLabel: trans.__('session'),
    valueLabel: cols.logLikelihood,
    brief: i =>
      [
        timeCol ? formatTimestamp(time[i]) : trans.__('row %1', i),
        `${cols.logLikelihood}: ${cellText(logLikelihood.get(i))}`,
        trans.__('Click for details')
      ].join('\n')
  };
}

export class SessionsView extends BoxPanel {
  readonly chart = new ScatterChart();
  /** The selected session's details, below the chart (never clipped by it or the table). */
  readonly detail = new Widget();

  constructor(
    table: Table,
    windowLength: number,
    tableView: TableViewer.IView,
    trans: TranslationBundle
  ) {
    super({ direction: 'top-to-bottom', spacing: 4 });
    this.addClass('jp-hunt-SessionsView');
    const cols = sessionColumns(table, windowLength);
    const intro = new Widget();
    intro.addClass('jp-hunt-ViewIntro');
    intro.node.textContent = trans.__(
      '%1 sessions. Low log-likelihood = rare. Click a dot or use ←/→ on the chart to inspect a session.',
      table.numRows
    );
    this.detail.addClass('jp-hunt-SessionDetail');
    this.detail.node.setAttribute('aria-live', 'polite');
    this.detail.node.textContent = trans.__('No session selected.');
    this.chart.selectedChanged.connect((_, i) => {
      this.detail.node.textContent = i >= 0 ? describeSession(table, cols, i) : '';
    });
    BoxPanel.setStretch(intro, 0);
    BoxPanel.setSizeBasis(this.chart, 300);
    BoxPanel.setStretch(this.chart, 0);
    BoxPanel.setSizeBasis(this.detail, 96);
    BoxPanel.setStretch(this.detail, 0);
    BoxPanel.setStretch(tableView.widget, 1);
    this.addWidget(intro);
    this.addWidget(this.chart);
    this.addWidget(this.detail);
    this.addWidget(tableView.widget);
    this.chart.setData(sessionScatter(table, cols, trans));
    void tableView.sortBy(cols.logLikelihood, true);
  }
}
