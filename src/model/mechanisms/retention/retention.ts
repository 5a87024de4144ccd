/**
 * Teacher retention (model brief 3.8). Teachers of the starting cohort
 * leave at an annual hazard h0 * (1 - communityEffect * community), where h0
 * gives the five-year retention of seed 002 (60%; 50% for maths
 * specialists) and community is the strength of the most active
 * professional community the school belongs to:
 * min(1, meetings per year / communityCadence) * (0.5 + 0.5 * group trust).
 */
import type { Ctx } from '../../core/context.ts';
import { binomial } from '../../../engine/rng.ts';

export function communityStrength(ctx: Ctx): void {
  const { state, scenario } = ctx;
  const { groups: G, schools: S } = state;
  const cadence = scenario.turnover.communityCadence;
  S.community.fill(0);
  for (let g = 0; g < G.n; g++) {
    const activity = Math.min(1, G.meetingsPerYear[g] / cadence);
    const c = activity * (0.5 + 0.5 * G.lTrust[g]);
    for (let k = G.memberStart[g]; k < G.memberStart[g + 1]; k++) {
      const s = state.leaders.school[G.members[k]];
      if (c > S.community[s]) S.community[s] = c;
    }
  }
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
