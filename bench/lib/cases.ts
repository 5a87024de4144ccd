/**
 * The benchmark's workloads: scenario objects for the core cases (a team, a
 * locality, 2,000 schools) and a synthetic national network (England-sized:
 * about 20,000 schools in partnerships, multi-academy trusts and hub work
 * groups, about 500,000 directed relationships).
 *
 * Everything here goes through the model's own code (scenario objects,
 * createModel; for the synthetic network the setup's own steps:
 * partnershipSpecs, renumberSchools, installGroups, settleLencioni), so the
 * benchmark times exactly what a user runs.
 */
import { defaultScenario, createModel } from '../../src/api.ts';
import type { Scenario } from '../../src/model/schema.ts';
import type { SchoolModel } from '../../src/model/model.ts';
import { installGroups } from '../../src/model/setup/network.ts';
import { useSharedMemory } from '../../src/model/core/arrays.ts';
import { renumberSchools } from '../../src/model/setup/renumber.ts';
import { partnershipSpecs } from '../../src/model/mechanisms/partnerships/partnerships.ts';
import { settleLencioni } from '../../src/model/mechanisms/lencioni/lencioni.ts';
import type { GroupSpec } from '../../src/model/core/group-spec.ts';
import { communityStrength } from '../../src/model/mechanisms/retention/retention.ts';
import { permutation, stream, type Rng } from '../../src/engine/rng.ts';

export type CaseName =
  | 'team'
  | 'locality'
  | 'schools2000'
  | 'national'
  | 'national-smaller'
  | 'national-weekly'
  | 'national-policy'
  | 'national-2threads'
  | 'national-yearly'
  | 'national-built';

export interface CaseSpec {
  name: CaseName;
  label: string;
  schools: number;
  years: number;
  ticksPerYear: number;
  seed: number;
  /** Threads sharing each replication (experiment/threads/team.ts); default 1. */
  threads?: number;
  /** How often the series is recorded (scenario `output.every`); default every tick. */
  every?: 'tick' | 'year';
  /**
   * Time each step of the tick and the observer (the best replication's
   * budget, measure.ts): on the national workloads only. The clock reads
   * the time 26 times a tick, about 2 us (84 ns a read on the development
   * machine): nothing against a national tick's 56 ms, but about a tenth of
   * the team of six's 1.3 ms replication.
   */
  budget?: boolean;
  /** Measured from an esbuild bundle of the child (lib/bundle.ts), as `collabsim run` after `npm run build` runs; default through tsx. */
  built?: boolean;
}

export const CORE_CASES: CaseSpec[] = [
  { name: 'team', label: 'team (6 schools)', schools: 6, years: 10, ticksPerYear: 6, seed: 1 },
  { name: 'locality', label: 'locality (80 schools)', schools: 80, years: 10, ticksPerYear: 6, seed: 1 },
  { name: 'schools2000', label: '2,000 schools', schools: 2000, years: 10, ticksPerYear: 6, seed: 1 },
];

export const NATIONAL_CASES: CaseSpec[] = [
  { name: 'national', label: 'national, half-termly', schools: 20000, years: 10, ticksPerYear: 6, seed: 1, budget: true },
  { name: 'national-2threads', label: 'national, half-termly, 2 threads', schools: 20000, years: 10, ticksPerYear: 6, seed: 1, threads: 2, budget: true },
  { name: 'national-built', label: 'national, half-termly, built (one bundle)', schools: 20000, years: 10, ticksPerYear: 6, seed: 1, built: true },
  {
    name: 'national-yearly',
    label: 'national, half-termly, recorded once a year',
    schools: 20000,
    years: 10,
    ticksPerYear: 6,
    seed: 1,
    every: 'year',
    budget: true,
  },
  { name: 'national-weekly', label: 'national, weekly', schools: 20000, years: 10, ticksPerYear: 52, seed: 1, budget: true },
  { name: 'national-policy', label: 'England (policy generator)', schools: 20000, years: 10, ticksPerYear: 6, seed: 1, budget: true },
];

/**
 * The synthetic network at smaller sizes (half and three quarters of the
 * schools), for the marginal memory per relationship: the slope of peak RSS
 * growth against relationships over processes at these sizes and the full
 * one leaves out what does not grow with the network (Node, compiled code,
 * the heap's own floor).
 */
export const NATIONAL_SMALLER: CaseSpec[] = [10000, 15000].map((schools) => ({
  name: 'national-smaller',
  label: `synthetic England at ${schools.toLocaleString('en-GB')} schools, half-termly`,
  schools,
  years: 10,
  ticksPerYear: 6,
  seed: 1,
}));

/** England from the policy layer's national generator (locality preset `national`), with its own rules running. */
export function policyNationalScenario(c: Pick<CaseSpec, 'years' | 'ticksPerYear' | 'seed'>): Scenario {
  return defaultScenario({ name: 'bench-national-policy', seed: c.seed, years: c.years, ticksPerYear: c.ticksPerYear, locality: { preset: 'national' } });
}

/** Scenario of a core case: the default model, partnerships of six meeting every half term. */
export function coreScenario(c: Pick<CaseSpec, 'name' | 'schools' | 'years' | 'ticksPerYear' | 'seed'>): Scenario {
  return defaultScenario({
    name: `bench-${c.name}`,
    seed: c.seed,
    years: c.years,
    ticksPerYear: c.ticksPerYear,
    schools: { count: c.schools },
    partnerships: { size: 6, coverage: 1, meetingsPerYear: 6 },
  });
}

/** Parameters of the synthetic England network. */
export const NATIONAL_SHAPE = {
  schools: 20000,
  partnershipSize: 6,
  /** Share of schools in a multi-academy trust, and trust sizes (uniform, inclusive). */
  matShare: 0.6,
  matSize: [3, 15] as [number, number],
  matMeetingsPerYear: 10,
  /** Every school belongs to one hub work group of about this size. */
  hubSize: 21,
  hubMeetingsPerYear: 3,
};

/**
 * Groups of schools that are neighbours in space: order the chosen schools
 * along a serpentine through strips (by x when `byX`, else by y) and cut the
 * path into runs of the given sizes.
 */
function spatialRuns(model: SchoolModel, chosen: number[], sizes: (k: number) => number, byX: boolean): number[][] {
  const S = model.state.schools;
  const a = byX ? S.x : S.y;
  const b = byX ? S.y : S.x;
  const strips = Math.max(1, Math.round(Math.sqrt(chosen.length / sizes(0))));
  const order = chosen.slice().sort((p, q) => {
    const sp = Math.min(strips - 1, Math.floor(a[p] * strips));
    const sq = Math.min(strips - 1, Math.floor(a[q] * strips));
    if (sp !== sq) return sp - sq;
    const dir = sp % 2 === 0 ? 1 : -1;
    return dir * (b[p] - b[q]) || p - q;
  });
  const runs: number[][] = [];
  for (let k = 0, g = 0; k < order.length; g++) {
    const size = sizes(g);
    const run = order.slice(k, k + size);
    k += size;
    if (run.length < 2 && runs.length > 0) runs[runs.length - 1].push(...run);
    else runs.push(run);
  }
  return runs;
}

export interface NationalInfo {
  schools: number;
  leaders: number;
  relationships: number;
  groups: number;
  partnerships: number;
  mats: number;
  hubs: number;
  source: string;
}

/**
 * Build the synthetic national model: partnerships of six (the default
 * scenario's, drawn by the model's own rule), multi-academy trust
 * leadership groups and hub work groups, installed together through
 * installGroups: the network is built once, and the model makes none of
 * its own. (Until 2026-12-07 the model was made with its partnerships
 * and the whole network installed over them, so a partnership-only network,
 * about 3 MB at 20,000 schools, was built, replaced and left as garbage;
 * whether V8 collected it before the run decided the peak memory figure by
 * up to 13 B per relationship, docs/performance-log.md.) A seeded stream of the
 * bench's own draws the partnerships, trusts and hubs and their new
 * relationships; the model's streams draw the schools and heads as before.
 */
export function buildSyntheticNational(
  ticksPerYear: number,
  years: number,
  seed: number,
  schools: number = NATIONAL_SHAPE.schools,
  shared = false,
  every: 'tick' | 'year' = 'tick',
): { model: SchoolModel; info: NationalInfo; scenario: Scenario } {
  const N = NATIONAL_SHAPE;
  // No burn-in: the groups below are installed after the model is made, so a burn-in would settle
  // schools without them; the figures compare the ten years' ticks (as before the burn-in existed).
  const core = coreScenario({ name: 'national', schools, years, ticksPerYear, seed });
  const scenario: Scenario = { ...core, burnInYears: 0, ...(every === 'year' ? { output: { ...core.output, every } } : {}) };
  // The model is made with no partnerships (coverage 0: its setup installs an empty network); the
  // partnerships are drawn below with the same rule, from the bench's stream.
  const model = createModel({ ...scenario, partnerships: { ...scenario.partnerships, coverage: 0 } });
  // As the model does when a team of threads shares the run (`shared`): the network's arrays in shared memory.
  if (shared) useSharedMemory(model.state);
  const rng: Rng = stream(seed, 'bench-national');
  const S = model.state.schools;
  const n = S.n;
  const specs: GroupSpec[] = partnershipSpecs(scenario, model.state, rng);
  const partnerships = specs.length;
  // Co-members of a partnership get neighbouring ids, as the model's setup gives them (setup/renumber.ts).
  renumberSchools(model.state, specs);

  // Multi-academy trusts: a seeded share of schools, grouped with neighbours.
  const idx = permutation(n, rng);
  const inMat = idx.slice(0, Math.round(N.matShare * n));
  const [lo, hi] = N.matSize;
  const matSizes: number[] = [];
  const matRuns = spatialRuns(
    model,
    inMat,
    (g) => {
      while (matSizes.length <= g) matSizes.push(lo + Math.floor(rng() * (hi - lo + 1)));
      return matSizes[g];
    },
    true,
  );
  matRuns.forEach((run, m) => {
    for (const s of run) S.mat[s] = m;
    for (const s of run) S.governance[s] = 2;
    specs.push({
      name: `MAT${m + 1}`,
      kind: 'mat-leadership',
      members: run.map((s) => S.leader[s]),
      meetingsPerYear: N.matMeetingsPerYear,
      practices: { codeOfConduct: true, partnershipLead: true, informalTime: false, writtenRoles: true },
      peerReview: false,
      trainingQuality: 0.7,
      formed: 0,
    });
  });

  // Hub work groups: every school, in neighbourhoods cut across the partnerships.
  const hubRuns = spatialRuns(
    model,
    idx.slice().sort((a, b) => a - b),
    () => N.hubSize,
    true,
  );
  hubRuns.forEach((run, h) => {
    specs.push({
      name: `HUB${h + 1}`,
      kind: 'hub-work-group',
      members: run.map((s) => S.leader[s]),
      meetingsPerYear: N.hubMeetingsPerYear,
      practices: { codeOfConduct: false, partnershipLead: true, informalTime: false, writtenRoles: false },
      peerReview: false,
      trainingQuality: 0.7,
      formed: 0,
    });
  });

  installGroups(model.state, specs, scenario, rng, true);
  // What the model's setup does once its groups are installed (setup/start.ts): Lencioni levels settled
  // for the groups' starting trust, and each school's community.
  settleLencioni(model.ctx);
  communityStrength(model.ctx);
  const st = model.state;
  return {
    model,
    scenario,
    info: {
      schools: st.schools.n,
      leaders: st.leaders.n,
      relationships: st.edges.n,
      groups: st.groups.n,
      partnerships,
      mats: matRuns.length,
      hubs: hubRuns.length,
      source: 'bench synthetic England (bench/lib/cases.ts)',
    },
  };
}
