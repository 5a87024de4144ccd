/**
 * What a screen concludes from its two sweeps (docs/sensitivity.md): the
 * Morris ranking read back from sensitivity.csv, the selection of the
 * parameters that matter, the Sobol indices with warnings about their
 * precision and consistency, and the words of screen.md.
 *
 * Noise floor: collabsim runs are stochastic, and a run's seed follows from
 * its factor values, so even a parameter the model never reads gets
 * elementary effects (pure run-to-run noise) and a mu* interval above 0. The
 * screen therefore adds a dummy factor that changes nothing but the seeds
 * (DUMMY_FACTOR) and selects a parameter only when its mu* interval lies
 * wholly above the dummy's (the intervals do not overlap: with a hundred
 * parameters, a lower bound above the dummy's mu* alone lets a few inert
 * ones through by chance). In the Sobol sweep the dummy's total index is the
 * share of the variance that is noise.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILES } from './layout.ts';
import { header, SENSITIVITY_COLUMNS } from './table-columns.ts';
import { SweepError } from './errors.ts';
import type { SensitivityRow } from './sweep-charts.ts';
import type { MorrisFactorIndices, SobolFactorIndices } from './sensitivity.ts';
import { fixedTo, sig3 } from '../output/report-format.ts';
import type { LeftOut, ScreenParam } from './screen-params.ts';

/** The factor that changes only run seeds: a text key no mechanism reads. */
export const DUMMY_FACTOR = { path: 'description', name: 'dummy', levels: ['dummy-a', 'dummy-b'] } as const;

export interface MorrisEntry extends MorrisFactorIndices {
  factor: string;
}

export interface SobolEntry extends SobolFactorIndices {
  factor: string;
  /** Base samples used. */
  n: number;
}

export interface MetricSelection {
  /** The upper end of the dummy's mu* interval: what noise alone can give. */
  noiseFloor: number;
  selected: string[];
  /** Parameters whose mu* interval is above the floor (selected or not). */
  aboveNoise: number;
}

export interface Selection {
  rule: string;
  perMetric: Record<string, MetricSelection>;
  /** Union over metrics, in the order metrics and ranks give. */
  factors: string[];
}

/** Width of a 95% interval above which an index is too imprecise to rank on. */
export const WIDE_CI = 0.2;
/** Tolerance before an index is called inconsistent (sampling error makes small violations normal). */
export const INCONSISTENT_BY = 0.05;

/** The rows of a finished sweep's sensitivity.csv (written by sensitivity-table.ts). */
export function readSensitivity(dir: string): SensitivityRow[] {
  const file = join(dir, FILES.sensitivity);
  const lines = readFileSync(file, 'utf8').split('\r\n');
  if (`${lines[0]}\r\n` !== header(SENSITIVITY_COLUMNS)) throw new SweepError(`${file}: not a sensitivity table (header ${lines[0]})`);
  // Factor and metric names are identifiers (no commas or quotes), so a plain split reads every field.
  return lines
    .slice(1)
    .filter((l) => l.length > 0)
    .map((l) => {
      const [method, metric, factor, index, value, ciLow, ciHigh, n] = l.split(',');
      const num = (s: string) => (s === '' ? NaN : Number(s));
      return { method: method as SensitivityRow['method'], metric, factor, index, value: num(value), ciLow: num(ciLow), ciHigh: num(ciHigh), n: num(n) };
    });
}

function rowsOf(rows: SensitivityRow[], metric: string, factor: string): Map<string, SensitivityRow> {
  return new Map(rows.filter((r) => r.metric === metric && r.factor === factor).map((r) => [r.index, r]));
}

/** Decreasing mu* (missing values last), ties by name, so the ranking is deterministic. */
function byMuStar(a: MorrisEntry, b: MorrisEntry): number {
  const x = Number.isFinite(a.muStar) ? a.muStar : -Infinity;
  const y = Number.isFinite(b.muStar) ? b.muStar : -Infinity;
  return y - x || (a.factor < b.factor ? -1 : a.factor > b.factor ? 1 : 0);
}

/** Morris indices of every factor for one metric, ranked by mu*. */
export function morrisRanking(rows: SensitivityRow[], metric: string, factors: readonly string[]): MorrisEntry[] {
  return factors
    .map((factor) => {
      const m = rowsOf(rows, metric, factor);
      const star = m.get('mu_star');
      return {
        factor,
        mu: m.get('mu')?.value ?? NaN,
        muStar: star?.value ?? NaN,
        muStarLow: star?.ciLow ?? NaN,
        muStarHigh: star?.ciHigh ?? NaN,
        sigma: m.get('sigma')?.value ?? NaN,
        r: star?.n ?? 0,
      };
    })
    .sort(byMuStar);
}

export const SELECTION_RULE =
  "per metric, the top K parameters by mu* among those whose mu* confidence interval lies wholly above the dummy factor's (noise alone); the union over metrics";

/** The parameters that matter: see SELECTION_RULE. */
export function selectFactors(ranking: Record<string, MorrisEntry[]>, top: number): Selection {
  const perMetric: Record<string, MetricSelection> = {};
  const union: string[] = [];
  for (const [metric, entries] of Object.entries(ranking)) {
    const dummy = entries.find((e) => e.factor === DUMMY_FACTOR.name);
    const noiseFloor = Number.isFinite(dummy?.muStarHigh) ? (dummy?.muStarHigh ?? NaN) : (dummy?.muStar ?? NaN);
    const above = entries.filter((e) => e.factor !== DUMMY_FACTOR.name && e.muStarLow > noiseFloor);
    const selected = above.slice(0, top).map((e) => e.factor);
    perMetric[metric] = { noiseFloor, selected, aboveNoise: above.length };
    for (const f of selected) if (!union.includes(f)) union.push(f);
  }
  return { rule: SELECTION_RULE, perMetric, factors: union };
}

/** Sobol indices of every factor for one metric, ranked by total index. */
export function sobolTable(rows: SensitivityRow[], metric: string, factors: readonly string[]): SobolEntry[] {
  return factors
    .map((factor) => {
      const m = rowsOf(rows, metric, factor);
      const s1 = m.get('S1');
      const st = m.get('ST');
      return {
        factor,
        S1: s1?.value ?? NaN,
        S1Low: s1?.ciLow ?? NaN,
        S1High: s1?.ciHigh ?? NaN,
        ST: st?.value ?? NaN,
        STLow: st?.ciLow ?? NaN,
        STHigh: st?.ciHigh ?? NaN,
        n: st?.n ?? 0,
      };
    })
    .sort((a, b) => (Number.isFinite(b.ST) ? b.ST : -Infinity) - (Number.isFinite(a.ST) ? a.ST : -Infinity) || (a.factor < b.factor ? -1 : 1));
}

const names = (es: SobolEntry[]) => es.map((e) => e.factor).join(', ');

/** Plain-word warnings about one metric's Sobol indices: wide intervals, inconsistent values, indices within noise. */
export function sobolWarnings(metric: string, entries: SobolEntry[]): string[] {
  const out: string[] = [];
  const real = entries.filter((e) => e.factor !== DUMMY_FACTOR.name);
  const dummy = entries.find((e) => e.factor === DUMMY_FACTOR.name);
  if (entries.every((e) => !Number.isFinite(e.ST))) return [`${metric}: no Sobol indices (the metric has no value, or does not vary)`];
  const wide = entries.filter((e) => e.STHigh - e.STLow > WIDE_CI || e.S1High - e.S1Low > WIDE_CI);
  if (wide.length)
    out.push(`${metric}: wide confidence intervals (over ${WIDE_CI} wide) for ${names(wide)}: more base samples are needed to rank these with confidence`);
  const negative = real.filter((e) => e.S1 < -INCONSISTENT_BY);
  if (negative.length) out.push(`${metric}: negative first-order index for ${names(negative)}: estimation noise, the base samples are too few`);
  const over = real.filter((e) => e.ST > 1 + INCONSISTENT_BY);
  if (over.length) out.push(`${metric}: total index above 1 for ${names(over)}: estimation noise, the base samples are too few`);
  const firstAboveTotal = real.filter((e) => e.S1 > e.ST + INCONSISTENT_BY);
  if (firstAboveTotal.length) out.push(`${metric}: first-order index above the total index for ${names(firstAboveTotal)}: estimation noise`);
  const sumS1 = real.reduce((a, e) => a + (Number.isFinite(e.S1) ? e.S1 : 0), 0);
  if (sumS1 > 1 + INCONSISTENT_BY) out.push(`${metric}: the first-order indices add up to ${fixedTo(sumS1, 2)}, more than 1: estimation noise`);
  if (dummy && Number.isFinite(dummy.ST)) {
    const inNoise = real.filter((e) => !(e.STLow > dummy.ST));
    if (inNoise.length) out.push(`${metric}: the total index of ${names(inNoise)} is not clearly above the dummy's (${fixedTo(dummy.ST, 3)}, noise alone)`);
  }
  return out;
}

/** screen.json: everything the screen decided and found (no timings, so it is byte-identical for any worker count). */
export interface ScreenSummary {
  format: 1;
  scenario: { file: string; name: string; question: string };
  metrics: string[];
  settings: { trajectories: number; levels: number; top: number; baseSamples: number; reps: number; seed: number };
  rangeRule: string;
  parameters: ScreenParam[];
  excluded: LeftOut[];
  dropped: LeftOut[];
  dummy: { path: string; name: string; levels: readonly string[]; why: string };
  morris: { dir: string; runs: number; failed: number; ranking: Record<string, MorrisEntry[]> };
  selection: Selection;
  sobol: { dir: string; runs: number; failed: number; indices: Record<string, SobolEntry[]>; warnings: string[] } | null;
}

const f3 = (x: number): string => fixedTo(x, 3);
const pctOf = (x: number): string => (Number.isFinite(x) ? `${Math.round(Math.max(0, x) * 100)}%` : '\u2013');

function morrisWords(s: ScreenSummary, metric: string): string[] {
  const sel = s.selection.perMetric[metric];
  const ranking = s.morris.ranking[metric] ?? [];
  const varied = s.parameters.length;
  const top = ranking.filter((e) => sel.selected.includes(e.factor));
  const lines = [
    `Morris screening: ${sel.aboveNoise} of the ${varied} parameters have an effect that stands out from run-to-run noise (their mu* interval lies wholly above the dummy's, whose upper end is ${sig3(sel.noiseFloor)}).`,
  ];
  if (top.length) {
    lines.push(
      '',
      `Selected for the Sobol sweep (top ${s.settings.top} by mu*):`,
      '',
      '| parameter | mu* [95% CI] | mu | sigma |',
      '| --- | --- | --- | --- |',
    );
    for (const e of top) lines.push(`| \`${e.factor}\` | ${sig3(e.muStar)} [${sig3(e.muStarLow)}, ${sig3(e.muStarHigh)}] | ${sig3(e.mu)} | ${sig3(e.sigma)} |`);
    lines.push(
      '',
      'mu* is the mean absolute change in the metric when the parameter moves across its whole range (unit-range elementary effect); mu gives its sign, sigma its non-linearity and interactions.',
    );
  } else lines.push('', 'No parameter is distinguishable from noise at this sample size: more trajectories or replications are needed.');
  return lines;
}

function sobolWords(s: ScreenSummary, metric: string): string[] {
  const entries = s.sobol?.indices[metric];
  if (!s.sobol || !entries) return [];
  const dummy = entries.find((e) => e.factor === DUMMY_FACTOR.name);
  const real = entries.filter((e) => e.factor !== DUMMY_FACTOR.name);
  const lines = [
    '',
    `Sobol indices (${s.settings.baseSamples} base samples):`,
    '',
    '| parameter | first order S1 [95% CI] | total ST [95% CI] |',
    '| --- | --- | --- |',
  ];
  for (const e of entries) lines.push(`| \`${e.factor}\` | ${f3(e.S1)} [${f3(e.S1Low)}, ${f3(e.S1High)}] | ${f3(e.ST)} [${f3(e.STLow)}, ${f3(e.STHigh)}] |`);
  const clear = real.filter((e) => dummy && e.STLow > dummy.ST);
  lines.push('');
  if (clear.length) {
    const parts = clear.map((e) => `\`${e.factor}\` accounts for about ${pctOf(e.ST)} of the variance (${pctOf(e.S1)} alone)`);
    lines.push(`In words: over these ranges, ${parts.join('; ')}.`);
  } else lines.push("In words: no total index is clearly above the dummy's: at this sample size the Sobol sweep cannot tell these parameters from noise.");
  if (dummy)
    lines.push(
      `The dummy's total index (${f3(dummy.ST)}) is the share of the variance that is run-to-run noise at ${s.settings.reps} replication(s) per point.`,
    );
  return lines;
}

/** screen.md: in plain words, which parameters matter for each metric. */
export function screenMarkdown(s: ScreenSummary): string {
  const st = s.settings;
  const lines = [
    `# Screen of ${s.scenario.name}`,
    '',
    ...(s.scenario.question ? [`Question of the scenario: ${s.scenario.question}`, ''] : []),
    `Metrics: ${s.metrics.map((m) => `\`${m}\``).join(', ')}. Seed ${st.seed}, ${st.reps} replication(s) per design point.`,
    '',
    `${s.parameters.length} parameters varied (${s.rangeRule}); ${s.excluded.length} left out by rule and ${s.dropped.length} dropped by the resolution check (see screen.json). A dummy factor that changes only the run seeds measures noise.`,
    '',
    `Runs: Morris ${s.morris.runs} (${st.trajectories} trajectories, ${st.levels} levels; ${s.morris.dir}/), Sobol ${s.sobol ? `${s.sobol.runs} (${s.sobol.dir}/)` : 'not run'}.`,
    '',
    `Selection rule: ${s.selection.rule}.`,
  ];
  for (const m of s.metrics) lines.push('', `## ${m}`, '', ...morrisWords(s, m), ...sobolWords(s, m));
  const warnings = s.sobol?.warnings ?? [];
  if (warnings.length) lines.push('', '## Warnings', '', ...warnings.map((w) => `- ${w}`));
  return lines.join('\n') + '\n';
}
