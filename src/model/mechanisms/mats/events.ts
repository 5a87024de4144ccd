/** Timeline events of trusts: consolidation into strong trusts, and trusts opening or closing their boundaries. */
import type { Ctx } from '../../core/context.ts';
import type { TimelineEvent } from '../../schema.ts';
import { consolidate, setOpenness } from './mats.ts';

type EventOf<K extends TimelineEvent['event']> = Extract<TimelineEvent, { event: K }>;

export function matConsolidation(ctx: Ctx, ev: EventOf<'matConsolidation'>): void {
  const P = ctx.state.policy;
  if (!P) return;
  P.consolidation = {
    rate: ev.rate,
    until: ev.until,
    openness: ev.openness,
    nonLocal: ev.nonLocal,
    standardisation: ev.standardisation,
    lastTick: ctx.state.tick,
  };
  consolidate(ctx, P.consolidation, ctx.rng.structure);
}

export function matOpenness(ctx: Ctx, ev: EventOf<'matOpenness'>): void {
  if (!ctx.state.policy) return;
  setOpenness(ctx, ev.open, ev.share, ctx.rng.structure);
}
