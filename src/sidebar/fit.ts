// How the Hunt sidebar shares its height. Each section needs its `full` content height; of
// that, lists (the entity list) may scroll, so its `essential` part is the rest plus a few
// rows. When all fits, each gets its full height; else each gets its essential part first
// (the time range form and its Apply row stay whole) and the lists share what is left; when
// even that does not fit, forms come first and sections with a list keep a few rows.

export interface INeed {
  /** Height of all the content, px; 0 for a collapsed section. */
  full: number;
  /** Height that should never scroll out of sight (≤ full). */
  essential: number;
}

/** Height of a list that stays in sight when the section is short of room (about 4 rows). */
export const LIST_ROWS_PX = 96;
/** Height a section with a list keeps when even the essentials do not fit. */
const MIN_LIST_SECTION = 120;

/** Heights for the sections; space left over when everything fits goes to the last open one. */
export function fitSizes(needs: readonly INeed[], available: number): number[] {
  const open = needs.map((n, i) => (n.full > 0 ? i : -1)).filter(i => i >= 0);
  const sizes = needs.map(() => 0);
  if (open.length === 0 || available <= 0) {
    return sizes;
  }
  const sum = (f: (n: INeed) => number) => open.reduce((s, i) => s + f(needs[i]), 0);
  const full = sum(n => n.full);
  const essential = sum(n => Math.min(n.essential, n.full));
  if (full <= available) {
    open.forEach(i => (sizes[i] = needs[i].full));
    sizes[open[open.length - 1]] += available - full;
  } else if (essential <= available) {
    const extra = waterFill(
      open.map(i => needs[i].full - Math.min(needs[i].essential, needs[i].full)),
      available - essential
    );
    open.forEach((i, k) => (sizes[i] = Math.min(needs[i].essential, needs[i].full) + extra[k]));
  } else {
    // Short of room even for the essentials: forms first (they cannot scroll in parts),
    // keeping a few rows for each section with a list; the lists share what is left.
    const withList = open.filter(i => needs[i].essential < needs[i].full);
    const forms = open.filter(i => needs[i].essential >= needs[i].full);
    const floor = withList.reduce((s, i) => s + Math.min(needs[i].essential, MIN_LIST_SECTION), 0);
    const formShares = waterFill(
      forms.map(i => needs[i].full),
      Math.max(0, available - floor)
    );
    forms.forEach((i, k) => (sizes[i] = formShares[k]));
    const left = available - formShares.reduce((s, v) => s + v, 0);
    const listShares = waterFill(
      withList.map(i => needs[i].essential),
      left
    );
    withList.forEach((i, k) => (sizes[i] = listShares[k]));
  }
  return sizes;
}

/** Share `available` among `wants`: the smallest wants are met first, the rest share equally. */
function waterFill(wants: readonly number[], available: number): number[] {
  const out = wants.map(() => 0);
  let left = available;
  const order = wants.map((_, i) => i).sort((a, b) => wants[a] - wants[b]);
  order.forEach((i, k) => {
    out[i] = Math.min(wants[i], left / (order.length - k));
    left -= out[i];
  });
  return out;
}

/** What a section's content needs (see INeed), measured from its children. */
export function measureNeed(node: HTMLElement): INeed {
  const style = getComputedStyle(node);
  const padding = (parseFloat(style.paddingTop) || 0) + (parseFloat(style.paddingBottom) || 0);
  let full = padding;
  for (const child of Array.from(node.children) as HTMLElement[]) {
    const margins = getComputedStyle(child);
    full +=
      child.offsetHeight +
      (parseFloat(margins.marginTop) || 0) +
      (parseFloat(margins.marginBottom) || 0);
  }
  let scrollable = 0;
  node.querySelectorAll<HTMLElement>('ul, ol').forEach(list => {
    if (!list.parentElement?.closest('ul, ol')) {
      scrollable += Math.max(0, list.offsetHeight - LIST_ROWS_PX);
    }
  });
  full = Math.ceil(full);
  return { full, essential: Math.max(0, full - scrollable) };
}
