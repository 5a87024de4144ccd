/**
 * The workshop's "setup": which preset scenario, which seed, the values of
 * the concept sliders and practice toggles, and the events the room has
 * fired. A setup turns into an ordinary scenario (the same YAML the CLI
 * reads), so "export this setup" and the URL both carry exactly what the
 * browser ran.
 *
 * Platform-free: used by the Web Worker, the UI and the Node tests.
 */
import { z } from 'zod';
import type { ScenarioInput, TimelineEvent } from '../../scenario/schema.ts';

/** The concept sliders. Each value is a level on the scenario's own scale. */
export const SETTING_KEYS = [
  'openness',
  'candour',
  'propensityToTrust',
  'leaderRate',
  'meetingsPerYear',
  'competition',
  'matOpenness',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export const PRACTICE_KEYS = ['codeOfConduct', 'partnershipLead', 'informalTime', 'writtenRoles'] as const;
export type PracticeKey = (typeof PRACTICE_KEYS)[number];

export type Settings = Record<SettingKey, number>;
export type PracticeFlags = Record<PracticeKey, boolean>;

export interface SettingDef {
  key: SettingKey;
  label: string;
  min: number;
  max: number;
  step: number;
  /** Tooltip: the concept and where it comes from. */
  concept: string;
  source: string;
  /** How a value reads aloud (aria-valuetext) and on screen. */
  format: (v: number) => string;
}

const pct = (v: number) => `${Math.round(v * 100)}%`;
const level = (v: number) => {
  const word = v < 0.2 ? 'very low' : v < 0.4 ? 'low' : v < 0.6 ? 'middling' : v < 0.8 ? 'high' : 'very high';
  return `${v.toFixed(2)} (${word})`;
};

export const SETTINGS: readonly SettingDef[] = [
  {
    key: 'openness',
    label: 'Openness to vulnerability',
    min: 0,
    max: 1,
    step: 0.05,
    concept: 'How readily heads admit a weakness and ask partners for help. Met with support, it builds regard and respect: vulnerability-based trust.',
    source: 'Lencioni, The Five Dysfunctions of a Team (absence of trust); seed 001.',
    format: level,
  },
  {
    key: 'candour',
    label: 'Candour (will to challenge)',
    min: 0,
    max: 1,
    step: 0.05,
    concept: 'The skill and will to challenge a peer: the move from friends to critical friends. Challenge that lands on trust raises competence; without trust it is taken as an attack.',
    source: 'Seed 001 ("from friends to critical friends"); Lencioni (fear of conflict).',
    format: level,
  },
  {
    key: 'propensityToTrust',
    label: 'Propensity to trust',
    min: 0,
    max: 1,
    step: 0.05,
    concept: 'How much trust a head extends to someone they have not yet worked with. Sets where a new relationship starts.',
    source: 'Bryk & Schneider, Trust in Schools (relational trust); seed 001.',
    format: level,
  },
  {
    key: 'leaderRate',
    label: 'Head turnover (per year)',
    min: 0,
    max: 0.5,
    step: 0.01,
    concept: 'Yearly chance that a head leaves, before stress. Each newcomer starts every relationship again: trust has to be rebuilt.',
    source: 'Seed 001 ("you have to constantly rebuild trust"); Bryk & Schneider.',
    format: (v) => `${pct(v)} a year`,
  },
  {
    key: 'meetingsPerYear',
    label: 'Meetings per year',
    min: 0,
    max: 24,
    step: 1,
    concept: 'How often the heads meet. Trust is built in repeated interactions: each meeting is a chance to observe respect, regard, competence and integrity.',
    source: 'Bryk & Schneider (trust from repeated social exchange); seed 001 (half-termly meetings).',
    format: (v) => `${Math.round(v)} a year`,
  },
  {
    key: 'competition',
    label: 'Competition (parental choice)',
    min: 0,
    max: 1,
    step: 0.05,
    concept: 'How freely families choose between schools. Choice and falling rolls set nearby schools against each other: rivals share less and trust each other less.',
    source: 'Seed 003 (EQuaLLS: "increased choice is associated with increased competition between schools"); model brief 3.9.',
    format: level,
  },
  {
    key: 'matOpenness',
    label: 'MAT openness',
    min: 0,
    max: 1,
    step: 0.05,
    concept: 'Share of multi-academy trusts that are open (their schools engage hubs and other trusts) rather than boundary-keeping (their schools drift out of cross-trust groups and away from hubs).',
    source: 'Seed 003 (EQuaLLS: closed MATs as "boundary keepers").',
    format: pct,
  },
];

export const PRACTICES: readonly { key: PracticeKey; label: string; concept: string; source: string }[] = [
  {
    key: 'codeOfConduct',
    label: 'Code of conduct',
    concept: 'Agreed norms: newcomers are assimilated faster and challenge is less often taken as an attack.',
    source: 'Seed 001 (Thanet and Barnet partnerships).',
  },
  {
    key: 'partnershipLead',
    label: 'Partnership lead',
    concept: 'A named lead keeps meetings happening and makes roles clear, so commitment is easier.',
    source: 'Seed 001 (clear roles); seed 004 (senior champions).',
  },
  {
    key: 'informalTime',
    label: 'Protected informal time',
    concept: 'Time at the start of meetings for informal talk: more chances to show vulnerability and personal regard.',
    source: 'Seed 001 (a Lincolnshire partnership protecting its first 45 minutes).',
  },
  {
    key: 'writtenRoles',
    label: 'Written agreement and roles',
    concept: 'Commitments are written down, so partners see more often whether they are kept (integrity).',
    source: 'Seed 001 (written partnership agreements).',
  },
];

/** Events the room can fire. `school` is needed for the per-head events. */
export const ROOM_EVENTS = ['leaderLeaves', 'inspectionDowngrade', 'hiddenAgenda', 'peerReview', 'turnoverShock', 'matForms'] as const;
export type RoomEventKind = (typeof ROOM_EVENTS)[number];

export const ROOM_EVENT_LABELS: Record<RoomEventKind, { label: string; help: string }> = {
  leaderLeaves: { label: 'Head leaves, newcomer arrives', help: 'The selected head leaves; a newcomer with fresh traits takes over and every relationship restarts.' },
  inspectionDowngrade: { label: 'Inspection downgrade', help: "The selected school's grade falls: staff trust and partners' view of the head's competence drop." },
  hiddenAgenda: { label: 'Hidden agenda comes out', help: "Partners find the selected head was pursuing a hidden agenda: their view of that head's integrity collapses." },
  peerReview: { label: 'Peer review starts', help: 'The partnership starts the annual peer-review cycle: self-review, review visit, improvement workshop, 90-day follow-up.' },
  turnoverShock: { label: 'Many heads leave', help: 'A turnover shock: a quarter of the heads leave at once.' },
  matForms: { label: 'A MAT forms or grows', help: 'Consolidation: a share of the schools not yet in a strong trust join one this year (the nearest trust with room, or a new one). Closed trusts pull their schools out of cross-trust groups.' },
};

/**
 * One thing the room did during a run that a scenario timeline can say:
 * an event button, or a change of a setting that has a timeline event
 * (`kind: 'set'`: turnover, practices, competition, MAT openness).
 */
export interface RoomEvent {
  kind: RoomEventKind | 'set';
  /** Applied before this tick is simulated (1 = before the first tick). */
  tick: number;
  /** School name, or index when names repeat. */
  school?: string | number;
  /** For `set`: the setting, its new value and the value before. */
  key?: SettingKey | PracticeKey;
  value?: number | boolean;
  from?: number | boolean;
  /** Extra fields of the timeline event (e.g. a consolidation's rate and target). */
  args?: Record<string, number | string | boolean>;
}

/** Settings whose change during a run is a scenario timeline event (so a file reproduces it). */
export const EVENT_SETTINGS: readonly (SettingKey | PracticeKey)[] = ['leaderRate', 'competition', 'matOpenness', ...PRACTICE_KEYS];

export interface Setup {
  /** Preset id (the scenario file's stem), or `file:<name>` for a scenario loaded from disk. */
  preset: string;
  seed: number;
  /** Team mode: number of heads (3..8). */
  teamSize?: number;
  settings: Settings;
  practices: PracticeFlags;
  events: RoomEvent[];
}

const SettingsShape = z.strictObject(
  Object.fromEntries(SETTING_KEYS.map((k) => [k, z.number().finite()])) as Record<SettingKey, z.ZodNumber>,
);
const PracticesShape = z.strictObject(
  Object.fromEntries(PRACTICE_KEYS.map((k) => [k, z.boolean()])) as Record<PracticeKey, z.ZodBoolean>,
);

/** The compact form carried in the URL: only what differs from the preset. */
export const HashSchema = z.strictObject({
  v: z.literal(1),
  p: z.string().min(1).max(200),
  seed: z.number().int().min(0).max(4294967295),
  n: z.number().int().min(3).max(8).optional(),
  s: SettingsShape.partial().optional(),
  pr: PracticesShape.partial().optional(),
  ev: z
    .array(
      z.strictObject({
        k: z.enum([...ROOM_EVENTS, 'set']),
        t: z.number().int().min(1).max(100000),
        s: z.union([z.string(), z.number().int().min(0)]).optional(),
        key: z.enum([...SETTING_KEYS, ...PRACTICE_KEYS]).optional(),
        v: z.union([z.number(), z.boolean()]).optional(),
        f: z.union([z.number(), z.boolean()]).optional(),
        a: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
      }),
    )
    .max(500)
    .optional(),
  /** Interface preferences (not part of the model setup). */
  ui: z.strictObject({ mode: z.enum(['team', 'locality', 'whatif']).optional(), large: z.boolean().optional() }).optional(),
});
export type HashState = z.output<typeof HashSchema>;

export interface UiPrefs {
  mode?: 'team' | 'locality' | 'whatif';
  large?: boolean;
}

// ---------------------------------------------------------------------------
// Preset defaults
// ---------------------------------------------------------------------------

type Raw = Record<string, any>;
const get = (o: Raw | undefined, path: string[], dflt: number): number => {
  let x: any = o;
  for (const p of path) x = x?.[p];
  return typeof x === 'number' ? x : dflt;
};

/** Defaults of the schema for the settings (used when a preset does not set them). */
export const SCHEMA_DEFAULTS: Settings = {
  openness: 0.5,
  candour: 0.5,
  propensityToTrust: 0.5,
  leaderRate: 0.08,
  meetingsPerYear: 6,
  competition: 0,
  matOpenness: 1,
};

/**
 * A preset as the setup functions need it: its id, its scenario (as written)
 * and the values the model resolved for settings that come from a locality
 * preset rather than from the file (competition, MAT openness).
 */
export interface PresetLike {
  id: string;
  raw: Raw;
  resolved?: Partial<Settings>;
}

/** Slider values a preset starts from (read from the preset's own scenario, then from what the model resolved). */
export function presetSettings(p: PresetLike): Settings {
  const raw = p.raw;
  return {
    openness: get(raw, ['leaders', 'openness', 'mean'], SCHEMA_DEFAULTS.openness),
    candour: get(raw, ['leaders', 'candour', 'mean'], SCHEMA_DEFAULTS.candour),
    propensityToTrust: get(raw, ['leaders', 'propensityToTrust', 'mean'], SCHEMA_DEFAULTS.propensityToTrust),
    leaderRate: get(raw, ['turnover', 'leaderRate'], SCHEMA_DEFAULTS.leaderRate),
    meetingsPerYear: get(raw, ['partnerships', 'meetingsPerYear'], SCHEMA_DEFAULTS.meetingsPerYear),
    competition: get(raw, ['competition', 'choiceIntensity'], p.resolved?.competition ?? 0),
    matOpenness: get(raw, ['mats', 'openShare'], p.resolved?.matOpenness ?? 1),
  };
}

export function presetPractices(raw: Raw): PracticeFlags {
  const p = raw?.partnerships?.practices ?? {};
  return {
    codeOfConduct: !!p.codeOfConduct,
    partnershipLead: !!p.partnershipLead,
    informalTime: !!p.informalTime,
    writtenRoles: !!p.writtenRoles,
  };
}

export function namedCount(raw: Raw): number {
  const named = raw?.schools?.named;
  return Array.isArray(named) ? named.length : 0;
}

/** A preset is shown in team mode when it names 3..8 schools. */
export function isTeamPreset(raw: Raw): boolean {
  const n = namedCount(raw);
  return n >= 3 && n <= 8;
}

export function defaultSetup(p: PresetLike): Setup {
  const raw = p.raw;
  return {
    preset: p.id,
    seed: typeof raw?.seed === 'number' ? raw.seed : 1,
    teamSize: isTeamPreset(raw) ? namedCount(raw) : undefined,
    settings: presetSettings(p),
    practices: presetPractices(raw),
    events: [],
  };
}

// ---------------------------------------------------------------------------
// Setup -> scenario
// ---------------------------------------------------------------------------

/** Spare personas for teams larger than the preset's named list. */
export const SPARE_PERSONAS = [
  { school: 'Goxhill Primary', head: 'Gita' },
  { school: 'Holton Primary', head: 'Hal' },
  { school: 'Immingham Primary', head: 'Iris' },
  { school: 'Keelby Primary', head: 'Kez' },
  { school: 'Laceby Primary', head: 'Lou' },
  { school: 'Messingham Primary', head: 'Mo' },
  { school: 'Nettleton Primary', head: 'Nia' },
  { school: 'Owmby Primary', head: 'Oz' },
];

const TRAIT_OF: Partial<Record<SettingKey, string>> = {
  openness: 'openness',
  candour: 'candour',
  propensityToTrust: 'propensityToTrust',
};

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

export function eventYear(tick: number, ticksPerYear: number): number {
  return tick / ticksPerYear;
}

/** The timeline event for a change of setting, or null when the scenario format has none. */
export function settingEvent(key: SettingKey | PracticeKey, value: number | boolean, from: number | boolean | undefined, year: number): Raw | null {
  if ((PRACTICE_KEYS as readonly string[]).includes(key)) return { event: 'practices', year, [key]: Boolean(value) };
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
  const year = eventYear(ev.tick, ticksPerYear);
  switch (ev.kind) {
    case 'set':
      return ev.key === undefined || ev.value === undefined ? null : settingEvent(ev.key, ev.value, ev.from, year);
    case 'leaderLeaves':
    case 'hiddenAgenda':
      return ev.school === undefined ? null : { event: ev.kind, year, school: ev.school };
    case 'inspectionDowngrade':
      return ev.school === undefined ? null : { event: ev.kind, year, school: ev.school, drop: 0.15 };
    case 'peerReview':
      return { event: 'peerReview', year, enabled: true };
    case 'turnoverShock':
      return { event: 'turnoverShock', year, share: 0.25 };
    case 'matForms':
      return ev.args ? { event: 'matConsolidation', year, ...ev.args } : null;
  }
}

/** The setting values at the start of a run: before the first change the room made during it. */
export function startSettings(setup: Setup): { settings: Settings; practices: PracticeFlags } {
  const settings = { ...setup.settings };
  const practices = { ...setup.practices };
  const seen = new Set<string>();
  for (const e of setup.events) {
    if (e.kind !== 'set' || e.key === undefined || seen.has(e.key)) continue;
    seen.add(e.key);
    if (e.from === undefined) continue;
    if ((PRACTICE_KEYS as readonly string[]).includes(e.key)) practices[e.key as PracticeKey] = Boolean(e.from);
    else settings[e.key as SettingKey] = Number(e.from);
  }
  return { settings, practices };
}

/**
 * The scenario (input form, as it would be written in a YAML file) that a
 * setup describes. Slider levels set the population means; persona traits
 * given explicitly in the preset move by the same amount as the mean, so the
 * personas keep their differences.
 */
export function scenarioInputOf(preset: PresetLike, setupNow: Setup): ScenarioInput {
  const presetRaw = preset.raw;
  const s: Raw = clone(presetRaw);
  delete s.$schema;
  const base = presetSettings(preset);
  // Settings changed during the run by a timeline event start from their earlier value.
  const setup = { ...setupNow, ...startSettings(setupNow) };
  s.seed = setup.seed;
  s.leaders = s.leaders ?? {};
  const tpy = typeof s.ticksPerYear === 'number' ? s.ticksPerYear : 6;

  // Team size and personas.
  if (setup.teamSize !== undefined && Array.isArray(s.schools?.named)) {
    const named: Raw[] = s.schools.named;
    const n = setup.teamSize;
    if (n < named.length) named.length = n;
    for (let k = named.length, spare = 0; k < n; k++, spare++) {
      const p = SPARE_PERSONAS[spare % SPARE_PERSONAS.length];
      named.push({ name: p.school, leader: { name: p.head } });
    }
    s.partnerships = s.partnerships ?? {};
    s.partnerships.size = Math.max(2, n);
  }

  // Trait levels.
  for (const key of ['openness', 'candour', 'propensityToTrust'] as const) {
    const v = setup.settings[key];
    const delta = v - base[key];
    if (delta === 0) continue;
    const trait = TRAIT_OF[key]!;
    s.leaders[trait] = { ...(s.leaders[trait] ?? {}), mean: round3(clamp01(v)) };
    for (const school of s.schools?.named ?? []) {
      const t = school.leader?.[trait];
      if (typeof t === 'number') school.leader[trait] = round3(clamp01(t + delta));
    }
  }
  if (s.leaders && Object.keys(s.leaders).length === 0) delete s.leaders;

  if (setup.settings.leaderRate !== base.leaderRate) {
    s.turnover = { ...(s.turnover ?? {}), leaderRate: setup.settings.leaderRate };
  }
  if (setup.settings.meetingsPerYear !== base.meetingsPerYear) {
    s.partnerships = { ...(s.partnerships ?? {}), meetingsPerYear: setup.settings.meetingsPerYear };
  }
  if (setup.settings.competition !== base.competition) {
    s.competition = { ...(s.competition ?? {}), choiceIntensity: setup.settings.competition };
  }
  if (setup.settings.matOpenness !== base.matOpenness) {
    s.mats = { ...(s.mats ?? {}), openShare: setup.settings.matOpenness };
  }
  const bp = presetPractices(presetRaw);
  for (const k of PRACTICE_KEYS) {
    if (setup.practices[k] === bp[k]) continue;
    s.partnerships = s.partnerships ?? {};
    s.partnerships.practices = { ...(s.partnerships.practices ?? {}), [k]: setup.practices[k] };
  }

  // Timeline: the preset's own events plus the room's. At the same tick the
  // room's events come first (the room fires them before the tick runs).
  const own: Raw[] = Array.isArray(s.timeline) ? s.timeline : [];
  const room = setup.events.map((e) => timelineEventOf(e, tpy)).filter((e): e is Raw => e !== null);
  if (room.length > 0) {
    const tickOf = (e: Raw) => Math.max(1, Math.round(e.year * tpy));
    const tagged = [
      ...room.map((e, i) => ({ e, t: tickOf(e), o: 0, i })),
      ...own.map((e, i) => ({ e, t: tickOf(e), o: 1, i })),
    ];
    tagged.sort((a, b) => a.t - b.t || a.o - b.o || a.i - b.i);
    s.timeline = tagged.map((x) => x.e);
    // The file must run long enough to include what the room did.
    const last = Math.max(...setup.events.map((e) => e.tick));
    const years = typeof s.years === 'number' ? s.years : 5;
    if (last / tpy > years) s.years = Math.min(100, Math.ceil(last / tpy));
  }
  return s as ScenarioInput;
}

// ---------------------------------------------------------------------------
// URL hash
// ---------------------------------------------------------------------------

function b64urlEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function b64urlDecode(s: string): string {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

/** `s=<base64url JSON>`: the setup relative to its preset's defaults. */
export function encodeHash(setup: Setup, preset: PresetLike, ui: UiPrefs = {}): string {
  const d = defaultSetup(preset);
  const h: HashState = { v: 1, p: setup.preset, seed: setup.seed };
  if (setup.teamSize !== undefined && setup.teamSize !== d.teamSize) h.n = setup.teamSize;
  const s: Partial<Settings> = {};
  for (const k of SETTING_KEYS) if (setup.settings[k] !== d.settings[k]) s[k] = setup.settings[k];
  if (Object.keys(s).length) h.s = s;
  const pr: Partial<PracticeFlags> = {};
  for (const k of PRACTICE_KEYS) if (setup.practices[k] !== d.practices[k]) pr[k] = setup.practices[k];
  if (Object.keys(pr).length) h.pr = pr;
  if (setup.events.length) {
    h.ev = setup.events.map((e) => {
      const o: NonNullable<HashState['ev']>[number] = { k: e.kind, t: e.tick };
      if (e.school !== undefined) o.s = e.school;
      if (e.key !== undefined) o.key = e.key;
      if (e.value !== undefined) o.v = e.value;
      if (e.from !== undefined) o.f = e.from;
      if (e.args !== undefined) o.a = e.args;
      return o;
    });
  }
  const u: UiPrefs = {};
  if (ui.mode) u.mode = ui.mode;
  if (ui.large) u.large = true;
  if (Object.keys(u).length) h.ui = u;
  return `s=${b64urlEncode(JSON.stringify(h))}`;
}

/** Read a URL hash (with or without `#`); returns null when there is none, throws with a reason when it is malformed. */
export function decodeHash(hash: string): HashState | null {
  const m = /(?:^#?|&)s=([A-Za-z0-9_-]+)/.exec(hash);
  if (!m) return null;
  let json: unknown;
  try {
    json = JSON.parse(b64urlDecode(m[1]));
  } catch {
    throw new Error('the link is damaged (its setup could not be read)');
  }
  const r = HashSchema.safeParse(json);
  if (!r.success) throw new Error(`the link's setup is not valid: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** A setup from a decoded hash and its preset. */
export function setupFromHash(h: HashState, preset: PresetLike): Setup {
  const d = defaultSetup(preset);
  return {
    preset: h.p,
    seed: h.seed,
    teamSize: d.teamSize === undefined ? undefined : (h.n ?? d.teamSize),
    settings: { ...d.settings, ...(h.s ?? {}) },
    practices: { ...d.practices, ...(h.pr ?? {}) },
    events: (h.ev ?? []).map((e) => {
      const o: RoomEvent = { kind: e.k, tick: e.t };
      if (e.s !== undefined) o.school = e.s;
      if (e.key !== undefined) o.key = e.key;
      if (e.v !== undefined) o.value = e.v;
      if (e.f !== undefined) o.from = e.f;
      if (e.a !== undefined) o.args = e.a;
      return o;
    }),
  };
}

export type { TimelineEvent };
