/**
 * Scheduled events from the scenario's timeline (model brief 3.1).
 * An event set for year y is applied at the start of tick max(1, round(y * ticksPerYear)).
 */
import type { Ctx } from '../context.ts';
import type { TimelineEvent } from '../../scenario/schema.ts';
import { relationalTrust, clamp01, GROUP_KINDS } from '../state.ts';
import { replaceLeader } from './turnover.ts';
import { applyPolicyEvent } from '../policy/events.ts';

export function eventTick(ev: { year: number }, tpy: number): number {
  return Math.max(1, Math.round(ev.year * tpy));
}

/** Resolve a school given by name or index; throws a clear error for an unknown school. */
export function schoolIndex(ctx: Ctx, ref: string | number): number {
  const S = ctx.state.schools;
  if (typeof ref === 'number') {
    if (ref >= S.n) throw new Error(`timeline: school index ${ref} is out of range (the scenario has ${S.n} schools, 0..${S.n - 1})`);
    return ref;
  }
  const i = S.names.indexOf(ref);
  if (i < 0) throw new Error(`timeline: no school named '${ref}'`);
  return i;
}

function collapsePerceptionsOf(ctx: Ctx, head: number, field: 'integrity' | 'competence', factor: number): void {
  const E = ctx.state.edges;
  for (let e = E.outStart[head]; e < E.outStart[head + 1]; e++) {
    const back = E.rev[e];
    E[field][back] = clamp01(E[field][back] * factor);
    E.trust[back] = relationalTrust(E.respect[back], E.regard[back], E.competence[back], E.integrity[back]);
  }
}

export function applyEvent(ctx: Ctx, ev: TimelineEvent): void {
  const { state } = ctx;
  const { schools: S, groups: G } = state;
  const partnership = GROUP_KINDS.indexOf('partnership');
  switch (ev.event) {
    case 'leaderLeaves':
      replaceLeader(ctx, S.leader[schoolIndex(ctx, ev.school)]);
      break;
    case 'turnoverShock': {
      const r = ctx.rng.policy;
      for (let i = 0; i < state.leaders.n; i++) if (r() < ev.share) replaceLeader(ctx, i);
      break;
    }
    case 'inspectionDowngrade': {
      const s = schoolIndex(ctx, ev.school);
      S.effectiveness[s] = clamp01(S.effectiveness[s] - ev.drop);
      S.internalTrust[s] = clamp01(S.internalTrust[s] - ev.drop);
      collapsePerceptionsOf(ctx, S.leader[s], 'competence', 1 - ev.drop);
      break;
    }
    case 'hiddenAgenda':
      collapsePerceptionsOf(ctx, S.leader[schoolIndex(ctx, ev.school)], 'integrity', 0.2);
      break;
    case 'practices':
      for (let g = 0; g < G.n; g++) {
        if (G.kind[g] !== partnership) continue;
        if (ev.codeOfConduct !== undefined) G.codeOfConduct[g] = ev.codeOfConduct ? 1 : 0;
        if (ev.partnershipLead !== undefined) G.partnershipLead[g] = ev.partnershipLead ? 1 : 0;
        if (ev.informalTime !== undefined) G.informalTime[g] = ev.informalTime ? 1 : 0;
        if (ev.writtenRoles !== undefined) G.writtenRoles[g] = ev.writtenRoles ? 1 : 0;
      }
      break;
    case 'peerReview':
      for (let g = 0; g < G.n; g++) {
        if (G.kind[g] !== partnership) continue;
        G.peerReview[g] = ev.enabled ? 1 : 0;
        if (ev.trainingQuality !== undefined) G.trainingQuality[g] = ev.trainingQuality;
      }
      if (ev.enabled) state.reviewStartYear = Math.min(state.reviewStartYear, Math.floor((state.tick - 1) / state.ticksPerYear));
      break;
    case 'leaderRate':
      state.leaderRate = ev.rate;
      break;
    // Policy layer events (src/model/policy/events.ts).
    case 'matConsolidation':
    case 'matOpenness':
    case 'replaceAlliancesByHubs':
    case 'loseDesignation':
    case 'spannersLeave':
    case 'spannersJoin':
    case 'competition':
      applyPolicyEvent(ctx, ev);
      break;
  }
}
