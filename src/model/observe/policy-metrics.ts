/**
 * Policy-layer metrics, recorded every tick of every run (model brief
 * section 6): equity of access to professional learning, ties across trust
 * boundaries, hub engagement by distance, fragmentation of the knowledge
 * network, the adoption curve of a spreading practice, knowledge stances
 * and rivalry. Allocation-free: the union-find and the sort for the Gini
 * coefficient use preallocated arrays in the policy state.
 *
 * Knowledge network: an undirected tie between two heads whose mean trust
 * (both directions) is at least model.network.tieTrust. Components count
 * every school, isolated ones included; mean reach is the mean over schools
 * of the share of the other schools in the same component.
 */
import type { MetricDef } from './metric-def.ts';
import type { ModelState } from '../core/state.ts';
import type { Scenario } from '../schema.ts';
import { NK, type PolicyState } from '../core/policy-state.ts';
import { find, relationshipPass } from './edge-pass.ts';
import { rivalFlags, type EdgePassJob, type EdgePassOut } from '../core/edges.ts';
import type { ParallelWork } from '../core/context.ts';
import { sortDoubles } from './sort-doubles.ts';

/** Quality of the offer of a hub led from outside the modelled area: hubs are led by outstanding schools (seed 003). */
export const EXTERNAL_HUB_QUALITY = 0.25;

/** Upper bounds of the hub distance bands (km). */
export const DISTANCE_BANDS = [
  { name: 'hub_engagement_0_5km', upTo: 5, label: 'under 5 km' },
  { name: 'hub_engagement_5_15km', upTo: 15, label: '5 to 15 km' },
  { name: 'hub_engagement_15_30km', upTo: 30, label: '15 to 30 km' },
  { name: 'hub_engagement_30km_plus', upTo: Infinity, label: '30 km or more' },
] as const;

export const POLICY_METRICS: MetricDef[] = [
  {
    name: 'pl_access_mean',
    unit: 'per year',
    description:
      'Mean access to professional learning: learning inflow per school (partners, accepted challenge, hubs, trust CPDL, practice) smoothed over about a year.',
  },
  { name: 'pl_access_gini', unit: '0..1', description: 'Inequality of access to professional learning across schools (Gini coefficient).' },
  { name: 'pl_access_gap', unit: 'per year', description: 'Access to professional learning of other schools minus that of the most disadvantaged third.' },
  {
    name: 'pl_reach_mean',
    unit: '0..1',
    description:
      'Mean best expertise a school can reach: the effectiveness of the most effective school in its knowledge-network component, or of the lead of a hub or alliance it engages with (pupil SD; 0.25, about the top 5% of schools, for a hub led from outside the area).',
  },
  {
    name: 'pl_reach_sd',
    unit: '0..1',
    description:
      'Dispersion (standard deviation across schools) of the best expertise schools can reach: unequal access to professional learning where knowledge is locked up in separate networks (seed 003).',
  },
  { name: 'pl_reach_gap', unit: '0..1', description: 'Best expertise within reach of other schools minus that of the most disadvantaged third.' },
  { name: 'mat_share', unit: 'share', description: 'Share of schools in a multi-academy trust.' },
  { name: 'strong_mat_share', unit: 'share', description: 'Share of schools in a strong trust (total size at least mats.strongSize).' },
  {
    name: 'cross_mat_tie_share',
    unit: 'share',
    description: 'Share of relationships that cross a trust boundary (the two schools are not in the same MAT); empty when no school is in a MAT.',
  },
  {
    name: 'cross_mat_ties_per_school',
    unit: 'ties',
    description: 'Mean number of relationships per head that cross a trust boundary; empty when no school is in a MAT.',
  },
  { name: 'within_mat_ties_per_school', unit: 'ties', description: 'Mean number of relationships per head with heads of the same MAT.' },
  { name: 'within_mat_trust', unit: '0..1', description: 'Mean trust of relationships within one MAT; empty when there are none.' },
  { name: 'cross_mat_trust', unit: '0..1', description: 'Mean trust of relationships that cross a trust boundary; empty when no school is in a MAT.' },
  {
    name: 'hub_engagement',
    unit: 'share',
    description: 'Share of schools engaged with at least one hub or teaching school alliance (0 where there are none).',
  },
  ...DISTANCE_BANDS.map((b) => ({
    name: b.name,
    unit: 'share',
    description: `Hub engagement among schools ${b.label} from the nearest hub; empty when no school is that far.`,
  })),
  {
    name: 'knowledge_components',
    unit: 'components',
    description: 'Connected components of the knowledge network (ties with mean trust >= model.network.tieTrust), isolated schools included.',
  },
  { name: 'knowledge_largest_share', unit: 'share', description: 'Share of schools in the largest component of the knowledge network.' },
  { name: 'knowledge_mean_reach', unit: 'share', description: 'Mean share of the other schools a school can reach through the knowledge network.' },
  { name: 'practice_adoption', unit: 'share', description: 'Share of schools using the practice that spreads by word of mouth (model.practice).' },
  { name: 'practice_t50_years', unit: 'years', description: 'Years until half of the schools used the practice; empty until then.' },
  { name: 'stance_share', unit: 'share', description: 'Share of schools whose knowledge stance is to share (seed 003).' },
  { name: 'stance_sell', unit: 'share', description: 'Share of schools whose knowledge stance is to sell.' },
  { name: 'stance_protect', unit: 'share', description: 'Share of schools whose knowledge stance is to protect.' },
  { name: 'rivalry_mean', unit: '0..1', description: 'Mean competitive pressure on schools (choice, falling rolls, expanding rivals).' },
  {
    name: 'rival_trust_mean',
    unit: '0..1',
    description: 'Mean trust of relationships between schools within the rivalry radius (competition.radiusKm) of each other; empty when there are none.',
  },
  { name: 'spanners', unit: 'heads', description: 'Heads holding a boundary-spanning role.' },
];

/** Per-band tallies, reused every tick (observation allocates nothing). */
const BAND_N = new Float64Array(4);
const BAND_E = new Float64Array(4);
/** Edge-pass accumulators: cross, crossT, within, withinT, rival, rivalT. */
const EDGE_ACC = new Float64Array(6);
/** The relationship pass's job and outputs, reused (observation allocates nothing). */
const POLICY_JOB: EdgePassJob = { policy: true, flags: new Uint8Array(0), thr: 0 };
const PASS_OUT: EdgePassOut = { hist: new Uint32Array(0), sums: new Float64Array(0), acc: EDGE_ACC, parent: new Int32Array(0), size: new Int32Array(0) };

type SetMetric = (name: string, v: number) => void;

/**
 * Compute the policy metrics and pass each to `set` (name, value).
 * `set` receives NaN for metrics that do not apply.
 */
/** The observer's relationship sums and trust histogram, which the policy pass fills too (one pass over the relationships). */
export interface RelationshipSums {
  hist: Uint32Array;
  sums: Float64Array;
  /** Threads to share the pass with (the run's team), if any. */
  parallel?: ParallelWork;
}

export function observePolicy(state: ModelState, scenario: Scenario, row: number, set: SetMetric, rel: RelationshipSums): void {
  const P = state.policy;
  if (!P) return;
  // The sums over schools that do not read the knowledge network's components are made while the
  // threads of a team start the pass over the relationships (the same values on any number of threads).
  observed = state;
  observeNetwork(state, P, scenario, set, rel);
  observeSchools(state, P, scenario, row, set);
  observed = undefined;
}

/** The state schoolSumsBeforeComponents works on this tick (set by observePolicy; no closure per tick: observation allocates nothing). */
let observed: ModelState | undefined;
/** The Gini coefficient of access to professional learning this tick (schoolSumsBeforeComponents). */
let accessGini = NaN;

/**
 * The policy layer's pass over schools, the part that does not read the
 * knowledge network's components (the pass over the relationships makes
 * them): the hubs' offers, every school sum but the best reach, and the
 * Gini coefficient of access. Run once a tick, by the pass over the
 * relationships before it starts on one thread, or on a team while the
 * other threads start it (relationshipPass's `meanwhile`).
 */
function schoolSumsBeforeComponents(): void {
  const state = observed as ModelState;
  const P = state.policy as PolicyState;
  offerReach(P, state.schools.effectiveness);
  policySchoolSums(state.schools, P, ALLIANCE_ACTIVE, SCHOOL_SUMS);
  accessGini = gini(P.scratch, state.schools.n);
}

/** Edges: trust across trust boundaries, between rivals, and the knowledge network's components. */
function observeNetwork(state: ModelState, P: PolicyState, scenario: Scenario, set: SetMetric, rel: RelationshipSums): void {
  const { edges: E, schools: S, leaders: L } = state;
  const n = S.n;
  const thr = scenario.model.network.tieTrust;
  const R = scenario.competition.radiusKm;
  const km = P.kmPerUnit;
  // Edges: trust boundaries, rivals, knowledge network.
  const parent = P.parent;
  const size = P.compSize;
  for (let s = 0; s < n; s++) {
    parent[s] = s;
    size[s] = 1;
  }
  let anyMat = false;
  for (let s = 0; s < n; s++)
    if (S.mat[s] >= 0) {
      anyMat = true;
      break;
    }
  const ea = EDGE_ACC;
  const job = POLICY_JOB;
  job.flags = rivalFlags(state, R, km);
  job.thr = thr;
  const out = PASS_OUT;
  out.hist = rel.hist;
  out.sums = rel.sums;
  out.parent = parent;
  out.size = size;
  relationshipPass(state, job, out, rel.parallel, schoolSumsBeforeComponents);
  const cross = ea[0],
    crossT = ea[1],
    within = ea[2],
    withinT = ea[3],
    rival = ea[4],
    rivalT = ea[5];
  let comps = 0,
    largest = 0,
    reach = 0;
  for (let s = 0; s < n; s++) {
    if (parent[s] === s) {
      comps++;
      if (size[s] > largest) largest = size[s];
    }
  }
  const cmax = P.compMax;
  cmax.fill(0);
  for (let s = 0; s < n; s++) {
    const root = find(parent, s);
    reach += size[root] - 1;
    if (S.effectiveness[s] > cmax[root]) cmax[root] = S.effectiveness[s];
  }
  set('knowledge_components', comps);
  set('knowledge_largest_share', largest / n);
  set('knowledge_mean_reach', n > 1 ? reach / (n * (n - 1)) : 0);
  set('cross_mat_tie_share', anyMat && E.n > 0 ? cross / E.n : NaN);
  set('cross_mat_ties_per_school', anyMat ? cross / L.n : NaN);
  set('within_mat_ties_per_school', within / L.n);
  set('within_mat_trust', within > 0 ? withinT / within : NaN);
  set('cross_mat_trust', anyMat && cross > 0 ? crossT / cross : NaN);
  set('rival_trust_mean', rival > 0 ? rivalT / rival : NaN);
}

/** Schools: trusts, the spreading practice, knowledge stances, hub engagement and access to professional learning. */
function observeSchools(state: ModelState, P: PolicyState, scenario: Scenario, row: number, set: SetMetric): void {
  const S = state.schools;
  const n = S.n;
  const o = SCHOOL_SUMS;
  bestReachSums(S, P, HUB_REACH, ALLIANCE_ACTIVE, ALLIANCE_REACH, o);
  const bandN = BAND_N;
  const bandE = BAND_E;
  const acc = o[6],
    accDis = o[7],
    nDis = o[8],
    reachSum = o[10],
    reachSq = o[11],
    reachDis = o[12];
  set('mat_share', o[0] / n);
  set('strong_mat_share', strongShareFast(state, scenario.mats.strongSize));
  set('practice_adoption', o[1] / n);
  set('practice_t50_years', P.t50Tick >= 0 ? (P.t50Tick - state.t0) / state.ticksPerYear : NaN);
  set('stance_share', o[2] / n);
  set('stance_sell', o[3] / n);
  set('stance_protect', o[4] / n);
  set('rivalry_mean', o[5] / n);
  set('spanners', P.spanners.length);
  set('hub_engagement', o[9] / n);
  for (let b = 0; b < 4; b++) set(DISTANCE_BANDS[b].name, bandN[b] > 0 ? bandE[b] / bandN[b] : NaN);
  const rm = reachSum / n;
  set('pl_reach_mean', rm);
  set('pl_reach_sd', Math.sqrt(Math.max(0, reachSq / n - rm * rm)));
  set('pl_reach_gap', nDis === 0 || nDis === n ? NaN : (reachSum - reachDis) / (n - nDis) - reachDis / nDis);
  set('pl_access_mean', row === 0 ? NaN : acc / n);
  set('pl_access_gap', row === 0 || nDis === 0 || nDis === n ? NaN : (acc - accDis) / (n - nDis) - accDis / nDis);
  set('pl_access_gini', row === 0 ? NaN : accessGini);
}

/**
 * Sums over schools of observeSchools, in this order: in a trust, using the
 * practice, stance share, sell, protect, competitive pressure, access to
 * professional learning, the same of the disadvantaged, disadvantaged
 * schools, schools engaged with a hub or alliance, best reach, its square,
 * and the best reach of the disadvantaged.
 */
const SCHOOL_SUMS = new Float64Array(13);
/** Per hub, this tick: what a school engaged with it reaches (its lead's effectiveness, or EXTERNAL_HUB_QUALITY for a lead outside the area). */
let HUB_REACH = new Float64Array(0);
/** Per hub as an alliance: whether it is active, and its lead's effectiveness (NaN without a lead in the area: never the best). */
let ALLIANCE_ACTIVE = new Uint8Array(0);
let ALLIANCE_REACH = new Float64Array(0);

/** Fill HUB_REACH, ALLIANCE_ACTIVE and ALLIANCE_REACH from the hubs as they are now (grown, never shrunk). */
function offerReach(P: PolicyState, eff: Float64Array): void {
  const nh = P.hubs.length;
  if (HUB_REACH.length < nh) {
    HUB_REACH = new Float64Array(nh);
    ALLIANCE_ACTIVE = new Uint8Array(nh);
    ALLIANCE_REACH = new Float64Array(nh);
  }
  for (let h = 0; h < nh; h++) {
    const hub = P.hubs[h];
    const lead = eff[hub.lead];
    HUB_REACH[h] = hub.lead >= 0 ? lead : EXTERNAL_HUB_QUALITY;
    ALLIANCE_ACTIVE[h] = hub.active ? 1 : 0;
    ALLIANCE_REACH[h] = hub.lead >= 0 ? lead : NaN;
  }
}

/**
 * The pass over schools into out (SCHOOL_SUMS's order, all but the best
 * reach: out[10..12] are bestReachSums's), the distance bands into BAND_N
 * and BAND_E, and each school's access (at least 0) into P.scratch for the
 * Gini coefficient. A function of its own, every array in a local, so that
 * V8 optimises its loop once and keeps it: with the assignments of the
 * metrics after the loop in the same function, the loop's on-stack compiled
 * code bailed out at the end of every tick and the next tick's loop ran
 * unoptimised, boxing its sums (about 1.9 MB of garbage a tick in England).
 *
 * A school is engaged if it engages with any hub, or belongs to an active
 * alliance, and is counted in the band of its distance to the nearest hub.
 */
function policySchoolSums(S: ModelState['schools'], P: PolicyState, allianceActive: Uint8Array, out: Float64Array): void {
  const n = S.n;
  const mat = S.mat,
    stance = S.stance,
    dis = S.disadvantaged;
  const uses = P.adopted,
    pressureOf = P.pressure,
    access = P.access,
    scratch = P.scratch;
  const engaged = P.engaged,
    alliance = P.alliance,
    dist = P.hubDistKm,
    providers = P.hasProviders;
  const bandN = BAND_N,
    bandE = BAND_E;
  bandN.fill(0);
  bandE.fill(0);
  let inMat = 0,
    adopted = 0,
    share = 0,
    sell = 0,
    protect = 0,
    pressure = 0;
  let acc = 0,
    accDis = 0,
    nDis = 0,
    engagedAny = 0;
  for (let s = 0; s < n; s++) {
    if (mat[s] >= 0) inMat++;
    if (uses[s]) adopted++;
    const st = stance[s];
    if (st === 2) share++;
    else if (st === 1) sell++;
    else protect++;
    pressure += pressureOf[s];
    const a = access[s];
    acc += a;
    if (dis[s]) {
      accDis += a;
      nDis++;
    }
    if (providers) {
      let eng = 0;
      for (let k = 0; k < NK; k++) eng |= engaged[s * NK + k];
      const al = alliance[s];
      if (al >= 0 && allianceActive[al]) eng = 1;
      const d = dist[s];
      if (d === d) {
        let b = 0;
        while (b < 3 && d >= (b === 0 ? 5 : b === 1 ? 15 : 30)) b++;
        bandN[b]++;
        bandE[b] += eng;
      }
      engagedAny += eng;
    }
    scratch[s] = a < 0 ? 0 : a;
  }
  out[0] = inMat;
  out[1] = adopted;
  out[2] = share;
  out[3] = sell;
  out[4] = protect;
  out[5] = pressure;
  out[6] = acc;
  out[7] = accDis;
  out[8] = nDis;
  out[9] = engagedAny;
}

/**
 * Each school's best reach, summed into out[10..12] (the sum, its square,
 * the disadvantaged schools' sum): the most effective expertise it can
 * reach, which is the most effective school of its knowledge-network
 * component (P.compMax of its root, which the pass over the relationships
 * makes), or the offer of a hub it engages with, or of the active alliance
 * it belongs to.
 */
function bestReachSums(
  S: ModelState['schools'],
  P: PolicyState,
  hubReach: Float64Array,
  allianceActive: Uint8Array,
  allianceReach: Float64Array,
  out: Float64Array,
): void {
  const n = S.n;
  const dis = S.disadvantaged;
  const parent = P.parent,
    cmax = P.compMax;
  const designated = P.designated,
    engaged = P.engaged,
    alliance = P.alliance,
    providers = P.hasProviders;
  let reachSum = 0,
    reachSq = 0,
    reachDis = 0;
  for (let s = 0; s < n; s++) {
    let best = cmax[find(parent, s)];
    if (providers) {
      for (let k = 0; k < NK; k++) {
        const h = designated[s * NK + k];
        if (h >= 0 && engaged[s * NK + k] && hubReach[h] > best) best = hubReach[h];
      }
      const al = alliance[s];
      if (al >= 0 && allianceActive[al] && allianceReach[al] > best) best = allianceReach[al];
    }
    reachSum += best;
    reachSq += best * best;
    if (dis[s]) reachDis += best;
  }
  out[10] = reachSum;
  out[11] = reachSq;
  out[12] = reachDis;
}

/** Gini coefficient of xs[0..n) (sorted in place, no allocation); NaN when the total is not positive. */
function gini(xs: Float64Array, n: number): number {
  sortDoubles(xs, n);
  let cum = 0,
    tot = 0;
  for (let i = 0; i < n; i++) {
    cum += (i + 1) * xs[i];
    tot += xs[i];
  }
  return tot <= 0 ? NaN : (2 * cum) / (n * tot) - (n + 1) / n;
}

/** Share of schools in strong trusts, counting trust sizes in a preallocated array. */
function strongShareFast(state: ModelState, strongSize: number): number {
  const P = state.policy!;
  const S = state.schools;
  const nm = P.mats.length;
  if (nm === 0) return 0;
  const tot = P.matCount;
  if (tot.length < nm) return NaN;
  for (let m = 0; m < nm; m++) tot[m] = P.mats[m].external;
  for (let s = 0; s < S.n; s++) if (S.mat[s] >= 0) tot[S.mat[s]]++;
  let c = 0;
  for (let s = 0; s < S.n; s++) if (S.mat[s] >= 0 && tot[S.mat[s]] >= strongSize) c++;
  return c / S.n;
}
