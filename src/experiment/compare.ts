/**
 * Compare two scenarios over the same seeds (common random numbers).
 *
 * Both scenarios run with seeds s_1..s_N, where
 *   s_i = first 32 bits (big-endian) of sha256(`collabsim-compare|<masterSeed>|<i>`),
 * so replication i of A and of B share every random stream and differ only
 * by the policy: the paired differences d_i = b_i - a_i carry less noise
 * than two independent samples would. For each key metric (its final value,
 * see collectOutput), with n pairs where both values exist:
 *   mean difference   d = mean(d_i), sd_d = sample sd of d_i
 *   95% CI            d +/- t(0.975, n-1) * sd_d / sqrt(n)
 *   paired effect     d_z = d / sd_d                      (Cohen's d_z)
 *   Hedges' g         (mean_b - mean_a) / s_p * J,  s_p = sqrt((sd_a^2 + sd_b^2) / 2),
 *                     J = 1 - 3 / (4 (2n - 2) - 1)        (between-scenario size, bias-corrected)
 *   p                 two-sided paired t test
 * Runs happen in this process, one after another, so the numbers are the
 * same on every machine and every call.
 */
import * as path from 'node:path';
import type { RunOutput } from '../engine/contract.ts';
import { sha256Hex } from '../common/hash.ts';
import type { Scenario } from '../scenario/schema.ts';
import { simulate, scenarioHash } from '../simulate.ts';
import { tCdf, t975 } from './stats.ts';
import { publishFolder } from '../output/atomic.ts';
import { toCsv } from '../output/csv.ts';
import { renderSvg, type RenderOptions } from '../output/render.ts';
import { escapeHtml } from '../output/report.ts';
import { stableJson } from '../common/json.ts';
import { CHART_CONFIG, CHART_WIDTH, OKABE_ITO, VEGA_LITE_SCHEMA } from '../output/charts.ts';

export interface CompareMetric {
  metric: string;
  label: string;
  unit: string;
  /** Which direction is better for readers ('none' when it depends). */
  better: 'higher' | 'lower' | 'none';
}

/** The key metrics compared (final values); those a run does not report are left out. */
export const COMPARE_METRICS: CompareMetric[] = [
  { metric: 'trust_mean', label: 'Mean relational trust', unit: '0..1', better: 'higher' },
  { metric: 'high_trust_share', label: 'Share of high-trust relationships', unit: 'share', better: 'higher' },
  { metric: 'lencioni_results', label: 'Lencioni: attention to collective results', unit: '0..1', better: 'higher' },
  { metric: 'effectiveness_mean', label: 'Mean school effectiveness', unit: '0..1', better: 'higher' },
  { metric: 'effectiveness_gap', label: 'Effectiveness gap, others minus disadvantaged', unit: '0..1', better: 'lower' },
  { metric: 'share_improving', label: 'Share of schools improving', unit: 'share', better: 'higher' },
  { metric: 'pl_access_mean', label: 'Access to professional learning (mean inflow)', unit: 'per year', better: 'higher' },
  { metric: 'pl_access_gini', label: 'Inequality of access to professional learning (Gini)', unit: '0..1', better: 'lower' },
  { metric: 'pl_reach_sd', label: 'Dispersion of expertise within reach', unit: '0..1', better: 'lower' },
  { metric: 'teacher_retention', label: 'Teachers of the starting cohort still in post', unit: 'share', better: 'higher' },
  { metric: 'teacher_retention_maths', label: 'Maths teachers still in post', unit: 'share', better: 'higher' },
  { metric: 'leader_departures_total', label: 'Headteacher departures over the run', unit: 'heads', better: 'lower' },
  { metric: 'mat_share', label: 'Share of schools in a MAT', unit: 'share', better: 'none' },
  { metric: 'within_mat_ties_per_school', label: 'Relationships within the trust, per head', unit: 'ties', better: 'none' },
  { metric: 'cross_mat_ties_per_school', label: 'Relationships across trust boundaries, per head', unit: 'ties', better: 'higher' },
  { metric: 'cross_mat_tie_share', label: 'Share of relationships crossing a trust boundary', unit: 'share', better: 'higher' },
  { metric: 'hub_engagement', label: 'Schools engaged with a hub or alliance', unit: 'share', better: 'higher' },
  { metric: 'hub_engagement_0_5km', label: 'Hub engagement, under 5 km', unit: 'share', better: 'higher' },
  { metric: 'hub_engagement_5_15km', label: 'Hub engagement, 5 to 15 km', unit: 'share', better: 'higher' },
  { metric: 'hub_engagement_15_30km', label: 'Hub engagement, 15 to 30 km', unit: 'share', better: 'higher' },
  { metric: 'hub_engagement_30km_plus', label: 'Hub engagement, 30 km or more', unit: 'share', better: 'higher' },
  { metric: 'knowledge_components', label: 'Knowledge network: separate components', unit: 'components', better: 'lower' },
  { metric: 'knowledge_mean_reach', label: 'Knowledge network: mean reach', unit: 'share', better: 'higher' },
  { metric: 'practice_adoption', label: 'Schools using the spreading practice', unit: 'share', better: 'higher' },
  { metric: 'stance_share', label: 'Schools whose stance is to share knowledge', unit: 'share', better: 'higher' },
  { metric: 'rival_trust_mean', label: 'Trust between nearby rivals', unit: '0..1', better: 'higher' },
  { metric: 'spanners', label: 'Boundary spanners', unit: 'heads', better: 'higher' },
];

/** Metrics whose mean time series the report charts for both scenarios. */
export const COMPARE_SERIES = ['trust_mean', 'effectiveness_mean', 'hub_engagement', 'knowledge_mean_reach', 'practice_adoption', 'cross_mat_tie_share'];

export interface MetricComparison extends CompareMetric {
  n: number;
  meanA: number;
  meanB: number;
  sdA: number;
  sdB: number;
  diff: number;
  sdDiff: number;
  ciLow: number;
  ciHigh: number;
  dz: number;
  hedgesG: number;
  pValue: number;
}

export interface ScenarioInfo {
  name: string;
  source: string;
  question: string;
  description: string;
  hash: string;
  years: number;
}

export interface Comparison {
  a: ScenarioInfo;
  b: ScenarioInfo;
  reps: number;
  masterSeed: number;
  years: number;
  seeds: number[];
  rows: MetricComparison[];
  /** Final metric values per replication: runs[i] = { seed, a: {...}, b: {...} }. */
  runs: { rep: number; seed: number; a: Record<string, number>; b: Record<string, number> }[];
  /** Mean over replications of each charted series, per tick (NaN where never observed). */
  series: { metric: string; a: number[]; b: number[] }[];
  ticksPerYearA: number;
  ticksPerYearB: number;
}

/** Seed of replication i (1-based) for a master seed. */
export function compareSeed(masterSeed: number, i: number): number {
  return parseInt(sha256Hex(`collabsim-compare|${masterSeed >>> 0}|${i}`).slice(0, 8), 16) >>> 0;
}

export function compareSeeds(reps: number, masterSeed = 0): number[] {
  return Array.from({ length: reps }, (_, i) => compareSeed(masterSeed, i + 1));
}

const meanOf = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
function sdOf(xs: number[]): number {
  if (xs.length < 2) return NaN;
  const m = meanOf(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / (xs.length - 1));
}

/** Paired statistics of b - a over the pairs where both are finite. */
export function pairedStats(aAll: number[], bAll: number[]): Omit<MetricComparison, keyof CompareMetric> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < aAll.length; i++) {
    if (Number.isFinite(aAll[i]) && Number.isFinite(bAll[i])) {
      a.push(aAll[i]);
      b.push(bAll[i]);
    }
  }
  const n = a.length;
  const none = { n, meanA: NaN, meanB: NaN, sdA: NaN, sdB: NaN, diff: NaN, sdDiff: NaN, ciLow: NaN, ciHigh: NaN, dz: NaN, hedgesG: NaN, pValue: NaN };
  if (n === 0) return none;
  const d = a.map((x, i) => b[i] - x);
  const meanA = meanOf(a);
  const meanB = meanOf(b);
  const diff = meanOf(d);
  if (n === 1) return { ...none, meanA, meanB, diff };
  const sdA = sdOf(a);
  const sdB = sdOf(b);
  const sdDiff = sdOf(d);
  const tiny = 1e-12 * Math.max(1, Math.abs(meanA), Math.abs(meanB));
  const half = (t975(n - 1) * sdDiff) / Math.sqrt(n);
  const exact = sdDiff <= tiny;
  const dz = exact ? (Math.abs(diff) <= tiny ? 0 : NaN) : diff / sdDiff;
  const sp = Math.sqrt((sdA * sdA + sdB * sdB) / 2);
  const J = 1 - 3 / (4 * (2 * n - 2) - 1);
  const hedgesG = sp <= tiny ? (Math.abs(meanB - meanA) <= tiny ? 0 : NaN) : ((meanB - meanA) / sp) * J;
  let pValue: number;
  if (exact) pValue = Math.abs(diff) <= tiny ? 1 : 0;
  else {
    const t = diff / (sdDiff / Math.sqrt(n));
    pValue = Math.min(1, 2 * (1 - tCdf(Math.abs(t), n - 1)));
  }
  return { n, meanA, meanB, sdA, sdB, diff, sdDiff, ciLow: diff - half, ciHigh: diff + half, dz, hedgesG, pValue };
}

export interface CompareOptions {
  reps: number;
  masterSeed?: number;
  /** Simulated years for both (default: the longer of the two scenarios). */
  years?: number;
  /** Called after each run (done, total). */
  onRun?: (done: number, total: number) => void;
}

function info(s: Scenario, source: string): ScenarioInfo {
  return { name: s.name, source, question: s.question, description: s.description, hash: scenarioHash(s), years: s.years };
}

function finals(out: RunOutput): Record<string, number> {
  const r: Record<string, number> = {};
  for (const m of COMPARE_METRICS) r[m.metric] = out.summary[m.metric] ?? NaN;
  return r;
}

function accumulate(out: RunOutput, acc: Map<string, { sum: Float64Array; cnt: Uint32Array }>): void {
  const nk = out.series.keys.length;
  for (const metric of COMPARE_SERIES) {
    const k = out.series.keys.findIndex((x) => x.metric === metric && x.level === 'all');
    if (k < 0) continue;
    let a = acc.get(metric);
    if (!a) {
      a = { sum: new Float64Array(out.series.rows), cnt: new Uint32Array(out.series.rows) };
      acc.set(metric, a);
    }
    for (let r = 0; r < out.series.rows; r++) {
      const v = out.series.values[r * nk + k];
      if (Number.isFinite(v)) {
        a.sum[r] += v;
        a.cnt[r]++;
      }
    }
  }
}

/** Run both scenarios over the same seeds and compare their key metrics. */
export function runComparison(a: Scenario, b: Scenario, sources: { a: string; b: string }, opts: CompareOptions): Comparison {
  const reps = opts.reps;
  const masterSeed = opts.masterSeed ?? 0;
  const years = opts.years ?? Math.max(a.years, b.years);
  const seeds = compareSeeds(reps, masterSeed);
  const runs: Comparison['runs'] = [];
  const accA = new Map<string, { sum: Float64Array; cnt: Uint32Array }>();
  const accB = new Map<string, { sum: Float64Array; cnt: Uint32Array }>();
  let done = 0;
  for (let i = 0; i < reps; i++) {
    const oa = simulate(a, { seed: seeds[i], years });
    opts.onRun?.(++done, 2 * reps);
    const ob = simulate(b, { seed: seeds[i], years });
    opts.onRun?.(++done, 2 * reps);
    runs.push({ rep: i + 1, seed: seeds[i], a: finals(oa), b: finals(ob) });
    accumulate(oa, accA);
    accumulate(ob, accB);
  }
  const rows: MetricComparison[] = [];
  for (const m of COMPARE_METRICS) {
    const av = runs.map((r) => r.a[m.metric]);
    const bv = runs.map((r) => r.b[m.metric]);
    const st = pairedStats(av, bv);
    if (st.n === 0) continue;
    rows.push({ ...m, ...st });
  }
  const series: Comparison['series'] = [];
  for (const metric of COMPARE_SERIES) {
    const sa = accA.get(metric);
    const sb = accB.get(metric);
    if (!sa || !sb) continue;
    const mean = (x: { sum: Float64Array; cnt: Uint32Array }) => Array.from(x.sum, (v, r) => (x.cnt[r] ? v / x.cnt[r] : NaN));
    const ma = mean(sa);
    const mb = mean(sb);
    if (!ma.some(Number.isFinite) && !mb.some(Number.isFinite)) continue;
    series.push({ metric, a: ma, b: mb });
  }
  return {
    a: info(a, sources.a),
    b: info(b, sources.b),
    reps,
    masterSeed,
    years,
    seeds,
    rows,
    runs,
    series,
    ticksPerYearA: a.ticksPerYear,
    ticksPerYearB: b.ticksPerYear,
  };
}

/** Size of an effect in words (Cohen's conventions on |d|). */
export function effectWord(d: number): string {
  const x = Math.abs(d);
  if (!Number.isFinite(x)) return 'undefined';
  if (x < 0.2) return 'negligible';
  if (x < 0.5) return 'small';
  if (x < 0.8) return 'medium';
  return 'large';
}

// ---------------------------------------------------------------------------
// Writing: tables, charts and a report an analyst can forward.


/** Number for people: 3 decimals below 10, fewer above. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return '\u2013';
  const a = Math.abs(x);
  const s = a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : x.toFixed(3);
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

function fmtP(p: number): string {
  if (!Number.isFinite(p)) return '\u2013';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** Whether the 95% interval excludes no difference. */
export function isClear(r: MetricComparison): boolean {
  return Number.isFinite(r.ciLow) && (r.ciLow > 0 || r.ciHigh < 0);
}

export const COMPARISON_COLUMNS = [
  'metric',
  'label',
  'unit',
  'better',
  'n',
  'mean_a',
  'mean_b',
  'difference',
  'ci_low',
  'ci_high',
  'sd_difference',
  'cohen_dz',
  'hedges_g',
  'p_value',
] as const;

export function comparisonCsv(c: Comparison): string {
  return toCsv(
    COMPARISON_COLUMNS,
    c.rows.map((r) => [r.metric, r.label, r.unit, r.better, r.n, r.meanA, r.meanB, r.diff, r.ciLow, r.ciHigh, r.sdDiff, r.dz, r.hedgesG, r.pValue]),
  );
}

export function runsCsv(c: Comparison): string {
  const rows: (string | number)[][] = [];
  for (const r of c.runs)
    for (const side of ['a', 'b'] as const)
      for (const m of COMPARE_METRICS) rows.push([r.rep, r.seed, side, side === 'a' ? c.a.name : c.b.name, m.metric, r[side][m.metric]]);
  return toCsv(['rep', 'seed', 'side', 'scenario', 'metric', 'value'], rows);
}

export function seriesCsv(c: Comparison): string {
  const rows: (string | number)[][] = [];
  for (const s of c.series)
    for (const side of ['a', 'b'] as const) {
      const tpy = side === 'a' ? c.ticksPerYearA : c.ticksPerYearB;
      s[side].forEach((v, t) => rows.push([side, side === 'a' ? c.a.name : c.b.name, s.metric, t, Number((t / tpy).toPrecision(6)), v]));
    }
  return toCsv(['side', 'scenario', 'metric', 'tick', 'year', 'mean_value'], rows);
}

const sideLabel = (c: Comparison, side: 'a' | 'b') => `${side.toUpperCase()}: ${side === 'a' ? c.a.name : c.b.name}`;

/** Dot and 95% interval per metric, in pooled standard deviations of the two scenarios. */
export function differencesChart(c: Comparison): Record<string, unknown> | undefined {
  const values: Record<string, unknown>[] = [];
  for (const r of c.rows) {
    const sp = Math.sqrt((r.sdA * r.sdA + r.sdB * r.sdB) / 2);
    if (!(sp > 1e-12) || !Number.isFinite(r.ciLow)) continue;
    values.push({
      label: r.label,
      d: Number((r.diff / sp).toPrecision(6)),
      lo: Number((r.ciLow / sp).toPrecision(6)),
      hi: Number((r.ciHigh / sp).toPrecision(6)),
      clear: isClear(r) ? '95% interval excludes 0' : '95% interval includes 0',
    });
  }
  if (values.length === 0) return undefined;
  const order = values.map((v) => v.label);
  const y = { field: 'label', type: 'nominal', title: null, sort: order, axis: { labelLimit: 360 } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `${sideLabel(c, 'b')} versus ${sideLabel(c, 'a')}`,
      subtitle: `Difference in final means (B \u2212 A) in pooled standard deviations, with 95% confidence intervals; ${c.reps} paired seeds, ${c.years} years.`,
    },
    config: CHART_CONFIG,
    width: 380,
    height: { step: 22 },
    data: { values },
    layer: [
      { mark: { type: 'rule', color: '#888888', strokeDash: [4, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          y,
          x: { field: 'lo', type: 'quantitative', title: 'B \u2212 A (pooled standard deviations)' },
          x2: { field: 'hi' },
          color: { field: 'clear', type: 'nominal', title: null, scale: { domain: ['95% interval excludes 0', '95% interval includes 0'], range: [OKABE_ITO.blue, '#aaaaaa'] } },
        },
      },
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          y,
          x: { field: 'd', type: 'quantitative' },
          color: { field: 'clear', type: 'nominal', legend: { orient: 'bottom' } },
        },
      },
    ],
  };
}

/** Mean time series of key metrics for both scenarios. */
export function seriesChart(c: Comparison): Record<string, unknown> | undefined {
  const labelOf = new Map(COMPARE_METRICS.map((m) => [m.metric, m.label]));
  labelOf.set('trust_mean', 'Mean relational trust');
  const values: Record<string, unknown>[] = [];
  for (const s of c.series)
    for (const side of ['a', 'b'] as const) {
      const tpy = side === 'a' ? c.ticksPerYearA : c.ticksPerYearB;
      s[side].forEach((v, t) => {
        if (Number.isFinite(v)) values.push({ metric: labelOf.get(s.metric) ?? s.metric, scenario: sideLabel(c, side), year: Number((t / tpy).toPrecision(6)), value: Number(v.toPrecision(6)) });
      });
    }
  if (values.length === 0) return undefined;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: 'How the two scenarios unfold', subtitle: `Mean over ${c.reps} seeds of each metric, by year.` },
    config: CHART_CONFIG,
    data: { values },
    facet: { field: 'metric', type: 'nominal', title: null, sort: c.series.map((s) => labelOf.get(s.metric) ?? s.metric) },
    columns: 2,
    spec: {
      width: 260,
      height: 150,
      mark: { type: 'line', strokeWidth: 2 },
      encoding: {
        x: { field: 'year', type: 'quantitative', title: 'Year' },
        y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
        color: { field: 'scenario', type: 'nominal', title: null, scale: { range: [OKABE_ITO.orange, OKABE_ITO.blue] }, legend: { orient: 'bottom' } },
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/** Plain-language findings: metrics whose interval excludes 0, largest paired effects first. */
export function findings(c: Comparison): { clear: string[]; unclear: string[] } {
  // An exact difference (the same in every seed) ranks first.
  const size = (r: MetricComparison) => (Number.isFinite(r.dz) ? Math.abs(r.dz) : Infinity);
  const clear = c.rows
    .filter(isClear)
    .sort((x, y) => size(y) - size(x) || (x.metric < y.metric ? -1 : 1))
    .map((r) => {
      const dir = r.diff > 0 ? 'higher' : 'lower';
      const good = r.better === 'none' ? '' : (r.better === 'higher') === r.diff > 0 ? ' (better)' : ' (worse)';
      const effect = Number.isFinite(r.dz)
        ? `a ${effectWord(r.dz)} paired effect (d_z = ${fmt(r.dz)}, Hedges' g = ${fmt(r.hedgesG)})`
        : 'the same difference in every seed';
      return `${r.label}: ${dir} under B by ${fmt(Math.abs(r.diff))}${good} (A ${fmt(r.meanA)}, B ${fmt(r.meanB)}; 95% CI of B \u2212 A ${fmt(r.ciLow)} to ${fmt(r.ciHigh)}); ${effect}.`;
    });
  const unclear = c.rows.filter((r) => !isClear(r)).map((r) => r.label);
  return { clear, unclear };
}

const CSS = `body{font-family:Helvetica,Arial,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.eyebrow{text-transform:uppercase;letter-spacing:.08em;color:#666;font-size:.8em;margin:0}
.q{background:#f4f7fb;border-left:4px solid #0072B2;padding:.6em 1em;margin:.6em 0}
.q strong{display:block;font-size:.85em;color:#555}
table{border-collapse:collapse;width:100%;font-size:.88em;margin:.8em 0}th,td{border-bottom:1px solid #e3e3e3;padding:.35em .5em;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}tr.clear th{color:#0b4f8a}
figure{margin:1em 0}figcaption{color:#444;font-size:.9em}svg{max-width:100%;height:auto}
.note{color:#444;font-size:.92em}code{background:#f3f3f3;padding:0 .25em}`;

/** The self-contained report (no scripts, no external links, same bytes for the same comparison). */
export function comparisonReport(c: Comparison, charts: { name: string; title: string; caption: string; svg: string }[]): string {
  const f = findings(c);
  const p: string[] = [];
  p.push(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="collabsim compare">
<title>${escapeHtml(c.b.name)} versus ${escapeHtml(c.a.name)} \u2013 collabsim comparison</title>
<style>${CSS}</style>
</head>
<body>
<header>
<p class="eyebrow">collabsim comparison report</p>
<h1>${escapeHtml(c.b.name)} versus ${escapeHtml(c.a.name)}</h1>`);
  for (const side of ['a', 'b'] as const) {
    const s = c[side];
    p.push(`<div class="q"><strong>${side.toUpperCase()}: ${escapeHtml(s.name)} (${escapeHtml(s.source)})</strong>${escapeHtml(s.question || '(no question given)')}${s.description ? `<br><span class="note">${escapeHtml(s.description)}</span>` : ''}</div>`);
  }
  p.push(`<p class="note">Both scenarios were run ${c.reps} times over ${c.years} simulated years with the same ${c.reps} seeds (common random numbers: replication i of A and of B share every random stream), and each key metric is compared at the end of the run. Differences are B minus A.</p>
</header>
<main>
<section id="findings">
<h2>Findings</h2>`);
  if (f.clear.length) p.push(`<p>Differences whose 95% confidence interval excludes zero, largest first:</p>\n<ul>\n${f.clear.map((x) => `<li>${escapeHtml(x)}</li>`).join('\n')}\n</ul>`);
  else p.push('<p>No key metric differs clearly between the two scenarios over these seeds.</p>');
  if (f.unclear.length) p.push(`<p class="note">No clear difference (the interval includes zero): ${escapeHtml(f.unclear.join('; '))}.</p>`);
  p.push('</section>');
  for (const ch of charts) {
    p.push(`<section id="chart-${escapeHtml(ch.name)}">\n<h2>${escapeHtml(ch.title)}</h2>\n<figure>\n${ch.svg}\n<figcaption>${escapeHtml(ch.caption)}</figcaption>\n</figure>\n</section>`);
  }
  const head = ['Metric', 'A mean', 'B mean', 'B \u2212 A', '95% CI', 'd_z', "Hedges' g", 'p', 'n'];
  const body = c.rows
    .map(
      (r) =>
        `<tr${isClear(r) ? ' class="clear"' : ''}><th scope="row">${escapeHtml(r.label)} <span class="note">(${escapeHtml(r.unit)})</span></th>` +
        [fmt(r.meanA), fmt(r.meanB), fmt(r.diff), `${fmt(r.ciLow)} to ${fmt(r.ciHigh)}`, fmt(r.dz), fmt(r.hedgesG), fmtP(r.pValue), String(r.n)]
          .map((x) => `<td class="num">${escapeHtml(x)}</td>`)
          .join('') +
        '</tr>',
    )
    .join('\n');
  p.push(`<section id="table">
<h2>All key metrics</h2>
<table><thead><tr>${head.map((h, i) => `<th scope="col"${i ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody></table>
</section>
<section id="how-to-read" class="note">
<h2>How to read this report</h2>
<ul>
<li>Each row compares the mean final value of a metric under B with that under A. The 95% confidence interval is for the mean of the paired differences (Student's t with n \u2212 1 degrees of freedom); where it excludes zero the row is highlighted.</li>
<li>d_z is the mean paired difference divided by the standard deviation of the paired differences (how consistently B differs from A seed by seed). Hedges' g is the difference in means divided by the pooled standard deviation of the two scenarios, corrected for small samples (how large the difference is against run-to-run variation). By Cohen's conventions 0.2 is small, 0.5 medium and 0.8 large.</li>
<li>n is the number of seeds where both runs report the metric (hub and trust metrics are empty in places without hubs or trusts).</li>
<li>The model is a tool for reasoning about mechanisms, not a forecast: read the direction and rough size of a difference, and check the assumptions in docs/ODD.md and docs/policy.md.</li>
</ul>
</section>
<section id="provenance" class="note">
<h2>Provenance</h2>
<table><tbody>
<tr><th scope="row">A</th><td>${escapeHtml(c.a.source)} (content hash ${escapeHtml(c.a.hash.slice(0, 16))})</td></tr>
<tr><th scope="row">B</th><td>${escapeHtml(c.b.source)} (content hash ${escapeHtml(c.b.hash.slice(0, 16))})</td></tr>
<tr><th scope="row">Seeds</th><td>${escapeHtml(c.seeds.join(', '))} (master seed ${c.masterSeed})</td></tr>
</tbody></table>
<p>Files in this folder: <code>comparison.csv</code> (this table), <code>runs.csv</code> (final value of every metric in every run), <code>series.csv</code> (mean time series), <code>comparison.json</code>, <code>charts/</code> (Vega-Lite specs and SVG) and <code>manifest.json</code>. This page is self-contained and works offline.</p>
</section>
</main>
</body>
</html>
`);
  return p.join('\n');
}

export interface WriteComparisonOptions {
  render?: (spec: object, opts: RenderOptions) => Promise<string>;
  /** Extra provenance for manifest.json (command line, timings). */
  manifest?: Record<string, unknown>;
}

/** Write a comparison folder atomically; returns the files written (sorted). */
export async function writeComparison(c: Comparison, finalDir: string, opts: WriteComparisonOptions = {}): Promise<string[]> {
  const dir = path.resolve(finalDir);
  const render = opts.render ?? renderSvg;
  return publishFolder(dir, async (put) => {
    await put('comparison.csv', comparisonCsv(c));
    await put('runs.csv', runsCsv(c));
    await put('series.csv', seriesCsv(c));
    await put('comparison.json', stableJson(c));
    const charts: { name: string; title: string; caption: string; svg: string }[] = [];
    const defs = [
      {
        name: 'differences',
        title: 'Differences with 95% confidence intervals',
        caption:
          'Each dot is the difference in the mean final value (B minus A) in pooled standard deviations of the two scenarios; the bar is its 95% confidence interval from the paired seeds. Blue: the interval excludes zero.',
        spec: differencesChart(c),
      },
      {
        name: 'series',
        title: 'How the two scenarios unfold',
        caption: 'Mean over the seeds of each metric, year by year, for A and B.',
        spec: seriesChart(c),
      },
    ];
    for (const d of defs) {
      if (!d.spec) continue;
      await put(`charts/${d.name}.vl.json`, stableJson(d.spec));
      const svg = await render(d.spec, { idPrefix: d.name });
      await put(`charts/${d.name}.svg`, svg.endsWith('\n') ? svg : `${svg}\n`);
      charts.push({ name: d.name, title: d.title, caption: d.caption, svg });
    }
    await put('report.html', comparisonReport(c, charts));
    await put(
      'manifest.json',
      stableJson(
        {
          tool: 'collabsim compare',
          a: c.a,
          b: c.b,
          reps: c.reps,
          master_seed: c.masterSeed,
          years: c.years,
          seeds: c.seeds,
          ...opts.manifest,
        },
        { sortKeys: true },
      ),
    );
  });
}
