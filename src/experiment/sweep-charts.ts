/**
 * Vega-Lite charts for a sweep, with their data inlined (the specs are saved
 * as charts/<name>.vl.json and rendered to SVG for the report):
 *
 * - main effects: mean of each chart metric against each factor's levels
 *   (continuous factors of sampling designs are cut into equal-width bins),
 *   with 95% intervals (sweep-levels.ts), one shared y scale per metric and
 *   at most PANELS_PER_ROW panels a row, so the grid fits a page;
 * - heatmap: the first chart metric over the first two factors;
 * - tornado: factor importance per metric (Sobol ST and S1 with bootstrap
 *   intervals, Morris mu* with its interval, or for other designs the range
 *   of each factor's main effect). Sobol indices are drawn as estimated, on
 *   one scale for all metrics, with the values an index cannot take (below
 *   0, above 1) shaded: an estimate reaching into them is noise, not a
 *   finding (the report says so and how many samples would settle it).
 */
import type { DesignType, FactorDef, FactorValue } from './designs.ts';
import { OKABE_ITO } from '../common/palette.ts';
import { CHART_CONFIG, r6, VEGA_LITE_SCHEMA, type ChartDef } from '../output/chart-spec.ts';
import { BINS, groupPoints, isGrid, levelStats, type PointMetric } from './sweep-levels.ts';

/** A sweep chart has the same shape as a run chart. */
export type SweepChart = ChartDef;

export interface SensitivityRow {
  method: 'sobol' | 'morris';
  metric: string;
  factor: string;
  index: string;
  value: number;
  ciLow: number;
  ciHigh: number;
  n: number;
}

export interface ChartInput {
  factors: FactorDef[];
  designType: DesignType;
  /** Factor values of each design point. */
  points: FactorValue[][];
  /** Metrics to chart, with the per-point mean over replications (and the sd and count of the runs, for intervals). */
  metrics: PointMetric[];
  sensitivity: SensitivityRow[];
}

/** A sweep chart's top-level spec (config before title, as sweeps have always written it). */
function sweepSpec(text: string, subtitle: string, body: Record<string, unknown>): Record<string, unknown> {
  return { $schema: VEGA_LITE_SCHEMA, config: CHART_CONFIG, title: { text, subtitle }, ...body };
}

/** Main-effect panels per row: a wider grid would overflow a page (the report is read at about 1000 px). */
const PANELS_PER_ROW = 4;

/** Rows of the main-effects chart: the mean and 95% interval of each metric at each level of each factor. */
function mainEffectRows(input: ChartInput): Record<string, string | number | null>[] {
  const rows: Record<string, string | number | null>[] = [];
  input.factors.forEach((f, fi) => {
    const g = groupPoints(input, fi);
    for (const m of input.metrics)
      for (const e of levelStats(input, fi, m, g)) {
        if (e.points === 0) continue;
        const ci = Number.isFinite(e.lo) && Number.isFinite(e.hi);
        rows.push({
          factor: f.name,
          level: e.label,
          order: e.order,
          metric: m.name,
          mean: r6(e.mean),
          lo: ci ? r6(e.lo) : null,
          hi: ci ? r6(e.hi) : null,
          points: e.points,
        });
      }
  });
  return rows;
}

/** One metric's panels, one per factor, wrapped into rows, sharing one y scale (so a flat factor looks flat). */
function mainEffectPanels(metric: string, factors: string[], withCi: boolean): Record<string, unknown> {
  const x = { field: 'level', type: 'ordinal', sort: { field: 'order', op: 'min' }, title: null };
  const y = { field: 'mean', type: 'quantitative', scale: { zero: false }, title: metric };
  const layer: Record<string, unknown>[] = [];
  if (withCi)
    layer.push({
      mark: { type: 'rule', color: OKABE_ITO.blue, strokeWidth: 1.5, opacity: 0.6 },
      encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
    });
  layer.push(
    { mark: { type: 'line', color: OKABE_ITO.blue }, encoding: { x, y } },
    {
      mark: { type: 'point', filled: true, color: OKABE_ITO.blue },
      encoding: {
        x,
        y: { field: 'mean', type: 'quantitative' },
        tooltip: [
          { field: 'factor' },
          { field: 'level' },
          { field: 'mean', format: '.4g' },
          { field: 'lo', format: '.4g' },
          { field: 'hi', format: '.4g' },
          { field: 'points', title: 'design points' },
        ],
      },
    },
  );
  return {
    transform: [{ filter: { field: 'metric', equal: metric } }],
    facet: { field: 'factor', type: 'nominal', title: null, sort: factors },
    columns: Math.min(PANELS_PER_ROW, factors.length),
    spec: { width: 150, height: 110, layer },
    resolve: { scale: { x: 'independent' }, axis: { y: 'independent' } },
  };
}

function mainEffectsChart(input: ChartInput): SweepChart | undefined {
  if (input.factors.length === 0 || input.metrics.length === 0) return undefined;
  const rows = mainEffectRows(input);
  if (rows.length === 0) return undefined;
  const withCi = rows.some((r) => r.lo !== null);
  const grid = isGrid(input.designType);
  const ciText = !withCi
    ? ' No intervals: the design has one run per point, so seed noise cannot be told apart.'
    : grid
      ? ' Bars are 95% confidence intervals of each mean from the replications (seed noise).'
      : ' Bars are 95% confidence intervals of each mean over the design points in the bin (the other factors are sampled at random, so the interval includes their spread as well as seed noise).';
  const factors = input.factors.map((f) => f.name);
  return {
    name: 'main-effects',
    title: 'Main effects',
    explanation:
      `Each panel shows the mean of one metric at each level of one factor, averaged over the replications and over all other factors; panels of the same metric share one vertical scale, so a steep line marks an influential factor and a flat one a factor that hardly matters. Continuous factors of sampling designs are cut into ${BINS} equal-width bins, labelled by their midpoints.` +
      ciText,
    spec: sweepSpec('Main effects', `Mean over replications and over the other factors${withCi ? ', with 95% confidence intervals' : ''}`, {
      data: { values: rows },
      vconcat: input.metrics.map((m) => mainEffectPanels(m.name, factors, withCi)),
      resolve: { scale: { y: 'independent' } },
    }),
  };
}

function heatmapChart(input: ChartInput): SweepChart | undefined {
  if (input.factors.length < 2 || input.metrics.length === 0) return undefined;
  const gx = groupPoints(input, 0);
  const gy = groupPoints(input, 1);
  const m = input.metrics[0];
  const nx = gx.labels.length;
  const sum = new Float64Array(nx * gy.labels.length);
  const cnt = new Int32Array(nx * gy.labels.length);
  for (let i = 0; i < input.points.length; i++) {
    const y = m.pointMeans[i];
    if (!Number.isFinite(y)) continue;
    const c = gy.groupOf[i] * nx + gx.groupOf[i];
    sum[c] += y;
    cnt[c]++;
  }
  const rows: Record<string, string | number>[] = [];
  const vals: number[] = [];
  for (let j = 0; j < gy.labels.length; j++) {
    for (let i = 0; i < nx; i++) {
      const c = j * nx + i;
      if (cnt[c] === 0) continue;
      const mean = r6(sum[c] / cnt[c]);
      vals.push(mean);
      rows.push({ x: gx.labels[i], xo: gx.order[i], y: gy.labels[j], yo: gy.order[j], mean, points: cnt[c] });
    }
  }
  if (rows.length === 0) return undefined;
  // Labels are dark on the light (high) end of viridis, light on the dark end.
  const mid = (Math.min(...vals) + Math.max(...vals)) / 2;
  const fx = input.factors[0].name;
  const fy = input.factors[1].name;
  return {
    name: 'heatmap',
    title: `${m.name} by ${fx} and ${fy}`,
    explanation: `Mean of ${m.name} (over replications and the other factors) for each combination of ${fx} and ${fy}; brighter (yellow) cells are higher, dark (purple) cells lower. Continuous factors are shown by bin midpoints.`,
    spec: sweepSpec(`${m.name} by ${fx} and ${fy}`, 'Mean over replications and over the other factors', {
      data: { values: rows },
      width: Math.min(600, Math.max(200, 50 * nx)),
      height: Math.min(400, Math.max(150, 36 * gy.labels.length)),
      layer: [
        {
          mark: 'rect',
          encoding: {
            x: { field: 'x', type: 'ordinal', sort: { field: 'xo', op: 'min' }, title: fx },
            y: { field: 'y', type: 'ordinal', sort: { field: 'yo', op: 'min', order: 'descending' }, title: fy },
            color: { field: 'mean', type: 'quantitative', title: m.name, scale: { scheme: 'viridis' } },
            tooltip: [
              { field: 'x', title: fx },
              { field: 'y', title: fy },
              { field: 'mean', format: '.4g' },
              { field: 'points', title: 'design points' },
            ],
          },
        },
        {
          mark: { type: 'text', fontSize: 10 },
          encoding: {
            x: { field: 'x', type: 'ordinal', sort: { field: 'xo', op: 'min' } },
            y: { field: 'y', type: 'ordinal', sort: { field: 'yo', op: 'min', order: 'descending' } },
            text: { field: 'mean', type: 'quantitative', format: '.3g' },
            color: { condition: { test: `datum.mean > ${mid}`, value: 'black' }, value: 'white' },
          },
        },
      ],
    }),
  };
}

interface TornadoRow {
  metric: string;
  factor: string;
  index: string;
  value: number;
  low: number | null;
  high: number | null;
  /** Sort key of the factor within its metric (its ST for Sobol, else its value). */
  rank?: number;
}

/** The bars of the tornado chart and how to describe them. */
interface TornadoData {
  rows: TornadoRow[];
  subtitle: string;
  xTitle: string;
  explanation: string;
}

function sobolBars(input: ChartInput, metricNames: Set<string>): TornadoData {
  return {
    rows: input.sensitivity
      .filter((s) => s.method === 'sobol' && metricNames.has(s.metric))
      .map((s) => ({ metric: s.metric, factor: s.factor, index: s.index, value: r6(s.value), low: r6(s.ciLow), high: r6(s.ciHigh) })),
    subtitle: 'Sobol indices: total (ST) and first-order (S1), with bootstrap intervals',
    xTitle: 'index',
    explanation:
      'Variance-based importance of each factor. ST (total) is the share of output variance the factor is involved in, including interactions; S1 (first order) is the share it explains alone. Bars are sorted by ST; whiskers are bootstrap confidence intervals. Both indices lie between 0 and 1 by definition: estimates drawn into the shaded zones (below 0 or above 1) are sampling noise, and the report says how many base samples would narrow them.',
  };
}

function morrisBars(input: ChartInput, metricNames: Set<string>): TornadoData {
  return {
    rows: input.sensitivity
      .filter((s) => s.method === 'morris' && s.index === 'mu_star' && metricNames.has(s.metric))
      .map((s) => ({ metric: s.metric, factor: s.factor, index: 'mu*', value: r6(s.value), low: r6(s.ciLow), high: r6(s.ciHigh) })),
    subtitle: 'Morris mu* (mean absolute elementary effect), with bootstrap intervals',
    xTitle: 'mu*',
    explanation:
      'Screening importance of each factor: mu* is the mean absolute change in the metric for a step of the factor (in units of its range). Larger is more influential.',
  };
}

function mainEffectRangeBars(input: ChartInput): TornadoData {
  const rows: TornadoRow[] = [];
  for (const m of input.metrics) {
    input.factors.forEach((f, fi) => {
      const e = levelStats(input, fi, m)
        .filter((x) => x.points > 0)
        .map((x) => x.mean);
      if (e.length === 0) return;
      rows.push({ metric: m.name, factor: f.name, index: 'range', value: r6(Math.max(...e) - Math.min(...e)), low: null, high: null });
    });
  }
  return {
    rows,
    subtitle: 'Range of each factor\u2019s main effect (largest minus smallest level mean)',
    xTitle: 'main-effect range',
    explanation:
      'How far the mean of each metric moves across the levels of each factor, averaged over the other factors. Longer bars mark more influential factors.',
  };
}

/** The x range of Sobol bars: 0 to 1, widened to every estimate and interval. */
function sobolDomain(rows: TornadoRow[]): [number, number] {
  const xs = rows.flatMap((r) => [r.value, r.low ?? NaN, r.high ?? NaN]).filter(Number.isFinite);
  return [Math.min(0, ...xs), Math.max(1, ...xs)];
}

/** Shaded zones below 0 and above 1 (values no Sobol index can take), with rules at 0 and 1. */
function impossibleZones([lo, hi]: [number, number]): Record<string, unknown>[] {
  const zone = (a: number, b: number) => ({ mark: { type: 'rect', color: '#ececec' }, encoding: { x: { datum: a, type: 'quantitative' }, x2: { datum: b } } });
  const rule = (x: number) => ({ mark: { type: 'rule', color: '#999999', strokeDash: [3, 3] }, encoding: { x: { datum: x, type: 'quantitative' } } });
  return [...(lo < 0 ? [zone(lo, 0)] : []), ...(hi > 1 ? [zone(1, hi)] : []), rule(0), rule(1)];
}

/** Bars (and interval whiskers if any) of factor importance, sorted by rank. */
function tornadoLayer(rows: TornadoRow[], xTitle: string, sobol: boolean): Record<string, unknown>[] {
  const hasCi = rows.some((r) => r.low !== null && Number.isFinite(r.low));
  const yEnc = { field: 'factor', type: 'nominal', sort: { field: 'rank', op: 'max', order: 'descending' }, title: null };
  const domain = sobol ? sobolDomain(rows) : undefined;
  const layer: Record<string, unknown>[] = [
    ...(domain ? impossibleZones(domain) : []),
    {
      mark: { type: 'bar', height: { band: 0.7 } },
      encoding: {
        y: yEnc,
        x: { field: 'value', type: 'quantitative', title: xTitle, ...(domain ? { scale: { domain, nice: false } } : {}) },
        color: {
          field: 'index',
          type: 'nominal',
          title: null,
          scale: { domain: sobol ? ['ST', 'S1'] : [rows[0].index], range: [OKABE_ITO.blue, OKABE_ITO.orange] },
          legend: null,
        },
        tooltip: [
          { field: 'metric' },
          { field: 'factor' },
          { field: 'index' },
          { field: 'value', format: '.3g' },
          { field: 'low', format: '.3g' },
          { field: 'high', format: '.3g' },
        ],
      },
    },
  ];
  if (hasCi) {
    layer.push({
      mark: { type: 'rule', color: '#333333', strokeWidth: 1.5 },
      encoding: {
        y: { ...yEnc, bandPosition: 0.5 },
        x: { field: 'low', type: 'quantitative' },
        x2: { field: 'high' },
      },
    });
  }
  return layer;
}

function tornadoChart(input: ChartInput): SweepChart | undefined {
  if (input.factors.length === 0 || input.metrics.length === 0) return undefined;
  const metricNames = new Set(input.metrics.map((m) => m.name));
  const sobol = input.designType === 'sobol';
  const data = sobol ? sobolBars(input, metricNames) : input.designType === 'morris' ? morrisBars(input, metricNames) : mainEffectRangeBars(input);
  const rows = data.rows.filter((r) => Number.isFinite(r.value));
  if (rows.length === 0) return undefined;
  for (const r of rows) {
    const st = rows.find((q) => q.metric === r.metric && q.factor === r.factor && (q.index === 'ST' || !sobol));
    r.rank = st?.value ?? 0;
  }
  return {
    name: 'tornado',
    title: 'Sensitivity',
    explanation: data.explanation,
    spec: sweepSpec('Sensitivity', data.subtitle, {
      data: { values: rows },
      facet: {
        row: { field: 'metric', type: 'nominal', title: null, sort: input.metrics.map((m) => m.name) },
        // Sobol: total (ST) and first-order (S1) indices side by side.
        ...(sobol ? { column: { field: 'index', type: 'nominal', title: null } } : {}),
      },
      spec: { width: sobol ? 260 : 420, height: { step: 20 }, layer: tornadoLayer(rows, data.xTitle, sobol) },
      // Sobol indices share one 0-1 scale; mu* and main-effect ranges are in each metric's own unit.
      resolve: { scale: { y: 'independent', x: sobol ? 'shared' : 'independent' } },
    }),
  };
}

/** The sweep's charts that have data: main effects, heatmap, tornado. */
export function sweepCharts(input: ChartInput): SweepChart[] {
  return [mainEffectsChart(input), heatmapChart(input), tornadoChart(input)].flatMap((c) => c ?? []);
}
