/**
 * Initialisation: from a validated scenario to a ModelState.
 * Uses only the `setup` random stream.
 */
import type { Rng } from '../../engine/rng.ts';
import { normal } from '../../engine/rng.ts';
import type { Scenario } from '../schema.ts';
import { allocLeaders, allocSchools, emptyEdges, emptyGroups } from '../core/arrays.ts';
import { drawLeaderTraits, drawTrait, setLeaderTraits, type TraitDraw } from '../core/leaders.ts';
import { newTallies, PHASES, type LeaderArrays, type ModelState, type SchoolArrays } from '../core/state.ts';
import { standingOf } from '../core/attainment-scale.ts';
import { localitySchoolCount } from '../mechanisms/locality/place.ts';
import { partnershipSpecs } from '../mechanisms/partnerships/partnerships.ts';
import { installGroups } from './network.ts';
import { renumberSchools } from './renumber.ts';

const PUPILS: Record<string, [number, number]> = { primary: [260, 90], secondary: [1000, 250], special: [110, 40] };

type NamedSchool = NonNullable<Scenario['schools']['named']>[number];

/** Build the initial state of a scenario. */
export function buildState(s: Scenario, rng: Rng): ModelState {
  const named = s.schools.named;
  // Policy layer: a locality sets the number of schools (mechanisms/locality/place.ts).
  const n = named && named.length >= 2 ? named.length : s.locality ? localitySchoolCount(s) : s.schools.count;
  const tpy = s.ticksPerYear;
  const schools = allocSchools(n, tpy);
  const leaders = allocLeaders(n);
  for (let i = 0; i < n; i++) {
    const spec = named ? named[i] : undefined;
    drawSchool(schools, i, spec, s, rng);
    drawHead(leaders, i, spec, s, rng);
    leaders.names[i] = spec?.leader?.name ?? `Head of ${schools.names[i]}`;
    leaders.tenure[i] = 1 + Math.floor(rng() * 8);
  }
  markDisadvantagedThird(schools);

  const state: ModelState = {
    tick: 0,
    t0: s.burnInYears * tpy,
    burning: false,
    ticksPerYear: tpy,
    schools,
    leaders,
    edges: emptyEdges(n),
    groups: emptyGroups(),
    tallies: newTallies(),
    reviewStartYear: s.partnerships.peerReview.startYear,
  };

  // With a locality the policy layer builds the groups (structure/install.ts).
  const specs = s.locality ? [] : partnershipSpecs(s, state, rng);
  // Schools not named by the scenario are renumbered so that partners are
  // neighbours in memory (see renumberSchools).
  if (!named && specs.length > 0) renumberSchools(state, specs);
  installGroups(state, specs, s, rng, true);
  return state;
}

/** School i: phase, size, place, disadvantage, effectiveness, staff (named values win over draws). */
function drawSchool(schools: SchoolArrays, i: number, spec: NamedSchool | undefined, s: Scenario, rng: Rng): void {
  const S = s.schools;
  const tpy = s.ticksPerYear;
  const w = [S.phases.primary, S.phases.secondary, S.phases.special];
  const wSum = w[0] + w[1] + w[2] || 1;
  // Phase by weights (deterministic given the stream).
  let phase = 0;
  if (spec?.phase) phase = PHASES.indexOf(spec.phase);
  else {
    let u = rng() * wSum;
    while (phase < 2 && u >= w[phase]) u -= w[phase++];
  }
  schools.phase[i] = phase;
  const [pm, psd] = PUPILS[PHASES[phase]];
  schools.pupils[i] = spec?.pupils ?? Math.max(20, Math.round(pm + psd * normal(rng)));
  schools.x[i] = rng();
  schools.y[i] = rng();
  schools.names[i] = spec?.name ?? `School ${i + 1}`;
  schools.disadvantage[i] = spec?.disadvantage ?? drawTrait(rng, S.disadvantage);
  const e =
    spec?.effectiveness ?? S.effectiveness.mean + S.effectiveness.sd * normal(rng) - S.disadvantageGradient * (schools.disadvantage[i] - S.disadvantage.mean);
  schools.effectiveness[i] = e;
  schools.effectivenessStart[i] = e;
  schools.standing[i] = standingOf(e, s.model.improvement.betweenSchoolSd);
  schools.effectivenessHistory.fill(e, i * tpy, (i + 1) * tpy);
  schools.internalTrust[i] = spec?.internalTrust ?? drawTrait(rng, S.internalTrust);
  schools.capacity[i] = spec?.capacity ?? drawTrait(rng, S.capacity);
  const tps = S.teachersPerSchool[PHASES[phase]];
  schools.teachers[i] = tps;
  schools.cohortStart[i] = tps;
  schools.cohortLeft[i] = tps;
  const maths = Math.max(1, Math.round(tps * S.mathsShare));
  schools.mathsStart[i] = maths;
  schools.mathsLeft[i] = maths;
  schools.leader[i] = i;
}

/** The head of school i: traits drawn from the population, then any the scenario names. */
function drawHead(leaders: LeaderArrays, i: number, spec: NamedSchool | undefined, s: Scenario, rng: Rng): void {
  leaders.school[i] = i;
  const t: TraitDraw = drawLeaderTraits(rng, s);
  const o = spec?.leader;
  if (o) {
    if (o.openness !== undefined) t.openness = o.openness;
    if (o.candour !== undefined) t.candour = o.candour;
    if (o.propensityToTrust !== undefined) t.propensity = o.propensityToTrust;
    if (o.competitiveness !== undefined) t.competitiveness = o.competitiveness;
    if (o.followThrough !== undefined) t.followThrough = o.followThrough;
    if (o.moralPurpose !== undefined) t.moralPurpose = o.moralPurpose;
    if (o.competence !== undefined) t.competence = o.competence;
  }
  setLeaderTraits(leaders, i, t);
}

/** The most disadvantaged third (by share of disadvantaged pupils) are "disadvantaged schools" (also after a locality's layout). */
export function markDisadvantagedThird(schools: SchoolArrays): void {
  const n = schools.n;
  schools.disadvantaged.fill(0);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => schools.disadvantage[b] - schools.disadvantage[a] || a - b);
  const third = Math.max(1, Math.round(n / 3));
  for (let k = 0; k < third; k++) schools.disadvantaged[order[k]] = 1;
}
