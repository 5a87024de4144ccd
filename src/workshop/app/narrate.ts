/**
 * The plain-language event log. The model does not (yet) report who
 * challenged whom, so the narrator compares the state before and after each
 * tick: which perceptions moved, and in which pattern, says what most likely
 * happened. Counts (meetings, challenges made and taken well, heads who
 * left, peer-review visits) are exact; who did what to whom is read from the
 * pattern of changes and is worded as such.
 *
 * Signatures used (see src/model/rules/meetings.ts):
 * - i's view of j's integrity falls: j broke a commitment to i;
 * - i's view of j's competence rises beyond drift while challenges were taken
 *   well this tick: j challenged i and i took it on board;
 * - i's regard for j falls sharply: j's challenge landed as an attack, or i
 *   showed vulnerability to j and got no support;
 * - i's regard and respect for j both rise: i showed vulnerability and j backed i.
 */
import type { SchoolModel } from '../../model/model.ts';
import { GRADE_BANDS, GROUP_KINDS } from '../../model/state.ts';
import type { TimelineEvent } from '../../scenario/schema.ts';

export type LogKind = 'event' | 'meeting' | 'up' | 'down' | 'turnover' | 'grade' | 'gate' | 'review' | 'setting';

export interface LogEntry {
  tick: number;
  /** "Year 2, Spring 1" */
  when: string;
  kind: LogKind;
  text: string;
  /** Leader slots involved (for highlighting). */
  heads?: number[];
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

/** Illustrative topics for challenges and admissions (the model does not track topics). */
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

  constructor(private readonly model: SchoolModel, opts: { detail: boolean }) {
    this.detail = opts.detail;
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

  /** The groups and network were rebuilt: start comparing relationships and groups afresh (turnover and grades still compare). */
  restructure(): void {
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

  /** Log lines for what happened in tick `tick` (called after the model stepped). */
  tickLines(tick: number): LogEntry[] {
    const model = this.model;
    const st = model.state;
    const { edges: E, leaders: L, schools: S, groups: G, tallies: T } = st;
    const when = whenLabel(tick, st.ticksPerYear);
    const out: LogEntry[] = [];
    const p = this.prev;

    // Heads who left (natural turnover).
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
      if (met > 0) {
        const c = T.challenges;
        const a = T.challengesAccepted;
        const chal =
          c === 0
            ? 'nobody challenged anyone'
            : `${c} challenge${c === 1 ? ' was' : 's were'} made and ${a === c ? (c === 1 ? 'it was' : 'all were') : `${a}`} taken well${a < c ? `, ${c - a} taken as an attack` : ''}`;
        out.push({ tick, when, kind: 'meeting', text: `The heads met${met > 1 ? ` ${met} times` : ''}: ${chal}.` });
      } else if (G.n > 0) {
        const lead = G.partnershipLead[0] ? '' : ' (no partnership lead to keep the date)';
        out.push({ tick, when, kind: 'meeting', text: `No meeting this half-term${lead}.` });
      }

      // Pairwise stories: the most salient perception changes.
      type Story = { score: number; bucket: string; entry: LogEntry };
      const stories: Story[] = [];
      const rejected = T.challenges - T.challengesAccepted;
      for (let e = 0; e < E.n; e++) {
        const i = E.src[e];
        const j = E.dst[e];
        if (fresh.has(i) || fresh.has(j)) continue;
        const dT = E.trust[e] - p.trust[e];
        const dI = E.integrity[e] - p.integrity[e];
        const dP = E.regard[e] - p.regard[e];
        const dR = E.respect[e] - p.respect[e];
        const dC = E.competence[e] - p.competence[e];
        const a = this.names[i];
        const b = this.names[j];
        const topic = TOPICS[(tick * 31 + i * 7 + j * 3) % TOPICS.length];
        const tr = `${a}'s trust in ${b} ${dT >= 0 ? 'rose' : 'fell'} ${f2(p.trust[e])} → ${f2(E.trust[e])}`;
        let text = '';
        let score = Math.abs(dT);
        let kind: LogKind = dT >= 0 ? 'up' : 'down';
        let bucket = 'drift';
        if (dI < -0.05) {
          bucket = 'broken';
          text = `${b} let ${a} down on a promise: ${a}'s view of ${b}'s integrity fell; ${tr}.`;
          score += 0.05 - dI;
          kind = 'down';
        } else if (dP < -0.05) {
          // Either b's challenge was taken as an attack, or a opened up to b and got no
          // support; when no challenge was taken as an attack this tick, only the second fits.
          bucket = rejected > 0 && L.candour[j] >= 0.5 * L.openness[i] ? 'attack' : 'snub';
          text =
            bucket === 'attack'
              ? `${b} challenged ${a}'s ${topic}, but without enough trust it landed as an attack: ${a}'s regard for ${b} fell; ${tr}.`
              : `${a} admitted a worry about ${topic} and ${b} offered no support: ${a}'s regard for ${b} fell; ${tr}.`;
          score += 0.05 - dP;
          kind = 'down';
        } else if (dC > 0.022 && T.challengesAccepted > 0) {
          bucket = 'accepted';
          text = `${b} challenged ${a}'s ${topic}; because ${a} trusts ${b}, the challenge came across as support: ${a} took it on board and rates ${b}'s competence higher; ${tr}.`;
          score += dC;
          kind = 'up';
        } else if (dP > 0.02 && dR > 0.02) {
          bucket = 'support';
          text = `${a} admitted struggling with ${topic} and ${b} backed ${a} up: ${a}'s regard and respect for ${b} rose; ${tr}.`;
          score += dP;
          kind = 'up';
        } else if (dI > 0.03) {
          bucket = 'kept';
          text = `${b} kept a promise to ${a}: ${a}'s view of ${b}'s integrity rose; ${tr}.`;
          score += dI / 2;
          kind = 'up';
        } else if (Math.abs(dT) > 0.03) {
          const parts: [string, number][] = [
            ['respect', dR],
            ['personal regard', dP],
            ['competence', dC],
            ['integrity', dI],
          ];
          parts.sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]));
          text = `${tr} (mostly ${parts[0][0]}).`;
        }
        if (text && score > 0.02) stories.push({ score, bucket, entry: { tick, when, kind, text, heads: [i, j] } });
      }
      // Up to three stories: the strongest of different kinds first, one per pair of heads.
      stories.sort((x, y) => y.score - x.score);
      const pairs = new Set<string>();
      const buckets = new Set<string>();
      const chosen: Story[] = [];
      for (const pass of [0, 1]) {
        for (const st of stories) {
          if (chosen.length >= 3) break;
          const key = st.entry.heads!.slice().sort().join('-');
          if (pairs.has(key) || chosen.includes(st) || (pass === 0 && buckets.has(st.bucket))) continue;
          pairs.add(key);
          buckets.add(st.bucket);
          chosen.push(st);
        }
      }
      chosen.sort((x, y) => y.score - x.score);
      for (const st of chosen) out.push(st.entry);

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
    return out.map(capitalise);
  }
}

function capitalise(e: LogEntry): LogEntry {
  return e.text ? { ...e, text: e.text[0].toUpperCase() + e.text.slice(1) } : e;
}
