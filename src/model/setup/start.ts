/**
 * The state at tick 0 once the groups are built: each school's own long-run
 * level, its standing and last inspection judgement, its staff churn, and
 * each group's Lencioni levels settled on the initial relationships (the
 * groups exist before the run starts, so their levels do not rise from zero).
 */
import type { Ctx } from '../core/context.ts';
import { headContribution, standingOf } from '../core/attainment-scale.ts';
import { normal } from '../../engine/rng.ts';
import { initialInspections } from '../mechanisms/inspection/inspection.ts';
import { settleLencioni } from '../mechanisms/lencioni/lencioni.ts';
import { communityStrength, staffChurn } from '../mechanisms/retention/retention.ts';

export function startState(ctx: Ctx): void {
  const { state, scenario, rng } = ctx;
  const S = state.schools;
  const L = state.leaders;
  const I = scenario.model.improvement;
  // Split each school's initial effectiveness into its long-run level and a transient part, drawn
  // from the transient's distribution given the whole (a share 1 - stableShare of the variance).
  const { mean, sd } = scenario.schools.effectiveness;
  const shrink = 1 - I.stableShare;
  const spread = sd * Math.sqrt(I.stableShare * shrink);
  const named = scenario.schools.named !== undefined;
  for (let s = 0; s < S.n; s++) {
    const e = S.effectiveness[s];
    const transient = named ? 0 : shrink * (e - mean) + spread * normal(rng.setup);
    S.longRun[s] = e - headContribution(I, L.competence[S.leader[s]]) - transient;
    S.standing[s] = standingOf(e, I.betweenSchoolSd);
  }
  initialInspections(ctx);
  settleLencioni(ctx);
  communityStrength(ctx);
  staffChurn(ctx);
}
