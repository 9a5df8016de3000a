// Chart colours read from JupyterLab's --jp-* CSS variables, re-read when the theme changes.
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
  return {
    background: v('--jp-layout-color0', 'white'),
    foreground: v('--jp-ui-font-color0', 'black'),
    muted: v('--jp-ui-font-color2', 'gray'),
    grid: v('--jp-border-color2', 'lightgray'),
    line: v('--jp-brand-color1', 'steelblue'),
    band: v('--jp-brand-color3', 'lightsteelblue'),
    anomaly: v('--jp-error-color1', 'red'),
    dip: v('--jp-warn-color1', 'orange'),
    accent: v('--jp-accent-color1', 'green'),
    font: v('--jp-ui-font-family', 'sans-serif')
  };
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
