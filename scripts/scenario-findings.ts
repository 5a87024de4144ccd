/**
 * The "Finding" paragraphs at the head of the scenario files: each
 * scenario against its counterfactual (the `answer.counterfactual` of its
 * file; scenarios without one against year 0 of the same runs) over 16 paired seeds (the seeds of
 * `collabsim compare --reps 16`), the mean paired difference of each metric
 * with its 95% t interval. Prints the figures; the paragraphs are written
 * from them by hand.
 *
 *   npx tsx scripts/scenario-findings.ts [scenario-name ...]
 */
import { loadScenarioFile } from '../src/scenario/scenario-file.ts';
import { simulate } from '../src/model/simulate.ts';
import { compareSeeds, pairedStats } from '../src/experiment/compare.ts';
import type { RunOutput } from '../src/engine/contract.ts';

interface Check {
  year: number | 'end';
  metrics: string[];
}
interface Spec {
  checks: Check[];
}

const EFF = 'effectiveness_mean';
const SPECS: Record<string, Spec> = {
  'locality-baseline': { checks: [] },
  'city-baseline': { checks: [] },
  'town-baseline': { checks: [] },
  'shire-baseline': { checks: [] },
  'workshop-team': { checks: [] },
  'boundary-spanner-loss': {
    checks: [{ year: 8, metrics: ['knowledge_mean_reach', 'practice_adoption', 'hub_engagement', EFF, 'trust_mean'] }],
  },
  'closed-vs-open-mats': {
    checks: [{ year: 8, metrics: ['cross_mat_tie_share', 'hub_engagement', EFF, 'pl_access_gini'] }],
  },
  'competition-falling-rolls': {
    checks: [{ year: 8, metrics: ['stance_share', 'rival_trust_mean', 'trust_mean', EFF, 'share_improving'] }],
  },
  'leader-turnover-shock': {
    checks: [
      { year: 'end', metrics: ['leader_departures_total'] },
      { year: 3, metrics: ['trust_mean', EFF] },
      { year: 5, metrics: ['trust_mean'] },
      { year: 8, metrics: [EFF] },
    ],
  },
  'mat-consolidation-2030': {
    checks: [{ year: 8, metrics: ['cross_mat_tie_share', 'hub_engagement', 'pl_access_gini', 'trust_mean', EFF] }],
  },
  'peer-review-cluster': {
    checks: [{ year: 6, metrics: ['trust_mean', 'lencioni_results', 'knowledge_mean_reach', EFF] }],
  },
  'peer-review-rollout': {
    checks: [
      { year: 6, metrics: ['trust_mean', 'lencioni_results', 'hub_engagement', EFF] },
      { year: 2, metrics: [EFF] },
    ],
  },
  'tsa-to-hubs-2021': {
    checks: [{ year: 6, metrics: ['hub_engagement_30km_plus', 'hub_engagement_0_5km', 'trust_mean', 'hub_engagement', EFF] }],
  },
};

const REPS = 16;

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
  const loaded = loadScenarioFile(file);
  const scenario = loaded.scenario;
  const other = loaded.counterfactual?.scenario ?? null;
  const years = Math.max(scenario.years, other?.years ?? 0);
  const runs = seeds.map((seed) => ({ b: simulate(scenario, { seed, years }), a: other ? simulate(other, { seed, years }) : null }));
  const against = loaded.counterfactual ? `${loaded.counterfactual.label} (${loaded.counterfactual.source})` : 'year 0 of the same runs';
  process.stdout.write(`${name} (${REPS} seeds, against ${against}):\n`);
  if (!other) {
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
