/**
 * Setup -> scenario: the scenario (input form, as it would be written in a
 * YAML file) that a workshop setup describes, and the timeline event each of
 * the room's actions stands for. An exported file and a fresh run both start
 * from this, so they follow the room's run.
 *
 * Platform-free: used by the Web Worker and the Node tests.
 */
import { INSPECTION_DROP, MAX_YEARS, SCHEMA_DEFAULTS, type ScenarioInput } from './model-api.ts';
import { clone, presetPractices, presetSettings, startSettings, type PresetLike, type Raw } from './setup.ts';
import { PRACTICE_KEYS, isPracticeKey, type PracticeKey, type RoomEvent, type SettingKey, type Settings, type Setup } from './settings.ts';

/** Spare personas for teams larger than the preset's named list. */
const SPARE_PERSONAS = [
  { school: 'Goxhill Primary', head: 'Gita' },
  { school: 'Holton Primary', head: 'Hal' },
  { school: 'Immingham Primary', head: 'Iris' },
  { school: 'Keelby Primary', head: 'Kez' },
  { school: 'Laceby Primary', head: 'Lou' },
  { school: 'Messingham Primary', head: 'Mo' },
  { school: 'Nettleton Primary', head: 'Nia' },
  { school: 'Owmby Primary', head: 'Oz' },
];

/** Share of heads who leave in the room's "many heads leave" event. */
const TURNOVER_SHOCK_SHARE = 0.25;

const TRAIT_SETTINGS = ['openness', 'candour', 'propensityToTrust'] as const;

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** A change of one setting during a run: its key, new value, value before, and when (years from the start). */
export interface SettingChange {
  key: SettingKey | PracticeKey;
  value: number | boolean;
  from?: number | boolean;
  year: number;
}

/** The timeline event for a change of setting, or null when the scenario format has none. */
export function settingEvent({ key, value, from, year }: SettingChange): Raw | null {
  if (isPracticeKey(key)) return { event: 'practices', year, [key]: Boolean(value) };
  switch (key) {
    case 'leaderRate':
      return { event: 'leaderRate', year, rate: Number(value) };
    case 'competition':
      return { event: 'competition', year, choiceIntensity: Number(value) };
    case 'matOpenness': {
      // Move the expected share of open trusts from `from` to `value`: open (or close) a share of all trusts at random.
      const a = Number(from ?? 1);
      const b = Number(value);
      if (b === a) return null;
      const share = b > a ? (a >= 1 ? 1 : (b - a) / (1 - a)) : a <= 0 ? 1 : 1 - b / a;
      return { event: 'matOpenness', year, open: b > a, share: Math.round(Math.min(1, Math.max(0, share)) * 1e6) / 1e6 };
    }
    default:
      return null;
  }
}

/** A room event as a scenario timeline event. */
export function timelineEventOf(ev: RoomEvent, ticksPerYear: number): Raw | null {
  const year = ev.tick / ticksPerYear;
  switch (ev.kind) {
    case 'set':
      return ev.key === undefined || ev.value === undefined ? null : settingEvent({ key: ev.key, value: ev.value, from: ev.from, year });
    case 'leaderLeaves':
    case 'hiddenAgenda':
      return ev.school === undefined ? null : { event: ev.kind, year, school: ev.school };
    case 'inspectionDowngrade':
      return ev.school === undefined ? null : { event: ev.kind, year, school: ev.school, drop: INSPECTION_DROP };
    case 'peerReview':
      return { event: 'peerReview', year, enabled: true };
    case 'turnoverShock':
      return { event: 'turnoverShock', year, share: TURNOVER_SHOCK_SHARE };
    case 'matForms':
      return ev.args ? { event: 'matConsolidation', year, ...ev.args } : null;
  }
}

/** Cut or extend the named schools to the team size (spare personas fill the extra places). */
function applyTeamSize(s: Raw, teamSize: number | undefined): void {
  if (teamSize === undefined || !Array.isArray(s.schools?.named)) return;
  const named: Raw[] = s.schools.named;
  const n = teamSize;
  if (n < named.length) named.length = n;
  for (let k = named.length, spare = 0; k < n; k++, spare++) {
    const p = SPARE_PERSONAS[spare % SPARE_PERSONAS.length];
    named.push({ name: p.school, leader: { name: p.head } });
  }
  s.partnerships = s.partnerships ?? {};
  s.partnerships.size = Math.max(2, n);
}

/** Trait levels set the population means; persona traits move by the same amount. */
function applyTraitLevels(s: Raw, settings: Settings, base: Settings): void {
  for (const trait of TRAIT_SETTINGS) {
    const v = settings[trait];
    const delta = v - base[trait];
    if (delta === 0) continue;
    s.leaders[trait] = { ...(s.leaders[trait] ?? {}), mean: round3(clamp01(v)) };
    for (const school of s.schools?.named ?? []) {
      const t = school.leader?.[trait];
      if (typeof t === 'number') school.leader[trait] = round3(clamp01(t + delta));
    }
  }
  if (s.leaders && Object.keys(s.leaders).length === 0) delete s.leaders;
}

/** The other sliders and the practices, written only where they differ from the preset. */
function applyLevers(s: Raw, setup: Setup, preset: PresetLike, base: Settings): void {
  const v = setup.settings;
  if (v.leaderRate !== base.leaderRate) s.turnover = { ...(s.turnover ?? {}), leaderRate: v.leaderRate };
  if (v.meetingsPerYear !== base.meetingsPerYear) s.partnerships = { ...(s.partnerships ?? {}), meetingsPerYear: v.meetingsPerYear };
  if (v.competition !== base.competition) s.competition = { ...(s.competition ?? {}), choiceIntensity: v.competition };
  if (v.matOpenness !== base.matOpenness) s.mats = { ...(s.mats ?? {}), openShare: v.matOpenness };
  const bp = presetPractices(preset.raw);
  for (const k of PRACTICE_KEYS) {
    if (setup.practices[k] === bp[k]) continue;
    s.partnerships = s.partnerships ?? {};
    s.partnerships.practices = { ...(s.partnerships.practices ?? {}), [k]: setup.practices[k] };
  }
}

/**
 * The timeline: the preset's own events plus the room's. At the same tick the
 * room's events come first (the room fires them before the tick runs).
 */
function mergeTimeline(s: Raw, events: RoomEvent[], tpy: number): void {
  const own: Raw[] = Array.isArray(s.timeline) ? s.timeline : [];
  const room = events.map((e) => timelineEventOf(e, tpy)).filter((e): e is Raw => e !== null);
  if (room.length === 0) return;
  const tickOf = (e: Raw) => Math.max(1, Math.round(e.year * tpy));
  const tagged = [...room.map((e, i) => ({ e, t: tickOf(e), o: 0, i })), ...own.map((e, i) => ({ e, t: tickOf(e), o: 1, i }))];
  tagged.sort((a, b) => a.t - b.t || a.o - b.o || a.i - b.i);
  s.timeline = tagged.map((x) => x.e);
  // The file must run long enough to include what the room did.
  const last = Math.max(...events.map((e) => e.tick));
  const years = typeof s.years === 'number' ? s.years : SCHEMA_DEFAULTS.years;
  if (last / tpy > years) s.years = Math.min(MAX_YEARS, Math.ceil(last / tpy));
}

/**
 * The scenario (input form, as it would be written in a YAML file) that a
 * setup describes. Slider levels set the population means; persona traits
 * given explicitly in the preset move by the same amount as the mean, so the
 * personas keep their differences.
 */
export function scenarioInputOf(preset: PresetLike, setupNow: Setup): ScenarioInput {
  const s: Raw = clone(preset.raw);
  delete s.$schema;
  const base = presetSettings(preset);
  // Settings changed during the run by a timeline event start from their earlier value.
  const setup = { ...setupNow, ...startSettings(setupNow) };
  s.seed = setup.seed;
  s.leaders = s.leaders ?? {};
  const tpy = typeof s.ticksPerYear === 'number' ? s.ticksPerYear : SCHEMA_DEFAULTS.ticksPerYear;
  applyTeamSize(s, setup.teamSize);
  applyTraitLevels(s, setup.settings, base);
  applyLevers(s, setup, preset, base);
  mergeTimeline(s, setup.events, tpy);
  return s;
}
