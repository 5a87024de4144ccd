/**
 * Internal relational trust, improvement capacity and effectiveness
 * (model brief 3.7; Bryk & Schneider via seed 001). Effectiveness is the
 * school's effect on pupil attainment in pupil SD (core/attainment-scale.ts).
 *
 * Internal (staff-leader) trust moves at internalTrustRate a year toward
 * what the head and the school earn:
 *   earned(head's openness, moral purpose, competence, follow-through)
 *   * settling(time in post: 0.6 for a new head, 1 after two years)
 *   * (1 - staffChurnWeight * yearly teacher leaving share)
 *   + successWeight * (rise in effectiveness over the past year / betweenSchoolSd)
 * so trust is rebuilt after a head change as the new head settles, lost to
 * staff churn, and fed by visible success. Capacity moves toward
 * 0.15 + 0.45 * internal trust + 0.4 * head's competence.
 *
 * Effectiveness e regresses toward the school's long-run level
 *   tau = own level + headEffect * (head's competence in national SDs)
 * at the rate that gives the published year-to-year persistence, moved by
 * improvement work above the national norm:
 *   push = gate(internal trust) * capacity * drive - norm      (pupil SD a year)
 *   drive = learning from partners, accepted challenges and programmes
 *         + collective push of the group's results focus
 *         + peer-review plan - complacency                     (floored at 0)
 * and by random shocks. The step is exact for any tick length:
 *   e' = tau + (e - tau) * keep + push * pushGain + shock * N(0, 1).
 */
import type { Ctx } from '../../core/context.ts';
import type { LeaderArrays, SchoolArrays, StatePart } from '../../core/state.ts';
import { normal, type Rng } from '../../../engine/rng.ts';
import { headContribution, standingOf } from '../../core/attainment-scale.ts';

export function trustGate(t: number, low: number, high: number): number {
  if (t <= low) return 0;
  if (t >= high) return 1;
  const x = (t - low) / (high - low);
  return x * x * (3 - 2 * x);
}

/** The arrays the rule reads and writes, by part of the state: what a thread that runs it for some schools needs to share. */
export const IMPROVEMENT_ARRAYS = {
  schools: [
    'leader',
    'effectiveness',
    'effectivenessHistory',
    'internalTrust',
    'capacity',
    'learning',
    'collective',
    'reviewPlan',
    'complacency',
    'longRun',
    'standing',
    'improving',
    'staffChurn',
  ],
  leaders: ['openness', 'moralPurpose', 'competence', 'followThrough', 'tenure'],
} as const;

/** The state the rule works on: the arrays of IMPROVEMENT_ARRAYS. */
export interface ImprovementState {
  schools: StatePart<SchoolArrays, typeof IMPROVEMENT_ARRAYS.schools>;
  leaders: StatePart<LeaderArrays, typeof IMPROVEMENT_ARRAYS.leaders>;
}

/** The numbers the rule uses in a tick, from the scenario and the per-tick conversion, as one flat list (what a team's threads receive). */
export const IMPROVEMENT_PARAMS = [
  'betweenSchoolSd',
  'headEffect',
  'norm',
  'trustGateLow',
  'trustGateHigh',
  'improvingThreshold',
  'staffChurnWeight',
  'successWeight',
  'internalTrustAdjust',
  'capacityAdjust',
  'planDecay',
  'keep',
  'pushGain',
  'shock',
  'ticksPerYear',
  'slot',
] as const;

export type ImprovementTick = Record<(typeof IMPROVEMENT_PARAMS)[number], number>;

/** The tick's numbers, filled in every tick (one object: the tick loop allocates nothing). */
const TICK = Object.fromEntries(IMPROVEMENT_PARAMS.map((k) => [k, 0])) as ImprovementTick;

/** This tick's numbers: the scenario's improvement parameters (as timeline events left them), the per-tick steps, and the slot of the tick in the year (into `into`, by default one object reused every tick). */
export function improvementTick(ctx: Ctx, into: ImprovementTick = TICK): ImprovementTick {
  const I = ctx.scenario.model.improvement;
  const { perTick, state } = ctx;
  into.betweenSchoolSd = I.betweenSchoolSd;
  into.headEffect = I.headEffect;
  into.norm = I.norm;
  into.trustGateLow = I.trustGateLow;
  into.trustGateHigh = I.trustGateHigh;
  into.improvingThreshold = I.improvingThreshold;
  into.staffChurnWeight = I.staffChurnWeight;
  into.successWeight = I.successWeight;
  into.internalTrustAdjust = perTick.internalTrustAdjust;
  into.capacityAdjust = perTick.capacityAdjust;
  into.planDecay = perTick.planDecay;
  into.keep = perTick.improvement.keep;
  into.pushGain = perTick.improvement.pushGain;
  into.shock = perTick.improvement.shock;
  into.ticksPerYear = state.ticksPerYear;
  into.slot = state.tick % state.ticksPerYear;
  return into;
}

/** What staff trust can reach under the current head and circumstances (0..1). */
export function earnedInternalTrust(ctx: Ctx, s: number, riseInYear: number): number {
  return earned(ctx.state, improvementTick(ctx), s, riseInYear);
}

function earned(st: ImprovementState, p: ImprovementTick, s: number, riseInYear: number): number {
  const { schools: S, leaders: L } = st;
  const h = S.leader[s];
  const traits = (L.openness[h] + L.moralPurpose[h] + L.competence[h] + L.followThrough[h]) / 4;
  const settling = L.tenure[h] < 2 ? 0.6 + 0.2 * L.tenure[h] : 1;
  let success = riseInYear / p.betweenSchoolSd;
  success = success < -1 ? -1 : success > 1 ? 1 : success;
  const t = traits * settling * (1 - p.staffChurnWeight * S.staffChurn[s]) + p.successWeight * success;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** Scratch for the tick's random shocks on one thread (grown, never shrunk). */
let shocks = new Float64Array(0);

export function improvement(ctx: Ctx): void {
  if (ctx.parallel) {
    ctx.parallel.improvement(ctx);
    return;
  }
  const n = ctx.state.schools.n;
  if (shocks.length < n) shocks = new Float64Array(n);
  drawShocks(ctx.rng.improvement, shocks, n);
  improveSchools(ctx.state, improvementTick(ctx), shocks, 0, n);
}

/** The tick's standard normal shock of each school, in school order, from the improvement stream: the same draws as one per school in the rule's own loop. */
export function drawShocks(r: Rng, z: Float64Array, n: number): void {
  for (let s = 0; s < n; s++) z[s] = normal(r);
}

/**
 * Schools from .. to - 1: internal trust, capacity and effectiveness, with
 * z[s] the school's normal shock. Each school reads and writes only its own
 * values and its own head's, so a team of threads may share the schools out
 * (experiment/threads/team.ts) with the same result.
 */
export function improveSchools(st: ImprovementState, p: ImprovementTick, z: Float64Array, from: number, to: number): void {
  const { schools: S, leaders: L } = st;
  const tpy = p.ticksPerYear;
  const slot = p.slot;
  const sd = p.betweenSchoolSd;
  for (let s = from; s < to; s++) {
    const h = S.leader[s];
    const k = s * tpy + slot;
    const e = S.effectiveness[s];
    const it = S.internalTrust[s] + p.internalTrustAdjust * (earned(st, p, s, e - S.effectivenessHistory[k]) - S.internalTrust[s]);
    S.internalTrust[s] = it;
    const capTarget = 0.15 + 0.45 * it + 0.4 * L.competence[h];
    S.capacity[s] += p.capacityAdjust * (capTarget - S.capacity[s]);
    let drive = S.learning[s] + S.collective[s] + S.reviewPlan[s] - S.complacency[s];
    if (drive < 0) drive = 0;
    const push = trustGate(it, p.trustGateLow, p.trustGateHigh) * S.capacity[s] * drive - p.norm;
    const tau = S.longRun[s] + headContribution(p, L.competence[h]);
    const next = tau + (e - tau) * p.keep + push * p.pushGain + p.shock * z[s];
    S.effectiveness[s] = next;
    S.standing[s] = standingOf(next, sd);
    // Improving: risen over the past year.
    S.improving[s] = next - S.effectivenessHistory[k] > p.improvingThreshold ? 1 : 0;
    S.effectivenessHistory[k] = next;
    // Plans and complacency lapse.
    S.reviewPlan[s] *= 1 - p.planDecay;
    S.complacency[s] *= 1 - p.planDecay;
  }
}
