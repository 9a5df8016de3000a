// Chart chrome: one tick format per time axis with the dates in its title, value ticks
// without "0G", the tooltip beside the pointer, legends, and theme colours that stand out.
import { ChartTooltip, renderLegend, timeAxis, valueTick } from '../chrome';
import { contrastRatio, mostVisible } from '../theme';

describe('timeAxis', () => {
  it('uses one format for a morning of sessions and puts the date in the title', () => {
    const t0 = Date.UTC(2019, 0, 15, 4, 15);
    const t1 = Date.UTC(2019, 0, 15, 5, 20);
    const axis = timeAxis([t0, t1], 'Session start');
    expect(axis.title).toBe('Session start (UTC), 2019-01-15');
    const ticks = [0, 15, 30, 45, 60].map(m => axis.format(new Date(t0 + m * 60_000)));
    expect(ticks).toEqual(['04:15', '04:30', '04:45', '05:00', '05:15']);
  });

  it('names both ends of a month-long axis and shows days on the ticks', () => {
    const axis = timeAxis([Date.UTC(2019, 4, 1), Date.UTC(2019, 5, 4, 23)], 'Time');
    expect(axis.title).toBe('Time (UTC), 2019-05-01 to 2019-06-04');
    expect(axis.format(new Date(Date.UTC(2019, 4, 5)))).toBe('May 05');
  });
});

describe('valueTick', () => {
  it('writes zero as 0 and large values with SI prefixes', () => {
    expect([0, 5e8, 1e9, 1.5e9].map(valueTick)).toEqual(['0', '500M', '1G', '1.5G']);
    expect([-12.5, -9, 0.25].map(valueTick)).toEqual(['−12.5', '−9', '0.25']);
  });
});

describe('ChartTooltip', () => {
  function host(width: number, height: number): HTMLElement {
    const node = document.createElement('div');
    Object.defineProperty(node, 'clientWidth', { value: width });
    Object.defineProperty(node, 'clientHeight', { value: height });
    document.body.appendChild(node);
    return node;
  }
  function sized(tip: ChartTooltip, w: number, h: number) {
    Object.defineProperty(tip.node, 'offsetWidth', { value: w });
    Object.defineProperty(tip.node, 'offsetHeight', { value: h });
  }

  it('sits just below and right of the pointer, as text', () => {
    const tip = new ChartTooltip(host(800, 400));
    sized(tip, 200, 60);
    tip.show('<b>x</b>', 100, 50);
    expect(tip.node.textContent).toBe('<b>x</b>');
    expect(tip.node.querySelector('b')).toBeNull();
    expect([tip.node.style.left, tip.node.style.top]).toEqual(['112px', '62px']);
    tip.hide();
    expect(tip.node.isConnected).toBe(false);
  });

  it('flips to the pointer’s other side near the right and bottom edges', () => {
    const tip = new ChartTooltip(host(800, 400));
    sized(tip, 200, 60);
    tip.show('x', 700, 380);
    expect([tip.node.style.left, tip.node.style.top]).toEqual(['488px', '308px']);
  });
});

describe('renderLegend', () => {
  it('shows one labelled swatch per mark', () => {
    const node = document.createElement('div');
    renderLegend(node, [
      { label: 'spike', kind: 'dot', color: 'red' },
      { label: '<i>dip</i>', kind: 'dot', color: 'orange' }
    ]);
    expect([...node.querySelectorAll('.jp-hunt-LegendItem')].map(e => e.textContent)).toEqual([
      'spike',
      '<i>dip</i>'
    ]);
    expect(node.querySelectorAll('.jp-hunt-LegendSwatch.jp-mod-dot').length).toBe(2);
  });
});

describe('theme contrast', () => {
  it('measures WCAG contrast', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('rgb(255, 255, 255)', 'white')).toBeCloseTo(1, 5);
    expect(contrastRatio('var(--x)', 'white')).toBeNaN();
  });

  it("picks the dark theme's lighter blue for dots, the light theme's darker one", () => {
    // JupyterLab 4: brand-color1 / brand-color2 and layout-color0 of each theme.
    expect(mostVisible(['#2196f3', '#64b5f6'], '#111', 'blue')).toBe('#64b5f6');
    expect(mostVisible(['#1976d2', '#64b5f6'], 'white', 'blue')).toBe('#1976d2');
    expect(contrastRatio('#64b5f6', '#111')).toBeGreaterThan(7);
  });
});
