/**
 * A sweep's design points grouped by the levels of one factor (continuous
 * factors of sampling designs cut into equal-width bins), and the mean of a
 * metric at each level with its 95% confidence interval. The charts
 * (sweep-charts.ts) and the findings in words (sweep-findings.ts) share them.
 *
 * The mean at a level is the mean of the point means (each over its
 * replications) of the points at that level, i.e. averaged over the other
 * factors. Its interval depends on the design:
 * - factorial and explicit designs hold every other factor at the same values
 *   at each level, so only seed noise is uncertain:
 *     se = sqrt(sum_p sd_p^2 / n_p) / P,  df = sum_p (n_p - 1)
 *   (sd_p, n_p: standard deviation and count of the runs of point p; no
 *   interval without replications);
 * - sampling designs (lhs, sobol, morris) draw the other factors at random,
 *   so the point means at a level are a sample:
 *     se = sd(point means) / sqrt(P),  df = P - 1.
 * The interval is mean +/- t(0.975, df) * se.
 */
import type { DesignType, FactorDef, FactorValue } from './designs.ts';
import { r6 } from '../output/chart-spec.ts';
import { t975 } from './stats.ts';

/** A number for people: 3 significant digits. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return '\u2013';
  return Number(x.toPrecision(3)).toString();
}

/** Whether an interval excludes zero. */
export function isClearOf(lo: number, hi: number): boolean {
  return Number.isFinite(lo) && Number.isFinite(hi) && (lo > 0 || hi < 0);
}

/** A chart or report metric: the mean of each design point, and the sd and count of its runs when known. */
export interface PointMetric {
  name: string;
  pointMeans: Float64Array;
  pointSds?: Float64Array;
  pointNs?: Float64Array;
}

/** What grouping points by a factor needs to know about the design. */
export interface DesignView {
  factors: FactorDef[];
  designType: DesignType;
  /** Factor values of each design point. */
  points: FactorValue[][];
}

/** Bins of a continuous factor in sampling designs. */
export const BINS = 8;

export interface FactorGroups {
  /** Group (level or bin) of every point. */
  groupOf: Int32Array;
  labels: string[];
  /** Sort key of each group. */
  order: number[];
  /** Whether the groups are bins of a continuous factor (labels are bin midpoints). */
  binned: boolean;
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

/** Assign every point to a level or bin of factor `fi`. */
export function groupPoints(input: DesignView, fi: number): FactorGroups {
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
    return { groupOf, labels: levels.map(fmt), order: levels.map((_, i) => i), binned: false };
  }
  const nums = values.map(Number);
  const min = f.min ?? Math.min(...nums);
  const max = f.max ?? Math.max(...nums);
  const width = (max - min) / BINS || 1;
  nums.forEach((v, i) => (groupOf[i] = Math.min(BINS - 1, Math.max(0, Math.floor((v - min) / width)))));
  const labels = Array.from({ length: BINS }, (_, b) => String(Number((min + (b + 0.5) * width).toPrecision(3))));
  return { groupOf, labels, order: labels.map((_, i) => i), binned: true };
}

/** A metric at one level of a factor. */
export interface LevelStat {
  label: string;
  order: number;
  /** Mean of the point means at this level (NaN when none has a value). */
  mean: number;
  /** Standard error of `mean` and its degrees of freedom (NaN when unknown). */
  se: number;
  df: number;
  /** 95% interval of `mean` (NaN when unknown). */
  lo: number;
  hi: number;
  /** Design points with a value at this level. */
  points: number;
}

/** Whether the other factors are held at the same values at every level (factorial grids, explicit lists). */
export function isGrid(designType: DesignType): boolean {
  return designType === 'factorial' || designType === 'explicit';
}

/** Standard error and degrees of freedom of a level mean, by the design's rule (see the header). */
function levelError(grid: boolean, means: number[], sds: number[], ns: number[]): { se: number; df: number } {
  const P = means.length;
  if (grid) {
    let v = 0;
    let df = 0;
    for (let i = 0; i < P; i++) {
      if (!(ns[i] >= 2) || !Number.isFinite(sds[i])) return { se: NaN, df: NaN };
      v += (sds[i] * sds[i]) / ns[i];
      df += ns[i] - 1;
    }
    return P > 0 ? { se: Math.sqrt(v) / P, df } : { se: NaN, df: NaN };
  }
  if (P < 2) return { se: NaN, df: NaN };
  const m = means.reduce((a, b) => a + b, 0) / P;
  const sd = Math.sqrt(means.reduce((a, b) => a + (b - m) * (b - m), 0) / (P - 1));
  return { se: sd / Math.sqrt(P), df: P - 1 };
}

/** The metric at every level of factor `fi`, with 95% intervals where they can be had. */
export function levelStats(input: DesignView, fi: number, metric: PointMetric, groups = groupPoints(input, fi)): LevelStat[] {
  const k = groups.labels.length;
  const means: number[][] = Array.from({ length: k }, () => []);
  const sds: number[][] = Array.from({ length: k }, () => []);
  const ns: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < groups.groupOf.length; i++) {
    const y = metric.pointMeans[i];
    if (!Number.isFinite(y)) continue;
    const g = groups.groupOf[i];
    means[g].push(y);
    sds[g].push(metric.pointSds?.[i] ?? NaN);
    ns[g].push(metric.pointNs?.[i] ?? NaN);
  }
  const grid = isGrid(input.designType);
  return groups.labels.map((label, b) => {
    const P = means[b].length;
    const mean = P ? means[b].reduce((a, c) => a + c, 0) / P : NaN;
    const { se, df } = levelError(grid, means[b], sds[b], ns[b]);
    const half = Number.isFinite(se) && df > 0 ? t975(df) * se : NaN;
    return { label, order: groups.order[b], mean, se, df, lo: mean - half, hi: mean + half, points: P };
  });
}
