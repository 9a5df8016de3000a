// Scored sessions over time: one dot per session (x = start time, y = score), the rarest
// highlighted, with a legend, axis titles and a tooltip at the pointer. Click (or ←/→ on
// the focused chart) selects a session; its details are the owner's to show.
import * as d3 from 'd3';
import { Widget } from '@lumino/widgets';
import { Message } from '@lumino/messaging';
import { ISignal, Signal } from '@lumino/signaling';
import { IDisposable } from '@lumino/disposable';
import { AXES_MARGIN as MARGIN, ChartTooltip, drawAxes, renderLegend, timeAxis } from './chrome';
import { IChartTheme, readTheme, watchTheme } from './theme';

export interface IScatterData {
  /** x values: ms since epoch when `xIsTime`, else plain numbers (e.g. row numbers). */
  time: Float64Array;
  xIsTime: boolean;
  /** What x is (axis title), e.g. "Session start" or "Row". */
  timeLabel: string;
  value: Float64Array;
  /** Points drawn highlighted (e.g. the rarest sessions). */
  highlight: Uint8Array;
  /** What the highlighted points are (legend), e.g. "rarest 1% of sessions". */
  highlightLabel: string;
  /** What a plain point is (legend), e.g. "session". */
  pointLabel: string;
  valueLabel: string;
  /** Short text for the pointer's tooltip (rendered as text). */
  brief(index: number): string;
}

/** Plot height: what the widget's height leaves after legend and axes, within limits. */
const PLOT_HEIGHT = { min: 120, max: 480, fallback: 220 };
/** Above this many points the dots draw on a canvas; SVG keeps axes and the highlights. */
const CANVAS_THRESHOLD = 5000;
/** Dot radii: big enough to see and to hit on any theme. */
const RADIUS = { plain: 3.5, highlight: 5, selected: 7 };
/** The pointer picks the nearest point within this many px. */
const HOVER_PX = 24;

export class ScatterChart extends Widget {
  private _data: IScatterData | null = null;
  private _selected = -1;
  private _theme: IChartTheme = readTheme();
  private readonly _themeWatch: IDisposable;
  private readonly _selectedChanged = new Signal<this, number>(this);
  private readonly _legend = document.createElement('div');
  private readonly _tooltip: ChartTooltip;

  constructor() {
    super();
    this.addClass('jp-hunt-ScatterChart');
    this.node.tabIndex = 0;
    this._legend.className = 'jp-hunt-ChartLegend';
    this.node.appendChild(this._legend);
    this._tooltip = new ChartTooltip(this.node);
    this._themeWatch = watchTheme(() => {
      this._theme = readTheme();
      this.render();
    });
    this.node.addEventListener('keydown', event => this._onKey(event));
  }

  get selectedChanged(): ISignal<this, number> {
    return this._selectedChanged;
  }

  get selected(): number {
    return this._selected;
  }

  setData(data: IScatterData): void {
    this._data = data;
    this._selected = -1;
    this.render();
  }

  select(index: number): void {
    this._selected = index;
    this.render();
    this._selectedChanged.emit(index);
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
    const root = d3.select(this.node);
    root.selectAll('svg, canvas').remove();
    if (!data || data.time.length === 0 || !this.isAttached) {
      return;
    }
    const t = this._theme;
    this._renderLegend(data, t);
    const width = this.node.clientWidth || 800;
    // The legend wraps on a narrow chart: the plot takes what its measured height leaves.
    const legendHeight = this._legend.offsetHeight;
    const height = plotHeight(this.node.clientHeight - legendHeight);
    const innerWidth = Math.max(100, width - MARGIN.left - MARGIN.right);
    const x = (data.xIsTime ? d3.scaleUtc() : d3.scaleLinear()) as unknown as d3.ScaleLinear<
      number,
      number
    >;
    x.domain(finiteExtent(data.time)).nice().range([0, innerWidth]);
    const y = d3.scaleLinear().domain(finiteExtent(data.value)).nice().range([height, 0]);
    const n = data.time.length;
    if (n > CANVAS_THRESHOLD) {
      this._drawCanvas(x, y, width, height, legendHeight);
    }
    const svg = root
      .append('svg')
      .attr('width', width)
      .attr('height', height + MARGIN.top + MARGIN.bottom)
      .attr('role', 'img')
      .attr('aria-label', `${data.valueLabel} per session over time`)
      .style('font-family', t.font);
    const g = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    const axis = data.xIsTime
      ? timeAxis(x.domain() as [number, number], data.timeLabel)
      : { title: data.timeLabel, format: undefined };
    drawAxes(g, t, {
      x,
      y,
      width: innerWidth,
      height,
      xTitle: axis.title,
      yTitle: data.valueLabel,
      xFormat: axis.format
    });
    const svgPoints = n > CANVAS_THRESHOLD ? indicesWhere(data.highlight) : d3.range(n);
    // Highlighted points last, so they sit on top.
    svgPoints.sort((a, b) => data.highlight[a] - data.highlight[b]);
    g.selectAll('circle')
      .data(svgPoints)
      .join('circle')
      .attr('class', i => (data.highlight[i] ? 'jp-hunt-dot jp-mod-highlight' : 'jp-hunt-dot'))
      .attr('cx', i => x(data.time[i]))
      .attr('cy', i => y(data.value[i]))
      .attr('r', i =>
        i === this._selected ? RADIUS.selected : data.highlight[i] ? RADIUS.highlight : RADIUS.plain
      )
      .attr('fill', i => (data.highlight[i] ? t.anomaly : t.line))
      .attr('stroke', i => (i === this._selected ? t.foreground : t.background))
      .attr('stroke-width', i => (i === this._selected ? 2 : 0.75));
    const nearest = (event: MouseEvent): number | undefined => {
      const [mx, my] = d3.pointer(event, g.node());
      const i = d3.least(
        d3.range(n),
        j => (x(data.time[j]) - mx) ** 2 + (y(data.value[j]) - my) ** 2
      );
      return i !== undefined && Math.hypot(x(data.time[i]) - mx, y(data.value[i]) - my) <= HOVER_PX
        ? i
        : undefined;
    };
    svg
      .on('click', (event: MouseEvent) => {
        const i = nearest(event);
        if (i !== undefined) {
          this.select(i);
        }
      })
      .on('mousemove', (event: MouseEvent) => {
        const i = nearest(event);
        if (i === undefined) {
          this._tooltip.hide();
          return;
        }
        const [px, py] = d3.pointer(event, this.node);
        this._tooltip.show(data.brief(i), px, py);
      })
      .on('mouseleave', () => this._tooltip.hide());
  }

  private _renderLegend(data: IScatterData, t: IChartTheme): void {
    renderLegend(this._legend, [
      { label: data.pointLabel, kind: 'dot', color: t.line },
      { label: data.highlightLabel, kind: 'dot', color: t.anomaly }
    ]);
  }

  private _drawCanvas(
    x: d3.ScaleLinear<number, number>,
    y: d3.ScaleLinear<number, number>,
    width: number,
    height: number,
    top: number
  ): void {
    const data = this._data!;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height + MARGIN.top + MARGIN.bottom;
    canvas.className = 'jp-hunt-ChartCanvas';
    canvas.style.top = `${top}px`;
    this.node.appendChild(canvas);
    const ctx = canvas.getContext('2d');
    if (!ctx) {
      return;
    }
    ctx.fillStyle = this._theme.line;
    for (let i = 0; i < data.time.length; i++) {
      ctx.fillRect(MARGIN.left + x(data.time[i]) - 1.5, MARGIN.top + y(data.value[i]) - 1.5, 3, 3);
    }
  }

  private _onKey(event: KeyboardEvent): void {
    const n = this._data?.time.length ?? 0;
    if (n === 0) {
      return;
    }
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      const step = event.key === 'ArrowRight' ? 1 : -1;
      this.select(Math.max(0, Math.min(n - 1, this._selected < 0 ? 0 : this._selected + step)));
      event.preventDefault();
    }
  }
}

/** The plot's height for `clientHeight` px below the legend (0 or less before layout). */
function plotHeight(clientHeight: number): number {
  if (clientHeight <= 0) {
    return PLOT_HEIGHT.fallback;
  }
  const free = clientHeight - MARGIN.top - MARGIN.bottom;
  return Math.max(PLOT_HEIGHT.min, Math.min(PLOT_HEIGHT.max, free));
}

function finiteExtent(values: Float64Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  return min <= max ? (min === max ? [min - 1, max + 1] : [min, max]) : [0, 1];
}

function indicesWhere(flags: Uint8Array): number[] {
  const out: number[] = [];
  flags.forEach((f, i) => f && out.push(i));
  return out;
}
