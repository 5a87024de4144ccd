/**
 * The plain-language event log.
 *
 * Who did what to whom comes from the model's interaction trace (see
 * trace.ts and src/model/rules/meetings.ts): each tick the live session
 * collects which head kept or broke a commitment seen by which partner,
 * who admitted a weakness to whom and whether it was met with support, and
 * who challenged whom and whether it was taken well or as an attack. The
 * narrator tells the most telling of these and quotes the actual change,
 * over the tick, of the relationship each one affects (i's perceptions of
 * j: edge i -> j):
 * - a commitment j broke, seen by i: i's view of j's integrity;
 * - j challenged i, taken well: i's view of j's competence (and i's trust in j);
 * - j challenged i, taken as an attack: i's regard for j (and i's trust in j);
 * - j admitted a weakness to i: j's trust in i (met with support) or j's
 *   regard for i (met with none).
 * Counts (meetings, challenges, commitments, admissions) are exact. The
 * topics named (reading data, attendance figures...) are illustrative,
 * chosen deterministically from the tick and the pair: the model has no topics.
 */
import type { SchoolModel } from '../../model/model.ts';
import { GRADE_BANDS, GROUP_KINDS } from '../../model/state.ts';
import type { TimelineEvent } from '../../scenario/schema.ts';
import { TRACE, type TraceBuffer, type TraceEvent } from './trace.ts';

export type LogKind = 'event' | 'meeting' | 'up' | 'down' | 'turnover' | 'grade' | 'gate' | 'review' | 'setting';

export interface LogEntry {
  tick: number;
  /** "Year 2, Spring 1" */
  when: string;
  kind: LogKind;
  text: string;
  /** Leader slots involved (for highlighting). */
  heads?: number[];
  /** The traced interaction a story tells (TRACE kind; actor did it to the targets; ok: kept, supported or taken well). */
  act?: { kind: number; actor: number; targets: number[]; ok: boolean };
}

const HALF_TERMS = ['Autumn 1', 'Autumn 2', 'Spring 1', 'Spring 2', 'Summer 1', 'Summer 2'];
const TERMS = ['Autumn', 'Spring', 'Summer'];

/** When tick t happens, in school-year words. Tick 0 is the start. */
export function whenLabel(tick: number, tpy: number): string {
  if (tick <= 0) return 'Start';
  const year = Math.floor((tick - 1) / tpy) + 1;
  const k = (tick - 1) % tpy;
  const part = tpy === 6 ? HALF_TERMS[k] : tpy === 3 ? TERMS[k] : tpy === 1 ? '' : `tick ${k + 1} of ${tpy}`;
  return part ? `Year ${year}, ${part}` : `Year ${year}`;
}

/** Illustrative topics for challenges and admissions (the model does not track topics): examples, picked deterministically. */
export const TOPICS = [
  'reading data',
  'maths results',
  'attendance figures',
  'SEND provision',
  'curriculum plan',
  'phonics outcomes',
  'behaviour policy',
  'writing moderation',
];

const NEWCOMER_NAMES = ['Gita', 'Hal', 'Iris', 'Jon', 'Kez', 'Lou', 'Mo', 'Nia', 'Oz', 'Pia', 'Raj', 'Sam', 'Tess', 'Uma', 'Vic', 'Wyn'];

/** "Ann (open, candid)" -> "Ann". */
export function shortName(name: string): string {
  return name.replace(/\s*\(.*\)\s*$/, '').replace(/^Head of /, 'the head of ');
}

const LEVEL_NAMES = ['trust', 'productive conflict', 'commitment', 'accountability', 'attention to results'];

const f2 = (x: number) => x.toFixed(2);

export class Narrator {
  /** Display name of the current head in each leader slot. */
  readonly names: string[];
  private readonly prev: {
    trust: Float32Array;
    respect: Float32Array;
    regard: Float32Array;
    competence: Float32Array;
    integrity: Float32Array;
    changes: Uint16Array;
    grade: Uint8Array;
    binding: Uint8Array;
    meetings: Uint32Array;
    levels: Float32Array;
  };
  private newcomers = 0;
  private readonly detail: boolean;
  /** The perceptions before this tick are not comparable (the network was rebuilt during it). */
  private noDiff = false;
  /** What one tick is called in the log. */
  private readonly period: string;

  constructor(private readonly model: SchoolModel, opts: { detail: boolean }) {
    this.detail = opts.detail;
    const tpy = model.state.ticksPerYear;
    this.period = tpy === 6 ? 'half-term' : tpy === 3 ? 'term' : tpy === 1 ? 'year' : 'tick';
    this.names = model.state.leaders.names.map(shortName);
    this.prev = this.capture();
  }

  private capture() {
    const { edges: E, leaders: L, schools: S, groups: G } = this.model.state;
    const levels = new Float32Array(G.n * 5);
    for (let g = 0; g < G.n; g++) {
      levels[g * 5] = G.lTrust[g];
      levels[g * 5 + 1] = G.lConflict[g];
      levels[g * 5 + 2] = G.lCommitment[g];
      levels[g * 5 + 3] = G.lAccountability[g];
      levels[g * 5 + 4] = G.lResults[g];
    }
    return {
      trust: E.trust.slice(),
      respect: E.respect.slice(),
      regard: E.regard.slice(),
      competence: E.competence.slice(),
      integrity: E.integrity.slice(),
      changes: L.changes.slice(),
      grade: S.grade.slice(),
      binding: G.binding.slice(),
      meetings: G.meetingsHeld.slice(),
      levels,
    };
  }

  /**
   * The groups and network were rebuilt: start comparing relationships and groups afresh (turnover
   * and grades still compare). `duringTick`: rebuilt inside the tick about to be narrated, whose
   * relationships then have no comparable "before".
   */
  restructure(duringTick = false): void {
    const c = this.capture();
    const p = this.prev;
    p.trust = c.trust;
    p.respect = c.respect;
    p.regard = c.regard;
    p.competence = c.competence;
    p.integrity = c.integrity;
    p.binding = c.binding;
    p.meetings = c.meetings;
    p.levels = c.levels;
    this.noDiff = duringTick;
  }

  /** Re-read the state without narrating (after a live change that has its own log line). */
  resync(): void {
    this.syncNames();
    Object.assign(this.prev, this.capture());
  }

  /** Give each newly arrived head a name; returns the changes (slot, who left, who arrived). */
  private syncNames(only?: number): { slot: number; left: string; arrived: string }[] {
    const L = this.model.state.leaders;
    const out: { slot: number; left: string; arrived: string }[] = [];
    for (let i = 0; i < L.n; i++) {
      if (L.changes[i] === this.prev.changes[i] || (only !== undefined && i !== only)) continue;
      const round = Math.floor(this.newcomers / NEWCOMER_NAMES.length);
      const name = this.detail ? NEWCOMER_NAMES[this.newcomers % NEWCOMER_NAMES.length] + (round > 0 ? ` ${round + 1}` : '') : `the new head of ${this.school(i)}`;
      this.newcomers++;
      out.push({ slot: i, left: this.names[i], arrived: name });
      this.names[i] = name;
      this.prev.changes[i] = L.changes[i];
    }
    return out;
  }

  private school(i: number): string {
    return this.model.state.schools.names[this.model.state.leaders.school[i]];
  }

  /**
   * Log lines for an event. A room event is applied just before tick `tick`
   * (`resync`: its effect on perceptions is then part of its own line, not of
   * the next tick's); a scheduled event was applied inside tick `tick`.
   */
  eventLines(ev: TimelineEvent, tick: number, source: 'room' | 'scenario', resync: boolean): LogEntry[] {
    const st = this.model.state;
    const when = whenLabel(tick, st.ticksPerYear);
    const out: LogEntry[] = [];
    const who = (ref: string | number) => {
      const s = typeof ref === 'number' ? ref : st.schools.names.indexOf(ref);
      return s < 0 ? -1 : st.schools.leader[s];
    };
    const by = source === 'scenario' ? ' (scheduled in the scenario)' : '';
    switch (ev.event) {
      case 'leaderLeaves': {
        const h = who(ev.school);
        const old = this.names[h];
        const change = this.syncNames(h)[0];
        out.push({
          tick,
          when,
          kind: 'event',
          heads: [h],
          text: this.detail
            ? `${change?.left ?? old} leaves ${this.school(h)}${by}. ${change?.arrived ?? 'A newcomer'} takes over and every relationship with partners starts again from first impressions.`
            : `The head of ${this.school(h)} leaves${by}. A newcomer takes over and every relationship with partners starts again from first impressions.`,
        });
        break;
      }
      case 'turnoverShock': {
        const changes = this.syncNames();
        const left = changes.map((c) => `${c.left} (${this.school(c.slot)})`);
        out.push({
          tick,
          when,
          kind: 'event',
          heads: changes.map((c) => c.slot),
          text: left.length
            ? `A wave of departures${by}: ${left.length} head${left.length === 1 ? '' : 's'} leave at once${left.length <= 4 ? `: ${left.join(', ')}` : ''}. Their relationships restart.`
            : `A wave of departures was expected${by}, but no head left this time.`,
        });
        break;
      }
      case 'inspectionDowngrade': {
        const h = who(ev.school);
        out.push({
          tick,
          when,
          kind: 'event',
          heads: [h],
          text: `Inspection downgrade at ${this.school(h)}${by}: its effectiveness and staff trust drop by ${ev.drop}, and partners now rate ${this.names[h]}'s competence lower.`,
        });
        break;
      }
      case 'hiddenAgenda': {
        const h = who(ev.school);
        out.push({
          tick,
          when,
          kind: 'event',
          heads: [h],
          text: `${this.names[h]}'s hidden agenda comes out${by}. Partners' view of ${this.names[h]}'s integrity collapses, and with it their trust: one weak part caps the whole.`,
        });
        break;
      }
      case 'peerReview':
        out.push({
          tick,
          when,
          kind: 'event',
          text: ev.enabled
            ? `Peer review starts${by}: each year a self-review, a review visit by partner heads, an improvement workshop and a 90-day follow-up.`
            : `Peer review stops${by}.`,
        });
        break;
      case 'practices': {
        const parts: string[] = [];
        const name: Record<string, string> = {
          codeOfConduct: 'a code of conduct',
          partnershipLead: 'a named partnership lead',
          informalTime: 'protected informal time',
          writtenRoles: 'a written agreement with roles',
        };
        for (const k of Object.keys(name)) {
          const v = (ev as Record<string, unknown>)[k];
          if (v === true) parts.push(`adopt ${name[k]}`);
          if (v === false) parts.push(`drop ${name[k]}`);
        }
        out.push({ tick, when, kind: 'event', text: `Partnerships ${parts.join(' and ') || 'review their practices'}${by}.` });
        break;
      }
      case 'leaderRate':
        out.push({ tick, when, kind: 'event', text: `Head turnover changes to ${Math.round(ev.rate * 100)}% a year${by}.` });
        break;
      case 'competition': {
        const parts: string[] = [];
        if (ev.choiceIntensity !== undefined) parts.push(`parental choice ${f2(ev.choiceIntensity)}`);
        if (ev.fallingRolls !== undefined) parts.push(`rolls falling ${Math.round(ev.fallingRolls * 100)}% a year`);
        if (ev.selectiveExpansion !== undefined) parts.push(`selective expansion ${f2(ev.selectiveExpansion)}`);
        out.push({ tick, when, kind: 'event', text: `Competition changes${by}: ${parts.join(', ')}. Nearby rivals share less and trust each other less as pressure rises.` });
        break;
      }
      case 'matOpenness':
        out.push({
          tick,
          when,
          kind: 'event',
          text: ev.open
            ? `Trusts open up${by}: ${ev.share >= 1 ? 'all' : `about ${Math.round(ev.share * 100)}% of`} trusts now let their schools work with hubs and other trusts.`
            : `Trusts close their boundaries${by}: ${ev.share >= 1 ? 'all' : `about ${Math.round(ev.share * 100)}% of`} trusts now keep their schools inside; they will drift out of cross-trust groups and away from hubs.`,
        });
        break;
      case 'matConsolidation':
        out.push({
          tick,
          when,
          kind: 'event',
          text: `Trusts consolidate${by}: about ${Math.round(ev.rate * 100)}% of schools join a strong trust (up to ${Math.round(ev.until * 100)}% of schools in strong trusts). New trust leadership groups meet from the next half-term.`,
        });
        break;
      case 'replaceAlliancesByHubs':
        out.push({ tick, when, kind: 'event', text: `Teaching school alliances close and Teaching School Hubs open${by}.` });
        break;
      case 'loseDesignation':
        out.push({ tick, when, kind: 'event', text: `A lead school loses its designation${by}: what it led is disrupted.` });
        break;
      case 'spannersLeave':
        out.push({ tick, when, kind: 'event', text: `Boundary spanners give up their roles${by}: separate networks lose the people who linked them.` });
        break;
      case 'spannersJoin':
        out.push({ tick, when, kind: 'event', text: `${ev.count} heads take on boundary-spanning roles${by}.` });
        break;
    }
    // Perceptions changed by a room event are part of its own line.
    if (resync) Object.assign(this.prev, this.capture());
    return out.map(capitalise);
  }

  /**
   * Log lines for what happened in tick `tick` (called after the model stepped).
   * `trace`: the tick's interactions (who did what to whom); without it the log
   * has the counts but no stories.
   */
  tickLines(tick: number, trace?: TraceBuffer): LogEntry[] {
    const model = this.model;
    const st = model.state;
    const { schools: S, groups: G, tallies: T } = st;
    const when = whenLabel(tick, st.ticksPerYear);
    const out: LogEntry[] = [];
    const p = this.prev;

    // Heads who left (natural turnover). Turnover comes after the meetings in a tick, so the
    // tick's interactions are told with the names of the heads who were in post then.
    const before = this.names.slice();
    const changes = this.syncNames();
    const fresh = new Set(changes.map((c) => c.slot));
    const leftNames = changes.map((c) => this.school(c.slot));
    const leftHeads = changes.map((c) => c.slot);
    if (this.detail) {
      for (const c of changes) {
        out.push({
          tick,
          when,
          kind: 'turnover',
          heads: [c.slot],
          text: `${c.left} moves on from ${this.school(c.slot)}. ${c.arrived} arrives as the new head and has to build every relationship from scratch.`,
        });
      }
    }
    if (!this.detail && leftHeads.length) {
      out.push({
        tick,
        when,
        kind: 'turnover',
        heads: leftHeads,
        text:
          leftHeads.length === 1
            ? `The head of ${leftNames[0]} left; every relationship with partners restarts.`
            : leftHeads.length <= 4
              ? `Heads left ${leftNames.slice(0, -1).join(', ')} and ${leftNames[leftNames.length - 1]}; their relationships with partners restart.`
              : `${leftHeads.length} heads left; their relationships with partners restart.`,
      });
    }

    if (this.detail) {
      // Meetings (exact counts).
      let met = 0;
      for (let g = 0; g < G.n; g++) met += G.meetingsHeld[g] - p.meetings[g];
      if (met > 0 || (trace !== undefined && trace.total > 0)) {
        const c = T.challenges;
        const a = T.challengesAccepted;
        const chal =
          c === 0
            ? 'nobody challenged anyone'
            : `${c} challenge${c === 1 ? ' was' : 's were'} made and ${a === c ? (c === 1 ? 'it was' : 'all were') : `${a}`} taken well${a < c ? `, ${c - a} taken as an attack` : ''}`;
        const more: string[] = [];
        if (trace) {
          const due = trace.count(TRACE.promise);
          const kept = trace.count(TRACE.promise, true);
          const vul = trace.count(TRACE.vulnerability);
          const backed = trace.count(TRACE.vulnerability, true);
          if (due > 0) more.push(`${kept === due ? (due === 1 ? 'the one commitment due was' : `all ${due} commitments due were`) : `${kept} of ${due} commitments due were`} kept`);
          if (vul > 0) more.push(`${vul} admission${vul === 1 ? '' : 's'} of a weakness, ${backed === vul ? (vul === 1 ? 'met' : 'all met') : `${backed}`} with support`);
        }
        out.push({ tick, when, kind: 'meeting', text: `The heads met${met > 1 ? ` ${met} times` : ''}: ${chal}${more.length ? `; ${more.join('; ')}` : ''}.` });
      } else if (G.n > 0) {
        const lead = G.partnershipLead[0] ? '' : ' (no partnership lead to keep the date)';
        out.push({ tick, when, kind: 'meeting', text: `No meeting this ${this.period}${lead}.` });
      }

      // Who did what to whom, from the trace, with the change it made to the relationship.
      if (trace) for (const entry of this.traceStories(tick, when, trace, before, fresh)) out.push(entry);

      // Peer-review visits (exact means).
      if (T.reviewCount > 0) {
        const honesty = T.reviewHonestySum / T.reviewCount;
        const rigour = T.reviewRigourSum / T.reviewCount;
        const verdict =
          honesty >= 0.4 && rigour >= 0.3
            ? 'honest hosts and rigorous reviewers: the reviews should lead to real improvement'
            : honesty >= 0.4
              ? 'honest hosts but soft reviewers: friendly visits that risk collusion'
              : rigour >= 0.3
                ? 'rigorous reviewers but guarded hosts: showcasing, and challenge that may feel like inspection'
                : 'guarded hosts and soft reviewers: little is learnt';
        out.push({ tick, when, kind: 'review', text: `Peer-review visits: host honesty ${f2(honesty)}, reviewer rigour ${f2(rigour)}; ${verdict}.` });
      }

      // Grades.
      for (let s = 0; s < S.n; s++) {
        if (S.grade[s] === p.grade[s]) continue;
        const up = S.grade[s] > p.grade[s];
        out.push({
          tick,
          when,
          kind: 'grade',
          heads: [S.leader[s]],
          text: `${S.names[s]} ${up ? 'rises' : 'slips'} from ${GRADE_BANDS[p.grade[s]].label} to ${GRADE_BANDS[S.grade[s]].label} (effectiveness ${f2(S.effectiveness[s])}).`,
        });
      }
    }

    // Localities: the tick's interactions, counted, with a sampled example or two.
    if (!this.detail && trace && trace.total > 0) out.push(this.localityLine(tick, when, trace, before));

    // Lencioni gates: when the level that holds the team back changes.
    const partnership = GROUP_KINDS.indexOf('partnership');
    if (this.detail) {
      for (let g = 0; g < G.n; g++) {
        if (G.kind[g] !== partnership || G.binding[g] === p.binding[g]) continue;
        const b = G.binding[g];
        if (b === 0) out.push({ tick, when, kind: 'gate', text: `No level of the pyramid is held back by the one beneath it now: each has reached what the heads' traits allow.` });
        else {
          const lv = [G.lTrust[g], G.lConflict[g], G.lCommitment[g], G.lAccountability[g]];
          out.push({
            tick,
            when,
            kind: 'gate',
            text: `The pyramid's gate moves: ${LEVEL_NAMES[b]} is now held back by ${LEVEL_NAMES[b - 1]} beneath it (${f2(lv[b - 1])}).`,
          });
        }
      }
    } else {
      // Localities: partnerships whose trust crosses 0.4 or 0.6.
      let crossings = 0;
      const lines: string[] = [];
      for (let g = 0; g < G.n; g++) {
        const before = p.levels[g * 5];
        const now = G.lTrust[g];
        for (const th of [0.4, 0.6]) {
          if (before < th && now >= th) lines.push(`${G.names[g]} rose above ${th}`);
          else if (before >= th && now < th) lines.push(`${G.names[g]} fell below ${th}`);
          else continue;
          crossings++;
        }
      }
      if (crossings) out.push({ tick, when, kind: 'gate', text: `Partnership trust: ${lines.slice(0, 6).join('; ')}${lines.length > 6 ? `; and ${lines.length - 6} more` : ''}.` });
    }

    Object.assign(this.prev, this.capture());
    this.noDiff = false;
    return out.map(capitalise);
  }

  /** The edge i -> j (i's perceptions of j), or -1. */
  private edge(i: number, j: number): number {
    const E = this.model.state.edges;
    for (let e = E.outStart[i]; e < E.outStart[i + 1]; e++) if (E.dst[e] === j) return e;
    return -1;
  }

  /** "Ben's view of Ann's competence rose 0.61 → 0.66": one perception of edge e over the tick (just the label when it cannot be compared). */
  private moved(label: string, part: Part, e: number, expectUp?: boolean): { text: string; d: number } {
    if (e < 0 || this.noDiff) return { text: expectUp === undefined ? '' : `${label} ${expectUp ? 'rose' : 'fell'}`, d: 0 };
    const a = this.prev[part][e];
    const b = this.model.state.edges[part][e];
    const d = b - a;
    if (f2(a) === f2(b)) return { text: `${label} held at ${f2(b)}`, d };
    const up = d > 0;
    const against = expectUp !== undefined && up !== expectUp;
    return { text: `${label} ${against ? 'still ' : ''}${up ? 'rose' : 'fell'} ${f2(a)} → ${f2(b)}${against ? ` over the ${this.period}, with everything else that happened` : ''}`, d };
  }

  /** A deterministic example topic (the model has no topics). */
  private topic(tick: number, actor: number, target: number): string {
    return TOPICS[(tick * 31 + actor * 7 + target * 3) % TOPICS.length];
  }

  /**
   * The tick's most telling interactions, as stories: broken commitments, challenges taken well
   * or as an attack, weaknesses admitted and met with support or not. Who, to whom and how it
   * landed come from the trace; the numbers are the affected relationship's actual change over
   * the tick. Up to four, different kinds first, one per pair of heads.
   */
  private traceStories(tick: number, when: string, trace: TraceBuffer, names: string[], fresh: Set<number>): LogEntry[] {
    const st = this.model.state;
    const { leaders: L, schools: S, groups: G } = st;
    type Story = { score: number; bucket: string; pair: string; entry: LogEntry };
    const stories: Story[] = [];
    const schoolOf = (i: number) => S.names[L.school[i]];
    const times = (n: number) => (n === 1 ? '' : n === 2 ? ' twice' : ` ${n} times`);
    const pairKey = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`);
    // Distinct interactions (kind, outcome, actor, target) with how often they happened.
    const seen = new Map<string, { ev: TraceEvent; n: number }>();
    const broken = new Map<number, { targets: number[]; group: number }>();
    for (const ev of trace.events()) {
      if (fresh.has(ev.actor) || fresh.has(ev.target)) continue; // that head has left; the relationship restarted
      if (ev.kind === TRACE.promise) {
        if (ev.ok) continue; // kept commitments are counted in the meeting line
        const b = broken.get(ev.actor) ?? { targets: [], group: ev.group };
        if (!b.targets.includes(ev.target)) b.targets.push(ev.target);
        broken.set(ev.actor, b);
        continue;
      }
      const key = `${ev.kind}:${ev.ok ? 1 : 0}:${ev.actor}:${ev.target}`;
      const s = seen.get(key);
      if (s) s.n++;
      else seen.set(key, { ev, n: 1 });
    }
    const trustOf = (i: number, j: number, e: number) => this.moved(`${names[i]}'s trust in ${names[j]}`, 'trust', e);
    const join = (parts: string[]) => parts.filter(Boolean).join(', and ');

    for (const [actor, b] of broken) {
      const a = names[actor];
      const tg = b.targets;
      const members = G.memberStart[b.group + 1] - G.memberStart[b.group];
      const heads = [actor, ...tg];
      if (tg.length === 1) {
        const e = this.edge(tg[0], actor);
        const integ = this.moved(`${names[tg[0]]}'s view of ${a}'s integrity`, 'integrity', e, false);
        const tr = trustOf(tg[0], actor, e);
        stories.push({
          score: 0.03 + Math.abs(tr.d),
          bucket: 'broken',
          pair: `broken:${actor}`,
          entry: { tick, when, kind: 'down', heads, act: { kind: TRACE.promise, actor, targets: tg, ok: false }, text: `${a} broke a commitment to ${names[tg[0]]}: ${join([integ.text, tr.text])}.` },
        });
      } else {
        // The same commitment seen by several partners: their views, on average.
        let before = 0;
        let after = 0;
        let dT = 0;
        let k = 0;
        for (const t of tg) {
          const e = this.edge(t, actor);
          if (e < 0) continue;
          before += this.prev.integrity[e];
          after += st.edges.integrity[e];
          dT += Math.abs(st.edges.trust[e] - this.prev.trust[e]);
          k++;
        }
        const whom = tg.length === members - 1 ? 'the group' : list(tg.map((t) => names[t]));
        const seenBy = tg.length === members - 1 ? 'partners' : list(tg.map((t) => names[t]));
        const comparable = k > 0 && !this.noDiff;
        const held = comparable && f2(before / k) === f2(after / k);
        const avg = `on average ${f2(before / k)} → ${f2(after / k)}`;
        const change = !comparable
          ? 'fell'
          : held
            ? `held at ${f2(after / k)} on average`
            : after > before
              ? `still rose over the ${this.period} (${avg}), with everything else that happened`
              : `fell (${avg})`;
        stories.push({
          score: 0.03 * tg.length + dT / Math.max(1, k),
          bucket: 'broken',
          pair: `broken:${actor}`,
          entry: {
            tick,
            when,
            kind: 'down',
            heads,
            act: { kind: TRACE.promise, actor, targets: tg, ok: false },
            text: `${a} broke a commitment to ${whom}: ${seenBy === 'partners' ? "partners'" : `${seenBy}'s`} view of ${a}'s integrity ${change}.`,
          },
        });
      }
    }

    for (const { ev, n } of seen.values()) {
      const { actor, target, ok } = ev;
      const a = names[actor];
      const b = names[target];
      const heads = [actor, target];
      const act = { kind: ev.kind, actor, targets: [target], ok };
      if (ev.kind === TRACE.challenge) {
        // The target's perceptions of the actor: competence when taken well, regard when taken as an attack.
        const e = this.edge(target, actor);
        const on = `${a} challenged ${b}${times(n)} on ${schoolOf(target)}'s ${this.topic(tick, actor, target)}`;
        const tr = trustOf(target, actor, e);
        const part = ok
          ? this.moved(`${b}'s view of ${a}'s competence`, 'competence', e, true)
          : this.moved(`${b}'s regard for ${a}`, 'regard', e, false);
        stories.push({
          score: (ok ? 0.02 : 0.03) + Math.abs(tr.d),
          bucket: ok ? 'accepted' : 'attack',
          pair: pairKey(actor, target),
          entry: {
            tick,
            when,
            kind: ok ? 'up' : 'down',
            heads,
            act,
            text: ok ? `${on}; ${b} took it well — ${join([part.text, tr.text])}.` : `${on}; ${b} took it as an attack — ${join([part.text, tr.text])}.`,
          },
        });
      } else if (ev.kind === TRACE.vulnerability) {
        // The actor's view of the target: backed up, trust grows; met with nothing, regard falls.
        const e = this.edge(actor, target);
        const what = `${a} admitted a weakness${times(n)} (${schoolOf(actor)}'s ${this.topic(tick, actor, target)}) to ${b}`;
        const tr = this.moved(`${a}'s trust in ${b}`, 'trust', e, ok);
        const text = ok
          ? `${what}, who responded with support: ${tr.text || `${a}'s regard for ${b} rose`}.`
          : `${what}, who offered no support: ${join([this.moved(`${a}'s regard for ${b}`, 'regard', e, false).text, tr.text])}.`;
        stories.push({ score: (ok ? 0.02 : 0.025) + Math.abs(tr.d), bucket: ok ? 'support' : 'snub', pair: pairKey(actor, target), entry: { tick, when, kind: ok ? 'up' : 'down', heads, act, text } });
      }
    }

    // The strongest of different kinds first, then the rest; one story per pair of heads.
    stories.sort((x, y) => y.score - x.score);
    const pairs = new Set<string>();
    const buckets = new Set<string>();
    const chosen: Story[] = [];
    for (const pass of [0, 1]) {
      for (const s of stories) {
        if (chosen.length >= MAX_STORIES) break;
        if (pairs.has(s.pair) || chosen.includes(s) || (pass === 0 && buckets.has(s.bucket))) continue;
        pairs.add(s.pair);
        buckets.add(s.bucket);
        chosen.push(s);
      }
    }
    chosen.sort((x, y) => y.score - x.score);
    return chosen.map((s) => s.entry);
  }

  /** A locality's tick in one line: every interaction counted, and one or two of the sampled ones told. */
  private localityLine(tick: number, when: string, trace: TraceBuffer, names: string[]): LogEntry {
    const G = this.model.state.groups;
    const c = trace.count(TRACE.challenge);
    const a = trace.count(TRACE.challenge, true);
    const due = trace.count(TRACE.promise);
    const brokenN = trace.count(TRACE.promise, false);
    const vul = trace.count(TRACE.vulnerability);
    const backed = trace.count(TRACE.vulnerability, true);
    const parts: string[] = [];
    if (c) parts.push(`${c} challenge${c === 1 ? '' : 's'} (${a} taken well)`);
    if (due) parts.push(`${brokenN} of ${due} commitments broken`);
    if (vul) parts.push(`${vul} weakness${vul === 1 ? '' : 'es'} admitted (${backed} met with support)`);
    const tell = (ev: TraceEvent) => {
      const x = names[ev.actor];
      const y = names[ev.target];
      const where = G.names[ev.group] ? ` in ${G.names[ev.group]}` : '';
      if (ev.kind === TRACE.challenge) return `${x} challenged ${y}${where}, who took it ${ev.ok ? 'well' : 'as an attack'}`;
      if (ev.kind === TRACE.vulnerability) return `${x} admitted a weakness to ${y}${where}, who ${ev.ok ? 'responded with support' : 'offered no support'}`;
      return `${x} ${ev.ok ? 'kept' : 'broke'} a commitment to ${y}${where}`;
    };
    const sample = trace.events().filter((e) => !(e.kind === TRACE.promise && e.ok));
    const neg = sample.find((e) => !e.ok);
    const pos = sample.find((e) => e.ok);
    const examples = [neg, pos].filter((e): e is TraceEvent => e !== undefined);
    const heads = examples.flatMap((e) => [e.actor, e.target]);
    return {
      tick,
      when,
      kind: 'meeting',
      heads,
      text: `Across the locality's groups this ${this.period}: ${parts.join(', ')}.${examples.length ? ` For example, ${examples.map(tell).join('; ')}.` : ''}`,
    };
  }
}

/** Perceptions of an edge the stories quote. */
type Part = 'trust' | 'respect' | 'regard' | 'competence' | 'integrity';

/** Stories told per tick in a team. */
const MAX_STORIES = 4;

/** "Ann, Ben and Cath". */
function list(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

function capitalise(e: LogEntry): LogEntry {
  return e.text ? { ...e, text: e.text[0].toUpperCase() + e.text.slice(1) } : e;
}
