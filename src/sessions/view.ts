// Scored sessions: likelihood over time (click a dot or use the arrow keys to select a
// session), the selected session's rarest window and explanation, and the result table
// sorted by rarity. Session content is rendered as text.
import { BoxPanel, Widget } from '@lumino/widgets';
import { Table } from 'apache-arrow';
import { TranslationBundle } from '@jupyterlab/translation';
import { cellText, toMillis } from '../analytics/arrow';
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

/** Chart data: x = session start (or row number), y = log-likelihood, rarest 1% highlighted. */
export function sessionScatter(table: Table, cols: ISessionColumns): IScatterData {
  const n = table.numRows;
  const timeCol = cols.time ? table.getChild(cols.time) : null;
  const value = Float64Array.from({ length: n }, (_, i) =>
    Number(table.getChild(cols.logLikelihood)!.get(i) ?? NaN)
  );
  const pct = cols.percentile ? table.getChild(cols.percentile) : null;
  const highlight = Uint8Array.from({ length: n }, (_, i) =>
    pct && Number(pct.get(i)) <= 1 ? 1 : 0
  );
  const describe = (i: number) => {
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
  };
  return {
    time: Float64Array.from({ length: n }, (_, i) =>
      timeCol ? (toMillis(timeCol.get(i)) ?? NaN) : i
    ),
    xIsTime: timeCol !== null,
    value,
    highlight,
    valueLabel: cols.logLikelihood,
    describe
  };
}

export class SessionsView extends BoxPanel {
  readonly chart = new ScatterChart();

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
      '%1 sessions. Low log-likelihood = rare; red = rarest 1%%. Click a dot or use ←/→ to inspect a session.',
      table.numRows
    );
    BoxPanel.setStretch(intro, 0);
    BoxPanel.setSizeBasis(this.chart, 280);
    BoxPanel.setStretch(this.chart, 0);
    BoxPanel.setStretch(tableView.widget, 1);
    this.addWidget(intro);
    this.addWidget(this.chart);
    this.addWidget(tableView.widget);
    this.chart.setData(sessionScatter(table, cols));
    void tableView.sortBy(cols.logLikelihood, true);
  }
}
