/**
 * Answer a scenario's question over replications (`collabsim run`).
 *
 * Replication 1 runs on the run's own seed (it is the run shown in detail);
 * replication i > 1 on the compare seed i-1 derived from it
 * (compare.ts `compareSeeds`). With a counterfactual, both arms run on the
 * same seeds (common random numbers), so the paired difference of each
 * metric at the answer's year carries little seed noise; its mean and 95% t
 * interval are the effect. Bands over time: each arm's 5th, 50th and 95th
 * percentiles over runs, and the paired difference's mean with its 95%
 * interval at every tick. The runs happen one after another in this
 * process (`answerQuestion`) or at once on worker threads
 * (answer-pool.ts): each run depends only on its scenario and seed, so the
 * numbers are the same either way, on every machine.
 */
import { quantileSorted } from 'simple-statistics';
import type { RunSummary } from '../engine/contract.ts';
import type { Scenario } from '../model/schema.ts';
import { METRICS, simulateSummary } from '../model/simulate.ts';
import type { ParallelWork } from '../model/core/context.ts';
import type { Counterfactual } from '../scenario/counterfactual.ts';
import type { AnswerRow, Band, ReplicatedAnswer } from '../output/answer-types.ts';
import { metricLabel } from '../output/metric-labels.ts';
import { compareSeeds, pairedStats } from './compare.ts';
import { summarise } from './stats.ts';
import { getSeries } from '../output/run-series.ts';

/** Replications `run` makes by default: fewer as the population grows, so a national run stays affordable. */
export function defaultReps(schools: number): number {
  if (schools <= 300) return 16;
  if (schools <= 3000) return 8;
  return 3;
}

/** The supporting metrics shown when a scenario names none. */
const DEFAULT_ALSO = ['trust_mean', 'lencioni_results', 'share_good_or_better'];

export interface AnswerOptions {
  reps: number;
  seed: number;
  years: number;
  /** The scenario's run on `seed`, already made (replication 1). */
  first: RunSummary;
  onRun?: (done: number, total: number) => void;
  /** Threads to share each replication's work (the same answer without). */
  parallel?: ParallelWork;
}

/** Value of a metric at a row: the series where it is recorded (the last observation at or before the row), else the summary. */
function valueAt(out: RunSummary, metric: string, row: number): number {
  const s = getSeries(out, metric);
  if (!s) return out.summary[metric] ?? NaN;
  for (let r = Math.min(row, s.length - 1); r >= 0; r--) if (!Number.isNaN(s[r])) return s[r];
  return NaN;
}

function percentileBand(metric: string, arm: Band['arm'], runs: (Float64Array | undefined)[], rows: number): Band | undefined {
  const present = runs.filter((r): r is Float64Array => r !== undefined);
  if (present.length === 0) return undefined;
  const low: number[] = [];
  const mid: number[] = [];
  const high: number[] = [];
  for (let t = 0; t < rows; t++) {
    const v = present
      .map((r) => r[t])
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    low.push(v.length ? quantileSorted(v, 0.05) : NaN);
    mid.push(v.length ? quantileSorted(v, 0.5) : NaN);
    high.push(v.length ? quantileSorted(v, 0.95) : NaN);
  }
  return { metric, arm, low, mid, high };
}

function effectBand(metric: string, a: (Float64Array | undefined)[], b: (Float64Array | undefined)[], rows: number): Band | undefined {
  if (a.some((x) => !x) || b.some((x) => !x)) return undefined;
  const low: number[] = [];
  const mid: number[] = [];
  const high: number[] = [];
  for (let t = 0; t < rows; t++) {
    const m = summarise(b.map((bs, i) => bs![t] - a[i]![t]));
    mid.push(m.mean);
    low.push(Number.isFinite(m.ciLow) ? m.ciLow : m.mean);
    high.push(Number.isFinite(m.ciHigh) ? m.ciHigh : m.mean);
  }
  return { metric, arm: 'effect', low, mid, high };
}

/** The metrics answered: the outcome, then the supporting ones (the scenario's, or a default set), without repeats. */
export function answerMetrics(s: Scenario): string[] {
  const outcome = s.answer?.outcome ?? 'effectiveness_mean';
  const also = s.answer?.also.length ? s.answer.also : DEFAULT_ALSO;
  return [outcome, ...also.filter((m) => m !== outcome)].filter((m, i, all) => all.indexOf(m) === i);
}

function unitOf(metric: string): string {
  return METRICS.find((m) => m.name === metric)?.unit ?? '';
}

/** The seed of each replication: the run's own, then the compare seeds derived from it. */
export function replicationSeeds(opts: Pick<AnswerOptions, 'reps' | 'seed'>): number[] {
  return [opts.seed, ...compareSeeds(opts.reps - 1, opts.seed)];
}

/** The runs of both arms, replication by replication (`runsA` empty without a counterfactual). */
export interface ArmRuns {
  runsB: RunSummary[];
  runsA: RunSummary[];
}

/** Run the replications here, one after another, and compute the answer. */
export function answerQuestion(scenario: Scenario, counterfactual: Counterfactual | undefined, opts: AnswerOptions): ReplicatedAnswer {
  const seeds = replicationSeeds(opts);
  const total = opts.reps * (counterfactual ? 2 : 1);
  let done = 0;
  const runsB: RunSummary[] = [];
  const runsA: RunSummary[] = [];
  for (let i = 0; i < opts.reps; i++) {
    runsB.push(i === 0 ? opts.first : simulateSummary(scenario, { seed: seeds[i], years: opts.years, parallel: opts.parallel }));
    opts.onRun?.(++done, total);
    if (counterfactual) {
      runsA.push(simulateSummary(counterfactual.scenario, { seed: seeds[i], years: opts.years, parallel: opts.parallel }));
      opts.onRun?.(++done, total);
    }
  }
  return answerFromRuns(scenario, counterfactual, opts, { runsB, runsA });
}

/** The answer from the replications' runs (however they were run: the same runs give the same answer). */
export function answerFromRuns(
  scenario: Scenario,
  counterfactual: Counterfactual | undefined,
  opts: Pick<AnswerOptions, 'reps' | 'seed' | 'years'>,
  { runsB, runsA }: ArmRuns,
): ReplicatedAnswer {
  const reps = opts.reps;
  const seeds = replicationSeeds(opts);
  const metrics = answerMetrics(scenario);
  // Rows per year of the runs' series (the ticks of a year, or one when recorded once a year).
  const tpy = runsB[0].series.ticksPerYear;
  const every = runsB[0].series.ticksPerRow ?? 1;
  const year = Math.min(opts.years, scenario.answer?.at ?? opts.years);
  const row = Math.round(year * tpy);
  const at = (runs: RunSummary[], m: string) => runs.map((o) => valueAt(o, m, row));
  const rows: AnswerRow[] = metrics.map((metric) => {
    const b = at(runsB, metric);
    const mi = summarise(b);
    const base: AnswerRow = {
      metric,
      label: metricLabel(metric),
      unit: unitOf(metric),
      year,
      n: mi.n,
      mean: mi.mean,
      meanLow: mi.ciLow,
      meanHigh: mi.ciHigh,
    };
    if (!counterfactual) return base;
    const st = pairedStats(at(runsA, metric), b);
    return { ...base, n: st.n, counterfactualMean: st.meanA, effect: st.diff, effectLow: st.ciLow, effectHigh: st.ciHigh, dz: st.dz, pValue: st.pValue };
  });
  const nRows = runsB[0].series.rows;
  const bands: Band[] = [];
  for (const m of metrics) {
    const sb = runsB.map((o) => getSeries(o, m));
    const sa = runsA.map((o) => getSeries(o, m));
    const pb = percentileBand(m, 'scenario', sb, nRows);
    if (pb) bands.push(pb);
    if (counterfactual) {
      const pa = percentileBand(m, 'counterfactual', sa, nRows);
      if (pa) bands.push(pa);
      const eb = effectBand(m, sa, sb, nRows);
      if (eb) bands.push(eb);
    }
  }
  const runs: ReplicatedAnswer['runs'] = [];
  for (let i = 0; i < reps; i++) {
    const vals = (o: RunSummary) => Object.fromEntries(metrics.map((m) => [m, valueAt(o, m, row)]));
    runs.push({ rep: i + 1, seed: seeds[i], arm: 'scenario', values: vals(runsB[i]) });
    if (counterfactual) runs.push({ rep: i + 1, seed: seeds[i], arm: 'counterfactual', values: vals(runsA[i]) });
  }
  return {
    question: scenario.question,
    outcome: metrics[0],
    year,
    ticksPerYear: tpy,
    ...(every !== 1 ? { ticksPerRow: every } : {}),
    reps,
    seeds,
    ...(counterfactual ? { counterfactual: { label: counterfactual.label, source: counterfactual.source } } : {}),
    rows,
    bands,
    runs,
  };
}
