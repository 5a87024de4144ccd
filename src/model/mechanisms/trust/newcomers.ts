/**
 * First-meeting perceptions: what a head thinks of a leader not yet met
 * (at setup, for new relationships, and after a head changes).
 */
import type { Scenario } from '../../schema.ts';
import { clamp01, relationalTrust, type ModelState } from '../../core/state.ts';

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

/** Reset edge e (i -> j) to first-meeting perceptions. */
export function resetEdge(state: ModelState, s: Scenario, e: number, assimilating: boolean): void {
  const E = state.edges;
  const i = E.src[e];
  const j = E.dst[e];
  const b = newcomerBaseline(state, s, i, assimilating);
  const rep = state.schools.standing[state.leaders.school[j]];
  E.respect[e] = b;
  E.regard[e] = b;
  E.competence[e] = 0.5 * b + 0.5 * rep;
  E.integrity[e] = b;
  // From the stored (single-precision) perceptions, as every rule computes it: trust is always
  // exactly the power mean of the perceptions held (test/model/properties.test.ts checks this).
  E.trust[e] = relationalTrust(E.respect[e], E.regard[e], E.competence[e], E.integrity[e]);
  E.interactions[e] = 0;
}
