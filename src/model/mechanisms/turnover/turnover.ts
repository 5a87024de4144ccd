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
import type { Ctx, ReplacedHeads } from '../../core/context.ts';
import { eventInTick } from '../../../engine/loop.ts';
import { drawLeaderTraits, setLeaderTraits } from '../../core/leaders.ts';
import { resetLeaderEdges, resetReplaced } from '../trust/newcomers.ts';
import { schoolIndex } from '../../core/school-ref.ts';
import type { TimelineEvent } from '../../schema.ts';

type EventOf<K extends TimelineEvent['event']> = Extract<TimelineEvent, { event: K }>;

/** Replace the head in leader slot i: new traits, relationships restart. */
export function replaceLeader(ctx: Ctx, i: number): void {
  const assimilating = newHead(ctx, i);
  resetLeaderEdges(ctx.state, ctx.scenario, i, assimilating);
}

/**
 * A new head in slot i, all but the reset of its relationships: new traits,
 * the school's loss; returns whether any of i's groups assimilates
 * newcomers (a code of conduct).
 */
function newHead(ctx: Ctx, i: number): boolean {
  const { state, scenario, rng } = ctx;
  const { leaders: L, groups: G, schools: S, tallies } = state;
  setLeaderTraits(L, i, drawLeaderTraits(rng.turnover, scenario));
  L.tenure[i] = 0;
  L.changes[i]++;
  let assimilating = false;
  for (let k = G.byLeaderStart[i]; k < G.byLeaderStart[i + 1]; k++) if (G.codeOfConduct[G.byLeader[k]]) assimilating = true;
  const s = L.school[i];
  const shock = scenario.model.improvement.headChangeShock;
  S.internalTrust[s] *= 1 - shock;
  S.capacity[s] *= 1 - shock;
  S.effectiveness[s] -= scenario.model.improvement.headChangeCost;
  tallies.departuresThisTick++;
  tallies.departuresTotal++;
  return assimilating;
}

/** The heads replaced this tick (grown with the model, reused from tick to tick). */
const REPLACED: ReplacedHeads = { count: 0, heads: new Int32Array(0), assimilating: new Uint8Array(0), replaced: new Uint8Array(0) };

function replacedHeads(n: number): ReplacedHeads {
  const q = REPLACED;
  if (q.replaced.length < n) {
    q.heads = new Int32Array(n);
    q.assimilating = new Uint8Array(n);
    q.replaced = new Uint8Array(n);
  }
  q.count = 0;
  return q;
}

export function leaderTurnover(ctx: Ctx): void {
  const { state, scenario, rng, perTick } = ctx;
  const { leaders: L, schools: S } = state;
  const w = scenario.turnover.stressWeight;
  const rate = scenario.turnover.leaderRate;
  const r = rng.turnover;
  const tpy = state.ticksPerYear;
  const now = state.tick / tpy;
  const q = replacedHeads(L.n);
  for (let i = 0; i < L.n; i++) {
    L.tenure[i] += perTick.dt;
    const s = L.school[i];
    const stress = 0.5 * (now - S.poorInspectionAt[s] < 1 ? 1 : 0) + 0.5 * (1 - S.internalTrust[s]);
    const hazard = rate * (1 + w * stress);
    if (eventInTick(r(), hazard, tpy)) {
      q.heads[q.count] = i;
      q.assimilating[q.count++] = newHead(ctx, i) ? 1 : 0;
      q.replaced[i] = 1;
    }
  }
  // The new heads' relationships restart together, once every head of the tick is known (nothing in the
  // loop above reads a relationship): the same bytes as resetting each in turn (newcomers.ts resetReplaced).
  if (q.count === 0) return;
  if (ctx.parallel) ctx.parallel.resets(ctx, q);
  else resetReplaced(state, scenario.model.trust, q, 0, q.count);
  for (let k = 0; k < q.count; k++) q.replaced[q.heads[k]] = 0;
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
