/** The `competition` event: parental choice, falling rolls or selective expansion change from now on. */
import type { Ctx } from '../../core/context.ts';
import type { TimelineEvent } from '../../schema.ts';
import { competitionYear } from './competition.ts';

export function changeCompetition(ctx: Ctx, ev: Extract<TimelineEvent, { event: 'competition' }>): void {
  const P = ctx.state.policy;
  if (!P) return;
  for (const l of P.localities) {
    if (ev.choiceIntensity !== undefined) l.choice = ev.choiceIntensity;
    if (ev.fallingRolls !== undefined) l.fallingRolls = ev.fallingRolls;
  }
  if (ev.selectiveExpansion !== undefined) P.selectiveExpansion = ev.selectiveExpansion;
  competitionYear(ctx, ctx.rng.competition, true);
}
