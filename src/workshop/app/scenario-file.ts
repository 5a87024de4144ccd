/**
 * Scenario files as workshop presets: read and check a file's text the way
 * the CLI does, and describe it for the preset list (title, question, team or
 * locality, size, and the lever values a locality preset resolves).
 *
 * Platform-free: used by the Web Worker and the Node tests.
 */
import { parseDocument } from 'yaml';
import { createModel, ScenarioSchema } from './model-api.ts';
import type { PresetInfo } from './protocol.ts';
import { DEFAULT_SETTINGS, isTeamPreset, namedCount, type PresetLike, type Raw } from './setup.ts';
import type { Settings } from './settings.ts';
import { shippedProfiles } from './profiles.ts';
import { applyProfile } from '../../scenario/paths.ts';

export interface Preset extends PresetLike {
  info: PresetInfo;
  raw: Raw;
  text: string;
  resolved: Partial<Settings>;
}

/** A problem with a scenario file, with the path of each offending key. */
export class ScenarioProblem extends Error {
  constructor(
    readonly file: string,
    readonly issues: string[],
  ) {
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
  const read: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!isMapping(read)) throw new ScenarioProblem(file, ['the file must hold a mapping of scenario keys']);
  const raw = 'profile' in read ? withShippedProfile(file, read) : read;
  const r = ScenarioSchema.safeParse(raw);
  if (!r.success)
    throw new ScenarioProblem(
      file,
      r.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`),
    );
  return raw;
}

/** A file's own keys plus those of the shipped profile it names (the CLI's rule: the file's keys win). */
function withShippedProfile(file: string, raw: Raw): Raw {
  const name = raw.profile;
  const profiles = shippedProfiles();
  const known = Object.keys(profiles).sort().join(', ') || 'none';
  if (typeof name !== 'string' || !(name in profiles)) {
    throw new ScenarioProblem(file, [
      `profile: '${String(name)}' is not a profile the workshop has (it has: ${known}); a profile file given by path works with the command line only`,
    ]);
  }
  return applyProfile(raw, profiles[name]);
}

function isMapping(x: unknown): x is Raw {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

const firstSentence = (s: string) => (s.split(/(?<=\.)\s/)[0] ?? s).trim();

/** A preset from a scenario file's text (throws ScenarioProblem when the file is not a valid scenario). */
export function makePreset(id: string, file: string, text: string): Preset {
  const raw = readScenarioText(file, text);
  const team = isTeamPreset(raw);
  const parsed = ScenarioSchema.parse(raw);
  // Some settings come from a locality preset, not from the file: ask the model.
  const probe = createModel(parsed, { seed: parsed.seed, years: parsed.ticksPerYear > 0 ? 1 / parsed.ticksPerYear : 1 });
  const loc = probe.state.policy?.localities[0];
  const resolved: Partial<Settings> = {
    competition: loc?.choice ?? DEFAULT_SETTINGS.competition,
    matOpenness: loc?.matOpenShare ?? DEFAULT_SETTINGS.matOpenness,
  };
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
