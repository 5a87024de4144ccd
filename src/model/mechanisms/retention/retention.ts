/**
 * Teacher retention (model brief 3.8). Teachers of the starting cohort
 * leave at an annual hazard h0 * (1 - communityEffect * community), where h0
 * gives the five-year retention of seed 002 without a professional community
 * (60%; 50% for maths specialists). A school's professional community is
 * what its teachers belong to:
 *   community = 0.5 * internal relational trust (the staff's own collegial community)
 *             + 0.5 * the most active network its teachers take part in,
 * a network's activity being min(1, meetings per year / communityCadence)
 * * (0.5 + 0.5 * the group's trust), counted in full for teacher networks
 * (hub work groups, alliances) and at headsGroupShare for groups of heads
 * (partnerships, trust leadership, heads' networks), whose work reaches
 * teachers only in part.
 * The yearly leaving share at the current hazard is the school's staff
 * churn, which holds down the trust staff can build (../improvement/).
 */
import type { Ctx } from '../../core/context.ts';
import { binomial } from '../../../engine/rng.ts';
import { GROUP_KINDS } from '../../core/kinds.ts';

const TEACHER_NETWORKS = new Set<number>([GROUP_KINDS.indexOf('hub-work-group'), GROUP_KINDS.indexOf('alliance')]);

export function communityStrength(ctx: Ctx): void {
  const { state, scenario } = ctx;
  const { groups: G, schools: S } = state;
  const cadence = scenario.turnover.communityCadence;
  const headsShare = scenario.turnover.headsGroupShare;
  S.community.fill(0);
  for (let g = 0; g < G.n; g++) {
    const activity = Math.min(1, G.meetingsPerYear[g] / cadence);
    const c = activity * (0.5 + 0.5 * G.lTrust[g]) * (TEACHER_NETWORKS.has(G.kind[g]) ? 1 : headsShare);
    for (let k = G.memberStart[g]; k < G.memberStart[g + 1]; k++) {
      const s = state.leaders.school[G.members[k]];
      if (c > S.community[s]) S.community[s] = c;
    }
  }
  for (let s = 0; s < S.n; s++) S.community[s] = 0.5 * S.internalTrust[s] + 0.5 * S.community[s];
}

export function teacherRetention(ctx: Ctx): void {
  const { state, scenario, rng, perTick } = ctx;
  const S = state.schools;
  const effect = scenario.turnover.communityEffect;
  const r = rng.teachers;
  for (let s = 0; s < S.n; s++) {
    const cut = 1 - effect * S.community[s];
    S.cohortLeft[s] -= binomial(r, S.cohortLeft[s], perTick.teacherLeave * cut);
    S.mathsLeft[s] -= binomial(r, S.mathsLeft[s], perTick.mathsLeave * cut);
  }
}

/** Each school's yearly teacher leaving share at its current hazard. */
export function staffChurn(ctx: Ctx): void {
  const { state, scenario } = ctx;
  const S = state.schools;
  const base = 1 - Math.pow(scenario.turnover.teacherFiveYearRetention, 1 / 5);
  const effect = scenario.turnover.communityEffect;
  for (let s = 0; s < S.n; s++) S.staffChurn[s] = base * (1 - effect * S.community[s]);
}
