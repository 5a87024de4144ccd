/**
 * Leader turnover and teacher retention (model brief 3.8).
 *
 * Heads leave at an annual hazard leaderRate * (1 + stressWeight * stress),
 * stress = 0.5 * [grade fell in the past year] + 0.5 * (1 - internal trust).
 * The replacement is a new person (traits drawn afresh) and every
 * relationship of that slot restarts from first-meeting perceptions
 * ("you have to constantly rebuild trust", seed 001); the school loses a share
 * of its internal trust and capacity.
 *
 * Teachers of the starting cohort leave at an annual hazard
 * h0 * (1 - communityEffect * community), where h0 gives the five-year
 * retention of seed 002 (60%; 50% for maths specialists) and community is the
 * strength of the most active professional community the school belongs to:
 * min(1, meetings per year / communityCadence) * (0.5 + 0.5 * group trust).
 */
import type { Ctx } from '../context.ts';
import { binomial } from '../../engine/rng.ts';
import { perTickProbability } from '../../engine/loop.ts';
import { drawLeaderTraits, resetEdge, setLeaderTraits } from '../build.ts';

/** Replace the head in leader slot i: new traits, relationships restart. */
export function replaceLeader(ctx: Ctx, i: number): void {
  const { state, scenario, rng } = ctx;
  const { leaders: L, edges: E, groups: G, schools: S, tallies } = state;
  setLeaderTraits(L, i, drawLeaderTraits(rng.turnover, scenario));
  L.tenure[i] = 0;
  L.changes[i]++;
  // Does any of i's groups assimilate newcomers (code of conduct)?
  let assimilating = false;
  for (let k = G.byLeaderStart[i]; k < G.byLeaderStart[i + 1]; k++) if (G.codeOfConduct[G.byLeader[k]]) assimilating = true;
  for (let e = E.outStart[i]; e < E.outStart[i + 1]; e++) {
    resetEdge(state, scenario, e, assimilating);
    resetEdge(state, scenario, E.rev[e], assimilating);
  }
  const s = L.school[i];
  const shock = scenario.model.improvement.headChangeShock;
  S.internalTrust[s] *= 1 - shock;
  S.capacity[s] *= 1 - shock;
  tallies.departuresThisTick++;
  tallies.departuresTotal++;
}

export function leaderTurnover(ctx: Ctx): void {
  const { state, scenario, rng, perTick } = ctx;
  const { leaders: L, schools: S } = state;
  const w = scenario.turnover.stressWeight;
  const r = rng.turnover;
  const tpy = state.ticksPerYear;
  for (let i = 0; i < L.n; i++) {
    L.tenure[i] += perTick.dt;
    const s = L.school[i];
    const stress = 0.5 * (S.grade[s] < S.gradeYearAgo[s] ? 1 : 0) + 0.5 * (1 - S.internalTrust[s]);
    const hazard = state.leaderRate * (1 + w * stress);
    if (r() < perTickProbability(hazard, tpy)) replaceLeader(ctx, i);
  }
}

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
