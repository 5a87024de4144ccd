/**
 * Time-series charts: Vega-Lite specs rendered by vega-embed (bundled, no
 * network: the data are inline, the actions menu is off). A chart is
 * embedded once and then fed new rows through the Vega view, at most a few
 * times a second, so the page stays responsive while the model runs.
 */
import embed from 'vega-embed';
import { changeset, type View } from 'vega';
import { h } from './dom.ts';

export interface Line {
  /** Legend label. */
  label: string;
  color: string;
  dash?: number[];
}

export interface Point {
  year: number;
  series: string;
  value: number;
}

/** New points of a chart from a row on, and the number of rows they cover. */
export type PointSource = (fromRow: number) => { points: Point[]; rows: number };

export function chartSpec(
  lines: Line[],
  values: Point[],
  opts: { title: string; height: number; large: boolean; width: number; yTitle?: string; yDomain?: [number, number] },
) {
  const fs = opts.large ? 20 : 14;
  // As many legend columns as fit the chart's width.
  const itemWidth = 44 + 0.58 * fs * Math.max(...lines.map((l) => l.label.length));
  const columns = Math.max(1, Math.min(lines.length, Math.floor((opts.width - 20) / itemWidth)));
  // Lines differ by dash as well as colour (readable without colour vision, and in grey print).
  const anyDash = lines.length > 1 || lines.some((l) => l.dash);
  return {
    // A fixed width (measured once): no re-fitting of the layout on every update.
    width: Math.max(160, opts.width - 64),
    height: opts.height,
    autosize: { type: 'pad' },
    data: { name: 'points', values },
    mark: { type: 'line', strokeWidth: opts.large ? 4 : 3, interpolate: 'monotone', clip: true },
    encoding: {
      x: { field: 'year', type: 'quantitative', title: 'Years', axis: { tickMinStep: 0.5, grid: false }, scale: { domainMin: 0, nice: false } },
      y: {
        field: 'value',
        type: 'quantitative',
        title: opts.yTitle ?? null,
        scale: opts.yDomain ? { domain: opts.yDomain, zero: false } : { zero: false },
        axis: { tickCount: 5 },
      },
      color: {
        field: 'series',
        type: 'nominal',
        sort: lines.map((l) => l.label),
        scale: { domain: lines.map((l) => l.label), range: lines.map((l) => l.color) },
        legend: {
          orient: 'bottom',
          title: null,
          columns,
          symbolStrokeWidth: 4,
          labelLimit: 260,
        },
      },
      // Points arrive in time order: draw them in that order (no re-sorting of the whole series on every update).
      order: { value: null },
      ...(anyDash
        ? {
            strokeDash: {
              field: 'series',
              type: 'nominal',
              scale: { domain: lines.map((l) => l.label), range: lines.map((l, i) => l.dash ?? DASHES[i % DASHES.length]) },
            },
          }
        : {}),
    },
    config: {
      font: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
      view: { stroke: null },
      axis: { labelFontSize: fs, titleFontSize: fs, gridColor: '#e4e4e4', domainColor: '#555', tickColor: '#555', labelColor: '#222', titleColor: '#222' },
      legend: { labelFontSize: fs, symbolSize: 220 },
    },
  };
}

/** Dash patterns given to lines in order when a line names none: solid first. */
const DASHES: number[][] = [
  [1, 0],
  [10, 4],
  [2, 4],
  [12, 4, 2, 4],
  [6, 6],
  [2, 2],
  [16, 6],
  [8, 3, 2, 3, 2, 3],
];

export class LineChart {
  readonly root: HTMLElement;
  private view: View | null = null;
  private pending: PointSource | null = null;
  /** Rows already in the chart: later updates insert only the new ones (the run only grows). */
  private drawnRows = 0;
  private busy = false;
  private lastDraw = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    container: HTMLElement,
    private readonly lines: Line[],
    private readonly opts: { title: string; height?: number; large: boolean; yTitle?: string; yDomain?: [number, number]; description: string },
  ) {
    const png = h('button', { type: 'button', class: 'chart-png', title: `Save "${opts.title}" as a PNG image` }, 'PNG');
    png.addEventListener('click', () => void this.savePng());
    this.root = h('figure', { class: 'chart' }, h('figcaption', {}, opts.title, ' ', png));
    container.append(this.root);
  }

  /** Embed the chart with its first data (so the first draw has real extents). */
  private embed(source: PointSource): void {
    const { points: values, rows } = source(0);
    this.drawnRows = rows;
    const target = h('div', { class: 'chart-body', role: 'img', 'aria-label': `${this.opts.title}. ${this.opts.description}` });
    this.root.append(target);
    this.busy = true;
    this.lastDraw = performance.now();
    const width = target.clientWidth || 400;
    void embed(target, chartSpec(this.lines, values, { ...this.opts, width, height: this.opts.height ?? (this.opts.large ? 210 : 170) }) as never, {
      actions: false,
      mode: 'vega-lite',
      renderer: 'canvas',
      tooltip: false,
      hover: false,
    })
      .then((r) => {
        this.view = r.view;
      })
      .finally(() => {
        this.busy = false;
        if (this.pending) this.set(this.pending);
      });
  }

  /** Download the chart as drawn, as a PNG at twice the screen resolution. */
  private async savePng(): Promise<void> {
    if (!this.view) return;
    const url = await this.view.toImageURL('png', 2);
    const a = h('a', {
      href: url,
      download: `${this.opts.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')}.png`,
    });
    document.body.append(a);
    a.click();
    a.remove();
  }

  /** Add the run's new rows to the chart (computed and drawn at most every `minGap` ms). */
  set(source: PointSource, minGap = 500): void {
    this.pending = source;
    if (!this.view && !this.busy) {
      this.pending = null;
      this.embed(source);
      return;
    }
    if (!this.view || this.busy || this.timer !== null) return;
    // Each chart draws in a task of its own, never inside the caller's.
    const wait = Math.max(0, this.lastDraw + minGap - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
  }

  private flush(): void {
    if (!this.view || !this.pending || this.busy) return;
    const { points, rows } = this.pending(this.drawnRows);
    this.pending = null;
    if (points.length === 0) return;
    this.drawnRows = rows;
    this.busy = true;
    this.lastDraw = performance.now();
    this.view
      .change('points', changeset().insert(points))
      .runAsync()
      .catch(() => undefined)
      .finally(() => {
        this.busy = false;
        if (this.pending) this.set(this.pending);
      });
  }

  destroy(): void {
    this.pending = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.view?.finalize();
    this.root.remove();
  }
}

/** A band chart: the 10th-90th percentile over seeds of an effect (shaded), its median (line) and zero (dashed rule). */
export function bandSpec(title: string, years: number[], lo: number[], mid: number[], hi: number[], opts: { width: number; large: boolean; color: string }) {
  const fs = opts.large ? 20 : 14;
  const values = years.map((year, i) => ({ year, lo: lo[i], mid: mid[i], hi: hi[i] })).filter((v) => Number.isFinite(v.mid));
  return {
    width: Math.max(160, opts.width - 64),
    height: opts.large ? 190 : 150,
    autosize: { type: 'pad' },
    title: { text: title, fontSize: fs, anchor: 'start' },
    data: { values },
    layer: [
      {
        mark: { type: 'area', opacity: 0.3, color: opts.color },
        encoding: {
          x: { field: 'year', type: 'quantitative', title: 'Years' },
          y: { field: 'lo', type: 'quantitative', title: 'B minus A' },
          y2: { field: 'hi' },
        },
      },
      {
        mark: { type: 'line', color: opts.color, strokeWidth: opts.large ? 4 : 3 },
        encoding: { x: { field: 'year', type: 'quantitative' }, y: { field: 'mid', type: 'quantitative' } },
      },
      { mark: { type: 'rule', color: '#555', strokeDash: [4, 4] }, encoding: { y: { datum: 0 } } },
    ],
    config: { view: { stroke: null }, axis: { labelFontSize: fs, titleFontSize: fs, labelColor: '#222', titleColor: '#222' } },
  };
}

/** Draw a band chart once (it does not update: the seeds are run to the horizon before it is drawn). */
export function drawBand(container: HTMLElement, spec: ReturnType<typeof bandSpec>, label: string): void {
  const target = h('div', { class: 'chart-body' });
  container.append(h('figure', { class: 'chart band', role: 'img', 'aria-label': label }, target));
  void embed(target, spec as never, { actions: false, mode: 'vega-lite', renderer: 'canvas', tooltip: false, hover: false });
}
