/**
 * Vega-Lite charts for a sweep, with their data inlined (the specs are saved
 * as charts/<name>.vl.json and rendered to SVG for the report):
 *
 * - main effects: mean of each chart metric against each factor's levels
 *   (continuous factors of sampling designs are cut into equal-width bins);
 * - heatmap: the first chart metric over the first two factors;
 * - tornado: factor importance per metric (Sobol ST and S1 with bootstrap
 *   intervals, Morris mu* with its interval, or for other designs the range
 *   of each factor's main effect).
 */
import type { DesignType, FactorDef, FactorValue } from './designs.ts';
import { OKABE_ITO } from '../common/palette.ts';
import { CHART_CONFIG, r6, VEGA_LITE_SCHEMA, type ChartDef } from '../output/chart-spec.ts';

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
  /** Metrics to chart, with the per-point mean over replications. */
  metrics: { name: string; pointMeans: Float64Array }[];
  sensitivity: SensitivityRow[];
}

const BINS = 8;

/** A sweep chart's top-level spec (config before title, as sweeps have always written it). */
function sweepSpec(text: string, subtitle: string, body: Record<string, unknown>): Record<string, unknown> {
  return { $schema: VEGA_LITE_SCHEMA, config: CHART_CONFIG, title: { text, subtitle }, ...body };
}

function fmt(v: FactorValue): string {
  return typeof v === 'number' ? String(r6(v)) : String(v);
}

/** Whether a factor is shown by its levels (true) or binned (false). */
function isDiscrete(f: FactorDef, designType: DesignType, distinct: number): boolean {
  if (f.levels) return true;
  if (designType === 'factorial' || designType === 'explicit') return distinct <= 24 || f.min === undefined;
  return distinct <= BINS;
}

interface FactorGroups {
  /** Group (level or bin) of every point. */
  groupOf: Int32Array;
  labels: string[];
  /** Sort key of each group. */
  order: number[];
}

/** Assign every point to a level or bin of factor `fi`. */
function groupPoints(input: Pick<ChartInput, 'factors' | 'designType' | 'points'>, fi: number): FactorGroups {
  const f = input.factors[fi];
  const values = input.points.map((p) => p[fi]);
  const distinct = new Map<string, FactorValue>();
  for (const v of values) distinct.set(`${typeof v}:${String(v)}`, v);
  const groupOf = new Int32Array(values.length);
  if (isDiscrete(f, input.designType, distinct.size)) {
    let levels = [...distinct.values()];
    if (f.levels) {
      const seen = new Set(levels.map((v) => `${typeof v}:${String(v)}`));
      levels = f.levels.filter((v) => seen.has(`${typeof v}:${String(v)}`));
    } else {
      const nums = levels.filter((v) => typeof v === 'number');
      if (nums.length === levels.length) levels = nums.sort((a, b) => a - b);
    }
    const index = new Map(levels.map((v, i) => [`${typeof v}:${String(v)}`, i]));
    values.forEach((v, i) => (groupOf[i] = index.get(`${typeof v}:${String(v)}`) ?? 0));
    return { groupOf, labels: levels.map(fmt), order: levels.map((_, i) => i) };
  }
  const nums = values.map(Number);
  const min = f.min ?? Math.min(...nums);
  const max = f.max ?? Math.max(...nums);
  const width = (max - min) / BINS || 1;
  nums.forEach((v, i) => (groupOf[i] = Math.min(BINS - 1, Math.max(0, Math.floor((v - min) / width)))));
  const labels = Array.from({ length: BINS }, (_, b) => String(Number((min + (b + 0.5) * width).toPrecision(3))));
  return { groupOf, labels, order: labels.map((_, i) => i) };
}

function groupMeans(g: FactorGroups, y: Float64Array): { mean: number; n: number }[] {
  const sum = new Float64Array(g.labels.length);
  const cnt = new Int32Array(g.labels.length);
  for (let i = 0; i < g.groupOf.length; i++) {
    if (!Number.isFinite(y[i])) continue;
    sum[g.groupOf[i]] += y[i];
    cnt[g.groupOf[i]]++;
  }
  return g.labels.map((_, b) => ({ mean: cnt[b] ? sum[b] / cnt[b] : NaN, n: cnt[b] }));
}

function mainEffectsChart(input: ChartInput): SweepChart | undefined {
  if (input.factors.length === 0 || input.metrics.length === 0) return undefined;
  const rows: Record<string, string | number>[] = [];
  input.factors.forEach((f, fi) => {
    const g = groupPoints(input, fi);
    for (const m of input.metrics) {
      groupMeans(g, m.pointMeans).forEach((e, b) => {
        if (e.n > 0) rows.push({ factor: f.name, level: g.labels[b], order: g.order[b], metric: m.name, mean: r6(e.mean), points: e.n });
      });
    }
  });
  if (rows.length === 0) return undefined;
  return {
    name: 'main-effects',
    title: 'Main effects',
    explanation:
      'Each panel shows the mean of one metric (rows) at each level of one factor (columns), averaged over the replications and over all other factors. A steep line marks an influential factor; continuous factors of sampling designs are cut into equal-width bins.',
    spec: sweepSpec('Main effects', 'Mean over replications and over the other factors', {
      data: { values: rows },
      facet: {
        row: { field: 'metric', type: 'nominal', title: null, sort: input.metrics.map((m) => m.name) },
        column: { field: 'factor', type: 'nominal', title: null, sort: input.factors.map((f) => f.name) },
      },
      spec: {
        width: 150,
        height: 110,
        layer: [
          {
            mark: { type: 'line', color: OKABE_ITO.blue },
            encoding: {
              x: { field: 'level', type: 'ordinal', sort: { field: 'order', op: 'min' }, title: null },
              y: { field: 'mean', type: 'quantitative', scale: { zero: false }, title: 'mean' },
            },
          },
          {
            mark: { type: 'point', filled: true, color: OKABE_ITO.blue },
            encoding: {
              x: { field: 'level', type: 'ordinal', sort: { field: 'order', op: 'min' } },
              y: { field: 'mean', type: 'quantitative' },
              tooltip: [
                { field: 'factor' },
                { field: 'level' },
                { field: 'metric' },
                { field: 'mean', format: '.4g' },
                { field: 'points', title: 'design points' },
              ],
            },
          },
        ],
      },
      resolve: { scale: { x: 'independent', y: 'independent' } },
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
      'Variance-based importance of each factor. ST (total) is the share of output variance the factor is involved in, including interactions; S1 (first order) is the share it explains alone. Bars are sorted by ST; whiskers are bootstrap confidence intervals.',
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
      const e = groupMeans(groupPoints(input, fi), m.pointMeans)
        .filter((x) => x.n > 0)
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

/** Bars (and interval whiskers if any) of factor importance, sorted by rank. */
function tornadoLayer(rows: TornadoRow[], xTitle: string, sobol: boolean): Record<string, unknown>[] {
  const hasCi = rows.some((r) => r.low !== null && Number.isFinite(r.low));
  const yEnc = { field: 'factor', type: 'nominal', sort: { field: 'rank', op: 'max', order: 'descending' }, title: null };
  const layer: Record<string, unknown>[] = [
    {
      mark: { type: 'bar', height: { band: 0.7 } },
      encoding: {
        y: yEnc,
        x: { field: 'value', type: 'quantitative', title: xTitle },
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
      resolve: { scale: { y: 'independent', x: 'independent' } },
    }),
  };
}

/** The sweep's charts that have data: main effects, heatmap, tornado. */
export function sweepCharts(input: ChartInput): SweepChart[] {
  return [mainEffectsChart(input), heatmapChart(input), tornadoChart(input)].flatMap((c) => c ?? []);
}
