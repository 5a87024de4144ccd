/**
 * The final state as tidy rows: one per school (schools.csv) and one per
 * group (groups.csv). Column meanings are documented in columns.ts.
 */
import type { Cell } from '../../engine/contract.ts';
import { maturityOf } from '../mechanisms/lencioni/lencioni.ts';
import { GOVERNANCE, GRADE_BANDS, GROUP_KINDS, PHASES, STANCES, type ModelState } from '../core/state.ts';
import { policyCells } from './policy-rows.ts';

/** Final state per school (schools.csv). */
export function schoolRows(state: ModelState): Record<string, Cell>[] {
  const { schools: S, leaders: L, edges: E, groups: G } = state;
  const rows: Record<string, Cell>[] = [];
  const addPolicyCells = policyCells(state); // policy layer columns
  for (let s = 0; s < S.n; s++) {
    const h = S.leader[s];
    let tin = 0,
      nin = 0,
      tout = 0,
      nout = 0;
    for (let e = E.outStart[h]; e < E.outStart[h + 1]; e++) {
      tout += E.trust[e];
      nout++;
      tin += E.trust[E.rev[e]];
      nin++;
    }
    const groups: string[] = [];
    for (let k = G.byLeaderStart[h]; k < G.byLeaderStart[h + 1]; k++) groups.push(G.names[G.byLeader[k]]);
    const row: Record<string, Cell> = {
      school: s,
      name: S.names[s],
      phase: PHASES[S.phase[s]],
      pupils: S.pupils[s],
      x: S.x[s],
      y: S.y[s],
      disadvantage: S.disadvantage[s],
      disadvantaged: S.disadvantaged[s] === 1,
      governance: GOVERNANCE[S.governance[s]],
      mat: S.mat[s] < 0 ? '' : S.mat[s],
      stance: STANCES[S.stance[s]],
      groups: groups.join(' '),
      effectiveness_start: S.effectivenessStart[s],
      effectiveness: S.effectiveness[s],
      effectiveness_change: S.effectiveness[s] - S.effectivenessStart[s],
      grade: GRADE_BANDS[S.grade[s]].label,
      improving: S.improving[s] === 1,
      capacity: S.capacity[s],
      internal_trust: S.internalTrust[s],
      community: S.community[s],
      teachers_retained: S.cohortLeft[s],
      teachers_start: S.cohortStart[s],
      maths_retained: S.mathsLeft[s],
      maths_start: S.mathsStart[s],
      head: L.names[h],
      head_changes: L.changes[h],
      head_tenure_years: L.tenure[h],
      head_openness: L.openness[h],
      head_candour: L.candour[h],
      head_propensity_to_trust: L.propensity[h],
      head_competitiveness: L.competitiveness[h],
      head_follow_through: L.followThrough[h],
      head_moral_purpose: L.moralPurpose[h],
      head_competence: L.competence[h],
      trust_given_mean: nout ? tout / nout : NaN,
      trust_received_mean: nin ? tin / nin : NaN,
    };
    addPolicyCells(row, s);
    rows.push(row);
  }
  return rows;
}

/** Final state per group (groups.csv). */
export function groupRows(state: ModelState): Record<string, Cell>[] {
  const G = state.groups;
  const LEVELS = ['none', 'conflict', 'commitment', 'accountability', 'results'];
  const rows: Record<string, Cell>[] = [];
  for (let g = 0; g < G.n; g++) {
    rows.push({
      group: G.names[g],
      kind: GROUP_KINDS[G.kind[g]],
      members: G.memberStart[g + 1] - G.memberStart[g],
      meetings_per_year: G.meetingsPerYear[g],
      meetings_held: G.meetingsHeld[g],
      code_of_conduct: !!G.codeOfConduct[g],
      partnership_lead: !!G.partnershipLead[g],
      informal_time: !!G.informalTime[g],
      written_roles: !!G.writtenRoles[g],
      peer_review: !!G.peerReview[g],
      lencioni_trust: G.lTrust[g],
      lencioni_conflict: G.lConflict[g],
      lencioni_commitment: G.lCommitment[g],
      lencioni_accountability: G.lAccountability[g],
      lencioni_results: G.lResults[g],
      gated_at: LEVELS[G.binding[g]],
      maturity: maturityOf(G.lResults[g], G.meetingsHeld[g]),
    });
  }
  return rows;
}
