/**
 * The relationship network over the groups: installing a set of groups
 * builds the group arrays and every directed relationship between
 * co-members (CSR, sorted by source then destination), carrying the
 * perceptions of relationships that already existed. This never happens
 * inside the per-tick rules: only at setup and when a structural change
 * (a policy event, the yearly structure) rebuilds the groups.
 */
import type { Rng } from '../../engine/rng.ts';
import type { Scenario } from '../schema.ts';
import { emptyGroups, inSharedMemory, typedArray } from '../core/arrays.ts';
import type { GroupSpec } from '../core/group-spec.ts';
import { GROUP_KINDS } from '../core/kinds.ts';
import { drawTrait } from '../core/leaders.ts';
import { clamp01, relationalTrust, type EdgeArrays, type GroupArrays, type ModelState } from '../core/state.ts';
import { resetEdge } from '../mechanisms/trust/newcomers.ts';

/**
 * Install a set of groups and rebuild the relationship network over them.
 * Relationships that already exist keep their perceptions; new ones start
 * from the newcomer baseline (or from `partnerships.initialTrust` at setup).
 */
export function installGroups(state: ModelState, specs: GroupSpec[], s: Scenario, rng: Rng, atSetup: boolean): void {
  const nL = state.leaders.n;
  const old = state.edges;
  const oldGroups = state.groups;
  const oldIndex = new Map<string, number>();
  for (let g = 0; g < oldGroups.n; g++) oldIndex.set(oldGroups.names[g], g);
  const G = groupArrays(specs, oldGroups, oldIndex, nL);
  const init = atSetup ? s.partnerships.initialTrust : undefined;
  // Which new relationships are assimilated matters only where they start from the newcomer baseline
  // (not where setup draws them from partnerships.initialTrust).
  const { E, assimilating } = edgeSet(G, nL, init === undefined, inSharedMemory(state));
  state.edges = E;
  carryPerceptions(state, old, assimilating, init, s, rng);
  state.groups = G;
  initialLencioniTrust(G, E, oldIndex);
}

/** Group arrays for the specs; a group that existed before (same name) keeps its Lencioni levels and meeting count. */
function groupArrays(specs: GroupSpec[], oldGroups: GroupArrays, oldIndex: Map<string, number>, nL: number): GroupArrays {
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
    const prev = oldIndex.get(g.name);
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
  indexGroupsByLeader(G, nL);
  return G;
}

/** The groups of each leader, as a second CSR (`byLeaderStart`, `byLeader`). */
function indexGroupsByLeader(G: GroupArrays, nL: number): void {
  const m = G.memberStart[G.n];
  G.byLeaderStart = new Int32Array(nL + 1);
  for (let k = 0; k < m; k++) G.byLeaderStart[G.members[k] + 1]++;
  for (let i = 0; i < nL; i++) G.byLeaderStart[i + 1] += G.byLeaderStart[i];
  G.byLeader = new Int32Array(m);
  const fill = G.byLeaderStart.slice(0, nL);
  for (let g = 0; g < G.n; g++) for (let k = G.memberStart[g]; k < G.memberStart[g + 1]; k++) G.byLeader[fill[G.members[k]]++] = g;
}

/**
 * Edge set: every ordered pair of co-members, deduplicated, sorted by
 * (src, dst), built in typed arrays leader by leader (no pair keys, no maps):
 * a stamp per leader marks the co-members already counted for the current
 * leader, and each leader's destinations arrive in order. Also fills each
 * group's edge list and, `withAssimilating`, marks the pairs that some group
 * with a code of conduct holds (newcomers there are assimilated); where setup
 * draws new relationships from `partnerships.initialTrust` none starts as a
 * newcomer, and that array of a byte per relationship would only be garbage.
 */
function edgeSet(G: GroupArrays, nL: number, withAssimilating: boolean, shared: boolean): { E: EdgeArrays; assimilating: Uint8Array | null } {
  const stamp = new Int32Array(nL).fill(-1);
  const outStart = outDegrees(G, nL, stamp);
  const nE = outStart[nL];
  const E: EdgeArrays = {
    n: nE,
    dst: typedArray(Int32Array, nE, shared),
    rev: typedArray(Int32Array, nE, shared),
    outStart,
    respect: typedArray(Float32Array, nE, shared),
    regard: typedArray(Float32Array, nE, shared),
    competence: typedArray(Float32Array, nE, shared),
    integrity: typedArray(Float32Array, nE, shared),
    trust: typedArray(Float32Array, nE, shared),
    interactions: typedArray(Uint8Array, nE, shared),
  };
  const assimilating = withAssimilating ? new Uint8Array(nE) : null;
  allocGroupEdgeLists(G, shared);
  // Each leader's destinations in increasing order without sorting: the network is symmetric, so
  // walking the leaders j in order and writing j into the list of each of j's co-members fills
  // every list in increasing order.
  stamp.fill(-1);
  const cursor = outStart.slice(0, nL);
  for (let j = 0; j < nL; j++) scatterToCoMembers(G, E.dst, cursor, j, stamp);
  const pos = new Int32Array(nL);
  for (let i = 0; i < nL; i++) {
    for (let e = outStart[i]; e < outStart[i + 1]; e++) pos[E.dst[e]] = e;
    listGroupEdges(G, i, pos, assimilating);
  }
  // The reverse of each edge without a search, by the same symmetry: walking the sources in
  // order, the edges into j arrive in increasing source order, the order of j's out-edges.
  const next = outStart.slice(0, nL);
  for (let e = 0; e < nE; e++) E.rev[e] = next[E.dst[e]]++;
  return { E, assimilating };
}

/** CSR offsets: the number of distinct co-members of each leader, accumulated. */
function outDegrees(G: GroupArrays, nL: number, stamp: Int32Array): Int32Array {
  const outStart = new Int32Array(nL + 1);
  const gStart = G.byLeaderStart,
    gList = G.byLeader,
    mStart = G.memberStart,
    mem = G.members;
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
  return outStart;
}

/**
 * Each group's edge list: for members p, q (p != q) in member order, the
 * edge members[p] -> members[q] at position p * (m - 1) + (q < p ? q : q - 1).
 */
function allocGroupEdgeLists(G: GroupArrays, shared: boolean): void {
  const nG = G.n;
  G.edgeStart = new Int32Array(nG + 1);
  let total = 0;
  for (let g = 0; g < nG; g++) {
    G.edgeStart[g] = total;
    const mg = G.memberStart[g + 1] - G.memberStart[g];
    total += mg * (mg - 1);
  }
  G.edgeStart[nG] = total;
  G.edges = typedArray(Int32Array, total, shared);
}

/** Write j into the destination list of each of j's distinct co-members i, at cursor[i] (advanced). */
function scatterToCoMembers(G: GroupArrays, dst: Int32Array, cursor: Int32Array, j: number, stamp: Int32Array): void {
  const gStart = G.byLeaderStart,
    gList = G.byLeader,
    mStart = G.memberStart,
    mem = G.members;
  for (let k = gStart[j]; k < gStart[j + 1]; k++) {
    const g = gList[k];
    for (let q = mStart[g]; q < mStart[g + 1]; q++) {
      const i = mem[q];
      if (i !== j && stamp[i] !== j) {
        stamp[i] = j;
        dst[cursor[i]++] = j;
      }
    }
  }
}

/** Place leader i's edges in the edge lists of its groups (pos[j]: the edge i -> j). */
function listGroupEdges(G: GroupArrays, i: number, pos: Int32Array, assimilating: Uint8Array | null): void {
  const gStart = G.byLeaderStart,
    gList = G.byLeader,
    mStart = G.memberStart,
    mem = G.members;
  for (let k = gStart[i]; k < gStart[i + 1]; k++) {
    const g = gList[k];
    const a = mStart[g];
    const mg = mStart[g + 1] - a;
    let p = 0;
    while (mem[a + p] !== i) p++;
    const base = G.edgeStart[g] + p * (mg - 1);
    const coc = assimilating !== null && G.codeOfConduct[g] === 1;
    for (let q = 0; q < mg; q++) {
      if (q === p) continue;
      const e = pos[mem[a + q]];
      G.edges[base + (q < p ? q : q - 1)] = e;
      if (coc) assimilating[e] = 1;
    }
  }
}

/** Perceptions of the new network: carried over from the old one (same leaders, same CSR order), or drawn from the initial history, or first-meeting ones. */
function carryPerceptions(
  state: ModelState,
  old: EdgeArrays,
  assimilating: Uint8Array | null,
  init: { mean: number; sd: number } | undefined,
  s: Scenario,
  rng: Rng,
): void {
  const carry = old.outStart.length === state.leaders.n + 1 && old.n > 0;
  // The old edge i -> j, found by walking i's old and new out-edges together (both sorted by destination).
  for (let i = 0; i < state.leaders.n; i++) carryOutEdges(state, old, i, carry, assimilating, init, s, rng);
}

/** carryPerceptions for the out-edges of head i, in edge order. */
// eslint-disable-next-line max-params -- carryPerceptions's inputs and the head
function carryOutEdges(
  state: ModelState,
  old: EdgeArrays,
  i: number,
  carry: boolean,
  assimilating: Uint8Array | null,
  init: { mean: number; sd: number } | undefined,
  s: Scenario,
  rng: Rng,
): void {
  const E = state.edges;
  let o = carry ? old.outStart[i] : 0;
  for (let e = E.outStart[i]; e < E.outStart[i + 1]; e++) {
    let found = -1;
    if (carry) {
      const end = old.outStart[i + 1];
      while (o < end && old.dst[o] < E.dst[e]) o++;
      if (o < end && old.dst[o] === E.dst[e]) found = o;
    }
    if (found >= 0) {
      E.respect[e] = old.respect[found];
      E.regard[e] = old.regard[found];
      E.competence[e] = old.competence[found];
      E.integrity[e] = old.integrity[found];
      E.trust[e] = old.trust[found];
      E.interactions[e] = old.interactions[found];
    } else if (init) {
      E.respect[e] = drawTrait(rng, init);
      E.regard[e] = drawTrait(rng, init);
      const rep = state.schools.standing[state.leaders.school[E.dst[e]]];
      E.competence[e] = clamp01(0.5 * drawTrait(rng, init) + 0.5 * rep);
      E.integrity[e] = drawTrait(rng, init);
      E.trust[e] = relationalTrust(E.respect[e], E.regard[e], E.competence[e], E.integrity[e]);
    } else {
      resetEdge(state, s, e, i, assimilating !== null && assimilating[e] === 1);
    }
  }
}

/** Initial Lencioni trust level of new groups: their mean relational trust. */
function initialLencioniTrust(G: GroupArrays, E: EdgeArrays, oldIndex: Map<string, number>): void {
  for (let g = 0; g < G.n; g++) {
    if (oldIndex.has(G.names[g])) continue;
    let sum = 0;
    for (let k = G.edgeStart[g]; k < G.edgeStart[g + 1]; k++) sum += E.trust[G.edges[k]];
    const cnt = G.edgeStart[g + 1] - G.edgeStart[g];
    G.lTrust[g] = cnt ? sum / cnt : 0;
  }
}

/** Group g's practices, as a spec holds them. */
export function practicesOf(G: GroupArrays, g: number): GroupSpec['practices'] {
  return {
    codeOfConduct: !!G.codeOfConduct[g],
    partnershipLead: !!G.partnershipLead[g],
    informalTime: !!G.informalTime[g],
    writtenRoles: !!G.writtenRoles[g],
  };
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
      practices: practicesOf(G, g),
      peerReview: !!G.peerReview[g],
      trainingQuality: G.trainingQuality[g],
      formed: G.formed[g],
    });
  }
  return specs;
}
