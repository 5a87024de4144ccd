/**
 * Scheduled events from the scenario's timeline (model brief 3.1): each
 * event kind is handled by the mechanism it belongs to; this file only says
 * when an event applies and which handler takes it.
 *
 * An event set for year y is applied at the start of tick max(1, round(y * ticksPerYear)).
 * Policy-layer events do nothing in a scenario without a locality.
 */
import type { Ctx } from './core/context.ts';
import type { TimelineEvent } from './schema.ts';
import { changeCompetition } from './mechanisms/competition/events.ts';
import { loseDesignation, replaceAlliancesByHubs } from './mechanisms/hubs/events.ts';
import { matConsolidation, matOpenness } from './mechanisms/mats/events.ts';
import { applyPractices } from './mechanisms/partnerships/partnerships.ts';
import { switchPeerReview } from './mechanisms/peer-review/peer-review.ts';
import { spannersJoin, spannersLeave } from './mechanisms/spanners/events.ts';
import { hiddenAgenda, inspectionDowngrade } from './mechanisms/trust/shocks.ts';
import { leaderLeaves, setLeaderRate, turnoverShock } from './mechanisms/turnover/turnover.ts';

export function eventTick(ev: { year: number }, tpy: number): number {
  return Math.max(1, Math.round(ev.year * tpy));
}

export function applyEvent(ctx: Ctx, ev: TimelineEvent): void {
  switch (ev.event) {
    case 'leaderLeaves':
      return leaderLeaves(ctx, ev);
    case 'turnoverShock':
      return turnoverShock(ctx, ev);
    case 'inspectionDowngrade':
      return inspectionDowngrade(ctx, ev);
    case 'hiddenAgenda':
      return hiddenAgenda(ctx, ev);
    case 'practices':
      return applyPractices(ctx.state, ev);
    case 'peerReview':
      return switchPeerReview(ctx.state, ev);
    case 'leaderRate':
      return setLeaderRate(ctx, ev);
    case 'matConsolidation':
      return matConsolidation(ctx, ev);
    case 'matOpenness':
      return matOpenness(ctx, ev);
    case 'replaceAlliancesByHubs':
      return replaceAlliancesByHubs(ctx);
    case 'loseDesignation':
      return loseDesignation(ctx, ev);
    case 'spannersLeave':
      return spannersLeave(ctx, ev);
    case 'spannersJoin':
      return spannersJoin(ctx, ev);
    case 'competition':
      return changeCompetition(ctx, ev);
  }
}
