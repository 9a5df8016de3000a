// The column profile, drawn as a compact text table under the grid.
import { TranslationBundle } from '@jupyterlab/translation';
import type { IColumnProfile } from '../analytics/profile';
import { visibleBidi } from '../analytics/display';

export function renderProfile(
  node: HTMLElement,
  profile: IColumnProfile[],
  trans: TranslationBundle
): void {
  const table = document.createElement('table');
  table.className = 'jp-hunt-ProfileTable';
  const head = table.createTHead().insertRow();
  for (const label of [
    trans.__('column'),
    trans.__('type'),
    trans.__('nulls'),
    trans.__('distinct'),
    trans.__('min'),
    trans.__('max'),
    trans.__('top values')
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
      p.max ?? '',
      p.top.map(t => `${t.value.slice(0, 40)} (${t.count})`).join(', ')
    ];
    for (const text of cells) {
      row.insertCell().textContent = visibleBidi(text);
    }
  }
  node.replaceChildren(table);
}
