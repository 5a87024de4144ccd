/**
 * Professional learning from the policy layer (model brief 3.6), added to
 * the school's learning inflow before the improvement rule reads it:
 *   hubs:      cpdGain for each hub or alliance the school engages with
 *              (seed 003: hubs offer "funded CPDL to all schools regardless
 *              of status");
 *   trust:     cpdlGain * standardisation * max(0, e_best - e_s), learning
 *              toward the trust's most effective school (seed 003: MATs build
 *              "internally coherent and consistent approaches to CPDL");
 *   practice:  practice.effect for a school that uses the spreading practice.
 * Access to professional learning is the school's total learning inflow
 * (partners, accepted challenge and the above) smoothed over about a year:
 *   access += (1 - exp(-dt)) * (learning - access).
 */
import type { Ctx } from '../../core/context.ts';
import { NK } from '../../core/policy-state.ts';

export function policyLearning(ctx: Ctx): void {
  const { state, scenario, perTick } = ctx;
  const P = state.policy;
  if (!P) return;
  const S = state.schools;
  const n = S.n;
  const hubGain = scenario.hubs.cpdGain;
  const matGain = scenario.mats.cpdlGain;
  const effect = scenario.model.practice.effect;
  const best = P.matBest;
  const nm = P.mats.length;
  if (nm > 0) {
    best.fill(0);
    for (let s = 0; s < n; s++) {
      const m = S.mat[s];
      if (m >= 0 && S.effectiveness[s] > best[m]) best[m] = S.effectiveness[s];
    }
  }
  const smooth = 1 - Math.exp(-perTick.dt);
  for (let s = 0; s < n; s++) {
    let add = 0;
    if (P.hasProviders) {
      for (let k = 0; k < NK; k++) if (P.engaged[s * NK + k]) add += hubGain;
      const a = P.alliance[s];
      if (a >= 0 && P.hubs[a].active) add += hubGain;
    }
    const m = S.mat[s];
    if (m >= 0 && m < nm) {
      const gap = best[m] - S.effectiveness[s];
      if (gap > 0) add += matGain * P.mats[m].standardisation * gap;
    }
    if (effect > 0 && P.adopted[s]) add += effect;
    S.learning[s] += add;
    P.access[s] += smooth * (S.learning[s] - P.access[s]);
  }
}
