/**
 * A live run for the workshop: the CLI's model (createModel from
 * src/simulate.ts) stepped one tick at a time, with the room's changes
 * applied between ticks, a plain-language log, and snapshots for the page.
 *
 * `Bench` holds the main run (A) and, in the what-if view, a copy (B) built
 * from the same setup and seed that differs in one setting.
 *
 * Platform-free: the Web Worker runs it, and so do the Node tests.
 */
import { Document, parseDocument } from 'yaml';
import { ScenarioSchema, TimelineEventSchema, type Scenario, type TimelineEvent } from '../../scenario/schema.ts';
import { createModel } from '../../simulate.ts';
import type { SchoolModel } from '../../model/model.ts';
import { eventTick } from '../../model/rules/events.ts';
import { strongShare } from '../../model/policy/mats.ts';
import { applyNow, applySetting, TraitMemory } from './controls.ts';
import { Narrator, whenLabel, type LogEntry } from './narrate.ts';
import { LOCALITY_DETAIL_CAP, TEAM_DETAIL_CAP, TraceBuffer } from './trace.ts';
import type { Mode, PresetInfo, SessionId, Snapshot, StaticInfo, WhatIf } from './protocol.ts';
import {
  EVENT_SETTINGS,
  PRACTICES,
  PRACTICE_KEYS,
  SETTINGS,
  SETTING_KEYS,
  defaultSetup,
  encodeHash,
  isTeamPreset,
  namedCount,
  scenarioInputOf,
  settingEvent,
  startSettings,
  timelineEventOf,
  type PracticeFlags,
  type PracticeKey,
  type PresetLike,
  type RoomEvent,
  type RoomEventKind,
  type SettingKey,
  type Settings,
  type Setup,
  type UiPrefs,
} from './setup.ts';

/** Capacity of a live run: the model is created for this many years (the schema's maximum), so the room can keep going. */
export const HORIZON_YEARS = 100;

type Raw = Record<string, any>;

export interface Preset extends PresetLike {
  info: PresetInfo;
  raw: Raw;
  text: string;
  resolved: Partial<Settings>;
}

/** A problem with a scenario file, with the path of each offending key. */
export class ScenarioProblem extends Error {
  constructor(readonly file: string, readonly issues: string[]) {
    super(`${file}: ${issues.join('; ')}`);
    this.name = 'ScenarioProblem';
  }
}

/** Parse and validate a scenario file's text (YAML or JSON) the way the CLI does: core schema, no custom tags, schema check. */
export function readScenarioText(file: string, text: string): Raw {
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), {
    schema: 'core',
    customTags: [],
    resolveKnownTags: false,
    merge: false,
    uniqueKeys: true,
  });
  const yamlIssues = [...doc.errors, ...doc.warnings].map((e) => {
    const at = e.linePos?.[0];
    return `${at ? `line ${at.line}, column ${at.col}: ` : ''}${e.message.split('\n')[0]}`;
  });
  if (yamlIssues.length) throw new ScenarioProblem(file, yamlIssues);
  const raw = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ScenarioProblem(file, ['the file must hold a mapping of scenario keys']);
  const r = ScenarioSchema.safeParse(raw);
  if (!r.success) throw new ScenarioProblem(file, r.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`));
  return raw as Raw;
}

const firstSentence = (s: string) => (s.split(/(?<=\.)\s/)[0] ?? s).trim();

export function makePreset(id: string, file: string, text: string): Preset {
  const raw = readScenarioText(file, text);
  const team = isTeamPreset(raw);
  const parsed = ScenarioSchema.parse(raw);
  // Some settings come from a locality preset, not from the file: ask the model.
  const probe = createModel(parsed, { seed: parsed.seed, years: parsed.ticksPerYear > 0 ? 1 / parsed.ticksPerYear : 1 });
  const loc = probe.state.policy?.localities[0];
  const resolved: Partial<Settings> = { competition: loc?.choice ?? 0, matOpenness: loc?.matOpenShare ?? 1 };
  const count = namedCount(raw) || probe.state.schools.n;
  const name = typeof raw.name === 'string' ? raw.name : id;
  return {
    id,
    raw,
    text,
    resolved,
    info: {
      id,
      file,
      name,
      title: titleOf(name, team, count),
      question: parsed.question,
      description: firstSentence(parsed.description),
      mode: team ? 'team' : 'locality',
      schools: count,
    },
  };
}

function titleOf(name: string, team: boolean, n: number): string {
  const words = name.replace(/[-_.]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
  return team ? `${words} (${n} heads)` : `${words} (${n} schools)`;
}

const isPractice = (k: string): k is PracticeKey => (PRACTICE_KEYS as readonly string[]).includes(k);

/** Leader trait arrays in snapshot order. */
const TRAIT_ARRAYS = ['openness', 'candour', 'propensity', 'competitiveness', 'followThrough', 'moralPurpose', 'competence'] as const;

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

  constructor(readonly id: SessionId, readonly preset: Preset, setup: Setup) {
    this.setup = JSON.parse(JSON.stringify(setup)) as Setup;
    this.mode = preset.info.mode;
    // Room events from before the first tick are applied live (as the room did);
    // later ones are scheduled through the scenario's timeline.
    const early = this.setup.events.filter((e) => e.tick <= 1);
    const input = scenarioInputOf(preset, { ...this.setup, events: this.setup.events.filter((e) => e.tick > 1) });
    const r = ScenarioSchema.safeParse(input);
    if (!r.success) throw new ScenarioProblem(preset.info.file, r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    this.scenario = r.data;
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
    for (const ev of this.scenario.timeline) {
      const t = eventTick(ev, this.scenario.ticksPerYear);
      if (!this.scheduled.has(t)) this.scheduled.set(t, []);
      this.scheduled.get(t)!.push(ev);
    }
    for (const ev of this.setup.events) {
      if (ev.kind !== 'set' || ev.tick <= 1) continue;
      if (!this.scheduledSets.has(ev.tick)) this.scheduledSets.set(ev.tick, []);
      this.scheduledSets.get(ev.tick)!.push(ev);
    }
    for (const ev of early) if (ev.kind !== 'set') this.fire(ev.kind, this.schoolRef(ev.school), false, ev.args);
    this.edgesRef = this.state.edges;
    this.groupsRef = this.state.groups;
  }

  get state() {
    return this.model.state;
  }

  get horizon(): number {
    return this.model.ticks;
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

  /** Advance one tick. Returns false at the end of the run's capacity. */
  step(): boolean {
    if (this.tick >= this.model.ticks) return false;
    const t = this.tick + 1;
    this.trace.clear(t);
    this.model.step(t);
    // Departures from events the room fired before this tick belong to this tick (as in a scheduled run).
    this.state.tallies.departuresThisTick += this.pendingDepartures;
    this.pendingDepartures = 0;
    this.model.observe(t);
    this.tick = t;
    this.effHistory.set(this.state.schools.effectiveness, t * this.state.schools.n);
    const sets = this.scheduledSets.get(t);
    if (sets) for (const e of sets) this.noteCurrent(e.key!, e.value!);
    this.checkStructure(true);
    const sched = this.scheduled.get(t);
    if (sched) for (const ev of sched) this.log.push(...this.narrator.eventLines(ev, t, 'scenario', false));
    this.log.push(...this.narrator.tickLines(t, this.trace));
    return true;
  }

  private noteCurrent(key: SettingKey | PracticeKey, value: number | boolean): void {
    if (isPractice(key)) this.current.practices[key] = Boolean(value);
    else this.current.settings[key] = Number(value);
  }

  /** Why a setting or event cannot be used in this run now (absent when it can). */
  unsupported(): Partial<Record<SettingKey | RoomEventKind, string>> {
    const P = this.state.policy;
    const out: Partial<Record<SettingKey | RoomEventKind, string>> = {};
    if (!P) {
      out.matOpenness = 'This version of the model has no trusts.';
      out.matForms = 'This version of the model has no trusts.';
      out.competition = 'This version of the model has no competition.';
    } else if (P.mats.length === 0) out.matOpenness = 'No school is in a trust yet (try "A MAT forms").';
    if (this.mode === 'team') out.turnoverShock = 'Shown in locality mode.';
    return out;
  }

  /** Fire a room event now (it takes effect before the next tick). Returns an error message, or null. */
  fire(kind: RoomEventKind, school: number | undefined, record = true, args?: RoomEvent['args']): string | null {
    const needsSchool = kind === 'leaderLeaves' || kind === 'inspectionDowngrade' || kind === 'hiddenAgenda';
    if (needsSchool && (school === undefined || school < 0 || school >= this.state.schools.n)) return 'Pick a head first.';
    const why = this.unsupported()[kind];
    if (why && kind !== 'turnoverShock') return why;
    if (kind === 'matForms' && !args) {
      // One year of consolidation: a share of the schools not yet in a strong trust join one.
      const rate = this.mode === 'team' ? Math.round((3 / this.state.schools.n) * 1e6) / 1e6 : 0.1;
      const now = strongShare(this.state, this.scenario.mats.strongSize);
      args = { rate, until: Math.min(1, Math.round((now + rate) * 1e6) / 1e6), openness: 'keep' };
    }
    const names = this.state.schools.names;
    const ref = school === undefined ? undefined : names.indexOf(names[school]) === school ? names[school] : school;
    const room: RoomEvent = { kind, tick: this.tick + 1 };
    if (ref !== undefined && needsSchool) room.school = ref;
    if (args) room.args = args;
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
    this.log.push(...this.narrator.eventLines(ev, this.tick + 1, 'room', true));
    this.checkStructure();
    return null;
  }

  /** Change a slider or a practice after the start. */
  setLive(key: SettingKey | PracticeKey, value: number | boolean): boolean {
    const old = isPractice(key) ? this.current.practices[key] : this.current.settings[key];
    if (old === value) return true;
    const when = whenLabel(this.tick + 1, this.state.ticksPerYear);
    if (EVENT_SETTINGS.includes(key)) {
      // A change the scenario format can say: apply it as the timeline event, and record it.
      const raw = settingEvent(key, value, old, (this.tick + 1) / this.state.ticksPerYear);
      if (raw) {
        const ev = TimelineEventSchema.parse(raw);
        if (ev.event === 'matOpenness' || ev.event === 'competition') {
          if (!this.state.policy) return false;
        }
        applyNow(this.model, ev);
        this.setup.events.push({ kind: 'set', tick: this.tick + 1, key, value, from: old });
      }
    } else {
      if (isPractice(key) || !applySetting(this.model, this.memory, key, Number(value))) return false;
      this.setup.settings[key] = Number(value);
      if (!this.midRun.includes(key)) this.midRun.push(key);
    }
    this.noteCurrent(key, value);
    const st = SETTINGS.find((d) => d.key === key);
    const pr = PRACTICES.find((d) => d.key === key);
    const text = st
      ? `The room ${Number(value) > Number(old) ? 'raises' : 'lowers'} ${st.label.toLowerCase()} to ${st.format(Number(value))}, from now on.`
      : `The room ${value ? 'adopts' : 'drops'} ${pr!.label.toLowerCase()} in every partnership, from now on.`;
    this.log.push({ tick: this.tick, when, kind: 'setting', text });
    this.narrator.resync();
    this.checkStructure();
    return true;
  }

  staticInfo(): StaticInfo {
    const { schools: S, leaders: L, edges: E, groups: G } = this.state;
    const P = this.state.policy;
    return {
      id: this.id,
      mode: this.mode,
      preset: this.preset.info,
      setup: this.setup,
      structure: this.structure,
      scenarioName: this.scenario.name,
      ticksPerYear: this.scenario.ticksPerYear,
      horizon: this.model.ticks,
      keys: this.model.observer.rec.keys,
      kmPerUnit: P?.kmPerUnit ?? 10,
      schools: {
        names: S.names.slice(),
        x: S.x.slice(),
        y: S.y.slice(),
        pupils: S.pupils.slice(),
        phase: S.phase.slice(),
        disadvantaged: S.disadvantaged.slice(),
      },
      leaderSchool: L.school.slice(),
      edges: { src: E.src.slice(), dst: E.dst.slice(), rev: E.rev.slice() },
      groups: {
        names: G.names.slice(),
        kind: G.kind.slice(),
        memberStart: G.memberStart.slice(),
        members: G.members.slice(),
      },
      mats: (P?.mats ?? []).map((m) => ({ name: m.name, open: m.open, local: m.local })),
      hubs: (P?.hubs ?? [])
        .filter((h) => !h.closed)
        .map((h) => ({ name: h.name, kind: h.kind, lead: h.lead, x: h.x, y: h.y, active: h.active })),
      unsupported: this.unsupported(),
    };
  }

  /** The state now, plus the series rows and log lines since the last snapshot, and the last tick's interactions. */
  snapshot(): Snapshot {
    const { schools: S, leaders: L, edges: E, groups: G } = this.state;
    const levels = new Float32Array(G.n * 5);
    const practices = new Uint8Array(G.n * 5);
    for (let g = 0; g < G.n; g++) {
      levels[g * 5] = G.lTrust[g];
      levels[g * 5 + 1] = G.lConflict[g];
      levels[g * 5 + 2] = G.lCommitment[g];
      levels[g * 5 + 3] = G.lAccountability[g];
      levels[g * 5 + 4] = G.lResults[g];
      practices[g * 5] = G.codeOfConduct[g];
      practices[g * 5 + 1] = G.partnershipLead[g];
      practices[g * 5 + 2] = G.informalTime[g];
      practices[g * 5 + 3] = G.writtenRoles[g];
      practices[g * 5 + 4] = G.peerReview[g];
    }
    const traits = new Float32Array(L.n * 7);
    for (let i = 0; i < L.n; i++) for (let k = 0; k < 7; k++) traits[i * 7 + k] = L[TRAIT_ARRAYS[k]][i];
    const rec = this.model.observer.rec;
    const nk = rec.keys.length;
    const rowStart = this.sentRows;
    const rowEnd = this.tick + 1;
    const rows = rec.values.slice(rowStart * nk, rowEnd * nk);
    const schoolRows = this.effHistory.slice(rowStart * S.n, rowEnd * S.n);
    this.sentRows = rowEnd;
    const log = this.log;
    this.log = [];
    const P = this.state.policy;
    const engaged = new Uint8Array(S.n);
    if (P) for (let sc = 0; sc < S.n; sc++) for (let k = 0; k < 3; k++) if (P.engaged[sc * 3 + k]) engaged[sc] = 1;
    return {
      id: this.id,
      tick: this.tick,
      structure: this.structure,
      names: this.narrator.names.slice(),
      trust: E.trust.slice(),
      respect: E.respect.slice(),
      regard: E.regard.slice(),
      competence: E.competence.slice(),
      integrity: E.integrity.slice(),
      levels,
      binding: G.binding.slice(),
      effectiveness: S.effectiveness.slice(),
      grade: S.grade.slice(),
      internalTrust: S.internalTrust.slice(),
      improving: S.improving.slice(),
      mat: S.mat.slice(),
      governance: S.governance.slice(),
      engaged,
      traits,
      changes: L.changes.slice(),
      practices,
      meetingsPerYear: G.meetingsPerYear.slice(),
      rowStart,
      rows,
      schoolRows,
      log,
      trace: this.trace.pack(),
    };
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
    const input = scenarioInputOf(this.preset, this.setup) as Raw;
    const tpy = this.scenario.ticksPerYear;
    const yearsNow = Math.ceil(this.tick / tpy);
    if (yearsNow > (input.years ?? 5)) input.years = Math.min(100, yearsNow);
    const baseName = String(input.name ?? this.preset.info.id).replace(/[^A-Za-z0-9_.-]/g, '-');
    input.name = /-workshop$/.test(baseName) ? baseName : `${baseName}-workshop`;
    const n = this.setup.events.length;
    const note = [
      `Exported from the collabsim workshop after ${this.tick} ticks (${whenLabel(this.tick, tpy)}) with seed ${this.setup.seed}.`,
      n ? `What the room did during the run (${n} event${n === 1 ? '' : 's'}) is in the timeline.` : '',
      this.midRun.length
        ? `Settings changed during the run that have no timeline event (${this.midRun.join(', ')}) are written here as starting values, so a run of this file follows the room's run only up to the first of those changes.`
        : "A run of this file with the same seed reproduces the room's run.",
    ]
      .filter(Boolean)
      .join(' ');
    input.description = [input.description, note].filter(Boolean).join(' ');
    // Key order: the usual order of a scenario file.
    const order = ['name', 'question', 'description', 'seed', 'years', 'ticksPerYear', 'locality', 'schools', 'leaders', 'partnerships', 'mats', 'hubs', 'competition', 'spanners', 'turnover', 'model', 'timeline', 'output'];
    const sorted: Raw = {};
    for (const k of order) if (k in input) sorted[k] = input[k];
    for (const k of Object.keys(input)) if (!(k in sorted)) sorted[k] = input[k];
    const doc = new Document(sorted);
    doc.commentBefore = [' Scenario exported from the collabsim workshop.', ` Run it with: collabsim run ${input.name}.yaml --out results/${input.name}`].join('\n');
    return { fileName: `${input.name}.yaml`, text: doc.toString({ lineWidth: 0 }) };
  }
}

// ---------------------------------------------------------------------------
// Bench: the main run and its what-if copy
// ---------------------------------------------------------------------------

export class Bench {
  a!: Session;
  b: Session | null = null;
  whatIf: WhatIf | null = null;
  ui: UiPrefs = {};

  constructor(readonly presets: Map<string, Preset>) {}

  preset(id: string): Preset {
    const p = this.presets.get(id);
    if (!p) throw new Error(`unknown preset '${id}'`);
    return p;
  }

  /** Build the runs for a setup (and what-if) from tick 0. */
  load(setup: Setup, whatIf: WhatIf | null = this.whatIf): void {
    const preset = this.preset(setup.preset);
    const a = new Session('A', preset, { ...setup, events: setup.events });
    this.a = a;
    this.whatIf = whatIf;
    this.b = whatIf ? new Session('B', preset, variantSetup(setup, whatIf)) : null;
  }

  sessions(): Session[] {
    return this.b ? [this.a, this.b] : [this.a];
  }

  get tick(): number {
    return this.a.tick;
  }

  step(): boolean {
    let moved = false;
    for (const s of this.sessions()) moved = s.step() || moved;
    return moved;
  }

  /** Rebuild from tick 0 with the settings in force now; the room's events are cleared. */
  setupAgain(): void {
    this.load(this.fresh());
  }

  /** The setup with the settings in force now as starting values, and no events. */
  fresh(): Setup {
    return { ...this.a.setup, settings: { ...this.a.current.settings }, practices: { ...this.a.current.practices }, events: [] };
  }

  /** Back to the preset's own settings. */
  reset(): void {
    this.load(defaultSetup(this.preset(this.a.setup.preset)));
  }

  reseed(seed: number): void {
    this.load({ ...this.fresh(), seed: seed >>> 0 });
  }

  /** Change a slider: before the start it rebuilds the runs (so a file or link reproduces them); later it acts live. */
  set(key: SettingKey, value: number): void {
    if (this.tick === 0) {
      const setup = { ...this.a.setup, settings: { ...this.a.setup.settings, [key]: value } };
      this.load(setup);
      return;
    }
    this.a.setLive(key, value);
    if (this.b && this.whatIf?.key !== key) this.b.setLive(key, value);
  }

  practice(key: PracticeKey, on: boolean): void {
    if (this.tick === 0) {
      this.load({ ...this.a.setup, practices: { ...this.a.setup.practices, [key]: on } });
      return;
    }
    this.a.setLive(key, on);
    if (this.b && this.whatIf?.key !== key) this.b.setLive(key, on);
  }

  teamSize(n: number): void {
    this.load({ ...this.fresh(), teamSize: n });
  }

  fire(kind: RoomEventKind, school: number | undefined): string | null {
    let err: string | null = null;
    for (const s of this.sessions()) err = s.fire(kind, school) ?? err;
    return err;
  }

  setWhatIf(w: WhatIf | null): void {
    this.load(this.fresh(), w);
  }

  hash(): string {
    return encodeHash(this.a.setup, this.preset(this.a.setup.preset), this.ui);
  }
}

/** Copy B of a what-if: the same setup with one setting changed. */
export function variantSetup(setup: Setup, w: WhatIf): Setup {
  const v = JSON.parse(JSON.stringify(setup)) as Setup;
  if ((SETTING_KEYS as readonly string[]).includes(w.key)) v.settings[w.key as SettingKey] = Number(w.value);
  else if ((PRACTICE_KEYS as readonly string[]).includes(w.key)) v.practices[w.key as PracticeKey] = Boolean(w.value);
  return v;
}
