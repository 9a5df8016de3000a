// What every chart has around its marks: axes with titles (the time axis in one format, its
// dates in the title), a legend, and a tooltip that sits at the pointer. Text is set as text.
import * as d3 from 'd3';
import { IChartTheme } from './theme';

type Group = d3.Selection<SVGGElement, unknown, null, undefined>;

const DAY = 86_400_000;
const isoDay = d3.utcFormat('%Y-%m-%d');

export interface ITimeAxis {
  /** One format for every tick (d3's default mixes "04:15" with "05 AM" and "Jan 15"). */
  format: (date: Date | d3.NumberValue) => string;
  /** The axis title: what the axis is, in UTC, and the dates the ticks leave out. */
  title: string;
}

/** Tick format and title for a UTC time axis spanning `domain` (ms). */
export function timeAxis(domain: [number, number], what: string): ITimeAxis {
  const [t0, t1] = domain;
  const span = Math.abs(t1 - t0);
  const first = isoDay(new Date(Math.min(t0, t1)));
  const last = isoDay(new Date(Math.max(t0, t1)));
  const dates = first === last ? first : `${first} to ${last}`;
  const pattern =
    span <= 1.5 * DAY
      ? '%H:%M'
      : span <= 10 * DAY
        ? '%b %d %H:%M'
        : span <= 400 * DAY
          ? '%b %d'
          : '%Y-%m-%d';
  const utc = d3.utcFormat(span < 60_000 ? '%H:%M:%S' : pattern);
  return { format: d => utc(new Date(+d)), title: `${what} (UTC), ${dates}` };
}

/** Value tick text: SI prefixes for large values (1.5G, 500M), plain numbers otherwise, "0" for zero. */
export function valueTick(v: number): string {
  if (v === 0) {
    return '0';
  }
  return Math.abs(v) >= 1000 ? d3.format('~s')(v) : d3.format('~g')(v);
}

export interface IAxesOptions<D extends d3.AxisDomain> {
  x: d3.AxisScale<D>;
  y: d3.ScaleLinear<number, number>;
  width: number;
  height: number;
  xTitle: string;
  yTitle: string;
  xFormat?: (value: D) => string;
}

/** Space the axes and their titles need around the plot. */
export const AXES_MARGIN = { top: 8, right: 16, bottom: 38, left: 68 };

/** Both axes, their ticks and titles, drawn into `g` (the plot's origin at its top left). */
export function drawAxes<D extends d3.AxisDomain>(
  g: Group,
  t: IChartTheme,
  o: IAxesOptions<D>
): void {
  const bottom = d3.axisBottom(o.x).ticks(Math.max(2, Math.min(8, Math.floor(o.width / 110))));
  if (o.xFormat) {
    bottom.tickFormat(o.xFormat);
  }
  g.append('g')
    .attr('class', 'jp-hunt-AxisX')
    .attr('transform', `translate(0,${o.height})`)
    .call(bottom)
    .call(styleAxis, t);
  g.append('g')
    .attr('class', 'jp-hunt-AxisY')
    .call(
      d3
        .axisLeft(o.y)
        .ticks(5)
        .tickFormat(v => valueTick(Number(v)))
    )
    .call(styleAxis, t);
  axisTitle(g, t, o.xTitle, 'jp-hunt-AxisTitleX')
    .attr('x', o.width / 2)
    .attr('y', o.height + 32)
    .attr('text-anchor', 'middle');
  axisTitle(g, t, o.yTitle, 'jp-hunt-AxisTitleY')
    .attr('transform', `translate(${-AXES_MARGIN.left + 12},${o.height / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle');
}

function axisTitle(g: Group, t: IChartTheme, text: string, cls: string) {
  return g
    .append('text')
    .attr('class', cls)
    .attr('fill', t.foreground)
    .attr('font-size', 11)
    .text(text);
}

export function styleAxis(g: Group, t: IChartTheme): void {
  g.selectAll('path, line').attr('stroke', t.grid);
  g.selectAll('text').attr('fill', t.muted);
}

export interface ILegendItem {
  label: string;
  /** How the mark looks: a dot, a line or a filled band. */
  kind: 'dot' | 'line' | 'band';
  color: string;
}

/** An HTML legend (readable, selectable text) with one swatch per item. */
export function renderLegend(host: HTMLElement, items: ILegendItem[]): void {
  host.replaceChildren(
    ...items.map(item => {
      const entry = document.createElement('span');
      entry.className = 'jp-hunt-LegendItem';
      const swatch = document.createElement('span');
      swatch.className = `jp-hunt-LegendSwatch jp-mod-${item.kind}`;
      swatch.style.setProperty(
        item.kind === 'line' ? 'border-top-color' : 'background-color',
        item.color
      );
      const label = document.createElement('span');
      label.textContent = item.label;
      entry.append(swatch, label);
      return entry;
    })
  );
}

/** Distance between the pointer and the tooltip's nearest corner. */
const OFFSET = 12;

/** A tooltip inside a chart's node (position: relative), placed next to the pointer. */
export class ChartTooltip {
  readonly node = document.createElement('div');

  constructor(private readonly _host: HTMLElement) {
    this.node.className = 'jp-hunt-ChartTooltip';
    this.node.setAttribute('role', 'tooltip');
  }

  /** Show `text` beside the point (`x`, `y`), px relative to the host; flips to stay inside it. */
  show(text: string, x: number, y: number): void {
    this.node.textContent = text;
    if (!this.node.isConnected) {
      this._host.appendChild(this.node);
    }
    const w = this.node.offsetWidth;
    const h = this.node.offsetHeight;
    const hostW = this._host.clientWidth;
    const hostH = this._host.clientHeight;
    const left = x + OFFSET + w > hostW ? Math.max(0, x - OFFSET - w) : x + OFFSET;
    const top = y + OFFSET + h > hostH ? Math.max(0, y - OFFSET - h) : y + OFFSET;
    this.node.style.left = `${left}px`;
    this.node.style.top = `${top}px`;
  }

  hide(): void {
    this.node.remove();
  }
}
