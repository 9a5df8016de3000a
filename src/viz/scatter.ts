// Scored sessions over time: one dot per session (x = start time, y = score), the rarest
// highlighted; click (or Enter on the focused chart) selects a session.
import * as d3 from 'd3';
import { Widget } from '@lumino/widgets';
import { Message } from '@lumino/messaging';
import { ISignal, Signal } from '@lumino/signaling';
import { IDisposable } from '@lumino/disposable';
import { drawAxes } from './timeseries';
import { IChartTheme, readTheme, watchTheme } from './theme';

export interface IScatterData {
  /** x values: ms since epoch when `xIsTime`, else plain numbers (e.g. row numbers). */
  time: Float64Array;
  xIsTime: boolean;
  value: Float64Array;
  /** Points drawn highlighted (e.g. the rarest sessions). */
  highlight: Uint8Array;
  valueLabel: string;
  /** Text shown for a point on hover/selection (rendered as text). */
  describe(index: number): string;
}

const MARGIN = { top: 10, right: 16, bottom: 24, left: 64 };
const HEIGHT = 220;
/** Above this many points the dots draw on a canvas; SVG keeps axes and the selection. */
const CANVAS_THRESHOLD = 5000;

export class ScatterChart extends Widget {
  private _data: IScatterData | null = null;
  private _selected = -1;
  private _theme: IChartTheme = readTheme();
  private readonly _themeWatch: IDisposable;
  private readonly _selectedChanged = new Signal<this, number>(this);
  private readonly _caption = document.createElement('div');

  constructor() {
    super();
    this.addClass('jp-hunt-ScatterChart');
    this.node.tabIndex = 0;
    this._caption.className = 'jp-hunt-ChartTooltip';
    this._caption.setAttribute('role', 'status');
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
    this._caption.textContent = this._data && index >= 0 ? this._data.describe(index) : '';
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
    const width = this.node.clientWidth || 800;
    const innerWidth = Math.max(100, width - MARGIN.left - MARGIN.right);
    const x = (data.xIsTime ? d3.scaleUtc() : d3.scaleLinear()) as unknown as d3.ScaleLinear<
      number,
      number
    >;
    x.domain(finiteExtent(data.time)).nice().range([0, innerWidth]);
    const y = d3.scaleLinear().domain(finiteExtent(data.value)).nice().range([HEIGHT, 0]);
    const n = data.time.length;
    if (n > CANVAS_THRESHOLD) {
      this._drawCanvas(x, y, width);
    }
    const svg = root
      .insert('svg', ':first-child')
      .attr('width', width)
      .attr('height', HEIGHT + MARGIN.top + MARGIN.bottom)
      .attr('role', 'img')
      .attr('aria-label', `${data.valueLabel} per session over time`)
      .style('position', 'relative');
    const g = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    drawAxes(g, x, y, HEIGHT, t, data.valueLabel);
    const svgPoints = n > CANVAS_THRESHOLD ? indicesWhere(data.highlight) : d3.range(n);
    g.selectAll('circle')
      .data(svgPoints)
      .join('circle')
      .attr('cx', i => x(data.time[i]))
      .attr('cy', i => y(data.value[i]))
      .attr('r', i => (i === this._selected ? 6 : data.highlight[i] ? 4 : 2.5))
      .attr('fill', i => (data.highlight[i] ? t.anomaly : t.line))
      .attr('stroke', i => (i === this._selected ? t.foreground : 'none'))
      .attr('fill-opacity', 0.8);
    svg.on('click', (event: MouseEvent) => {
      const [mx, my] = d3.pointer(event, g.node());
      const nearest = d3.least(
        d3.range(n),
        i => (x(data.time[i]) - mx) ** 2 + (y(data.value[i]) - my) ** 2
      );
      if (nearest !== undefined) {
        this.select(nearest);
      }
    });
    if (!this._caption.isConnected) {
      this.node.appendChild(this._caption);
    }
  }

  private _drawCanvas(
    x: d3.ScaleLinear<number, number>,
    y: d3.ScaleLinear<number, number>,
    width: number
  ): void {
    const data = this._data!;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = HEIGHT + MARGIN.top + MARGIN.bottom;
    canvas.className = 'jp-hunt-ChartCanvas';
    this.node.insertBefore(canvas, this.node.firstChild);
    const ctx = canvas.getContext('2d');
    if (!ctx) {
      return;
    }
    ctx.fillStyle = this._theme.line;
    ctx.globalAlpha = 0.5;
    for (let i = 0; i < data.time.length; i++) {
      ctx.fillRect(MARGIN.left + x(data.time[i]) - 1, MARGIN.top + y(data.value[i]) - 1, 2, 2);
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
