/**
 * Log lines for timeline events (fired by the room or scheduled in the
 * scenario): what happened, to whom, in plain language.
 *
 * Platform-free: used by the Web Worker and the Node tests.
 */
import type { TimelineEvent } from './model-api.ts';
import { f2, type LogEntry } from './narrate-text.ts';

/** A head who left and the newcomer who took over (leader slot). */
export interface HeadChange {
  slot: number;
  left: string;
  arrived: string;
}

/** What the event lines need from the narrator. */
export interface EventContext {
  tick: number;
  when: string;
  /** ' (scheduled in the scenario)' or ''. */
  by: string;
  /** Tell each head by name (a team) rather than by school (a locality). */
  detail: boolean;
  /** Display name of the head in each leader slot. */
  names: string[];
  /** The leader slot heading a school (by name or index), or -1. */
  who(ref: string | number): number;
  /** The school a leader slot heads. */
  school(slot: number): string;
  /** Name the newcomers (only in slot `only` when given) and return the changes. */
  syncNames(only?: number): HeadChange[];
}

type Entry = Omit<LogEntry, 'tick' | 'when' | 'kind'>;

const PRACTICE_WORDS = [
  ['codeOfConduct', 'a code of conduct'],
  ['partnershipLead', 'a named partnership lead'],
  ['informalTime', 'protected informal time'],
  ['writtenRoles', 'a written agreement with roles'],
] as const;

/** Events that happen to heads: departures, downgrades, hidden agendas. */
function headEvent(ev: TimelineEvent, c: EventContext): Entry | null {
  const by = c.by;
  switch (ev.event) {
    case 'leaderLeaves': {
      const h = c.who(ev.school);
      const old = c.names[h];
      const change = c.syncNames(h)[0];
      return {
        heads: [h],
        text: c.detail
          ? `${change?.left ?? old} leaves ${c.school(h)}${by}. ${change?.arrived ?? 'A newcomer'} takes over and every relationship with partners starts again from first impressions.`
          : `The head of ${c.school(h)} leaves${by}. A newcomer takes over and every relationship with partners starts again from first impressions.`,
      };
    }
    case 'turnoverShock': {
      const changes = c.syncNames();
      const left = changes.map((ch) => `${ch.left} (${c.school(ch.slot)})`);
      return {
        heads: changes.map((ch) => ch.slot),
        text: left.length
          ? `A wave of departures${by}: ${left.length} head${left.length === 1 ? '' : 's'} leave at once${left.length <= 4 ? `: ${left.join(', ')}` : ''}. Their relationships restart.`
          : `A wave of departures was expected${by}, but no head left this time.`,
      };
    }
    case 'inspectionDowngrade': {
      const h = c.who(ev.school);
      return {
        heads: [h],
        text: `Inspection downgrade at ${c.school(h)}${by}: its effectiveness and staff trust drop by ${ev.drop}, and partners now rate ${c.names[h]}'s competence lower.`,
      };
    }
    case 'hiddenAgenda': {
      const h = c.who(ev.school);
      return {
        heads: [h],
        text: `${c.names[h]}'s hidden agenda comes out${by}. Partners' view of ${c.names[h]}'s integrity collapses, and with it their trust: one weak part caps the whole.`,
      };
    }
    default:
      return null;
  }
}

/** Events that change how partnerships work: peer review, practices, turnover rate. */
function partnershipText(ev: TimelineEvent, by: string): string | null {
  switch (ev.event) {
    case 'peerReview':
      return ev.enabled
        ? `Peer review starts${by}: each year a self-review, a review visit by partner heads, an improvement workshop and a 90-day follow-up.`
        : `Peer review stops${by}.`;
    case 'practices': {
      const parts: string[] = [];
      for (const [k, words] of PRACTICE_WORDS) {
        const v = ev[k];
        if (v === true) parts.push(`adopt ${words}`);
        if (v === false) parts.push(`drop ${words}`);
      }
      return `Partnerships ${parts.join(' and ') || 'review their practices'}${by}.`;
    }
    case 'leaderRate':
      return `Head turnover changes to ${Math.round(ev.rate * 100)}% a year${by}.`;
    default:
      return null;
  }
}

/** Policy events: competition, trusts, hubs, boundary spanners. */
function policyText(ev: TimelineEvent, by: string): string | null {
  switch (ev.event) {
    case 'competition': {
      const parts: string[] = [];
      if (ev.choiceIntensity !== undefined) parts.push(`parental choice ${f2(ev.choiceIntensity)}`);
      if (ev.fallingRolls !== undefined) parts.push(`rolls falling ${Math.round(ev.fallingRolls * 100)}% a year`);
      if (ev.selectiveExpansion !== undefined) parts.push(`selective expansion ${f2(ev.selectiveExpansion)}`);
      return `Competition changes${by}: ${parts.join(', ')}. Nearby rivals share less and trust each other less as pressure rises.`;
    }
    case 'matOpenness': {
      const share = ev.share >= 1 ? 'all' : `about ${Math.round(ev.share * 100)}% of`;
      return ev.open
        ? `Trusts open up${by}: ${share} trusts now let their schools work with hubs and other trusts.`
        : `Trusts close their boundaries${by}: ${share} trusts now keep their schools inside; they will drift out of cross-trust groups and away from hubs.`;
    }
    case 'matConsolidation':
      return `Trusts consolidate${by}: about ${Math.round(ev.rate * 100)}% of schools join a strong trust (up to ${Math.round(ev.until * 100)}% of schools in strong trusts). New trust leadership groups meet from the next half-term.`;
    case 'replaceAlliancesByHubs':
      return `Teaching school alliances close and Teaching School Hubs open${by}.`;
    case 'loseDesignation':
      return `A lead school loses its designation${by}: what it led is disrupted.`;
    case 'spannersLeave':
      return `Boundary spanners give up their roles${by}: separate networks lose the people who linked them.`;
    case 'spannersJoin':
      return `${ev.count} heads take on boundary-spanning roles${by}.`;
    default:
      return null;
  }
}

/** The log lines for an event (none for an event the log does not tell). */
export function eventEntries(ev: TimelineEvent, c: EventContext): LogEntry[] {
  const base = { tick: c.tick, when: c.when, kind: 'event' as const };
  const head = headEvent(ev, c);
  if (head) return [{ ...base, ...head }];
  const text = partnershipText(ev, c.by) ?? policyText(ev, c.by);
  return text === null ? [] : [{ ...base, text }];
}
