/** Timeline events of boundary spanners: some give up their roles, or new ones take them on. */
import type { Ctx } from '../../core/context.ts';
import type { TimelineEvent } from '../../schema.ts';
import { spannersJoin as join, spannersLeave as leave } from './spanners.ts';

type EventOf<K extends TimelineEvent['event']> = Extract<TimelineEvent, { event: K }>;

export function spannersLeave(ctx: Ctx, ev: EventOf<'spannersLeave'>): void {
  if (!ctx.state.policy) return;
  leave(ctx, ev.share, ev.role, ctx.rng.structure);
}

export function spannersJoin(ctx: Ctx, ev: EventOf<'spannersJoin'>): void {
  if (!ctx.state.policy) return;
  join(ctx, ev.count, ev.role);
}
