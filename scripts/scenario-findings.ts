/**
 * The "Finding" paragraphs at the head of the scenario files: each
 * scenario against its comparator over 16 paired seeds (the seeds of
 * `collabsim compare --reps 16`), the mean paired difference of each metric
 * with its 95% t interval. Prints the figures; the paragraphs are written
 * from them by hand.
 *
 *   npx tsx scripts/scenario-findings.ts [scenario-name ...]
 */
import { loadScenarioFile } from '../src/scenario/scenario-file.ts';
import { applyFactors } from '../src/scenario/paths.ts';
import { validateValue } from '../src/scenario/load.ts';
import { ScenarioSchema, type Scenario } from '../src/model/schema.ts';
import { simulate } from '../src/model/simulate.ts';
import { compareSeeds, pairedStats } from '../src/experiment/compare.ts';
import type { RunOutput } from '../src/engine/contract.ts';

type Comparator = { year0: true } | { file: string } | { set?: Record<string, number | string | boolean>; drop?: string[]; label: string };
interface Check {
  year: number | 'end';
  metrics: string[];
}
interface Spec {
  comparator: Comparator;
  checks: Check[];
}

const EFF = 'effectiveness_mean';
const SPECS: Record<string, Spec> = {
  'locality-baseline': { comparator: { year0: true }, checks: [] },
  'city-baseline': { comparator: { year0: true }, checks: [] },
  'town-baseline': { comparator: { year0: true }, checks: [] },
  'shire-baseline': { comparator: { year0: true }, checks: [] },
  'workshop-team': { comparator: { year0: true }, checks: [] },
  'boundary-spanner-loss': {
    comparator: { file: 'scenarios/shire-baseline.yaml' },
    checks: [{ year: 8, metrics: ['knowledge_mean_reach', 'practice_adoption', 'hub_engagement', EFF, 'trust_mean'] }],
  },
  'closed-vs-open-mats': {
    comparator: { file: 'scenarios/town-baseline.yaml' },
    checks: [{ year: 8, metrics: ['cross_mat_tie_share', 'hub_engagement', EFF, 'pl_access_gini'] }],
  },
  'competition-falling-rolls': {
    comparator: { file: 'scenarios/city-baseline.yaml' },
    checks: [{ year: 8, metrics: ['stance_share', 'rival_trust_mean', 'trust_mean', EFF, 'share_improving'] }],
  },
  'leader-turnover-shock': {
    comparator: { file: 'scenarios/shire-baseline.yaml' },
    checks: [
      { year: 'end', metrics: ['leader_departures_total'] },
      { year: 3, metrics: ['trust_mean', EFF] },
      { year: 5, metrics: ['trust_mean'] },
      { year: 8, metrics: [EFF] },
    ],
  },
  'mat-consolidation-2030': {
    comparator: { file: 'scenarios/city-baseline.yaml' },
    checks: [{ year: 8, metrics: ['cross_mat_tie_share', 'hub_engagement', 'pl_access_gini', 'trust_mean', EFF] }],
  },
  'peer-review-cluster': {
    comparator: { set: { 'partnerships.peerReview.enabled': false }, drop: ['timeline'], label: 'without peer review or the year-1 practices' },
    checks: [{ year: 6, metrics: ['trust_mean', 'lencioni_results', 'knowledge_mean_reach', EFF] }],
  },
  'peer-review-rollout': {
    comparator: { drop: ['timeline'], label: 'without its year-1 events' },
    checks: [
      { year: 6, metrics: ['trust_mean', 'lencioni_results', 'hub_engagement', EFF] },
      { year: 2, metrics: [EFF] },
    ],
  },
  'tsa-to-hubs-2021': {
    comparator: { drop: ['timeline'], label: 'with the alliances kept' },
    checks: [{ year: 6, metrics: ['hub_engagement_30km_plus', 'hub_engagement_0_5km', 'trust_mean', 'hub_engagement', EFF] }],
  },
};

const REPS = 16;

function comparatorOf(file: string, c: Comparator): Scenario | null {
  if ('year0' in c) return null;
  if ('file' in c) return loadScenarioFile(c.file).scenario;
  const raw = structuredClone(loadScenarioFile(file).raw);
  for (const k of c.drop ?? []) delete raw[k];
  const set = Object.entries(c.set ?? {});
  return validateValue(
    ScenarioSchema,
    applyFactors(
      raw,
      set.map(([k]) => k),
      set.map(([, v]) => v),
    ),
    c.label,
  );
}

function valueAt(out: RunOutput, metric: string, year: number | 'end'): number {
  if (year === 'end') return out.summary[metric] ?? NaN;
  const s = out.series;
  const k = s.keys.findIndex((x) => x.metric === metric && x.level === 'all');
  if (k < 0) return NaN;
  const row = Math.min(s.rows - 1, Math.round(year * s.ticksPerYear));
  return s.values[row * s.keys.length + k];
}

const f3 = (x: number) => (x >= 0 ? '+' : '') + x.toFixed(Math.abs(x) >= 1 ? 1 : 3);
const line = (label: string, a: number[], b: number[]) => {
  const st = pairedStats(a, b);
  const clear = st.ciLow > 0 || st.ciHigh < 0 ? '' : '  (not distinguishable from zero)';
  return `  ${label}: ${f3(st.diff)} (95% CI ${f3(st.ciLow)} to ${f3(st.ciHigh)}); means ${st.meanA.toFixed(3)} -> ${st.meanB.toFixed(3)}${clear}`;
};

const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SPECS);
const seeds = compareSeeds(REPS, 0);
for (const name of names) {
  const spec = SPECS[name];
  const file = `scenarios/${name}.yaml`;
  const scenario = loadScenarioFile(file).scenario;
  const other = comparatorOf(file, spec.comparator);
  const years = Math.max(scenario.years, other?.years ?? 0);
  const runs = seeds.map((seed) => ({ b: simulate(scenario, { seed, years }), a: other ? simulate(other, { seed, years }) : null }));
  const against =
    'year0' in spec.comparator ? 'year 0 of the same runs' : 'file' in spec.comparator ? spec.comparator.file : `this file ${spec.comparator.label}`;
  process.stdout.write(`${name} (${REPS} seeds, against ${against}):\n`);
  if ('year0' in spec.comparator) {
    for (const m of [EFF, 'effectiveness_sd', 'trust_mean']) {
      const at0 = runs.map((r) => valueAt(r.b, m, 0));
      const atEnd = runs.map((r) => valueAt(r.b, m, years));
      process.stdout.write(`${line(`${m} year 0 -> ${years}`, at0, atEnd)}\n`);
    }
  }
  for (const c of spec.checks) {
    for (const m of c.metrics) {
      const a = runs.map((r) => valueAt(r.a!, m, c.year));
      const b = runs.map((r) => valueAt(r.b, m, c.year));
      process.stdout.write(`${line(`${m} at ${c.year === 'end' ? 'the end' : `year ${c.year}`}`, a, b)}\n`);
    }
  }
}
