/**
 * The burn-in (docs/ODD.md, Initialisation): before year 0 the model runs
 * `scenario.burnInYears` years of ordinary ticks under the starting
 * structure, with no timeline events, no peer-review cycle and no spreading
 * practice, and nothing recorded. Relationships, team levels, capacity,
 * inspections, heads' tenure and the yearly structure (hub engagement,
 * spanners, trusts) settle, so that year 0 is a settled state rather than
 * the drawn one, in which every partnership starts among strangers. Then the
 * run's counters restart: departures, relationship updates, and the cohort
 * of teachers whose retention is followed (the teachers in post at year 0).
 */
import type { Ctx } from './core/context.ts';
import { tick } from './schedule.ts';

export function burnIn(ctx: Ctx): void {
  const st = ctx.state;
  if (st.t0 <= 0) return;
  st.burning = true;
  for (let k = 1; k <= st.t0; k++) tick(ctx, k, undefined);
  st.burning = false;
  const T = st.tallies;
  T.departuresThisTick = 0;
  T.departuresTotal = 0;
  T.relationshipUpdates = 0;
  const S = st.schools;
  S.cohortLeft.set(S.cohortStart);
  S.mathsLeft.set(S.mathsStart);
}
