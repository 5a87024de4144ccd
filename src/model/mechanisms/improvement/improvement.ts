/**
 * Internal relational trust, improvement capacity and effectiveness
 * (model brief 3.7; Bryk & Schneider via seed 001).
 *
 * Internal (staff-leader) trust moves toward what the head's behaviour
 * earns: the mean of the head's openness (respect), moral purpose (regard),
 * competence and follow-through (integrity), discounted while the head is
 * new (tenure under two years). Capacity moves toward
 * 0.15 + 0.45 * internal trust + 0.4 * head's competence.
 *
 * Effectiveness changes by, per year,
 *   gate(internal trust) * capacity * drive  -  erosion * (1 + headwind * disadvantage) * (e - floor)
 * plus a random shock, where drive = own effort (ownDrive * head's competence)
 * + learning from partners + accepted challenge + collective push of the
 * group's results focus + peer-review plan - complacency, and the gate is a
 * smoothstep from 0 at trustGateLow to 1 at trustGateHigh: with little or no
 * relational trust improvement is practically impossible, and high trust
 * opens the gate without guaranteeing improvement (drive may be small).
 */
import type { Ctx } from '../../core/context.ts';
import { normal } from '../../../engine/rng.ts';
import { gradeOf } from '../../core/state.ts';

export function trustGate(t: number, low: number, high: number): number {
  if (t <= low) return 0;
  if (t >= high) return 1;
  const x = (t - low) / (high - low);
  return x * x * (3 - 2 * x);
}

export function improvement(ctx: Ctx): void {
  const { state, scenario, rng, perTick } = ctx;
  const { schools: S, leaders: L } = state;
  const I = scenario.model.improvement;
  const dt = perTick.dt;
  const tpy = state.ticksPerYear;
  const slot = state.tick % tpy;
  const r = rng.improvement;
  for (let s = 0; s < S.n; s++) {
    const h = S.leader[s];
    // Internal trust.
    const earned = (L.openness[h] + L.moralPurpose[h] + L.competence[h] + L.followThrough[h]) / 4;
    const settling = L.tenure[h] < 2 ? 0.6 + 0.2 * L.tenure[h] : 1;
    let it = S.internalTrust[s];
    it += perTick.internalTrustAdjust * (earned * settling - it);
    S.internalTrust[s] = it;
    // Capacity.
    const capTarget = 0.15 + 0.45 * it + 0.4 * L.competence[h];
    S.capacity[s] += perTick.capacityAdjust * (capTarget - S.capacity[s]);
    // Effectiveness.
    let drive = I.ownDrive * L.competence[h] + S.learning[s] + S.collective[s] + S.reviewPlan[s] - S.complacency[s];
    if (drive < 0) drive = 0;
    const e = S.effectiveness[s];
    const gain = trustGate(it, I.trustGateLow, I.trustGateHigh) * S.capacity[s] * drive;
    const loss = I.erosion * (1 + I.disadvantageHeadwind * S.disadvantage[s]) * (e - I.floor);
    let next = e + (gain - loss) * dt + perTick.effectivenessNoise * normal(r);
    next = next < 0 ? 0 : next > 1 ? 1 : next;
    S.effectiveness[s] = next;
    // Improving: risen over the past year.
    const k = s * tpy + slot;
    const yearAgo = S.effectivenessHistory[k];
    S.improving[s] = next - yearAgo > I.improvingThreshold ? 1 : 0;
    S.effectivenessHistory[k] = next;
    if (slot === 0) S.gradeYearAgo[s] = S.grade[s];
    S.grade[s] = gradeOf(next);
    // Plans and complacency lapse.
    S.reviewPlan[s] *= 1 - perTick.planDecay;
    S.complacency[s] *= 1 - perTick.planDecay;
  }
}
