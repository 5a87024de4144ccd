/**
 * What a sweep found, in words, for the metrics its report is about:
 * - which factor moves each metric most, by how much across its range,
 *   averaged over the other factors, with a 95% interval: in grids the
 *   change from the first to the last level (the two level means'
 *   standard errors from sweep-levels.ts combined, t with the smaller df);
 *   in sampling designs a straight line through every design point over
 *   the factor's range (so no bin is picked for being extreme); then the
 *   other factors after it;
 * - by design: Sobol total and first-order indices (and whether the
 *   ranking is settled), Morris mu* and sigma, or for a factorial grid the
 *   strongest two-factor interaction (the effect of one factor from its
 *   first to its last level, at the first and at the last level of the
 *   other, and the difference of the two with its interval);
 * - caveats for the whole sweep: a Sobol design too small for its indices
 *   (sensitivity-table.ts, sobolAdequacy) and seed noise that inflates
 *   total indices.
 * The sentences are plain text; sweep-report.ts puts them on the page.
 */
import type { SensitivityRow } from './sweep-charts.ts';
import { groupPoints, isClearOf, isGrid, levelStats, num, type DesignView, type PointMetric } from './sweep-levels.ts';
import { sobolAdequacy } from './sensitivity-table.ts';
import { t975 } from './stats.ts';

export interface SweepFindingsInput extends DesignView {
  /** The report's metrics, with per-point means (and sd and count of runs). */
  metrics: PointMetric[];
  sensitivity: SensitivityRow[];
  replications: number;
}

export interface SweepFindings {
  /** Sentences per reported metric. */
  metrics: { metric: string; sentences: string[] }[];
  /** Caveats for the whole sweep, most important first. */
  caveats: string[];
}

/** How much a metric changes across one factor's range, averaged over the other factors. */
interface Change {
  factor: string;
  /** The metric at the start and end of the range (level means, or the fitted trend). */
  from: { at: string; mean: number };
  to: { at: string; mean: number };
  /** to.mean - from.mean and its 95% interval (NaN when unknown). */
  size: number;
  lo: number;
  hi: number;
  /** `levels`: first and last level means; `trend`: a straight line through every point (sampling designs). */
  how: 'levels' | 'trend';
  points: number;
}

/** First to last level (grids, or factors whose values are not numbers): the two level means and their standard errors. */
function levelChange(input: DesignView, fi: number, m: PointMetric): Change | undefined {
  const stats = levelStats(input, fi, m).filter((x) => Number.isFinite(x.mean));
  if (stats.length < 2) return undefined;
  const [a, b] = [stats[0], stats[stats.length - 1]];
  const size = b.mean - a.mean;
  const se = Math.sqrt(a.se * a.se + b.se * b.se);
  const df = Math.min(a.df, b.df);
  const half = Number.isFinite(se) && df > 0 ? t975(df) * se : NaN;
  const points = stats.reduce((n, x) => n + x.points, 0);
  return {
    factor: input.factors[fi].name,
    from: { at: a.label, mean: a.mean },
    to: { at: b.label, mean: b.mean },
    size,
    lo: size - half,
    hi: size + half,
    how: 'levels',
    points,
  };
}

/**
 * Sampling designs: the least-squares line of the point means on the factor's
 * value, over the factor's range (min to max); its interval is the slope's
 * (t with P - 2 df) times the range. Every point counts, and no bin is picked
 * for being extreme.
 */
function trendChange(input: DesignView, fi: number, m: PointMetric): Change | undefined {
  const f = input.factors[fi];
  const xs: number[] = [];
  const ys: number[] = [];
  input.points.forEach((p, i) => {
    const x = p[fi];
    if (typeof x === 'number' && Number.isFinite(m.pointMeans[i])) {
      xs.push(x);
      ys.push(m.pointMeans[i]);
    }
  });
  const P = xs.length;
  if (P < 3) return undefined;
  const mx = xs.reduce((a, b) => a + b, 0) / P;
  const my = ys.reduce((a, b) => a + b, 0) / P;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < P; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  if (!(sxx > 0)) return undefined;
  const slope = sxy / sxx;
  let rss = 0;
  for (let i = 0; i < P; i++) rss += (ys[i] - my - slope * (xs[i] - mx)) ** 2;
  const [lo, hi] = [f.min ?? Math.min(...xs), f.max ?? Math.max(...xs)];
  const range = hi - lo;
  const size = slope * range;
  const half = t975(P - 2) * Math.sqrt(rss / (P - 2) / sxx) * range;
  const at = (x: number) => ({ at: num(x), mean: my + slope * (x - mx) });
  return { factor: f.name, from: at(lo), to: at(hi), size, lo: size - half, hi: size + half, how: 'trend', points: P };
}

function changeOf(input: DesignView, fi: number, m: PointMetric): Change | undefined {
  const numeric = input.points.every((p) => typeof p[fi] === 'number');
  return !isGrid(input.designType) && numeric ? trendChange(input, fi, m) : levelChange(input, fi, m);
}

const ci = (lo: number, hi: number) => (Number.isFinite(lo) ? `95% CI ${num(lo)} to ${num(hi)}` : 'no interval: one run per point');

/** "rises from 0.45 at x 0.3 to 0.51 at 0.7 (a change of 0.06, 95% CI ...)". */
function movement(c: Change): string {
  const verb = c.size >= 0 ? 'rises' : 'falls';
  const what = c.how === 'trend' ? `on a straight-line fit through all ${c.points} design points` : 'between its first and last level';
  return `${verb} from ${num(c.from.mean)} at ${c.factor} ${c.from.at} to ${num(c.to.mean)} at ${c.to.at} (${what}), a change of ${num(c.size)} (${ci(c.lo, c.hi)})`;
}

/** Which factor moves the metric most across its range, and the others after it. */
function mainEffectSentences(input: SweepFindingsInput, m: PointMetric): string[] {
  const changes = input.factors.map((_, fi) => changeOf(input, fi, m)).filter((c): c is Change => c !== undefined);
  if (!changes.length) return [];
  changes.sort((a, b) => Math.abs(b.size) - Math.abs(a.size) || (a.factor < b.factor ? -1 : 1));
  const [top, ...rest] = changes;
  const within = (c: Change) => Number.isFinite(c.lo) && !isClearOf(c.lo, c.hi);
  const out = [`Moved most by ${top.factor}: it ${movement(top)}${within(top) ? ', not distinguishable from noise' : ''}, averaged over the other factors.`];
  if (rest.length) {
    const others = rest.map((c) => `${c.factor} ${num(c.size)} (${ci(c.lo, c.hi)}${within(c) ? ', within noise' : ''})`);
    // Intervals of |change| overlapping: the order of the two is not settled.
    const tie = Number.isFinite(top.lo) && Math.max(Math.abs(rest[0].lo), Math.abs(rest[0].hi)) >= Math.min(Math.abs(top.lo), Math.abs(top.hi));
    out.push(
      `Across their ranges the others change it by: ${others.join('; ')}.${tie ? ` ${rest[0].factor} may matter as much as ${top.factor}: their intervals overlap.` : ''}`,
    );
  }
  return out;
}

/** How to read a Sobol estimate that lies outside what an index can be ('' when inside). */
export function sobolReading(s: SensitivityRow): string {
  if (s.method !== 'sobol' || !Number.isFinite(s.value)) return '';
  if (s.value < 0) return s.ciHigh < 0 ? 'below 0 beyond its interval: noise; read as 0' : 'below 0: read as 0 (no first-order effect detected)';
  if (s.value > 1) return 'above 1: noise; read as 1 at most';
  if (s.ciHigh > 1 || s.ciLow < 0) return 'interval reaches past 0\u20131';
  return '';
}

/** Sobol: the factor with the largest total index, whether the ranking is settled, and interactions. */
function sobolSentences(rows: SensitivityRow[], metric: string): string[] {
  const st = rows.filter((r) => r.metric === metric && r.index === 'ST' && Number.isFinite(r.value)).sort((a, b) => b.value - a.value);
  const s1 = new Map(rows.filter((r) => r.metric === metric && r.index === 'S1').map((r) => [r.factor, r]));
  if (!st.length) return [];
  const top = st[0];
  const overlap = st
    .slice(1)
    .filter((r) => r.ciHigh >= top.ciLow)
    .map((r) => r.factor);
  const reading = top.value > 1 ? ', more than an index can be (1), so partly noise' : '';
  const out = [
    `Sobol: ${top.factor} has the largest total index, ST ${num(top.value)} (95% CI ${num(top.ciLow)} to ${num(top.ciHigh)})${reading}.`,
    overlap.length
      ? `The intervals of ${overlap.join(', ')} overlap it, so the ranking is not settled.`
      : Number.isFinite(top.ciLow)
        ? 'Its interval lies above those of all the other factors.'
        : '',
  ].filter((x) => x);
  const first = s1.get(top.factor);
  if (first && Number.isFinite(first.ciHigh) && top.ciLow > first.ciHigh)
    out.push(
      `Its first-order index is lower, S1 ${num(first.value)} (95% CI ${num(first.ciLow)} to ${num(first.ciHigh)}): much of its influence comes through interactions with other factors.`,
    );
  return out;
}

/** Morris: the factor with the largest mu*, and whether its effect changes across the design. */
function morrisSentences(rows: SensitivityRow[], metric: string): string[] {
  const mu = rows.filter((r) => r.metric === metric && r.index === 'mu_star' && Number.isFinite(r.value)).sort((a, b) => b.value - a.value);
  if (!mu.length) return [];
  const top = mu[0];
  const sigma = rows.find((r) => r.metric === metric && r.factor === top.factor && r.index === 'sigma');
  const out = [`Morris: ${top.factor} has the largest mean absolute effect, mu* ${num(top.value)} (95% CI ${num(top.ciLow)} to ${num(top.ciHigh)}).`];
  if (sigma && sigma.value > top.value)
    out.push(`Its effects vary more than they average (sigma ${num(sigma.value)} > mu*): non-linear, or interacting with other factors.`);
  return out;
}

/** Mean, squared standard error and df of the cells of factors i and j (averaged over the other factors). */
function cellStats(input: DesignView, m: PointMetric, i: number, j: number) {
  const gi = groupPoints(input, i);
  const gj = groupPoints(input, j);
  const kj = gj.labels.length;
  const cells = Array.from({ length: gi.labels.length * kj }, () => ({ sum: 0, v: 0, df: 0, p: 0 }));
  for (let p = 0; p < gi.groupOf.length; p++) {
    const y = m.pointMeans[p];
    if (!Number.isFinite(y)) continue;
    const c = cells[gi.groupOf[p] * kj + gj.groupOf[p]];
    const sd = m.pointSds?.[p] ?? NaN;
    const n = m.pointNs?.[p] ?? NaN;
    c.sum += y;
    c.v += n >= 2 ? (sd * sd) / n : NaN;
    c.df += n - 1;
    c.p++;
  }
  const at = (a: number, b: number) => {
    const c = cells[a * kj + b];
    return { mean: c.sum / c.p, se2: c.v / (c.p * c.p), df: c.df };
  };
  return { at, li: gi.labels, lj: gj.labels };
}

/** Factorial grids: the strongest two-factor interaction, if it stands out from seed noise and is not small beside the effects. */
function interactionSentence(input: SweepFindingsInput, m: PointMetric, spreads: Map<string, number>): string | undefined {
  let best: { text: string; size: number } | undefined;
  const spread = (f: number) => spreads.get(input.factors[f].name) ?? 0;
  for (let a = 0; a < input.factors.length; a++)
    for (let b = a + 1; b < input.factors.length; b++) {
      // Said as the effect of the more influential factor at two levels of the other.
      const [i, j] = spread(b) > spread(a) ? [b, a] : [a, b];
      const { at, li, lj } = cellStats(input, m, i, j);
      const [i0, i1, j0, j1] = [0, li.length - 1, 0, lj.length - 1];
      const e0 = at(i1, j0).mean - at(i0, j0).mean;
      const e1 = at(i1, j1).mean - at(i0, j1).mean;
      const d = e1 - e0;
      const se = Math.sqrt(at(i1, j0).se2 + at(i0, j0).se2 + at(i1, j1).se2 + at(i0, j1).se2);
      const df = Math.min(at(i1, j0).df, at(i0, j0).df, at(i1, j1).df, at(i0, j1).df);
      if (!Number.isFinite(d) || !Number.isFinite(se) || !(df > 0)) continue;
      const half = t975(df) * se;
      if (!isClearOf(d - half, d + half) || Math.abs(d) < 0.25 * Math.max(Math.abs(e0), Math.abs(e1))) continue;
      const [fi, fj] = [input.factors[i].name, input.factors[j].name];
      const text = `The effect of ${fi} depends on ${fj}: going from ${fi} ${li[i0]} to ${li[i1]} changes ${m.name} by ${num(e0)} at ${fj} ${lj[j0]} but by ${num(e1)} at ${lj[j1]} (difference ${num(d)}, 95% CI ${num(d - half)} to ${num(d + half)}).`;
      if (!best || Math.abs(d) > best.size) best = { text, size: Math.abs(d) };
    }
  return best?.text;
}

/** Share of the variance of the point means that is seed noise (NaN without replications). */
function noiseShare(m: PointMetric): number {
  const ys: number[] = [];
  let noise = 0;
  let k = 0;
  m.pointMeans.forEach((y, p) => {
    const sd = m.pointSds?.[p] ?? NaN;
    const n = m.pointNs?.[p] ?? NaN;
    if (!Number.isFinite(y) || !(n >= 2) || !Number.isFinite(sd)) return;
    ys.push(y);
    noise += (sd * sd) / n;
    k++;
  });
  if (k < 3) return NaN;
  const mean = ys.reduce((a, b) => a + b, 0) / k;
  const v = ys.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1);
  return v > 0 ? Math.min(1, noise / k / v) : NaN;
}

/** The sweep's findings in words. */
export function sweepFindings(input: SweepFindingsInput): SweepFindings {
  const caveats: string[] = [];
  const names = new Set(input.metrics.map((m) => m.name));
  const sobol = input.designType === 'sobol';
  if (sobol) {
    const judged = sobolAdequacy(
      input.sensitivity.filter((r) => names.has(r.metric)),
      (input.factors.length + 2) * input.replications,
    );
    if (judged.text) caveats.push(judged.text);
    const noisy = input.metrics.map((m) => [m.name, noiseShare(m)] as const).filter(([, x]) => x >= 0.1);
    if (noisy.length)
      caveats.push(
        `Seed noise is a large part of the variance of the point means (${noisy.map(([m, x]) => `${m} ${Math.round(100 * x)}%`).join(', ')}, with ${input.replications} replication${input.replications === 1 ? '' : 's'} a point): it adds about that share to every total index (ST) and blurs the first-order ones. More base samples do not remove it; more replications do.`,
      );
  }
  const metrics = input.metrics.map((m) => {
    const sentences = mainEffectSentences(input, m);
    if (sobol) sentences.push(...sobolSentences(input.sensitivity, m.name));
    if (input.designType === 'morris') sentences.push(...morrisSentences(input.sensitivity, m.name));
    if (isGrid(input.designType) && input.factors.length >= 2) {
      const changes = input.factors.map((_, fi) => changeOf(input, fi, m));
      const spreads = new Map(input.factors.map((f, fi) => [f.name, Math.abs(changes[fi]?.size ?? 0)]));
      const inter = interactionSentence(input, m, spreads);
      const anyCi = changes.some((c) => Number.isFinite(c?.lo));
      if (inter) sentences.push(inter);
      else if (anyCi) sentences.push('No interaction between two factors stands out from seed noise.');
    }
    return { metric: m.name, sentences };
  });
  return { metrics, caveats };
}
