/**
 * The workshop's "setup": which preset scenario, which seed, the values of
 * the concept sliders and practice toggles, and the events the room has
 * fired. This module gives a preset's starting setup (its own values, then
 * the schema's defaults); scenario-input.ts turns a setup into an ordinary
 * scenario (the same YAML the CLI reads) and hash.ts into a link, so "export
 * this setup" and the URL both carry exactly what the browser ran.
 *
 * Platform-free: used by the Web Worker, the UI and the Node tests.
 */
import { SCHEMA_DEFAULTS } from './model-api.ts';
import { isPracticeKey, type PracticeFlags, type Settings, type Setup } from './settings.ts';

/** A scenario as written in its file (YAML or JSON, before the schema fills in defaults). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any JSON the user wrote; ScenarioSchema checks it before it is used
export type Raw = Record<string, any>;

const get = (o: Raw | undefined, path: string[], dflt: number): number => {
  let x: Raw | undefined = o;
  for (const p of path) x = x?.[p];
  return typeof x === 'number' ? x : dflt;
};

/**
 * The model's values for the two locality levers when a scenario has no
 * locality (the schema leaves them to the locality preset: no competition,
 * every trust open).
 */
const NO_LOCALITY = { competition: 0, matOpenness: 1 };

/** Slider values of a scenario that sets none of them: the schema's defaults. */
export const DEFAULT_SETTINGS: Settings = {
  openness: SCHEMA_DEFAULTS.leaders.openness.mean,
  candour: SCHEMA_DEFAULTS.leaders.candour.mean,
  propensityToTrust: SCHEMA_DEFAULTS.leaders.propensityToTrust.mean,
  leaderRate: SCHEMA_DEFAULTS.turnover.leaderRate,
  meetingsPerYear: SCHEMA_DEFAULTS.partnerships.meetingsPerYear,
  competition: SCHEMA_DEFAULTS.competition.choiceIntensity ?? NO_LOCALITY.competition,
  matOpenness: SCHEMA_DEFAULTS.mats.openShare ?? NO_LOCALITY.matOpenness,
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
  const D = DEFAULT_SETTINGS;
  return {
    openness: get(raw, ['leaders', 'openness', 'mean'], D.openness),
    candour: get(raw, ['leaders', 'candour', 'mean'], D.candour),
    propensityToTrust: get(raw, ['leaders', 'propensityToTrust', 'mean'], D.propensityToTrust),
    leaderRate: get(raw, ['turnover', 'leaderRate'], D.leaderRate),
    meetingsPerYear: get(raw, ['partnerships', 'meetingsPerYear'], D.meetingsPerYear),
    competition: get(raw, ['competition', 'choiceIntensity'], p.resolved?.competition ?? D.competition),
    matOpenness: get(raw, ['mats', 'openShare'], p.resolved?.matOpenness ?? D.matOpenness),
  };
}

/** Practice toggles a preset starts from (off unless its file turns them on). */
export function presetPractices(raw: Raw): PracticeFlags {
  const p = raw?.partnerships?.practices ?? {};
  return {
    codeOfConduct: !!p.codeOfConduct,
    partnershipLead: !!p.partnershipLead,
    informalTime: !!p.informalTime,
    writtenRoles: !!p.writtenRoles,
  };
}

/** How many schools a scenario names one by one (0: none). */
export function namedCount(raw: Raw): number {
  const named = raw?.schools?.named;
  return Array.isArray(named) ? named.length : 0;
}

/** A preset is shown in team mode when it names 3..8 schools. */
export function isTeamPreset(raw: Raw): boolean {
  const n = namedCount(raw);
  return n >= 3 && n <= 8;
}

/** A preset's own setup: its seed (or the schema's), its settings and practices, no events. */
export function defaultSetup(p: PresetLike): Setup {
  const raw = p.raw;
  return {
    preset: p.id,
    seed: typeof raw?.seed === 'number' ? raw.seed : SCHEMA_DEFAULTS.seed,
    teamSize: isTeamPreset(raw) ? namedCount(raw) : undefined,
    settings: presetSettings(p),
    practices: presetPractices(raw),
    events: [],
  };
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
    if (isPracticeKey(e.key)) practices[e.key] = Boolean(e.from);
    else settings[e.key] = Number(e.from);
  }
  return { settings, practices };
}

/** A deep copy of plain data (a setup, a scenario as written). */
export function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x));
}
