/**
 * A live run for the workshop: the CLI's model (createModel) stepped one tick
 * at a time, with the room's changes applied between ticks, a plain-language
 * log, and snapshots for the page. bench.ts holds the main run and its
 * what-if copy.
 *
 * Platform-free: the Web Worker runs it, and so do the Node tests.
 */
import { applyNow, applySetting, TraitMemory } from './controls.ts';
import {
  createModel,
  eventTick,
  MAX_YEARS,
  ScenarioSchema,
  strongShare,
  TimelineEventSchema,
  type SchoolModel,
  type Scenario,
  type TimelineEvent,
} from './model-api.ts';
import { Narrator } from './narrate.ts';
import { whenLabel, type LogEntry } from './narrate-text.ts';
import { exportYaml } from './export-yaml.ts';
import type { Mode, SessionId, Snapshot, StaticInfo } from './protocol.ts';
import { ScenarioProblem, type Preset } from './scenario-file.ts';
import { scenarioInputOf, settingEvent, timelineEventOf } from './scenario-input.ts';
import { clone, startSettings } from './setup.ts';
import { EVENT_SETTINGS, PRACTICES, SETTINGS, isPracticeKey, needsSchool } from './settings.ts';
import type { PracticeFlags, PracticeKey, RoomEvent, RoomEventKind, SettingKey, Settings, Setup } from './settings.ts';
import { packSnapshot, packStatic } from './snapshot.ts';
import { LOCALITY_DETAIL_CAP, TEAM_DETAIL_CAP, TraceBuffer } from './trace.ts';

/** Capacity of a live run: the model is created for this many years (the schema's maximum), so the room can keep going. */
const HORIZON_YEARS = MAX_YEARS;

/** How a room event is fired: recorded in the setup (the default) or not, and with the timeline event's extra fields. */
export interface FireOptions {
  record?: boolean;
  args?: RoomEvent['args'];
}

type Unsupported = Partial<Record<SettingKey | RoomEventKind, string>>;

export class Session {
  readonly model: SchoolModel;
  readonly scenario: Scenario;
  /** Preset, seed, starting settings and the room's timeline (what a file or link reproduces). */
  readonly setup: Setup;
  /** The settings in force now (the sliders show these). */
  readonly current: { settings: Settings; practices: PracticeFlags };
  readonly mode: Mode;
  readonly narrator: Narrator;
  /** The last tick's interactions (the model reports them to `trace.sink`, set as `model.ctx.trace`). */
  readonly trace: TraceBuffer;
  readonly memory = new TraitMemory();
  tick = 0;
  /** Settings changed during the run that no timeline event can say (a file or link starts with the new value). */
  readonly midRun: string[] = [];
  /** Bumped when the groups or the relationship network are rebuilt (the page redraws its layout). */
  structure = 0;
  private pendingDepartures = 0;
  private log: LogEntry[] = [];
  private sentRows = 0;
  private readonly scheduled = new Map<number, TimelineEvent[]>();
  /** Setting changes scheduled from the setup's timeline, by tick (to keep `current` in step). */
  private readonly scheduledSets = new Map<number, RoomEvent[]>();
  /** Effectiveness of each school at each observed tick: [tick * nSchools + school]. */
  private readonly effHistory: Float64Array;
  private edgesRef: unknown;
  private groupsRef: unknown;

  constructor(
    readonly id: SessionId,
    readonly preset: Preset,
    setup: Setup,
  ) {
    this.setup = clone(setup);
    this.mode = preset.info.mode;
    // Room events from before the first tick are applied live (as the room did);
    // later ones are scheduled through the scenario's timeline.
    const early = this.setup.events.filter((e) => e.tick <= 1);
    const input = scenarioInputOf(preset, { ...this.setup, events: this.setup.events.filter((e) => e.tick > 1) });
    const r = ScenarioSchema.safeParse(input);
    if (!r.success)
      throw new ScenarioProblem(
        preset.info.file,
        r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      );
    // The room watches every tick: a scenario recorded once a year (output.every) is recorded every tick here.
    this.scenario = r.data.output.every === 'year' ? { ...r.data, output: { ...r.data.output, every: 'tick' } } : r.data;
    this.model = createModel(this.scenario, { seed: this.setup.seed, years: HORIZON_YEARS });
    // Who did what to whom in each tick, for the log and the page (changes nothing in the run).
    this.trace = new TraceBuffer(this.mode === 'team' ? TEAM_DETAIL_CAP : LOCALITY_DETAIL_CAP);
    this.model.ctx.trace = this.trace.sink;
    this.model.observe(0);
    const start = startSettings(this.setup);
    this.current = { settings: { ...start.settings }, practices: { ...start.practices } };
    this.effHistory = new Float64Array((this.model.ticks + 1) * this.state.schools.n);
    this.effHistory.set(this.state.schools.effectiveness, 0);
    this.narrator = new Narrator(this.model, { detail: this.mode === 'team' });
    this.schedule();
    for (const ev of early) if (ev.kind !== 'set') this.fire(ev.kind, this.schoolRef(ev.school), { record: false, args: ev.args });
    this.edgesRef = this.state.edges;
    this.groupsRef = this.state.groups;
  }

  /** Index the scenario's timeline and the setup's later setting changes by tick. */
  private schedule(): void {
    const push = <T>(m: Map<number, T[]>, t: number, x: T) => {
      const list = m.get(t);
      if (list) list.push(x);
      else m.set(t, [x]);
    };
    for (const ev of this.scenario.timeline) push(this.scheduled, eventTick(ev, this.scenario.ticksPerYear), ev);
    for (const ev of this.setup.events) if (ev.kind === 'set' && ev.tick > 1) push(this.scheduledSets, ev.tick, ev);
  }

  get state() {
    return this.model.state;
  }

  private schoolRef(ref: string | number | undefined): number | undefined {
    if (ref === undefined) return undefined;
    if (typeof ref === 'number') return ref;
    const i = this.state.schools.names.indexOf(ref);
    return i < 0 ? undefined : i;
  }

  /** Whether the groups or the network were rebuilt since the last call (`duringTick`: by the tick just run). */
  private checkStructure(duringTick = false): void {
    if (this.state.edges !== this.edgesRef || this.state.groups !== this.groupsRef) {
      this.edgesRef = this.state.edges;
      this.groupsRef = this.state.groups;
      this.structure++;
      this.narrator.restructure(duringTick);
    }
  }

  /** Last tick of the run as set up: the scenario's horizon, moved on by extend(). */
  endTick = 0;

  /** Whether the run has reached its horizon. */
  get atEnd(): boolean {
    return this.tick >= this.endTick;
  }

  /** Move the horizon on by the scenario's length (up to the model's capacity). */
  extend(): void {
    this.endTick = Math.min(this.model.ticks, this.endTick + this.scenarioTicks());
  }

  private scenarioTicks(): number {
    return Math.max(1, Math.round(this.scenario.years * this.scenario.ticksPerYear));
  }

  /** Advance one tick. Returns false at the horizon (the scenario's years, or as extended) or the run's capacity. */
  step(): boolean {
    if (this.endTick === 0) this.endTick = Math.min(this.model.ticks, this.scenarioTicks());
    if (this.tick >= this.endTick || this.tick >= this.model.ticks) return false;
    const t = this.tick + 1;
    this.trace.clear(t);
    this.model.step(t);
    // Departures from events the room fired before this tick belong to this tick (as in a scheduled run).
    this.state.tallies.departuresThisTick += this.pendingDepartures;
    this.pendingDepartures = 0;
    this.model.observe(t);
    this.tick = t;
    this.effHistory.set(this.state.schools.effectiveness, t * this.state.schools.n);
    for (const e of this.scheduledSets.get(t) ?? []) if (e.key !== undefined && e.value !== undefined) this.noteCurrent(e.key, e.value);
    this.checkStructure(true);
    for (const ev of this.scheduled.get(t) ?? []) this.log.push(...this.narrator.eventLines(ev, { tick: t, source: 'scenario', resync: false }));
    this.log.push(...this.narrator.tickLines(t, this.trace));
    return true;
  }

  private noteCurrent(key: SettingKey | PracticeKey, value: number | boolean): void {
    if (isPracticeKey(key)) this.current.practices[key] = Boolean(value);
    else this.current.settings[key] = Number(value);
  }

  /** Why a setting or event cannot be used in this run now (absent when it can). */
  unsupported(): Unsupported {
    const P = this.state.policy;
    const out: Unsupported = {};
    if (!P) {
      out.matOpenness = 'This version of the model has no trusts.';
      out.matForms = 'This version of the model has no trusts.';
      out.competition = 'This version of the model has no competition.';
    } else if (P.mats.length === 0) out.matOpenness = 'No school is in a trust yet (try "A MAT forms").';
    if (this.mode === 'team') out.turnoverShock = 'Shown in locality mode.';
    return out;
  }

  /** One year of consolidation: a share of the schools not yet in a strong trust join one. */
  private consolidationArgs(): RoomEvent['args'] {
    const rate = this.mode === 'team' ? Math.round((3 / this.state.schools.n) * 1e6) / 1e6 : 0.1;
    const now = strongShare(this.state, this.scenario.mats.strongSize);
    return { rate, until: Math.min(1, Math.round((now + rate) * 1e6) / 1e6), openness: 'keep' };
  }

  /** The room's record of an event fired now: the school by name (by index when names repeat). */
  private roomEvent(kind: RoomEventKind, school: number | undefined, args: RoomEvent['args']): RoomEvent {
    const names = this.state.schools.names;
    const ref = school === undefined ? undefined : names.indexOf(names[school]) === school ? names[school] : school;
    const room: RoomEvent = { kind, tick: this.tick + 1 };
    if (ref !== undefined && needsSchool(kind)) room.school = ref;
    if (args) room.args = args;
    return room;
  }

  /** Fire a room event now (it takes effect before the next tick). Returns an error message, or null. */
  fire(kind: RoomEventKind, school: number | undefined, opts: FireOptions = {}): string | null {
    const { record = true } = opts;
    if (needsSchool(kind) && (school === undefined || school < 0 || school >= this.state.schools.n)) return 'Pick a head first.';
    const why = this.unsupported()[kind];
    if (why && kind !== 'turnoverShock') return why;
    const args = kind === 'matForms' && !opts.args ? this.consolidationArgs() : opts.args;
    const room = this.roomEvent(kind, school, args);
    const raw = timelineEventOf(room, this.state.ticksPerYear);
    if (!raw) return 'This event cannot be applied here.';
    const parsed = TimelineEventSchema.safeParse(raw);
    if (!parsed.success) return `This event cannot be applied: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
    const ev = parsed.data;
    const T = this.state.tallies;
    const before = T.departuresTotal;
    applyNow(this.model, ev);
    this.pendingDepartures += T.departuresTotal - before;
    if (record) this.setup.events.push(room);
    this.log.push(...this.narrator.eventLines(ev, { tick: this.tick + 1, source: 'room', resync: true }));
    this.checkStructure();
    return null;
  }

  /** A change the scenario format can say: apply it as the timeline event, and record it. Returns false when this model cannot. */
  private setByEvent(key: SettingKey | PracticeKey, value: number | boolean, old: number | boolean): boolean {
    const raw = settingEvent({ key, value, from: old, year: (this.tick + 1) / this.state.ticksPerYear });
    if (!raw) return true;
    const ev = TimelineEventSchema.parse(raw);
    if ((ev.event === 'matOpenness' || ev.event === 'competition') && !this.state.policy) return false;
    applyNow(this.model, ev);
    this.setup.events.push({ kind: 'set', tick: this.tick + 1, key, value, from: old });
    return true;
  }

  /** Change a slider or a practice after the start. */
  setLive(key: SettingKey | PracticeKey, value: number | boolean): boolean {
    const old = isPracticeKey(key) ? this.current.practices[key] : this.current.settings[key];
    if (old === value) return true;
    if (EVENT_SETTINGS.includes(key)) {
      if (!this.setByEvent(key, value, old)) return false;
    } else {
      if (isPracticeKey(key) || !applySetting(this.model, this.memory, key, Number(value))) return false;
      this.setup.settings[key] = Number(value);
      if (!this.midRun.includes(key)) this.midRun.push(key);
    }
    this.noteCurrent(key, value);
    const when = whenLabel(this.tick + 1, this.state.ticksPerYear);
    this.log.push({ tick: this.tick, when, kind: 'setting', text: settingLine(key, value, old) });
    this.narrator.resync();
    this.checkStructure();
    return true;
  }

  staticInfo(): StaticInfo {
    const { id, mode, preset, setup, structure, scenario, model } = this;
    return packStatic({ id, mode, preset, setup, structure, scenario, model, unsupported: this.unsupported() });
  }

  /** The state now, plus the series rows and log lines since the last snapshot, and the last tick's interactions. */
  snapshot(): Snapshot {
    const snap = packSnapshot({
      id: this.id,
      tick: this.tick,
      structure: this.structure,
      model: this.model,
      names: this.narrator.names,
      rowStart: this.sentRows,
      effHistory: this.effHistory,
      log: this.log,
      trace: this.trace,
    });
    this.sentRows = this.tick + 1;
    this.log = [];
    return snap;
  }

  /** Start the next snapshot's rows from the beginning (a new page view of the same run). */
  resend(): void {
    this.sentRows = 0;
  }

  /** All series rows observed so far: values[row * keys.length + k]. */
  series(): { keys: StaticInfo['keys']; rows: number; values: Float64Array } {
    const rec = this.model.observer.rec;
    const nk = rec.keys.length;
    return { keys: rec.keys, rows: this.tick + 1, values: rec.values.slice(0, (this.tick + 1) * nk) };
  }

  /** The setup as a scenario file the CLI validates and runs. */
  exportYaml(): { fileName: string; text: string } {
    return exportYaml({ preset: this.preset, setup: this.setup, tick: this.tick, ticksPerYear: this.scenario.ticksPerYear, midRun: this.midRun });
  }
}

/** The log line for a live change of a slider or a practice. */
function settingLine(key: SettingKey | PracticeKey, value: number | boolean, old: number | boolean): string {
  const st = SETTINGS.find((d) => d.key === key);
  if (st) return `The room ${Number(value) > Number(old) ? 'raises' : 'lowers'} ${st.label.toLowerCase()} to ${st.format(Number(value))}, from now on.`;
  const label = PRACTICES.find((d) => d.key === key)?.label ?? key;
  return `The room ${value ? 'adopts' : 'drops'} ${label.toLowerCase()} in every partnership, from now on.`;
}
