// Time series with its STL baseline band and anomalies, and a score strip below that acts
// as a range selector (brush to zoom, double-click to reset). A legend names every mark; the
// tooltip shows the values of the point under the pointer, next to it.
import * as d3 from 'd3';
import { Widget } from '@lumino/widgets';
import { Message } from '@lumino/messaging';
import { IDisposable } from '@lumino/disposable';
import {
  AXES_MARGIN as MARGIN,
  ChartTooltip,
  drawAxes,
  renderLegend,
  styleAxis,
  timeAxis
} from './chrome';
import { envelopeIndices, lowerBound } from './downsample';
import { IChartTheme, readTheme, watchTheme } from './theme';

export interface ITimeSeriesData {
  /** Milliseconds since epoch, sorted ascending. */
  time: Float64Array;
  observed: Float64Array;
  baseline: Float64Array;
  score: Float64Array;
  /** 1 = spike, -1 = dip, 0 = normal. */
  anomaly: Int8Array;
  /** Half-width of the baseline band in value units (e.g. threshold × residual spread). */
  band: number;
  valueLabel: string;
}

/** Height of the main plot: what the widget's height leaves after the strip, within limits. */
const MAIN_HEIGHT = { min: 120, max: 520, fallback: 260 };
const STRIP_HEIGHT = 64;
/** The strip's own margins: its time axis has no title (the main plot's says it all). */
const STRIP_MARGIN = { top: 8, bottom: 22 };

export class TimeSeriesChart extends Widget {
  private _data: ITimeSeriesData | null = null;
  private _domain: [number, number] | null = null;
  private _theme: IChartTheme = readTheme();
  private readonly _themeWatch: IDisposable;
  private readonly _legend = document.createElement('div');
  private readonly _tooltip: ChartTooltip;

  constructor() {
    super();
    this.addClass('jp-hunt-TimeSeriesChart');
    this._legend.className = 'jp-hunt-ChartLegend';
    this.node.appendChild(this._legend);
    this._tooltip = new ChartTooltip(this.node);
    this._themeWatch = watchTheme(() => {
      this._theme = readTheme();
      this.render();
    });
  }

  setData(data: ITimeSeriesData): void {
    this._data = data;
    this._domain = null;
    this.render();
  }

  /** Zoom the main chart to [t0, t1] ms (null resets). */
  setDomain(domain: [number, number] | null): void {
    this._domain = domain;
    this.render();
  }

  dispose(): void {
    this._themeWatch.dispose();
    super.dispose();
  }

  protected onResize(msg: Widget.ResizeMessage): void {
    this.render();
  }

  protected onAfterAttach(msg: Message): void {
    this.render();
  }

  render(): void {
    const data = this._data;
    const width = this.node.clientWidth || 800;
    const root = d3.select(this.node);
    root.selectAll('svg').remove();
    if (!data || data.time.length === 0 || !this.isAttached) {
      return;
    }
    const t = this._theme;
    this._renderLegend(data, t);
    // The legend wraps on a narrow chart: the plot takes what its measured height leaves.
    const mainHeight = plotHeight(this.node.clientHeight - this._legend.offsetHeight);
    const innerWidth = Math.max(100, width - MARGIN.left - MARGIN.right);
    const full: [number, number] = [data.time[0], data.time[data.time.length - 1]];
    const domain = this._domain ?? full;
    const lo = Math.max(0, lowerBound(data.time, domain[0]) - 1);
    const hi = Math.min(data.time.length, lowerBound(data.time, domain[1]) + 1);

    const svg = root
      .append('svg')
      .attr('width', width)
      .attr(
        'height',
        mainHeight +
          MARGIN.top +
          MARGIN.bottom +
          STRIP_HEIGHT +
          STRIP_MARGIN.top +
          STRIP_MARGIN.bottom
      )
      .attr('role', 'img')
      .attr('aria-label', `${data.valueLabel} over time with anomalies`)
      .style('font-family', t.font);
    const x = d3.scaleUtc().domain(domain).range([0, innerWidth]);
    const visible = envelopeIndices(data.time, data.observed, lo, hi, innerWidth);
    const yExtent = extentOf(visible, i => [
      data.observed[i],
      data.baseline[i] - data.band,
      data.baseline[i] + data.band
    ]);
    const y = d3.scaleLinear().domain(yExtent).nice().range([mainHeight, 0]);

    const main = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    const axis = timeAxis(domain, 'Time');
    drawAxes(main, t, {
      x,
      y,
      width: innerWidth,
      height: mainHeight,
      xTitle: axis.title,
      yTitle: data.valueLabel,
      xFormat: axis.format
    });
    const clipId = `jp-hunt-clip-${Math.random().toString(36).slice(2)}`;
    main
      .append('clipPath')
      .attr('id', clipId)
      .append('rect')
      .attr('width', innerWidth)
      .attr('height', mainHeight);
    const plot = main.append('g').attr('clip-path', `url(#${clipId})`);
    const baselineIdx = envelopeIndices(data.time, data.baseline, lo, hi, innerWidth);
    plot
      .append('path')
      .attr('class', 'jp-hunt-band')
      .attr('fill', t.band)
      .attr('fill-opacity', 0.35)
      .attr(
        'd',
        d3
          .area<number>()
          .x(i => x(data.time[i]))
          .y0(i => y(data.baseline[i] - data.band))
          .y1(i => y(data.baseline[i] + data.band))(baselineIdx)
      );
    plot
      .append('path')
      .attr('fill', 'none')
      .attr('stroke', t.line)
      .attr('stroke-width', 1.2)
      .attr(
        'd',
        d3
          .line<number>()
          .x(i => x(data.time[i]))
          .y(i => y(data.observed[i]))(visible)
      );
    const anomalies: number[] = [];
    for (let i = lo; i < hi; i++) {
      if (data.anomaly[i] !== 0) {
        anomalies.push(i);
      }
    }
    plot
      .selectAll('circle.jp-hunt-anomaly')
      .data(anomalies)
      .join('circle')
      .attr('class', 'jp-hunt-anomaly')
      .attr('r', 4)
      .attr('cx', i => x(data.time[i]))
      .attr('cy', i => y(data.observed[i]))
      .attr('fill', i => (data.anomaly[i] > 0 ? t.anomaly : t.dip))
      .attr('stroke', t.background);
    this._addHover(main, x, y, innerWidth, mainHeight);

    const strip = svg
      .append('g')
      .attr(
        'transform',
        `translate(${MARGIN.left},${mainHeight + MARGIN.top + MARGIN.bottom + STRIP_MARGIN.top})`
      );
    this._drawStrip(strip, full, innerWidth, t);
  }

  private _renderLegend(data: ITimeSeriesData, t: IChartTheme): void {
    renderLegend(this._legend, [
      { label: data.valueLabel, kind: 'line', color: t.line },
      { label: 'baseline band', kind: 'band', color: t.band },
      { label: 'spike', kind: 'dot', color: t.anomaly },
      { label: 'dip', kind: 'dot', color: t.dip }
    ]);
  }

  private _drawStrip(
    g: d3.Selection<SVGGElement, unknown, null, undefined>,
    full: [number, number],
    width: number,
    t: IChartTheme
  ): void {
    const data = this._data!;
    const x = d3.scaleUtc().domain(full).range([0, width]);
    const idx = envelopeIndices(data.time, data.score, 0, data.time.length, width);
    const maxScore = Math.max(
      1e-9,
      ...idx.map(i => Math.abs(data.score[i])).filter(Number.isFinite)
    );
    const y = d3.scaleLinear().domain([0, maxScore]).range([STRIP_HEIGHT, 0]);
    g.append('g')
      .attr('transform', `translate(0,${STRIP_HEIGHT})`)
      .call(
        d3
          .axisBottom(x)
          .ticks(Math.max(2, Math.min(8, Math.floor(width / 110))))
          .tickFormat(timeAxis(full, '').format)
      )
      .call(styleAxis, t);
    g.append('text')
      .attr('x', -8)
      .attr('y', 10)
      .attr('text-anchor', 'end')
      .attr('fill', t.muted)
      .attr('font-size', 10)
      .text('|score|');
    g.append('path')
      .attr('fill', t.band)
      .attr('stroke', t.muted)
      .attr(
        'd',
        d3
          .area<number>()
          .x(i => x(data.time[i]))
          .y0(STRIP_HEIGHT)
          .y1(i => y(Math.abs(data.score[i]) || 0))(idx)
      );
    const brush = d3
      .brushX()
      .extent([
        [0, 0],
        [width, STRIP_HEIGHT]
      ])
      .on('end', (event: d3.D3BrushEvent<unknown>) => {
        if (!event.sourceEvent) {
          return;
        }
        const sel = event.selection as [number, number] | null;
        this.setDomain(sel ? [x.invert(sel[0]).getTime(), x.invert(sel[1]).getTime()] : null);
      });
    const brushG = g.append('g').attr('class', 'jp-hunt-brush').call(brush);
    if (this._domain) {
      brushG.call(brush.move, [x(this._domain[0]), x(this._domain[1])]);
    }
    brushG.on('dblclick', () => this.setDomain(null));
  }

  private _addHover(
    g: d3.Selection<SVGGElement, unknown, null, undefined>,
    x: d3.ScaleTime<number, number>,
    y: d3.ScaleLinear<number, number>,
    width: number,
    height: number
  ): void {
    const data = this._data!;
    const t = this._theme;
    const marker = g
      .append('circle')
      .attr('r', 5)
      .attr('fill', 'none')
      .attr('stroke', t.foreground)
      .style('display', 'none');
    g.append('rect')
      .attr('width', width)
      .attr('height', height)
      .attr('fill', 'transparent')
      .on('mousemove', (event: MouseEvent) => {
        const [mx] = d3.pointer(event);
        const tm = x.invert(mx).getTime();
        let i = Math.min(data.time.length - 1, lowerBound(data.time, tm));
        if (i > 0 && tm - data.time[i - 1] < data.time[i] - tm) {
          i--;
        }
        marker.style('display', null).attr('cx', x(data.time[i])).attr('cy', y(data.observed[i]));
        const [px, py] = d3.pointer(event, this.node);
        this._tooltip.show(pointText(data, i), px, py);
      })
      .on('mouseleave', () => {
        marker.style('display', 'none');
        this._tooltip.hide();
      });
  }
}

/** The tooltip's text for point i: its time, value, baseline, score, and what it is. */
export function pointText(data: ITimeSeriesData, i: number): string {
  const kind = data.anomaly[i] > 0 ? ' — spike' : data.anomaly[i] < 0 ? ' — dip' : '';
  const when = new Date(data.time[i]).toISOString();
  return `${when}  ${data.valueLabel}=${fmt(data.observed[i])}  baseline=${fmt(data.baseline[i])}  score=${fmt(data.score[i])}${kind}`;
}

function extentOf(indices: number[], values: (i: number) => number[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const i of indices) {
    for (const v of values(i)) {
      if (Number.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
  }
  return min <= max ? (min === max ? [min - 1, max + 1] : [min, max]) : [0, 1];
}

/** The main plot's height for `clientHeight` px below the legend (0 or less before layout). */
export function plotHeight(clientHeight: number): number {
  if (clientHeight <= 0) {
    return MAIN_HEIGHT.fallback;
  }
  const free =
    clientHeight -
    MARGIN.top -
    MARGIN.bottom -
    STRIP_HEIGHT -
    STRIP_MARGIN.top -
    STRIP_MARGIN.bottom;
  return Math.max(MAIN_HEIGHT.min, Math.min(MAIN_HEIGHT.max, free));
}

function fmt(v: number): string {
  return Number.isFinite(v) ? (Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(4)) : String(v);
}
