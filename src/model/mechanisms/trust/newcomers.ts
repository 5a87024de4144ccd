/**
 * First-meeting perceptions: what a head thinks of a leader not yet met
 * (at setup, for new relationships, and after a head changes).
 */
import type { Scenario } from '../../schema.ts';
import type { ReplacedHeads } from '../../core/context.ts';
import { clamp01, relationalTrust, type EdgeArrays, type LeaderArrays, type ModelState, type SchoolArrays, type StatePart } from '../../core/state.ts';

/** The newcomer rule's numbers (scenario.model.trust). */
export interface NewcomerParams {
  newcomerBase: number;
  newcomerSpan: number;
  assimilation: number;
}

/** The first-meeting perception of a head with this propensity to trust (newcomerBaseline). */
function baselineOf(T: NewcomerParams, propensity: number, assimilating: boolean): number {
  return clamp01(T.newcomerBase + T.newcomerSpan * propensity + (assimilating ? T.assimilation : 0));
}

/**
 * The perception leader i starts with of a leader it has not met: shaped by
 * i's propensity to trust and by how well the group assimilates newcomers.
 * Competence starts halfway between that and the other school's reputation
 * (its national standing, 0..1).
 */
export function newcomerBaseline(state: ModelState, s: Scenario, i: number, assimilating: boolean): number {
  return baselineOf(s.model.trust, state.leaders.propensity[i], assimilating);
}

/** Reset edge e (i -> j; i is its source, which the caller knows) to first-meeting perceptions. */
export function resetEdge(state: ModelState, s: Scenario, e: number, i: number, assimilating: boolean): void {
  const E = state.edges;
  const j = E.dst[e];
  setFirstMeeting(E, e, newcomerBaseline(state, s, i, assimilating), state.schools.standing[state.leaders.school[j]]);
}

/**
 * Reset every relationship of head i, both ways (i's view of each partner
 * and each partner's view of i), as when the head is replaced: the same
 * values as resetEdge on each edge and its reverse in turn, with i's own
 * baseline worked out once (resetReplaced with a list of one).
 */
export function resetLeaderEdges(state: ModelState, s: Scenario, i: number, assimilating: boolean): void {
  if (ONE.replaced.length < state.leaders.n) ONE.replaced = new Uint8Array(state.leaders.n);
  ONE.heads[0] = i;
  ONE.assimilating[0] = assimilating ? 1 : 0;
  resetReplaced(state, s.model.trust, ONE, 0, 1);
}

/** A list of one replaced head for resetLeaderEdges, with no head marked (no other head is new; grown with the model). */
const ONE = { heads: new Int32Array(1), assimilating: new Uint8Array(1), replaced: new Uint8Array(0) };

/** The arrays resetting relationships reads and writes, by part of the state: what a thread that shares the work needs. */
export const RESET_ARRAYS = {
  edges: ['outStart', 'dst', 'rev', 'respect', 'regard', 'competence', 'integrity', 'trust', 'interactions'],
  leaders: ['school', 'propensity'],
  schools: ['standing'],
} as const;

/** The state resetting relationships works on: the arrays of RESET_ARRAYS. */
export interface ResetState {
  edges: StatePart<EdgeArrays, typeof RESET_ARRAYS.edges>;
  leaders: StatePart<LeaderArrays, typeof RESET_ARRAYS.leaders>;
  schools: StatePart<SchoolArrays, typeof RESET_ARRAYS.schools>;
}

/**
 * Reset the relationships of the replaced heads heads[from .. to - 1]
 * (resetLeaderEdges for each), leaving exactly what resetting every head of
 * the list in turn, in slot order, leaves: an edge between two replaced heads
 * is written once, by the one in the higher slot (the last to write it in
 * that order, with its own assimilation and both heads' new traits), so
 * each edge has one writer and any split of the list over threads gives the
 * same bytes (experiment/threads/team.ts).
 */
export function resetReplaced(st: ResetState, T: NewcomerParams, q: Omit<ReplacedHeads, 'count'>, from: number, to: number): void {
  const E = st.edges;
  const outStart = E.outStart,
    dst = E.dst,
    rev = E.rev;
  const standing = st.schools.standing,
    school = st.leaders.school,
    propensity = st.leaders.propensity;
  const { heads, assimilating, replaced } = q;
  for (let k = from; k < to; k++) {
    const i = heads[k];
    const assim = assimilating[k] === 1;
    const mine = baselineOf(T, propensity[i], assim);
    const repI = standing[school[i]];
    for (let e = outStart[i]; e < outStart[i + 1]; e++) {
      const j = dst[e];
      if (j > i && replaced[j] === 1) continue;
      setFirstMeeting(E, e, mine, standing[school[j]]);
      setFirstMeeting(E, rev[e], baselineOf(T, propensity[j], assim), repI);
    }
  }
}

/** Perceptions b, and competence halfway from b to the other school's reputation `rep`; no interactions yet. */
function setFirstMeeting(E: ResetState['edges'], e: number, b: number, rep: number): void {
  E.respect[e] = b;
  E.regard[e] = b;
  E.competence[e] = 0.5 * b + 0.5 * rep;
  E.integrity[e] = b;
  // From the stored (single-precision) perceptions, as every rule computes it: trust is always
  // exactly the power mean of the perceptions held (test/model/properties.test.ts checks this).
  E.trust[e] = relationalTrust(E.respect[e], E.regard[e], E.competence[e], E.integrity[e]);
  E.interactions[e] = 0;
}
