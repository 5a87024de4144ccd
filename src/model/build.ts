/**
 * Initialisation: from a validated scenario to a ModelState.
 * Uses only the `setup` random stream.
 */
import type { Rng } from '../engine/rng.ts';
import { normal, permutation } from '../engine/rng.ts';
import type { Scenario, Practices } from '../scenario/schema.ts';
import { localitySchoolCount } from './policy/params.ts';
import {
  clamp01,
  gradeOf,
  newTallies,
  relationalTrust,
  GROUP_KINDS,
  PHASES,
  type EdgeArrays,
  type GroupArrays,
  type GroupKind,
  type LeaderArrays,
  type ModelState,
  type SchoolArrays,
} from './state.ts';

export interface GroupSpec {
  name: string;
  kind: GroupKind;
  /** Leader slots. */
  members: number[];
  meetingsPerYear: number;
  practices: Practices;
  peerReview: boolean;
  trainingQuality: number;
  formed: number;
}

const draw = (rng: Rng, d: { mean: number; sd: number }) => clamp01(d.mean + d.sd * normal(rng));

export interface TraitDraw {
  openness: number;
  candour: number;
  propensity: number;
  competitiveness: number;
  followThrough: number;
  moralPurpose: number;
  competence: number;
}

/** Draw a head's traits from the scenario's population distributions. */
export function drawLeaderTraits(rng: Rng, s: Scenario): TraitDraw {
  const L = s.leaders;
  return {
    openness: draw(rng, L.openness),
    candour: draw(rng, L.candour),
    propensity: draw(rng, L.propensityToTrust),
    competitiveness: draw(rng, L.competitiveness),
    followThrough: draw(rng, L.followThrough),
    moralPurpose: draw(rng, L.moralPurpose),
    competence: draw(rng, L.competence),
  };
}

export function setLeaderTraits(l: LeaderArrays, i: number, t: TraitDraw): void {
  l.openness[i] = t.openness;
  l.candour[i] = t.candour;
  l.propensity[i] = t.propensity;
  l.competitiveness[i] = t.competitiveness;
  l.followThrough[i] = t.followThrough;
  l.moralPurpose[i] = t.moralPurpose;
  l.competence[i] = t.competence;
}

function allocSchools(n: number, tpy: number): SchoolArrays {
  return {
    n,
    names: new Array<string>(n),
    phase: new Uint8Array(n),
    pupils: new Float32Array(n),
    x: new Float32Array(n),
    y: new Float32Array(n),
    disadvantage: new Float32Array(n),
    disadvantaged: new Uint8Array(n),
    effectiveness: new Float64Array(n),
    effectivenessStart: new Float64Array(n),
    effectivenessHistory: new Float64Array(n * tpy),
    grade: new Uint8Array(n),
    gradeYearAgo: new Uint8Array(n),
    capacity: new Float64Array(n),
    internalTrust: new Float64Array(n),
    reviewPlan: new Float64Array(n),
    complacency: new Float64Array(n),
    learning: new Float64Array(n),
    collective: new Float64Array(n),
    community: new Float64Array(n),
    improving: new Uint8Array(n),
    governance: new Uint8Array(n),
    mat: new Int32Array(n).fill(-1),
    stance: new Uint8Array(n).fill(2),
    teachers: new Uint16Array(n),
    cohortStart: new Uint16Array(n),
    cohortLeft: new Uint16Array(n),
    mathsStart: new Uint16Array(n),
    mathsLeft: new Uint16Array(n),
    leader: new Int32Array(n),
  };
}

function allocLeaders(n: number): LeaderArrays {
  return {
    n,
    names: new Array<string>(n),
    school: new Int32Array(n),
    openness: new Float32Array(n),
    candour: new Float32Array(n),
    propensity: new Float32Array(n),
    competitiveness: new Float32Array(n),
    followThrough: new Float32Array(n),
    moralPurpose: new Float32Array(n),
    competence: new Float32Array(n),
    tenure: new Float32Array(n),
    changes: new Uint16Array(n),
    listen: new Float32Array(n),
  };
}

const PUPILS: Record<string, [number, number]> = { primary: [260, 90], secondary: [1000, 250], special: [110, 40] };

/** Build the initial state of a scenario. */
export function buildState(s: Scenario, rng: Rng): ModelState {
  const named = s.schools.named;
  // Policy layer: a locality sets the number of schools (src/model/policy/params.ts).
  const n = named && named.length >= 2 ? named.length : s.locality ? localitySchoolCount(s) : s.schools.count;
  const tpy = s.ticksPerYear;
  const schools = allocSchools(n, tpy);
  const leaders = allocLeaders(n);
  const S = s.schools;
  const w = [S.phases.primary, S.phases.secondary, S.phases.special];
  const wSum = w[0] + w[1] + w[2] || 1;

  for (let i = 0; i < n; i++) {
    const spec = named ? named[i] : undefined;
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
    schools.disadvantage[i] = spec?.disadvantage ?? draw(rng, S.disadvantage);
    const e = spec?.effectiveness ?? clamp01(draw(rng, S.effectiveness) - S.disadvantageGradient * (schools.disadvantage[i] - S.disadvantage.mean));
    schools.effectiveness[i] = e;
    schools.effectivenessStart[i] = e;
    schools.effectivenessHistory.fill(e, i * tpy, (i + 1) * tpy);
    schools.grade[i] = gradeOf(e);
    schools.gradeYearAgo[i] = schools.grade[i];
    schools.internalTrust[i] = spec?.internalTrust ?? draw(rng, S.internalTrust);
    schools.capacity[i] = spec?.capacity ?? draw(rng, S.capacity);
    const tps = S.teachersPerSchool[PHASES[phase]];
    schools.teachers[i] = tps;
    schools.cohortStart[i] = tps;
    schools.cohortLeft[i] = tps;
    const maths = Math.max(1, Math.round(tps * S.mathsShare));
    schools.mathsStart[i] = maths;
    schools.mathsLeft[i] = maths;
    schools.leader[i] = i;

    leaders.school[i] = i;
    const t = drawLeaderTraits(rng, s);
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
    leaders.names[i] = o?.name ?? `Head of ${schools.names[i]}`;
    leaders.tenure[i] = 1 + Math.floor(rng() * 8);
  }

  // The most disadvantaged third (by share of disadvantaged pupils) are "disadvantaged schools".
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => schools.disadvantage[b] - schools.disadvantage[a] || a - b,
  );
  const third = Math.max(1, Math.round(n / 3));
  for (let k = 0; k < third; k++) schools.disadvantaged[order[k]] = 1;

  const state: ModelState = {
    tick: 0,
    ticksPerYear: tpy,
    schools,
    leaders,
    edges: emptyEdges(n),
    groups: emptyGroups(),
    tallies: newTallies(),
    leaderRate: s.turnover.leaderRate,
    reviewStartYear: s.partnerships.peerReview.startYear,
  };

  // With a locality the policy layer builds the groups (src/model/policy/init.ts).
  const specs = s.locality ? [] : partnershipSpecs(s, state, rng);
  // Schools not named by the scenario are renumbered so that partners are
  // neighbours in memory (see renumberSchools).
  if (!named && specs.length > 0) renumberSchools(state, specs);
  installGroups(state, specs, s, rng, true);
  return state;
}

/**
 * Renumber schools and their heads in the order the partnerships list them
 * (partnerships follow a spatial path, so this is also a spatial order),
 * schools outside any partnership last in their old order, and rewrite the
 * specs to match. Co-members then have neighbouring ids and their
 * relationships neighbouring edge indices, which keeps the meeting kernel's
 * reads within a few cache lines (national scale: about 1.5x faster). Only
 * generated schools are renumbered: their names follow their new index.
 * School i keeps head slot i.
 */
export function renumberSchools(state: ModelState, specs: GroupSpec[]): void {
  const S = state.schools;
  const L = state.leaders;
  const n = S.n;
  const newId = new Int32Array(n).fill(-1);
  let next = 0;
  for (const g of specs) for (const l of g.members) {
    const sch = L.school[l];
    if (newId[sch] < 0) newId[sch] = next++;
  }
  if (next === 0) return;
  for (let i = 0; i < n; i++) if (newId[i] < 0) newId[i] = next++;
  let identity = true;
  for (let i = 0; i < n && identity; i++) identity = newId[i] === i;
  if (identity) return;
  const tpy = state.ticksPerYear;
  const permute = (part: Record<string, unknown>) => {
    for (const key of Object.keys(part)) {
      const a = part[key];
      if (!ArrayBuffer.isView(a) || a instanceof DataView) continue;
      const arr = a as unknown as Float64Array;
      const copy = arr.slice();
      if (arr.length === n) for (let i = 0; i < n; i++) arr[newId[i]] = copy[i];
      else if (arr.length === n * tpy)
        for (let i = 0; i < n; i++) arr.set(copy.subarray(i * tpy, (i + 1) * tpy), newId[i] * tpy);
      else throw new Error(`renumberSchools: unexpected length of ${key}`);
    }
  };
  permute(S as unknown as Record<string, unknown>);
  permute(L as unknown as Record<string, unknown>);
  // School i has head slot i, before and after.
  for (let i = 0; i < n; i++) {
    S.leader[i] = i;
    L.school[i] = i;
    S.names[i] = `School ${i + 1}`;
    L.names[i] = `Head of ${S.names[i]}`;
  }
  for (const g of specs) g.members = g.members.map((l) => newId[l]);
}

/**
 * Partnerships of nearby schools: schools are ordered along a serpentine path
 * through spatial strips, and consecutive runs of `size` schools form a partnership.
 */
export function partnershipSpecs(s: Scenario, state: ModelState, rng: Rng): GroupSpec[] {
  const P = s.partnerships;
  const { schools } = state;
  const n = schools.n;
  const covered = Math.round(P.coverage * n);
  if (covered < 2) return [];
  // Which schools are covered: a seeded choice.
  const chosen = permutation(n, rng).slice(0, covered);
  const strips = Math.max(1, Math.round(Math.sqrt(covered / P.size)));
  chosen.sort((a, b) => {
    const sa = Math.min(strips - 1, Math.floor(schools.y[a] * strips));
    const sb = Math.min(strips - 1, Math.floor(schools.y[b] * strips));
    if (sa !== sb) return sa - sb;
    const dir = sa % 2 === 0 ? 1 : -1;
    return dir * (schools.x[a] - schools.x[b]) || a - b;
  });
  const specs: GroupSpec[] = [];
  for (let k = 0; k < chosen.length; k += P.size) {
    let members = chosen.slice(k, k + P.size);
    if (members.length < 2) {
      // A lone school at the end joins the previous partnership.
      specs[specs.length - 1].members.push(...members);
      continue;
    }
    members = members.map((sch) => schools.leader[sch]);
    specs.push({
      name: `P${specs.length + 1}`,
      kind: 'partnership',
      members,
      meetingsPerYear: P.meetingsPerYear,
      practices: { ...P.practices },
      peerReview: P.peerReview.enabled,
      trainingQuality: P.peerReview.trainingQuality,
      formed: 0,
    });
  }
  return specs;
}

function emptyEdges(nLeaders: number): EdgeArrays {
  return {
    n: 0,
    src: new Int32Array(0),
    dst: new Int32Array(0),
    rev: new Int32Array(0),
    outStart: new Int32Array(nLeaders + 1),
    respect: new Float32Array(0),
    regard: new Float32Array(0),
    competence: new Float32Array(0),
    integrity: new Float32Array(0),
    trust: new Float32Array(0),
    interactions: new Uint32Array(0),
  };
}

function emptyGroups(): GroupArrays {
  return {
    n: 0,
    names: [],
    kind: new Uint8Array(0),
    memberStart: new Int32Array(1),
    members: new Int32Array(0),
    edgeStart: new Int32Array(1),
    edges: new Int32Array(0),
    meetingsPerYear: new Float32Array(0),
    codeOfConduct: new Uint8Array(0),
    partnershipLead: new Uint8Array(0),
    informalTime: new Uint8Array(0),
    writtenRoles: new Uint8Array(0),
    peerReview: new Uint8Array(0),
    trainingQuality: new Float32Array(0),
    lTrust: new Float32Array(0),
    lConflict: new Float32Array(0),
    lCommitment: new Float32Array(0),
    lAccountability: new Float32Array(0),
    lResults: new Float32Array(0),
    binding: new Uint8Array(0),
    meetingsHeld: new Uint32Array(0),
    formed: new Int32Array(0),
    byLeaderStart: new Int32Array(1),
    byLeader: new Int32Array(0),
  };
}

/**
 * The perception leader i starts with of a leader it has not met: shaped by
 * i's propensity to trust and by how well the group assimilates newcomers.
 * Competence starts halfway between that and the other school's reputation.
 */
export function newcomerBaseline(state: ModelState, s: Scenario, i: number, assimilating: boolean): number {
  const T = s.model.trust;
  return clamp01(T.newcomerBase + T.newcomerSpan * state.leaders.propensity[i] + (assimilating ? T.assimilation : 0));
}

/** Reset edge e (i -> j) to first-meeting perceptions. */
export function resetEdge(state: ModelState, s: Scenario, e: number, assimilating: boolean): void {
  const E = state.edges;
  const i = E.src[e];
  const j = E.dst[e];
  const b = newcomerBaseline(state, s, i, assimilating);
  const rep = state.schools.effectiveness[state.leaders.school[j]];
  E.respect[e] = b;
  E.regard[e] = b;
  E.competence[e] = 0.5 * b + 0.5 * rep;
  E.integrity[e] = b;
  // From the stored (single-precision) perceptions, as every rule computes it: trust is always
  // exactly the power mean of the perceptions held (test/properties.test.ts checks this).
  E.trust[e] = relationalTrust(E.respect[e], E.regard[e], E.competence[e], E.integrity[e]);
  E.interactions[e] = 0;
}

/**
 * The edge i -> j of a CSR edge set sorted by (src, dst), by binary search
 * over i's destinations; -1 if there is none.
 */
export function findEdge(outStart: Int32Array, dst: Int32Array, i: number, j: number): number {
  let lo = outStart[i];
  let hi = outStart[i + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = dst[mid];
    if (d < j) lo = mid + 1;
    else if (d > j) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/**
 * Install a set of groups and rebuild the relationship network over them.
 * Relationships that already exist keep their perceptions; new ones start
 * from the newcomer baseline (or from `partnerships.initialTrust` at setup).
 */
export function installGroups(state: ModelState, specs: GroupSpec[], s: Scenario, rng: Rng, atSetup: boolean): void {
  const nL = state.leaders.n;
  const old = state.edges;
  const oldGroups = state.groups;
  const oldLevels = new Map<string, number>();
  for (let g = 0; g < oldGroups.n; g++) oldLevels.set(oldGroups.names[g], g);

  // Groups.
  const nG = specs.length;
  const G = emptyGroups();
  G.n = nG;
  G.names = specs.map((g) => g.name);
  G.kind = new Uint8Array(nG);
  G.memberStart = new Int32Array(nG + 1);
  let mTotal = 0;
  for (const g of specs) mTotal += g.members.length;
  G.members = new Int32Array(mTotal);
  G.meetingsPerYear = new Float32Array(nG);
  G.codeOfConduct = new Uint8Array(nG);
  G.partnershipLead = new Uint8Array(nG);
  G.informalTime = new Uint8Array(nG);
  G.writtenRoles = new Uint8Array(nG);
  G.peerReview = new Uint8Array(nG);
  G.trainingQuality = new Float32Array(nG);
  G.lTrust = new Float32Array(nG);
  G.lConflict = new Float32Array(nG);
  G.lCommitment = new Float32Array(nG);
  G.lAccountability = new Float32Array(nG);
  G.lResults = new Float32Array(nG);
  G.binding = new Uint8Array(nG);
  G.meetingsHeld = new Uint32Array(nG);
  G.formed = new Int32Array(nG);
  let m = 0;
  specs.forEach((g, k) => {
    G.kind[k] = GROUP_KINDS.indexOf(g.kind);
    G.memberStart[k] = m;
    for (const l of g.members) G.members[m++] = l;
    G.meetingsPerYear[k] = g.meetingsPerYear;
    G.codeOfConduct[k] = g.practices.codeOfConduct ? 1 : 0;
    G.partnershipLead[k] = g.practices.partnershipLead ? 1 : 0;
    G.informalTime[k] = g.practices.informalTime ? 1 : 0;
    G.writtenRoles[k] = g.practices.writtenRoles ? 1 : 0;
    G.peerReview[k] = g.peerReview ? 1 : 0;
    G.trainingQuality[k] = g.trainingQuality;
    G.formed[k] = g.formed;
    const prev = oldLevels.get(g.name);
    if (prev !== undefined) {
      G.lTrust[k] = oldGroups.lTrust[prev];
      G.lConflict[k] = oldGroups.lConflict[prev];
      G.lCommitment[k] = oldGroups.lCommitment[prev];
      G.lAccountability[k] = oldGroups.lAccountability[prev];
      G.lResults[k] = oldGroups.lResults[prev];
      G.meetingsHeld[k] = oldGroups.meetingsHeld[prev];
    }
  });
  G.memberStart[nG] = m;
  G.byLeaderStart = new Int32Array(nL + 1);
  for (let k = 0; k < m; k++) G.byLeaderStart[G.members[k] + 1]++;
  for (let i = 0; i < nL; i++) G.byLeaderStart[i + 1] += G.byLeaderStart[i];
  G.byLeader = new Int32Array(m);
  const fill = G.byLeaderStart.slice(0, nL);
  for (let g = 0; g < nG; g++) for (let k = G.memberStart[g]; k < G.memberStart[g + 1]; k++) G.byLeader[fill[G.members[k]]++] = g;

  // Edge set: every ordered pair of co-members, deduplicated, sorted by
  // (src, dst), built in typed arrays leader by leader (no pair keys, no maps):
  // a stamp per leader marks the co-members already counted for the current
  // source, and each source's destinations are sorted in place.
  const stamp = new Int32Array(nL).fill(-1);
  const outStart = new Int32Array(nL + 1);
  const gStart = G.byLeaderStart, gList = G.byLeader, mStart = G.memberStart, mem = G.members;
  for (let i = 0; i < nL; i++) {
    let deg = 0;
    for (let k = gStart[i]; k < gStart[i + 1]; k++) {
      const g = gList[k];
      for (let q = mStart[g]; q < mStart[g + 1]; q++) {
        const j = mem[q];
        if (j !== i && stamp[j] !== i) {
          stamp[j] = i;
          deg++;
        }
      }
    }
    outStart[i + 1] = outStart[i] + deg;
  }
  const nE = outStart[nL];
  const E: EdgeArrays = {
    n: nE,
    src: new Int32Array(nE),
    dst: new Int32Array(nE),
    rev: new Int32Array(nE),
    outStart,
    respect: new Float32Array(nE),
    regard: new Float32Array(nE),
    competence: new Float32Array(nE),
    integrity: new Float32Array(nE),
    trust: new Float32Array(nE),
    interactions: new Uint32Array(nE),
  };
  // Whether some group with a code of conduct holds the pair (newcomers assimilate).
  const assimilating = new Uint8Array(nE);
  // Each group's edge list: for members p, q (p != q) in member order, the
  // edge members[p] -> members[q] at position p * (m - 1) + (q < p ? q : q - 1).
  G.edgeStart = new Int32Array(nG + 1);
  let total = 0;
  for (let g = 0; g < nG; g++) {
    G.edgeStart[g] = total;
    const mg = mStart[g + 1] - mStart[g];
    total += mg * (mg - 1);
  }
  G.edgeStart[nG] = total;
  G.edges = new Int32Array(total);
  const pos = new Int32Array(nL);
  stamp.fill(-1);
  const src = E.src, dst = E.dst;
  for (let i = 0; i < nL; i++) {
    const e0 = outStart[i];
    let c = e0;
    for (let k = gStart[i]; k < gStart[i + 1]; k++) {
      const g = gList[k];
      for (let q = mStart[g]; q < mStart[g + 1]; q++) {
        const j = mem[q];
        if (j !== i && stamp[j] !== i) {
          stamp[j] = i;
          src[c] = i;
          dst[c++] = j;
        }
      }
    }
    dst.subarray(e0, c).sort();
    for (let e = e0; e < c; e++) pos[dst[e]] = e;
    for (let k = gStart[i]; k < gStart[i + 1]; k++) {
      const g = gList[k];
      const a = mStart[g];
      const mg = mStart[g + 1] - a;
      let p = 0;
      while (mem[a + p] !== i) p++;
      const base = G.edgeStart[g] + p * (mg - 1);
      const coc = G.codeOfConduct[g];
      for (let q = 0; q < mg; q++) {
        if (q === p) continue;
        const e = pos[mem[a + q]];
        G.edges[base + (q < p ? q : q - 1)] = e;
        if (coc) assimilating[e] = 1;
      }
    }
  }
  for (let e = 0; e < nE; e++) E.rev[e] = findEdge(outStart, dst, dst[e], src[e]);

  // Carry perceptions over from the old network (same leaders, same CSR order).
  const oldSameLeaders = old.outStart.length === nL + 1;
  state.edges = E;
  const init = atSetup ? s.partnerships.initialTrust : undefined;
  for (let e = 0; e < nE; e++) {
    const o = oldSameLeaders && old.n > 0 ? findEdge(old.outStart, old.dst, src[e], dst[e]) : -1;
    if (o >= 0) {
      E.respect[e] = old.respect[o];
      E.regard[e] = old.regard[o];
      E.competence[e] = old.competence[o];
      E.integrity[e] = old.integrity[o];
      E.trust[e] = old.trust[o];
      E.interactions[e] = old.interactions[o];
    } else if (init) {
      E.respect[e] = draw(rng, init);
      E.regard[e] = draw(rng, init);
      const rep = state.schools.effectiveness[state.leaders.school[E.dst[e]]];
      E.competence[e] = clamp01(0.5 * draw(rng, init) + 0.5 * rep);
      E.integrity[e] = draw(rng, init);
      E.trust[e] = relationalTrust(E.respect[e], E.regard[e], E.competence[e], E.integrity[e]);
    } else {
      resetEdge(state, s, e, assimilating[e] === 1);
    }
  }
  state.groups = G;

  // Initial Lencioni trust level of new groups: their mean relational trust.
  for (let g = 0; g < nG; g++) {
    if (oldLevels.has(G.names[g])) continue;
    let sum = 0;
    for (let k = G.edgeStart[g]; k < G.edgeStart[g + 1]; k++) sum += E.trust[G.edges[k]];
    const cnt = G.edgeStart[g + 1] - G.edgeStart[g];
    G.lTrust[g] = cnt ? sum / cnt : 0;
  }
}

/** Current group specs (to modify the group structure and reinstall). */
export function currentSpecs(state: ModelState): GroupSpec[] {
  const G = state.groups;
  const specs: GroupSpec[] = [];
  for (let g = 0; g < G.n; g++) {
    specs.push({
      name: G.names[g],
      kind: GROUP_KINDS[G.kind[g]],
      members: Array.from(G.members.subarray(G.memberStart[g], G.memberStart[g + 1])),
      meetingsPerYear: G.meetingsPerYear[g],
      practices: {
        codeOfConduct: !!G.codeOfConduct[g],
        partnershipLead: !!G.partnershipLead[g],
        informalTime: !!G.informalTime[g],
        writtenRoles: !!G.writtenRoles[g],
      },
      peerReview: !!G.peerReview[g],
      trainingQuality: G.trainingQuality[g],
      formed: G.formed[g],
    });
  }
  return specs;
}
