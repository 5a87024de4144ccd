/**
 * Timeline events that shock trust in one head: an inspection downgrade
 * (the judgement falls a grade, and a school below Good is re-inspected on
 * the short cycle; partners' view of its competence, and its staff's trust,
 * fall) and a
 * hidden agenda coming out (partners' view of its integrity collapses;
 * Covey: create transparency; seed 001).
 */
import type { Ctx } from '../../core/context.ts';
import { schoolIndex } from '../../core/school-ref.ts';
import { judgedNow } from '../inspection/inspection.ts';
import { clamp01, relationalTrust } from '../../core/state.ts';
import type { HiddenAgendaEvent, InspectionDowngradeEvent } from './params.ts';
import type { z } from 'zod';

function collapsePerceptionsOf(ctx: Ctx, head: number, field: 'integrity' | 'competence', factor: number): void {
  const E = ctx.state.edges;
  for (let e = E.outStart[head]; e < E.outStart[head + 1]; e++) {
    const back = E.rev[e];
    E[field][back] = clamp01(E[field][back] * factor);
    E.trust[back] = relationalTrust(E.respect[back], E.regard[back], E.competence[back], E.integrity[back]);
  }
}

export function inspectionDowngrade(ctx: Ctx, ev: z.output<typeof InspectionDowngradeEvent>): void {
  const S = ctx.state.schools;
  const s = schoolIndex(ctx.state, ev.school);
  // A judgement one grade lower, a poor inspection for the head's stress; pupils' attainment does not change.
  judgedNow(ctx, s, S.grade[s] > 0 ? S.grade[s] - 1 : 0);
  S.internalTrust[s] = clamp01(S.internalTrust[s] - ev.drop);
  collapsePerceptionsOf(ctx, S.leader[s], 'competence', 1 - ev.drop);
}

export function hiddenAgenda(ctx: Ctx, ev: z.output<typeof HiddenAgendaEvent>): void {
  const S = ctx.state.schools;
  collapsePerceptionsOf(ctx, S.leader[schoolIndex(ctx.state, ev.school)], 'integrity', 0.2);
}
