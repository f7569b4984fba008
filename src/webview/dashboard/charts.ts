import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MetricSample } from '../../core/protocol/dashboard';
import type { ChartPoint } from '../../core/protocol/dashboardChartPoints';
import { el } from '../shared/dom';
import { formatBytes, formatDecimal, formatInteger } from '../shared/format';
import { readChartTheme, withAlpha, type ChartTheme } from './theme';

interface SeriesSpec {
  label: string;
  value: (s: MetricSample) => number | null;
}

interface ChartSpec {
  id: string;
  title: string;
  series: SeriesSpec[];
  format: (n: number) => string;
  /** A fixed y range; otherwise 0 to a little above the highest value. */
  range?: [number, number];
  /** Tick steps for the y axis (bytes want powers of two). */
  incrs?: number[];
}

/** 1, 2, 4 … 512 times each binary unit: round numbers once formatted as KB, MB, GB. */
const BINARY_STEPS = [0, 1, 2, 3, 4].flatMap((unit) => [1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map((n) => n * 1024 ** unit));

const CHARTS: ChartSpec[] = [
  { id: 'ops', title: 'Operations per second', series: [{ label: 'ops/s', value: (s) => s.opsPerSec }], format: formatDecimal },
  {
    id: 'memory',
    title: 'Memory',
    series: [
      { label: 'used', value: (s) => s.usedMemory },
      { label: 'RSS', value: (s) => s.usedMemoryRss },
    ],
    format: formatBytes,
    incrs: BINARY_STEPS,
  },
  {
    id: 'clients',
    title: 'Clients',
    series: [
      { label: 'connected', value: (s) => s.connectedClients },
      { label: 'blocked', value: (s) => s.blockedClients },
    ],
    format: formatInteger,
  },
  {
    id: 'hits',
    title: 'Keyspace hit ratio since start',
    series: [{ label: 'hits %', value: (s) => (s.hitRatio === null ? null : s.hitRatio * 100) }],
    format: (n) => `${formatDecimal(n)} %`,
    range: [0, 100],
  },
  {
    id: 'network',
    title: 'Network (KB/s)',
    series: [
      { label: 'in', value: (s) => s.netInKbps },
      { label: 'out', value: (s) => s.netOutKbps },
    ],
    format: formatDecimal,
  },
];

const CHART_HEIGHT = 150;

/** The live charts of the selected node, one uPlot per metric. */
export class ChartGrid {
  readonly element = el('section', { className: 'charts', attrs: { 'aria-label': 'Live charts' } });
  private plots: { spec: ChartSpec; host: HTMLElement; plot: uPlot; values: HTMLElement[] }[] = [];
  private points: ChartPoint[] = [];
  private readonly resizeObserver = new ResizeObserver(() => this.resize());

  constructor() {
    this.build();
    this.resizeObserver.observe(this.element);
  }

  setPoints(points: ChartPoint[]): void {
    this.points = points;
    for (const chart of this.plots) {
      chart.plot.setData(toData(chart.spec, points));
      this.showLatest(chart.spec, chart.values);
    }
  }

  /** Recreates the charts with the current theme colours. */
  rebuild(): void {
    for (const { plot } of this.plots) plot.destroy();
    this.element.replaceChildren();
    this.build();
  }

  private build(): void {
    const theme = readChartTheme();
    this.plots = CHARTS.map((spec) => {
      const host = el('div', { className: 'chart-canvas' });
      // Our own legend with the latest values: uPlot's shows values only under the cursor.
      const values = spec.series.map(() => el('span', { className: 'legend-value' }));
      const legend = spec.series.map((series, i) => {
        const swatch = el('span', { className: 'swatch', attrs: { 'aria-hidden': 'true' } });
        swatch.style.background = theme.series[i % theme.series.length];
        return el('span', { className: 'legend-item' }, [swatch, el('span', { text: `${series.label} ` }), values[i]]);
      });
      const caption = el('figcaption', {}, [el('span', { className: 'chart-title', text: spec.title }), el('span', { className: 'legend' }, legend)]);
      this.element.append(el('figure', { className: 'chart', attrs: { 'data-chart': spec.id } }, [caption, host]));
      const plot = new uPlot(options(spec, theme, widthOf(host)), toData(spec, this.points), host);
      this.showLatest(spec, values);
      return { spec, host, plot, values };
    });
  }

  private showLatest(spec: ChartSpec, values: HTMLElement[]): void {
    const latest = [...this.points].reverse().find((p): p is MetricSample => !('gap' in p));
    spec.series.forEach((series, i) => {
      const value = latest ? series.value(latest) : null;
      values[i].textContent = value === null ? '–' : spec.format(value);
    });
  }

  private resize(): void {
    for (const { host, plot } of this.plots) {
      const width = widthOf(host);
      if (width !== plot.width) plot.setSize({ width, height: CHART_HEIGHT });
    }
  }
}

function widthOf(host: HTMLElement): number {
  return Math.max(200, Math.floor(host.clientWidth || host.parentElement?.clientWidth || 300));
}

function toData(spec: ChartSpec, points: ChartPoint[]): uPlot.AlignedData {
  const xs = points.map((p) => p.t / 1000);
  const ys = spec.series.map((series) => points.map((p) => ('gap' in p ? null : series.value(p))));
  return [xs, ...ys];
}

function options(spec: ChartSpec, theme: ChartTheme, width: number): uPlot.Options {
  const axis = (values?: uPlot.Axis['values']): uPlot.Axis => ({
    stroke: theme.foreground,
    font: theme.font,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1 },
    ...(values ? { values, size: 72, incrs: spec.incrs } : {}),
  });
  return {
    width,
    height: CHART_HEIGHT,
    pxAlign: 0,
    cursor: { drag: { x: false, y: false } },
    legend: { show: false },
    scales: {
      x: { time: true },
      y: { range: spec.range ? () => spec.range as uPlot.Range.MinMax : (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] },
    },
    axes: [axis(), axis((_u, ticks) => ticks.map(spec.format))],
    series: [
      {},
      ...spec.series.map((s, i): uPlot.Series => {
        const color = theme.series[i % theme.series.length];
        return {
          label: s.label,
          stroke: color,
          width: theme.highContrast ? 2.5 : 1.5,
          fill: i === 0 && !theme.highContrast ? withAlpha(color, 0.12) : undefined,
          spanGaps: false,
        };
      }),
    ],
  };
}
