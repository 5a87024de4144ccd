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
 *
 * This module runs and measures; compare-output.ts writes the folder (tables,
 * compare-charts.ts, and the report of compare-report.ts).
 */
import type { RunSummary } from '../engine/contract.ts';
import { sha256Hex } from '../common/hash.ts';
import type { Scenario } from '../model/schema.ts';
import { simulateSummary, scenarioHash } from '../model/simulate.ts';
import { ticksPerRow } from '../model/recording.ts';
import { quantileSorted } from 'simple-statistics';
import { tCdf, t975 } from './stats.ts';
import { applyFactors } from '../scenario/paths.ts';
import { validateValue } from '../scenario/load.ts';
import { ScenarioSchema } from '../model/schema.ts';

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
  { metric: 'effectiveness_mean', label: 'Mean school effectiveness', unit: 'pupil SD', better: 'higher' },
  { metric: 'effectiveness_gap', label: 'Effectiveness gap, others minus disadvantaged', unit: 'pupil SD', better: 'lower' },
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
const COMPARE_SERIES = ['trust_mean', 'effectiveness_mean', 'hub_engagement', 'knowledge_mean_reach', 'practice_adoption', 'cross_mat_tie_share'];

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

/** Posterior draws to run each comparison over (compare --posterior): parameter paths and one value list per draw. */
export interface ComparePosterior {
  source: string;
  paths: string[];
  draws: number[][];
}

/** One metric's effect over posterior draws: the spread of the per-draw mean effects carries the parameter uncertainty. */
export interface PosteriorRow extends CompareMetric {
  /** Mean over draws of each draw's mean paired difference (B - A). */
  effect: number;
  /** 2.5% and 97.5% points of the per-draw effects. */
  low: number;
  high: number;
  /** Share of draws whose effect is above zero (ties count half). */
  probPositive: number;
  /** The seed-only 95% interval of the pooled pairs, for comparison. */
  seedLow: number;
  seedHigh: number;
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
  runs: { rep: number; seed: number; draw?: number; a: Record<string, number>; b: Record<string, number> }[];
  /** Mean over replications of each charted series, per row of the series (NaN where never observed). */
  series: { metric: string; a: number[]; b: number[] }[];
  /** Rows per year of each side's series (its ticks per year, or one when it is recorded once a year). */
  ticksPerYearA: number;
  ticksPerYearB: number;
  /** Model ticks between two rows of a side recorded once a year (absent: every tick). */
  ticksPerRowA?: number;
  ticksPerRowB?: number;
  /** With posterior draws: each draw ran `reps` paired seeds. */
  posterior?: { source: string; draws: number; seedsPerDraw: number; rows: PosteriorRow[] };
}

/** Seed of replication i (1-based) for a master seed. */
function compareSeed(masterSeed: number, i: number): number {
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
  /** Run every seed under each posterior draw of these parameters. */
  posterior?: ComparePosterior;
}

function info(s: Scenario, source: string): ScenarioInfo {
  return { name: s.name, source, question: s.question, description: s.description, hash: scenarioHash(s), years: s.years };
}

function finals(out: RunSummary): Record<string, number> {
  const r: Record<string, number> = {};
  for (const m of COMPARE_METRICS) r[m.metric] = out.summary[m.metric] ?? NaN;
  return r;
}

/** Per-tick sum and count of the observed values of one series over replications. */
interface SeriesSum {
  sum: Float64Array;
  cnt: Uint32Array;
}

function accumulate(out: RunSummary, acc: Map<string, SeriesSum>): void {
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

/** Paired statistics of every key metric that at least one pair reports. */
function compareMetrics(runs: Comparison['runs']): MetricComparison[] {
  const rows: MetricComparison[] = [];
  for (const m of COMPARE_METRICS) {
    const av = runs.map((r) => r.a[m.metric]);
    const bv = runs.map((r) => r.b[m.metric]);
    const st = pairedStats(av, bv);
    if (st.n === 0) continue;
    rows.push({ ...m, ...st });
  }
  return rows;
}

/** Mean series of both scenarios, for the metrics both report and at least one observes. */
function meanSeries(accA: Map<string, SeriesSum>, accB: Map<string, SeriesSum>): Comparison['series'] {
  const mean = (x: SeriesSum) => Array.from(x.sum, (v, r) => (x.cnt[r] ? v / x.cnt[r] : NaN));
  const series: Comparison['series'] = [];
  for (const metric of COMPARE_SERIES) {
    const sa = accA.get(metric);
    const sb = accB.get(metric);
    if (!sa || !sb) continue;
    const ma = mean(sa);
    const mb = mean(sb);
    if (!ma.some(Number.isFinite) && !mb.some(Number.isFinite)) continue;
    series.push({ metric, a: ma, b: mb });
  }
  return series;
}

/** A scenario with one posterior draw's parameter values set. */
function withDraw(s: Scenario, p: ComparePosterior, d: number): Scenario {
  return validateValue(ScenarioSchema, applyFactors(s as unknown as Record<string, unknown>, p.paths, p.draws[d]), `${s.name} (posterior draw ${d + 1})`);
}

/** Quantile of sorted values (NaN when empty). */
function quantileOf(sorted: number[], q: number): number {
  return sorted.length ? quantileSorted(sorted, q) : NaN;
}

/** Per metric: the effect over draws, its 95% interval across draws and the probability it is positive. */
function posteriorRows(runs: Comparison['runs'], rows: MetricComparison[], draws: number): PosteriorRow[] {
  return rows.map((r) => {
    const perDraw: number[] = [];
    for (let d = 1; d <= draws; d++) {
      const diffs = runs
        .filter((x) => x.draw === d)
        .map((x) => x.b[r.metric] - x.a[r.metric])
        .filter(Number.isFinite);
      if (diffs.length) perDraw.push(meanOf(diffs));
    }
    const sorted = [...perDraw].sort((x, y) => x - y);
    const pos = perDraw.reduce((acc, e) => acc + (e > 0 ? 1 : e === 0 ? 0.5 : 0), 0);
    return {
      metric: r.metric,
      label: r.label,
      unit: r.unit,
      better: r.better,
      effect: perDraw.length ? meanOf(perDraw) : NaN,
      low: quantileOf(sorted, 0.025),
      high: quantileOf(sorted, 0.975),
      probPositive: perDraw.length ? pos / perDraw.length : NaN,
      seedLow: r.ciLow,
      seedHigh: r.ciHigh,
    };
  });
}

/** Run both scenarios over the same seeds (under each posterior draw, when given) and compare their key metrics. */
export function runComparison(a: Scenario, b: Scenario, sources: { a: string; b: string }, opts: CompareOptions): Comparison {
  const reps = opts.reps;
  const masterSeed = opts.masterSeed ?? 0;
  const years = opts.years ?? Math.max(a.years, b.years);
  const post = opts.posterior;
  const draws = post ? post.draws.length : 1;
  const seeds = compareSeeds(draws * reps, masterSeed);
  const runs: Comparison['runs'] = [];
  const accA = new Map<string, SeriesSum>();
  const accB = new Map<string, SeriesSum>();
  const every = { a: ticksPerRow(a), b: ticksPerRow(b) };
  let done = 0;
  for (let d = 0; d < draws; d++) {
    const sa = post ? withDraw(a, post, d) : a;
    const sb = post ? withDraw(b, post, d) : b;
    for (let i = 0; i < reps; i++) {
      const j = d * reps + i;
      const oa = simulateSummary(sa, { seed: seeds[j], years });
      opts.onRun?.(++done, 2 * reps * draws);
      const ob = simulateSummary(sb, { seed: seeds[j], years });
      opts.onRun?.(++done, 2 * reps * draws);
      runs.push({ rep: j + 1, seed: seeds[j], ...(post ? { draw: d + 1 } : {}), a: finals(oa), b: finals(ob) });
      accumulate(oa, accA);
      accumulate(ob, accB);
    }
  }
  const rows = compareMetrics(runs);
  return {
    a: info(a, sources.a),
    b: info(b, sources.b),
    reps,
    masterSeed,
    years,
    seeds,
    rows,
    runs,
    series: meanSeries(accA, accB),
    ticksPerYearA: a.ticksPerYear / every.a,
    ticksPerYearB: b.ticksPerYear / every.b,
    ...(every.a !== 1 ? { ticksPerRowA: every.a } : {}),
    ...(every.b !== 1 ? { ticksPerRowB: every.b } : {}),
    ...(post ? { posterior: { source: post.source, draws, seedsPerDraw: reps, rows: posteriorRows(runs, rows, draws) } } : {}),
  };
}

/** Whether the 95% interval excludes no difference. */
export function isClear(r: MetricComparison): boolean {
  return Number.isFinite(r.ciLow) && (r.ciLow > 0 || r.ciHigh < 0);
}
