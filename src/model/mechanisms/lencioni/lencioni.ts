/**
 * Lencioni's five-level cascade in each group (model brief 3.4; seed 001).
 *
 * Level 1 (trust) is the group's mean relational trust. Each higher level
 * moves toward a target that can never exceed the level beneath it:
 *   conflict       -> min(trust, members' mean candour)
 *   commitment     -> min(conflict, base + (1 - base) * clarity)   clarity: named lead, written roles
 *   accountability -> min(commitment, members' mean follow-through)
 *   results        -> min(accountability, members' mean moral purpose)
 * and is then capped by the level beneath (the gate). `binding` records the
 * lowest level whose target was held down by the gate.
 * A group's attention to collective results pushes each member's improvement
 * (collectiveGain * results, pupil SD a year, the largest over its groups).
 * The levels feed back into the meetings (../trust/meetings.ts): conflict
 * sets how readily heads challenge, commitment how far accepted challenge
 * turns into action, accountability how reliably commitments are kept.
 */
import type { Ctx } from '../../core/context.ts';
import type { EdgeArrays, GroupArrays, LeaderArrays, StatePart } from '../../core/state.ts';

/** The arrays the cascade reads and writes, by part of the state: what a thread that runs it for some groups needs to share. */
export const LENCIONI_ARRAYS = {
  groups: [
    'edgeStart',
    'edges',
    'memberStart',
    'members',
    'partnershipLead',
    'writtenRoles',
    'lTrust',
    'lConflict',
    'lCommitment',
    'lAccountability',
    'lResults',
    'binding',
  ],
  edges: ['trust'],
  leaders: ['candour', 'followThrough', 'moralPurpose'],
} as const;

/** The state the cascade works on: the arrays of LENCIONI_ARRAYS. */
export interface LencioniState {
  groups: StatePart<GroupArrays, typeof LENCIONI_ARRAYS.groups>;
  edges: StatePart<EdgeArrays, typeof LENCIONI_ARRAYS.edges>;
  leaders: StatePart<LeaderArrays, typeof LENCIONI_ARRAYS.leaders>;
}

/** Each group's results level at full precision, this tick, on one thread (grown, never shrunk). */
let scratch = new Float64Array(0);

export function lencioni(ctx: Ctx): void {
  const rho = ctx.perTick.lencioniAdjust;
  const results = ctx.parallel ? ctx.parallel.lencioni(ctx, rho) : onOneThread(ctx, rho);
  collectivePush(ctx, results);
}

/** At the start: each group's levels at their targets for its initial relationships (groups exist before the run). */
export function settleLencioni(ctx: Ctx): void {
  collectivePush(ctx, onOneThread(ctx, 1));
}

function onOneThread(ctx: Ctx, rho: number): Float64Array {
  const nG = ctx.state.groups.n;
  if (scratch.length < nG) scratch = new Float64Array(nG);
  cascadeGroups(ctx.state, rho, ctx.scenario.model.lencioni.commitmentBase, 0, nG, scratch);
  return scratch;
}

/**
 * One update of the levels of groups from .. to - 1, each closing a share
 * rho of the gap to its target; each group's results level also goes to
 * results[g] at full precision (the stored level is single precision, and
 * the push to the members' schools is made from the full one). Each group
 * reads only its own relationships and members and writes only its own
 * levels, so a team of threads may share the groups out
 * (experiment/threads/team.ts) with the same result.
 */
export function cascadeGroups(state: LencioniState, rho: number, commitmentBase: number, from: number, to: number, results: Float64Array): void {
  const { groups: G, edges: E, leaders: L } = state;
  // Arrays bound to locals once (see meetings.ts).
  const edgeStart = G.edgeStart,
    gEdges = G.edges,
    memberStart = G.memberStart,
    members = G.members;
  const lead = G.partnershipLead,
    roles = G.writtenRoles;
  const lTrust = G.lTrust,
    lConflict = G.lConflict,
    lCommitment = G.lCommitment,
    lAccountability = G.lAccountability,
    lResults = G.lResults,
    gBinding = G.binding;
  const trust = E.trust,
    candour = L.candour,
    followThrough = L.followThrough,
    moralPurpose = L.moralPurpose;
  for (let g = from; g < to; g++) {
    const e0 = edgeStart[g];
    const e1 = edgeStart[g + 1];
    let sum = 0;
    for (let k = e0; k < e1; k++) sum += trust[gEdges[k]];
    const l1 = e1 > e0 ? sum / (e1 - e0) : 0;
    const m0 = memberStart[g];
    const m1 = memberStart[g + 1];
    let cand = 0,
      follow = 0,
      purpose = 0;
    for (let k = m0; k < m1; k++) {
      const i = members[k];
      cand += candour[i];
      follow += followThrough[i];
      purpose += moralPurpose[i];
    }
    const nm = m1 - m0 || 1;
    cand /= nm;
    follow /= nm;
    purpose /= nm;
    const clarity = 0.5 * lead[g] + 0.5 * roles[g];
    const commitReach = commitmentBase + (1 - commitmentBase) * clarity;

    let binding = 0;
    lTrust[g] = l1;
    let l2 = lConflict[g];
    if (l1 < cand && binding === 0) binding = 1;
    l2 += rho * ((cand < l1 ? cand : l1) - l2);
    if (l2 > l1) l2 = l1;
    let l3 = lCommitment[g];
    if (l2 < commitReach && binding === 0) binding = 2;
    l3 += rho * ((commitReach < l2 ? commitReach : l2) - l3);
    if (l3 > l2) l3 = l2;
    let l4 = lAccountability[g];
    if (l3 < follow && binding === 0) binding = 3;
    l4 += rho * ((follow < l3 ? follow : l3) - l4);
    if (l4 > l3) l4 = l3;
    let l5 = lResults[g];
    if (l4 < purpose && binding === 0) binding = 4;
    l5 += rho * ((purpose < l4 ? purpose : l4) - l5);
    if (l5 > l4) l5 = l4;
    lConflict[g] = l2;
    lCommitment[g] = l3;
    lAccountability[g] = l4;
    lResults[g] = l5;
    gBinding[g] = binding;
    results[g] = l5;
  }
}

/** Each school's push from its groups' attention to results: collectiveGain * results (full precision, by group), the largest over the groups its head belongs to. */
function collectivePush(ctx: Ctx, results: Float64Array): void {
  const { groups: G, leaders: L, schools: S } = ctx.state;
  const collectiveGain = ctx.scenario.model.lencioni.collectiveGain;
  const memberStart = G.memberStart,
    members = G.members,
    school = L.school,
    collective = S.collective;
  collective.fill(0);
  for (let g = 0; g < G.n; g++) {
    const push = collectiveGain * results[g];
    for (let k = memberStart[g]; k < memberStart[g + 1]; k++) {
      const sch = school[members[k]];
      if (push > collective[sch]) collective[sch] = push;
    }
  }
}

/** Maturity stage (seed 002: starter, developer, mature), from experience and results focus. */
export function maturityOf(results: number, meetingsHeld: number): string {
  if (meetingsHeld >= 18 && results >= 0.45) return 'mature';
  if (meetingsHeld >= 6 && results >= 0.25) return 'developer';
  return 'starter';
}
