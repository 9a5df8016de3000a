// The column profile under the grid: one row per column that fits the panel's width (long
// text cut with the whole of it in a tooltip), with a small histogram (numeric and time
// columns) or top-values bars (the others), all computed in the worker. Set as text only.
import { TranslationBundle } from '@jupyterlab/translation';
import type { IColumnProfile, IHistogram, ITopValue } from '../analytics/profile';
import { visibleBidi } from '../analytics/display';

/** Share of the width of each column of the profile table (fixed layout: it fits the panel). */
const WIDTHS = ['15%', '11%', '6%', '7%', '13%', '13%', '35%'];

export function renderProfile(
  node: HTMLElement,
  profile: IColumnProfile[],
  trans: TranslationBundle,
  rangeText: (p: IColumnProfile, x: number) => string = (_, x) => String(x)
): void {
  const table = document.createElement('table');
  table.className = 'jp-hunt-ProfileTable';
  const cols = document.createElement('colgroup');
  for (const width of WIDTHS) {
    const col = document.createElement('col');
    col.style.width = width;
    cols.appendChild(col);
  }
  table.appendChild(cols);
  const head = table.createTHead().insertRow();
  for (const label of [
    trans.__('column'),
    trans.__('type'),
    trans.__('nulls'),
    trans.__('distinct'),
    trans.__('min'),
    trans.__('max'),
    trans.__('distribution / top values')
  ]) {
    const th = document.createElement('th');
    th.textContent = label;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const p of profile) {
    const row = body.insertRow();
    row.dataset.column = p.name;
    const cells = [
      p.name,
      p.type,
      `${p.nulls}`,
      p.distinctExact ? `${p.distinct}` : `≈${p.distinct}`,
      p.min ?? '',
      p.max ?? ''
    ];
    for (const text of cells) {
      const td = row.insertCell();
      td.textContent = visibleBidi(text);
      td.title = td.textContent;
    }
    const chart = row.insertCell();
    chart.className = 'jp-hunt-ProfileChart';
    if (p.histogram) {
      chart.appendChild(histogramBars(p.histogram, trans, x => rangeText(p, x)));
    } else {
      chart.appendChild(topBars(p.top, p.count - p.nulls));
    }
  }
  node.replaceChildren(table);
}

/** A row of bars, one per bin, each with its range and count as tooltip. */
function histogramBars(
  h: IHistogram,
  trans: TranslationBundle,
  text: (x: number) => string
): HTMLElement {
  const box = document.createElement('div');
  box.className = 'jp-hunt-Histogram';
  box.setAttribute('role', 'img');
  const most = Math.max(1, ...h.counts);
  const width = (h.max - h.min) / h.counts.length;
  box.setAttribute('aria-label', trans.__('Histogram from %1 to %2', text(h.min), text(h.max)));
  h.counts.forEach((count, i) => {
    const bar = document.createElement('span');
    bar.className = 'jp-hunt-HistogramBar';
    bar.style.height = `${count ? Math.max(4, (100 * count) / most) : 0}%`;
    bar.title = `${text(h.min + i * width)} – ${text(h.min + (i + 1) * width)}: ${count}`;
    box.appendChild(bar);
  });
  return box;
}

/** The most frequent values, each as 'value (count)' over a bar of its share. */
function topBars(top: ITopValue[], total: number): HTMLElement {
  const box = document.createElement('div');
  box.className = 'jp-hunt-TopValues';
  for (const t of top.slice(0, 5)) {
    const item = document.createElement('div');
    item.className = 'jp-hunt-TopValue';
    item.style.setProperty('--jp-hunt-share', `${(100 * t.count) / Math.max(1, total)}%`);
    item.textContent = `${visibleBidi(t.value.slice(0, 80))} (${t.count})`;
    item.title = `${visibleBidi(t.value)} (${t.count})`;
    box.appendChild(item);
  }
  return box;
}
