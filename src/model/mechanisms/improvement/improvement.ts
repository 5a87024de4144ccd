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
import { normal } from '../../../engine/rng.ts';
import { headContribution, standingOf } from '../../core/attainment-scale.ts';

export function trustGate(t: number, low: number, high: number): number {
  if (t <= low) return 0;
  if (t >= high) return 1;
  const x = (t - low) / (high - low);
  return x * x * (3 - 2 * x);
}

/** What staff trust can reach under the current head and circumstances (0..1). */
export function earnedInternalTrust(ctx: Ctx, s: number, riseInYear: number): number {
  const { schools: S, leaders: L } = ctx.state;
  const I = ctx.scenario.model.improvement;
  const h = S.leader[s];
  const earned = (L.openness[h] + L.moralPurpose[h] + L.competence[h] + L.followThrough[h]) / 4;
  const settling = L.tenure[h] < 2 ? 0.6 + 0.2 * L.tenure[h] : 1;
  let success = riseInYear / I.betweenSchoolSd;
  success = success < -1 ? -1 : success > 1 ? 1 : success;
  const t = earned * settling * (1 - I.staffChurnWeight * S.staffChurn[s]) + I.successWeight * success;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

export function improvement(ctx: Ctx): void {
  const { state, scenario, rng, perTick } = ctx;
  const { schools: S, leaders: L } = state;
  const I = scenario.model.improvement;
  const step = perTick.improvement;
  const tpy = state.ticksPerYear;
  const slot = state.tick % tpy;
  const r = rng.improvement;
  const sd = I.betweenSchoolSd;
  for (let s = 0; s < S.n; s++) {
    const h = S.leader[s];
    const k = s * tpy + slot;
    const e = S.effectiveness[s];
    const it = S.internalTrust[s] + perTick.internalTrustAdjust * (earnedInternalTrust(ctx, s, e - S.effectivenessHistory[k]) - S.internalTrust[s]);
    S.internalTrust[s] = it;
    const capTarget = 0.15 + 0.45 * it + 0.4 * L.competence[h];
    S.capacity[s] += perTick.capacityAdjust * (capTarget - S.capacity[s]);
    let drive = S.learning[s] + S.collective[s] + S.reviewPlan[s] - S.complacency[s];
    if (drive < 0) drive = 0;
    const push = trustGate(it, I.trustGateLow, I.trustGateHigh) * S.capacity[s] * drive - I.norm;
    const tau = S.longRun[s] + headContribution(I, L.competence[h]);
    const next = tau + (e - tau) * step.keep + push * step.pushGain + step.shock * normal(r);
    S.effectiveness[s] = next;
    S.standing[s] = standingOf(next, sd);
    // Improving: risen over the past year.
    S.improving[s] = next - S.effectivenessHistory[k] > I.improvingThreshold ? 1 : 0;
    S.effectivenessHistory[k] = next;
    // Plans and complacency lapse.
    S.reviewPlan[s] *= 1 - perTick.planDecay;
    S.complacency[s] *= 1 - perTick.planDecay;
  }
}
