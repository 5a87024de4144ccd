/**
 * Leader turnover (model brief 3.8); teacher retention is in ../retention/.
 *
 * Heads leave at an annual hazard leaderRate * (1 + stressWeight * stress),
 * stress = 0.5 * [a poor inspection in the past year] + 0.5 * (1 - internal trust),
 * a poor inspection being a downgrade or a judgement below Good (../inspection/).
 * The replacement is a new person (traits drawn afresh) and every
 * relationship of that slot restarts from first-meeting perceptions
 * ("you have to constantly rebuild trust", seed 001); the school loses a share
 * of its internal trust and capacity, and its effectiveness falls by
 * headChangeCost (pupil SD), which then regresses like any transient.
 */
import type { Ctx } from '../../core/context.ts';
import { eventInTick } from '../../../engine/loop.ts';
import { drawLeaderTraits, setLeaderTraits } from '../../core/leaders.ts';
import { resetLeaderEdges } from '../trust/newcomers.ts';
import { schoolIndex } from '../../core/school-ref.ts';
import type { TimelineEvent } from '../../schema.ts';

type EventOf<K extends TimelineEvent['event']> = Extract<TimelineEvent, { event: K }>;

/** Replace the head in leader slot i: new traits, relationships restart. */
export function replaceLeader(ctx: Ctx, i: number): void {
  const { state, scenario, rng } = ctx;
  const { leaders: L, groups: G, schools: S, tallies } = state;
  setLeaderTraits(L, i, drawLeaderTraits(rng.turnover, scenario));
  L.tenure[i] = 0;
  L.changes[i]++;
  // Does any of i's groups assimilate newcomers (code of conduct)?
  let assimilating = false;
  for (let k = G.byLeaderStart[i]; k < G.byLeaderStart[i + 1]; k++) if (G.codeOfConduct[G.byLeader[k]]) assimilating = true;
  resetLeaderEdges(state, scenario, i, assimilating);
  const s = L.school[i];
  const shock = scenario.model.improvement.headChangeShock;
  S.internalTrust[s] *= 1 - shock;
  S.capacity[s] *= 1 - shock;
  S.effectiveness[s] -= scenario.model.improvement.headChangeCost;
  tallies.departuresThisTick++;
  tallies.departuresTotal++;
}

export function leaderTurnover(ctx: Ctx): void {
  const { state, scenario, rng, perTick } = ctx;
  const { leaders: L, schools: S } = state;
  const w = scenario.turnover.stressWeight;
  const rate = scenario.turnover.leaderRate;
  const r = rng.turnover;
  const tpy = state.ticksPerYear;
  const now = state.tick / tpy;
  for (let i = 0; i < L.n; i++) {
    L.tenure[i] += perTick.dt;
    const s = L.school[i];
    const stress = 0.5 * (now - S.poorInspectionAt[s] < 1 ? 1 : 0) + 0.5 * (1 - S.internalTrust[s]);
    const hazard = rate * (1 + w * stress);
    if (eventInTick(r(), hazard, tpy)) replaceLeader(ctx, i);
  }
}

/** The `leaderLeaves` event: the head of one school leaves. */
export function leaderLeaves(ctx: Ctx, ev: EventOf<'leaderLeaves'>): void {
  replaceLeader(ctx, ctx.state.schools.leader[schoolIndex(ctx.state, ev.school)]);
}

/** The `turnoverShock` event: each head leaves with chance `share` (policy stream). */
export function turnoverShock(ctx: Ctx, ev: EventOf<'turnoverShock'>): void {
  const r = ctx.rng.policy;
  for (let i = 0; i < ctx.state.leaders.n; i++) if (r() < ev.share) replaceLeader(ctx, i);
}

/** The `leaderRate` event: the background hazard changes from now on (the model's working copy of the parameters). */
export function setLeaderRate(ctx: Ctx, ev: EventOf<'leaderRate'>): void {
  ctx.scenario.turnover.leaderRate = ev.rate;
}
