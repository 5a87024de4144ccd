/**
 * The plain-language event log.
 *
 * Who did what to whom comes from the model's interaction trace (see
 * trace.ts and the model's meetings mechanism): each tick the live session
 * collects which head kept or broke a commitment seen by which partner,
 * who admitted a weakness to whom and whether it was met with support, and
 * who challenged whom and whether it was taken well or as an attack. The
 * narrator tells the most telling of these (narrate-stories.ts) and quotes
 * the actual change, over the tick, of the relationship each one affects
 * (i's perceptions of j: edge i -> j):
 * - a commitment j broke, seen by i: i's view of j's integrity;
 * - j challenged i, taken well: i's view of j's competence (and i's trust in j);
 * - j challenged i, taken as an attack: i's regard for j (and i's trust in j);
 * - j admitted a weakness to i: j's trust in i (met with support) or j's
 *   regard for i (met with none).
 * Counts (meetings, challenges, commitments, admissions) are exact. The
 * topics named (reading data, attendance figures...) are illustrative,
 * chosen deterministically from the tick and the pair: the model has no topics.
 */
import { GRADE_BANDS, PARTNERSHIP_KIND, type SchoolModel, type TimelineEvent } from './model-api.ts';
import { eventEntries, type HeadChange } from './narrate-events.ts';
import { localityLine, traceStories } from './narrate-stories.ts';
import { capitalise, f2, LEVEL_NAMES, NEWCOMER_NAMES, periodName, shortName, whenLabel, type LogEntry } from './narrate-text.ts';
import { Perceptions } from './perceptions.ts';
import { TRACE, type TraceBuffer } from './trace.ts';

/** Where an event came from, and whether its effect on perceptions belongs to its own line. */
export interface EventLineOptions {
  /** A room event is applied just before tick `tick`; a scheduled event was applied inside it. */
  tick: number;
  source: 'room' | 'scenario';
  /** Re-read perceptions after the event, so the next tick's lines do not count its effect. */
  resync: boolean;
}

/** Words for the peer-review visits of a tick, from the mean host honesty and reviewer rigour. */
function reviewVerdict(honesty: number, rigour: number): string {
  if (honesty >= 0.4 && rigour >= 0.3) return 'honest hosts and rigorous reviewers: the reviews should lead to real improvement';
  if (honesty >= 0.4) return 'honest hosts but soft reviewers: friendly visits that risk collusion';
  if (rigour >= 0.3) return 'rigorous reviewers but guarded hosts: showcasing, and challenge that may feel like inspection';
  return 'guarded hosts and soft reviewers: little is learnt';
}

export class Narrator {
  /** Display name of the current head in each leader slot. */
  readonly names: string[];
  private readonly mem: Perceptions;
  private newcomers = 0;
  private readonly detail: boolean;
  /** What one tick is called in the log. */
  private readonly period: string;

  constructor(
    private readonly model: SchoolModel,
    opts: { detail: boolean },
  ) {
    this.detail = opts.detail;
    this.period = periodName(model.state.ticksPerYear);
    this.names = model.state.leaders.names.map(shortName);
    this.mem = new Perceptions(model, this.period);
  }

  /**
   * The groups and network were rebuilt: start comparing relationships and groups afresh (turnover
   * and grades still compare). `duringTick`: rebuilt inside the tick about to be narrated, whose
   * relationships then have no comparable "before".
   */
  restructure(duringTick = false): void {
    this.mem.restructure(duringTick);
  }

  /** Re-read the state without narrating (after a live change that has its own log line). */
  resync(): void {
    this.syncNames();
    this.mem.sync();
  }

  /** Give each newly arrived head a name; returns the changes (slot, who left, who arrived). */
  private syncNames(only?: number): HeadChange[] {
    const L = this.model.state.leaders;
    const prev = this.mem.prev;
    const out: HeadChange[] = [];
    for (let i = 0; i < L.n; i++) {
      if (L.changes[i] === prev.changes[i] || (only !== undefined && i !== only)) continue;
      const round = Math.floor(this.newcomers / NEWCOMER_NAMES.length);
      const name = this.detail
        ? NEWCOMER_NAMES[this.newcomers % NEWCOMER_NAMES.length] + (round > 0 ? ` ${round + 1}` : '')
        : `the new head of ${this.school(i)}`;
      this.newcomers++;
      out.push({ slot: i, left: this.names[i], arrived: name });
      this.names[i] = name;
      prev.changes[i] = L.changes[i];
    }
    return out;
  }

  private school(i: number): string {
    return this.model.state.schools.names[this.model.state.leaders.school[i]];
  }

  /** Log lines for an event fired by the room or scheduled in the scenario. */
  eventLines(ev: TimelineEvent, opts: EventLineOptions): LogEntry[] {
    const st = this.model.state;
    const out = eventEntries(ev, {
      tick: opts.tick,
      when: whenLabel(opts.tick, st.ticksPerYear),
      by: opts.source === 'scenario' ? ' (scheduled in the scenario)' : '',
      detail: this.detail,
      names: this.names,
      who: (ref) => {
        const s = typeof ref === 'number' ? ref : st.schools.names.indexOf(ref);
        return s < 0 ? -1 : st.schools.leader[s];
      },
      school: (slot) => this.school(slot),
      syncNames: (only) => this.syncNames(only),
    });
    // Perceptions changed by a room event are part of its own line.
    if (opts.resync) this.mem.sync();
    return out.map(capitalise);
  }

  /**
   * Log lines for what happened in tick `tick` (called after the model stepped).
   * `trace`: the tick's interactions (who did what to whom); without it the log
   * has the counts but no stories.
   */
  tickLines(tick: number, trace?: TraceBuffer): LogEntry[] {
    const when = whenLabel(tick, this.model.state.ticksPerYear);
    // Heads who left (natural turnover). Turnover comes after the meetings in a tick, so the
    // tick's interactions are told with the names of the heads who were in post then.
    const before = this.names.slice();
    const changes = this.syncNames();
    const out = this.turnoverLines(tick, when, changes);
    if (this.detail) {
      out.push(...this.meetingLines(tick, when, trace));
      const fresh = new Set(changes.map((c) => c.slot));
      if (trace) out.push(...traceStories({ model: this.model, mem: this.mem, period: this.period, tick, when, trace, names: before, fresh }));
      out.push(...this.reviewLines(tick, when), ...this.gradeLines(tick, when));
    }
    // Localities: the tick's interactions, counted, with a sampled example or two.
    if (!this.detail && trace && trace.total > 0) out.push(localityLine({ model: this.model, period: this.period, tick, when, trace, names: before }));
    out.push(...(this.detail ? this.gateLines(tick, when) : this.crossingLines(tick, when)));
    this.mem.sync();
    this.mem.noDiff = false;
    return out.map(capitalise);
  }

  /** Heads who left: by name in a team, by school in a locality. */
  private turnoverLines(tick: number, when: string, changes: HeadChange[]): LogEntry[] {
    if (this.detail) {
      return changes.map((c) => ({
        tick,
        when,
        kind: 'turnover',
        heads: [c.slot],
        text: `${c.left} moves on from ${this.school(c.slot)}. ${c.arrived} arrives as the new head and has to build every relationship from scratch.`,
      }));
    }
    if (!changes.length) return [];
    const leftNames = changes.map((c) => this.school(c.slot));
    const leftHeads = changes.map((c) => c.slot);
    const n = leftHeads.length;
    const text =
      n === 1
        ? `The head of ${leftNames[0]} left; every relationship with partners restarts.`
        : n <= 4
          ? `Heads left ${leftNames.slice(0, -1).join(', ')} and ${leftNames[n - 1]}; their relationships with partners restart.`
          : `${n} heads left; their relationships with partners restart.`;
    return [{ tick, when, kind: 'turnover', heads: leftHeads, text }];
  }

  /** A team's meetings in the tick, with exact counts (or why there was none). */
  private meetingLines(tick: number, when: string, trace: TraceBuffer | undefined): LogEntry[] {
    const { groups: G, tallies: T } = this.model.state;
    let met = 0;
    for (let g = 0; g < G.n; g++) met += G.meetingsHeld[g] - this.mem.prev.meetings[g];
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
        if (due > 0)
          more.push(
            `${kept === due ? (due === 1 ? 'the one commitment due was' : `all ${due} commitments due were`) : `${kept} of ${due} commitments due were`} kept`,
          );
        if (vul > 0)
          more.push(`${vul} admission${vul === 1 ? '' : 's'} of a weakness, ${backed === vul ? (vul === 1 ? 'met' : 'all met') : `${backed}`} with support`);
      }
      return [{ tick, when, kind: 'meeting', text: `The heads met${met > 1 ? ` ${met} times` : ''}: ${chal}${more.length ? `; ${more.join('; ')}` : ''}.` }];
    }
    if (G.n === 0) return [];
    const lead = G.partnershipLead[0] ? '' : ' (no partnership lead to keep the date)';
    return [{ tick, when, kind: 'meeting', text: `No meeting this ${this.period}${lead}.` }];
  }

  /** Peer-review visits of the tick (exact means). */
  private reviewLines(tick: number, when: string): LogEntry[] {
    const T = this.model.state.tallies;
    if (T.reviewCount <= 0) return [];
    const honesty = T.reviewHonestySum / T.reviewCount;
    const rigour = T.reviewRigourSum / T.reviewCount;
    return [
      {
        tick,
        when,
        kind: 'review',
        text: `Peer-review visits: host honesty ${f2(honesty)}, reviewer rigour ${f2(rigour)}; ${reviewVerdict(honesty, rigour)}.`,
      },
    ];
  }

  /** Schools whose grade changed in the tick. */
  private gradeLines(tick: number, when: string): LogEntry[] {
    const S = this.model.state.schools;
    const prev = this.mem.prev;
    const out: LogEntry[] = [];
    for (let s = 0; s < S.n; s++) {
      if (S.grade[s] === prev.grade[s]) continue;
      const up = S.grade[s] > prev.grade[s];
      out.push({
        tick,
        when,
        kind: 'grade',
        heads: [S.leader[s]],
        text: `${S.names[s]} ${up ? 'rises' : 'slips'} from ${GRADE_BANDS[prev.grade[s]].label} to ${GRADE_BANDS[S.grade[s]].label} (effectiveness ${f2(S.effectiveness[s])}).`,
      });
    }
    return out;
  }

  /** Lencioni gates in a team: when the level that holds the team back changes. */
  private gateLines(tick: number, when: string): LogEntry[] {
    const G = this.model.state.groups;
    const out: LogEntry[] = [];
    for (let g = 0; g < G.n; g++) {
      if (G.kind[g] !== PARTNERSHIP_KIND || G.binding[g] === this.mem.prev.binding[g]) continue;
      const b = G.binding[g];
      if (b === 0)
        out.push({
          tick,
          when,
          kind: 'gate',
          text: `No level of the pyramid is held back by the one beneath it now: each has reached what the heads' traits allow.`,
        });
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
    return out;
  }

  /** Localities: partnerships whose trust crosses 0.4 or 0.6. */
  private crossingLines(tick: number, when: string): LogEntry[] {
    const G = this.model.state.groups;
    const lines: string[] = [];
    for (let g = 0; g < G.n; g++) {
      const before = this.mem.prev.levels[g * 5];
      const now = G.lTrust[g];
      for (const th of [0.4, 0.6]) {
        if (before < th && now >= th) lines.push(`${G.names[g]} rose above ${th}`);
        else if (before >= th && now < th) lines.push(`${G.names[g]} fell below ${th}`);
      }
    }
    if (!lines.length) return [];
    return [
      { tick, when, kind: 'gate', text: `Partnership trust: ${lines.slice(0, 6).join('; ')}${lines.length > 6 ? `; and ${lines.length - 6} more` : ''}.` },
    ];
  }
}
