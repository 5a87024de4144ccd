/** Timeline events of hubs: alliances replaced by Teaching School Hubs (2021), and a lead school losing its designation. */
import type { Ctx } from '../../core/context.ts';
import { NK } from '../../core/policy-state.ts';
import type { TimelineEvent } from '../../schema.ts';
import { engageHubs, loseDesignation as disrupt, replaceAlliancesByHubs as replace } from './hubs.ts';

type EventOf<K extends TimelineEvent['event']> = Extract<TimelineEvent, { event: K }>;

const PROVIDER_KIND: Record<string, number> = { mathsHub: 0, teachingSchoolHub: 1, researchSchool: 2, alliance: -1 };

export function replaceAlliancesByHubs(ctx: Ctx): void {
  if (!ctx.state.policy) return;
  replace(ctx);
  engageHubs(ctx, ctx.rng.structure);
}

export function loseDesignation(ctx: Ctx, ev: EventOf<'loseDesignation'>): void {
  const { state } = ctx;
  const P = state.policy;
  if (!P) return;
  const kind = PROVIDER_KIND[ev.provider];
  const of = P.hubs.map((h, hi) => ({ h, hi })).filter(({ h }) => h.kind === kind && !h.closed);
  if (of.length === 0) throw new Error(`timeline: loseDesignation in year ${ev.year}: the scenario has no ${ev.provider} that could lose its designation`);
  let hi: number;
  if (ev.index !== undefined) {
    if (ev.index >= of.length)
      throw new Error(
        `timeline: loseDesignation in year ${ev.year}: index ${ev.index} is out of range (the scenario has ${of.length} ${ev.provider} providers, 0..${of.length - 1})`,
      );
    hi = of[ev.index].hi;
  } else {
    // The provider serving most schools.
    const served = (hix: number) => {
      const h = P.hubs[hix];
      if (h.kind < 0) return h.members.length;
      let c = 0;
      for (let s = 0; s < state.schools.n; s++) if (P.designated[s * NK + h.kind] === hix) c++;
      return c;
    };
    hi = of.reduce((best, cur) => (served(cur.hi) > served(best.hi) ? cur : best)).hi;
  }
  disrupt(ctx, hi, ev.succession, ctx.rng.structure);
}
