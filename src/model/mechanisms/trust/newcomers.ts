/**
 * First-meeting perceptions: what a head thinks of a leader not yet met
 * (at setup, for new relationships, and after a head changes).
 */
import type { Scenario } from '../../schema.ts';
import { clamp01, relationalTrust, type EdgeArrays, type ModelState } from '../../core/state.ts';

/**
 * The perception leader i starts with of a leader it has not met: shaped by
 * i's propensity to trust and by how well the group assimilates newcomers.
 * Competence starts halfway between that and the other school's reputation
 * (its national standing, 0..1).
 */
export function newcomerBaseline(state: ModelState, s: Scenario, i: number, assimilating: boolean): number {
  const T = s.model.trust;
  return clamp01(T.newcomerBase + T.newcomerSpan * state.leaders.propensity[i] + (assimilating ? T.assimilation : 0));
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
 * baseline worked out once.
 */
export function resetLeaderEdges(state: ModelState, s: Scenario, i: number, assimilating: boolean): void {
  const E = state.edges;
  const standing = state.schools.standing,
    school = state.leaders.school;
  const mine = newcomerBaseline(state, s, i, assimilating);
  const repI = standing[school[i]];
  for (let e = E.outStart[i]; e < E.outStart[i + 1]; e++) {
    const j = E.dst[e];
    setFirstMeeting(E, e, mine, standing[school[j]]);
    setFirstMeeting(E, E.rev[e], newcomerBaseline(state, s, j, assimilating), repI);
  }
}

/** Perceptions b, and competence halfway from b to the other school's reputation `rep`; no interactions yet. */
function setFirstMeeting(E: EdgeArrays, e: number, b: number, rep: number): void {
  E.respect[e] = b;
  E.regard[e] = b;
  E.competence[e] = 0.5 * b + 0.5 * rep;
  E.integrity[e] = b;
  // From the stored (single-precision) perceptions, as every rule computes it: trust is always
  // exactly the power mean of the perceptions held (test/model/properties.test.ts checks this).
  E.trust[e] = relationalTrust(E.respect[e], E.regard[e], E.competence[e], E.integrity[e]);
  E.interactions[e] = 0;
}
