/**
 * Policy timeline events (model brief section 4): MAT consolidation and
 * openness, the replacement of alliances by hubs, loss of a lead school's
 * designation, loss or gain of boundary spanners, and changes in competition.
 * Structural changes mark the policy state dirty; the groups and the
 * relationship network are rebuilt before the tick's meetings.
 */
import type { Ctx } from '../context.ts';
import type { TimelineEvent } from '../../scenario/schema.ts';
import { NK } from './state.ts';
import { consolidate, setOpenness } from './mats.ts';
import { engageHubs, loseDesignation, replaceAlliancesByHubs } from './hubs.ts';
import { spannersJoin, spannersLeave } from './spanners.ts';
import { competitionYear } from './competition.ts';

export const POLICY_EVENT_KINDS = [
  'matConsolidation',
  'matOpenness',
  'replaceAlliancesByHubs',
  'loseDesignation',
  'spannersLeave',
  'spannersJoin',
  'competition',
] as const;

const PROVIDER_KIND: Record<string, number> = { mathsHub: 0, teachingSchoolHub: 1, researchSchool: 2, alliance: -1 };

/** Apply a policy event; returns false for an event kind this layer does not handle. */
export function applyPolicyEvent(ctx: Ctx, ev: TimelineEvent): boolean {
  const { state, rng } = ctx;
  const P = state.policy;
  if (!P) return false;
  const r = rng.structure;
  switch (ev.event) {
    case 'matConsolidation': {
      P.consolidation = {
        rate: ev.rate,
        until: ev.until,
        openness: ev.openness,
        nonLocal: ev.nonLocal,
        standardisation: ev.standardisation,
        lastTick: state.tick,
      };
      consolidate(ctx, P.consolidation, r);
      return true;
    }
    case 'matOpenness':
      setOpenness(ctx, ev.open, ev.share, r);
      return true;
    case 'replaceAlliancesByHubs':
      replaceAlliancesByHubs(ctx);
      engageHubs(ctx, r);
      return true;
    case 'loseDesignation': {
      const kind = PROVIDER_KIND[ev.provider];
      const of = P.hubs.map((h, hi) => ({ h, hi })).filter(({ h }) => h.kind === kind && !h.closed);
      if (of.length === 0) throw new Error(`timeline: loseDesignation in year ${ev.year}: the scenario has no ${ev.provider} that could lose its designation`);
      let hi: number;
      if (ev.index !== undefined) {
        if (ev.index >= of.length) throw new Error(`timeline: loseDesignation in year ${ev.year}: index ${ev.index} is out of range (the scenario has ${of.length} ${ev.provider} providers, 0..${of.length - 1})`);
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
      loseDesignation(ctx, hi, ev.succession, r);
      return true;
    }
    case 'spannersLeave':
      spannersLeave(ctx, ev.share, ev.role, r);
      return true;
    case 'spannersJoin':
      spannersJoin(ctx, ev.count, ev.role);
      return true;
    case 'competition':
      for (const l of P.localities) {
        if (ev.choiceIntensity !== undefined) l.choice = ev.choiceIntensity;
        if (ev.fallingRolls !== undefined) l.fallingRolls = ev.fallingRolls;
      }
      if (ev.selectiveExpansion !== undefined) P.selectiveExpansion = ev.selectiveExpansion;
      competitionYear(ctx, rng.competition, true);
      return true;
    default:
      return false;
  }
}
