/**
 * From runs to targets. Each target becomes one or two *measures*: a number
 * computed from one run's time series in one scenario (the mean over a
 * window, a quantile, a slope...). A parameter set's simulated value of the
 * target is the mean of its measure over the replications; a contrast is the
 * mean of the paired differences between its two scenarios (the same seeds
 * in both, so the pairs share every random stream), which equals the
 * difference of the two means.
 *
 * Observations are the rows of the series (tick 0 .. ticks, year = tick /
 * ticks per year) where the metric is observed (not NaN). `at` takes the
 * first row at or after that time (the last row when none is); a window
 * takes every row with from <= year <= to; with neither, the last row.
 */
import { quantileSorted, sampleCorrelation } from 'simple-statistics';
import { zQuantile } from '../stats.ts';
import type { SeriesTable } from '../../engine/contract.ts';
import type { TargetSpec } from './targets-schema.ts';

export interface Measure {
  scenario: string;
  /** The run's value; NaN when the run has no observation to use. */
  compute(series: SeriesTable): number;
}

export interface CompiledTarget {
  spec: TargetSpec;
  /** Standard uncertainty of the observed value (its `se`, or the interval's half-width over z). */
  uncertainty: number;
  /** Indices into the measure list. */
  measures: number[];
  /** The simulated value from the measures' means over replications. */
  combine(means: readonly number[]): number;
}

export function uncertaintyOf(t: TargetSpec): number {
  if (t.se !== undefined) return t.se;
  const iv = t.interval!;
  return (iv.high - iv.low) / 2 / zQuantile((1 + iv.level) / 2);
}

function column(series: SeriesTable, metric: string, level: string): number {
  const k = series.keys.findIndex((key) => key.metric === metric && key.level === level);
  if (k < 0) throw new Error(`the run reports no metric '${metric}' at level '${level}'`);
  return k;
}

interface Obs {
  years: number[];
  values: number[];
}

/** Observations of column k inside [from, to] (years), skipping NaN. */
function observations(series: SeriesTable, k: number, from: number, to: number): Obs {
  const nk = series.keys.length;
  const years: number[] = [];
  const values: number[] = [];
  for (let t = 0; t < series.rows; t++) {
    const year = t / series.ticksPerYear;
    if (year < from - 1e-9 || year > to + 1e-9) continue;
    const v = series.values[t * nk + k];
    if (Number.isNaN(v)) continue;
    years.push(year);
    values.push(v);
  }
  return { years, values };
}

/** The observations a target uses: at a time, in a window, or the last. */
function selected(series: SeriesTable, k: number, t: TargetSpec): Obs {
  if (t.window) return observations(series, k, t.window.from, t.window.to);
  const all = observations(series, k, 0, Infinity);
  const i = t.at === undefined ? all.values.length - 1 : all.years.findIndex((y) => y >= t.at! - 1e-9);
  const j = i < 0 ? all.values.length - 1 : i;
  return j < 0 ? { years: [], values: [] } : { years: [all.years[j]], values: [all.values[j]] };
}

function mean(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Least-squares slope of values on years. */
function slope(o: Obs): number {
  if (o.values.length < 2) return NaN;
  const my = mean(o.years);
  const mv = mean(o.values);
  let num = 0;
  let den = 0;
  for (let i = 0; i < o.values.length; i++) {
    num += (o.years[i] - my) * (o.values[i] - mv);
    den += (o.years[i] - my) ** 2;
  }
  return den > 0 ? num / den : NaN;
}

/** Pearson correlation of two metrics over the rows where both are observed. */
function correlation(series: SeriesTable, k1: number, k2: number, from: number, to: number): number {
  const a = observations(series, k1, from, to);
  const b = observations(series, k2, from, to);
  const byYear = new Map(b.years.map((y, i) => [y, b.values[i]]));
  const xs: number[] = [];
  const ys: number[] = [];
  a.years.forEach((y, i) => {
    const v = byYear.get(y);
    if (v !== undefined) {
      xs.push(a.values[i]);
      ys.push(v);
    }
  });
  if (xs.length < 3) return NaN;
  const r = sampleCorrelation(xs, ys);
  return Number.isFinite(r) ? r : NaN;
}

/** The run-level function of a (non-contrast) target. */
function runStatistic(t: TargetSpec): (series: SeriesTable) => number {
  switch (t.statistic) {
    case 'mean':
    case 'contrast':
      return (s) => mean(selected(s, column(s, t.metric, t.level), t).values);
    case 'share':
      return (s) => {
        const v = selected(s, column(s, t.metric, t.level), t).values;
        if (!v.length) return NaN;
        return v.filter((x) => (t.above !== undefined ? x > t.above : x < t.below!)).length / v.length;
      };
    case 'quantile':
      return (s) => {
        const v = selected(s, column(s, t.metric, t.level), t).values.sort((x, y) => x - y);
        return v.length ? quantileSorted(v, t.q!) : NaN;
      };
    case 'slope':
      return (s) => slope(selected(s, column(s, t.metric, t.level), t));
    case 'correlation':
      return (s) => {
        const w = t.window ?? { from: 0, to: Infinity };
        return correlation(s, column(s, t.metric, t.level), column(s, t.with!, t.level), w.from, w.to);
      };
    case 'event':
      return (s) => {
        const k = column(s, t.metric, t.level);
        const e = t.event!;
        const after = mean(observations(s, k, e.at, e.at + e.after).values);
        const before = mean(observations(s, k, e.at - e.before, e.at - 1e-6).values);
        return after - before;
      };
  }
}

/** Compile targets into measures (deduplicated per scenario and definition) and combiners. */
export function compileTargets(targets: readonly TargetSpec[]): { targets: CompiledTarget[]; measures: Measure[] } {
  const measures: Measure[] = [];
  const add = (scenario: string, compute: Measure['compute']) => measures.push({ scenario, compute }) - 1;
  const compiled = targets.map((spec): CompiledTarget => {
    const f = runStatistic(spec);
    const own = add(spec.scenario, f);
    const uncertainty = uncertaintyOf(spec);
    if (spec.statistic === 'contrast') {
      const other = add(spec.versus!, f);
      return { spec, uncertainty, measures: [own, other], combine: (m) => m[own] - m[other] };
    }
    return { spec, uncertainty, measures: [own], combine: (m) => m[own] };
  });
  return { targets: compiled, measures };
}

/**
 * Distance between simulated and observed targets: the root mean square of
 * the z-scores (simulated - observed) / uncertainty. 1 means the targets are
 * on average one stated uncertainty away. Infinity when a target is missing.
 */
export function distance(targets: readonly CompiledTarget[], simulated: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < targets.length; i++) {
    const z = (simulated[i] - targets[i].spec.observed) / targets[i].uncertainty;
    if (!Number.isFinite(z)) return Infinity;
    s += z * z;
  }
  return Math.sqrt(s / targets.length);
}
