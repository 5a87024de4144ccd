/**
 * What a comparison found, in words: the key metrics sorted by how much they
 * changed (Hedges' g, the change against run-to-run variation), each said in
 * its own unit (pupil SD, percentage points, a 0–1 score, heads) with its 95%
 * interval and whether it stands out from seed noise. Metrics that cannot be
 * findings are set apart:
 * - unchanged: identical under A and B in every seed (a mechanism neither
 *   scenario uses, such as MAT ties without MATs);
 * - set by the scenarios: the same difference in every seed (B puts every
 *   school in a MAT; B seeds the practice in more schools), a consequence of
 *   how the scenarios are written rather than of what the model does;
 * - too few seeds: reported by fewer than two seeds of both scenarios.
 * The report (compare-report.ts) and the command's terminal output use the
 * same sentences.
 */
import { isClear, type Comparison, type MetricComparison } from './compare.ts';

/** How many of the largest changes the summary states one by one. */
export const TOP_FINDINGS = 5;

/** The metric the model is built to explain, always stated. */
const HEADLINE_METRIC = 'effectiveness_mean';

export interface CompareFindings {
  /** Metrics that vary between seeds, largest standardised change first. */
  ranked: MetricComparison[];
  /** The first TOP_FINDINGS of `ranked`. */
  top: MetricComparison[];
  /** The headline metric when it is not among `top`. */
  headline?: MetricComparison;
  /** Identical under A and B in every seed. */
  unchanged: MetricComparison[];
  /** The same (non-zero) difference in every seed. */
  fixed: MetricComparison[];
  /** Fewer than two seeds report the metric in both scenarios. */
  sparse: MetricComparison[];
}

/** Number for people: 3 decimals below 10, fewer above. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return '\u2013';
  const a = Math.abs(x);
  const s = a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : x.toFixed(3);
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

/** Size of a standardised effect in words (Cohen's conventions on |d|). */
export function effectWord(d: number): string {
  const x = Math.abs(d);
  if (!Number.isFinite(x)) return 'undefined';
  if (x < 0.2) return 'negligible';
  if (x < 0.5) return 'small';
  if (x < 0.8) return 'medium';
  return 'large';
}

/** The paired final values of one metric where both scenarios report it. */
function pairs(c: Comparison, metric: string): [number, number][] {
  return c.runs.map((r): [number, number] => [r.a[metric], r.b[metric]]).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
}

/** How a metric's paired values behave over the seeds. */
export function rowKind(c: Comparison, r: MetricComparison): 'unchanged' | 'fixed' | 'sparse' | 'varies' {
  const p = pairs(c, r.metric);
  if (p.length > 0 && p.every(([a, b]) => a === b)) return 'unchanged';
  if (p.length < 2) return 'sparse';
  const d0 = p[0][1] - p[0][0];
  const tiny = 1e-12 * Math.max(1, ...p.map(([a, b]) => Math.max(Math.abs(a), Math.abs(b))));
  return p.every(([a, b]) => Math.abs(b - a - d0) <= tiny) ? 'fixed' : 'varies';
}

/** Standardised size used to rank changes: |Hedges' g|, else |d_z|. */
export function changeSize(r: MetricComparison): number {
  if (Number.isFinite(r.hedgesG)) return Math.abs(r.hedgesG);
  return Number.isFinite(r.dz) ? Math.abs(r.dz) : 0;
}

export function compareFindings(c: Comparison): CompareFindings {
  const by = { unchanged: [] as MetricComparison[], fixed: [] as MetricComparison[], sparse: [] as MetricComparison[], varies: [] as MetricComparison[] };
  for (const r of c.rows) by[rowKind(c, r)].push(r);
  const ranked = [...by.varies].sort((x, y) => changeSize(y) - changeSize(x) || (x.metric < y.metric ? -1 : 1));
  const top = ranked.slice(0, TOP_FINDINGS);
  const key = ranked.find((r) => r.metric === HEADLINE_METRIC);
  return { ranked, top, ...(key && !top.includes(key) ? { headline: key } : {}), unchanged: by.unchanged, fixed: by.fixed, sparse: by.sparse };
}

/** A level of a metric in its unit: a share as a percentage, anything else as a number. */
export function level(r: Pick<MetricComparison, 'unit'>, x: number): string {
  if (!Number.isFinite(x)) return '\u2013';
  return r.unit === 'share' ? `${(100 * x).toFixed(1)}%` : fmt(x);
}

/** Units as a phrase after an amount. */
const UNIT_PHRASE: Record<string, string> = {
  share: 'percentage points',
  'pupil SD': 'pupil SD',
  '0..1': 'on the 0\u20131 scale',
  'per year': 'per year',
  heads: 'heads',
  ties: 'relationships per head',
  components: 'components',
};

/** A change (or a bound of its interval) in the metric's unit: shares in percentage points. */
export function amount(r: Pick<MetricComparison, 'unit'>, x: number): string {
  if (!Number.isFinite(x)) return '\u2013';
  const v = r.unit === 'share' ? (100 * x).toFixed(1).replace(/^-0\.0$/, '0.0') : fmt(x);
  return `${v} ${UNIT_PHRASE[r.unit] ?? r.unit}`;
}

/** The 95% interval of B - A in the metric's unit. */
export function intervalText(r: MetricComparison): string {
  const lo = r.unit === 'share' ? (100 * r.ciLow).toFixed(1) : fmt(r.ciLow);
  return `${lo} to ${amount(r, r.ciHigh)}`;
}

/** Whether a clear change is better or worse for readers, in words ('' when it depends or is not clear). */
function judgement(r: MetricComparison): string {
  if (r.better === 'none' || r.diff === 0 || !isClear(r)) return '';
  return (r.better === 'higher') === r.diff > 0 ? ', an improvement' : ', a deterioration';
}

/** One finding: the metric's label and the sentence that follows it. */
export interface Finding {
  label: string;
  text: string;
}

/** Hedges' g to two decimals (one from 10 up). */
export const gText = (g: number) => (!Number.isFinite(g) ? '\u2013' : Math.abs(g) >= 10 ? g.toFixed(1) : g.toFixed(2));

/** The finding for one metric: direction, size in its unit, interval, standardised size and seed noise. */
export function finding(r: MetricComparison): Finding {
  const noise = isClear(r) ? 'clearly beyond seed noise' : 'not distinguishable from seed noise (the interval includes zero)';
  const levels = `A ${level(r, r.meanA)}, B ${level(r, r.meanB)}`;
  const size = `${capitalise(effectWord(changeSize(r)))} against run-to-run variation (Hedges' g ${gText(r.hedgesG)}); ${noise}.`;
  if (r.diff === 0) return { label: r.label, text: `the same on average under A and B (${levels}; 95% interval of the change ${intervalText(r)}). ${size}` };
  const dir = r.diff > 0 ? 'higher' : 'lower';
  return {
    label: r.label,
    text: `${dir} under B by ${amount(r, Math.abs(r.diff))}${judgement(r)} (${levels}; 95% interval of the change ${intervalText(r)}). ${size}`,
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The opening sentence: how many outcomes moved beyond seed noise, over how many seeds. */
export function leadSentence(c: Comparison, f: CompareFindings): string {
  const clear = f.ranked.filter(isClear).length;
  const n = f.ranked.length;
  const seeds = `${c.reps} paired seed${c.reps === 1 ? '' : 's'} of ${c.years} simulated years`;
  if (n === 0) return `Over ${seeds}, no key metric varies between seeds, so there is nothing to compare beyond what the scenarios set.`;
  if (clear === 0) return `Over ${seeds}, none of the ${n} key metrics that vary differs between B and A beyond seed noise.`;
  return `Over ${seeds}, B (${c.b.name}) differs from A (${c.a.name}) beyond seed noise on ${clear} of the ${n} key metrics that vary. The largest changes, measured against run-to-run variation:`;
}

/** `A → B` of a metric whose difference is the same in every seed. */
export function fixedText(r: MetricComparison): string {
  return `${r.label} (${level(r, r.meanA)} \u2192 ${level(r, r.meanB)})`;
}

/** The findings as plain text lines, for the terminal. */
export function findingsLines(c: Comparison): string[] {
  const f = compareFindings(c);
  const lines = ['What we found:', leadSentence(c, f)];
  f.top.forEach((r, i) => {
    const x = finding(r);
    lines.push(`  ${i + 1}. ${x.label}: ${x.text}`);
  });
  if (f.headline) {
    const x = finding(f.headline);
    lines.push(`  ${x.label} (the headline outcome): ${x.text}`);
  }
  if (f.fixed.length) lines.push(`Set by the scenarios (the same difference in every seed): ${f.fixed.map(fixedText).join('; ')}.`);
  if (f.unchanged.length) lines.push(`Unchanged by construction (identical under A and B in every seed): ${f.unchanged.map((r) => r.label).join('; ')}.`);
  return lines;
}
