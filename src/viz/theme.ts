// Chart colours read from JupyterLab's --jp-* CSS variables, re-read when the theme changes.
// Marks take the variant of their colour that stands out most from the theme's background
// (a dark theme's brand-color1 is too dim for small dots on layout-color0).
import { IDisposable } from '@lumino/disposable';

export interface IChartTheme {
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  line: string;
  band: string;
  anomaly: string;
  dip: string;
  accent: string;
  font: string;
}

export function readTheme(node: Element = document.body): IChartTheme {
  const css = getComputedStyle(node);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const background = v('--jp-layout-color0', 'white');
  const mark = (names: string[], fallback: string) =>
    mostVisible(names.map(name => v(name, '')).filter(Boolean), background, fallback);
  return {
    background,
    foreground: v('--jp-ui-font-color0', 'black'),
    muted: v('--jp-ui-font-color2', 'gray'),
    grid: v('--jp-border-color2', 'lightgray'),
    line: mark(['--jp-brand-color1', '--jp-brand-color2'], 'steelblue'),
    band: v('--jp-brand-color3', 'lightsteelblue'),
    anomaly: mark(['--jp-error-color1', '--jp-error-color2'], 'red'),
    dip: mark(['--jp-warn-color1', '--jp-warn-color0', '--jp-warn-color2'], 'orange'),
    accent: v('--jp-accent-color1', 'green'),
    font: v('--jp-ui-font-family', 'sans-serif')
  };
}

/** [r, g, b] (0–255) of a CSS colour in hex or rgb()/rgba() notation; null for other forms. */
export function parseColor(text: string): [number, number, number] | null {
  const s = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(s);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map(c => c + c).join('') : hex[1];
    return [0, 2, 4].map(i => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(s);
  if (rgb) {
    return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  }
  return s === 'white' ? [255, 255, 255] : s === 'black' ? [0, 0, 0] : null;
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const x = c / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two colours (1–21); NaN when either cannot be parsed. */
export function contrastRatio(a: string, b: string): number {
  const ca = parseColor(a);
  const cb = parseColor(b);
  if (!ca || !cb) {
    return NaN;
  }
  const [hi, lo] = [luminance(ca), luminance(cb)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The candidate with the highest contrast against `background` (the first when none parse). */
export function mostVisible(candidates: string[], background: string, fallback: string): string {
  let best = candidates[0] ?? fallback;
  let bestRatio = -1;
  for (const c of candidates) {
    const ratio = contrastRatio(c, background);
    if (ratio > bestRatio) {
      best = c;
      bestRatio = ratio;
    }
  }
  return best;
}

/** Calls `onChange` when JupyterLab switches theme (it changes attributes on <body>). */
export function watchTheme(onChange: () => void): IDisposable {
  // On the next frame: the new theme's CSS variables and layout have settled by then.
  const later = (fn: () => void) =>
    typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fn) : setTimeout(fn, 0);
  const observer = new MutationObserver(() => later(() => disposed || onChange()));
  observer.observe(document.body, {
    attributes: true,
    attributeFilter: ['data-jp-theme-name', 'data-jp-theme-light']
  });
  let disposed = false;
  return {
    get isDisposed() {
      return disposed;
    },
    dispose() {
      disposed = true;
      observer.disconnect();
    }
  };
}
