/**
 * Reading a scenario file: the one entry every command, the library and the
 * sweep and calibration machinery use, so a `profile:` is applied the same
 * way everywhere.
 *
 * With `profile: <name or path>` the profile's parameters (profile.ts) are
 * set wherever the scenario does not set the key itself, then the whole is
 * validated. Each profile parameter is first checked on its own against the
 * schema, so a bad value is reported at its line in the profile file.
 */
import { existsSync, readdirSync } from 'node:fs';
import { ScenarioSchema, type Scenario } from '../model/schema.ts';
import { InputError, issueAt, type InputIssue } from './input-error.ts';
import { readInputFile } from './load.ts';
import { loadDocument } from './yaml-document.ts';
import { validate } from './zod-issues.ts';
import { applyFactors, applyProfile } from './paths.ts';
import { profileIssue, profilePath, readProfile, SHIPPED_PROFILES, type Profile } from './profile.ts';
import type { Locate } from './input-error.ts';
import { resolveAnswer, type Counterfactual } from './counterfactual.ts';

export interface ScenarioFile {
  scenario: Scenario;
  /** The raw object that was validated (profile applied, `profile` key removed): what sweeps vary. */
  raw: Record<string, unknown>;
  /** The profile applied, if any. */
  profile?: { name: string; file: string };
  /** The counterfactual of the scenario's `answer` block, if it has one. */
  counterfactual?: Counterfactual;
}

export interface LoadScenarioOptions {
  /** Check the `answer` block and build its counterfactual (default true; false when loading a counterfactual file itself). */
  answer?: boolean;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function shippedNames(): string[] {
  if (!existsSync(SHIPPED_PROFILES)) return [];
  return readdirSync(SHIPPED_PROFILES)
    .filter((f) => f.endsWith('.profile.yaml'))
    .map((f) => f.replace(/\.profile\.yaml$/, ''))
    .sort();
}

/** Every profile parameter must be a scenario key with a valid value. */
function checkProfile(profile: Profile, file: string, locate: Locate): void {
  const issues: InputIssue[] = [];
  for (const [path, value] of Object.entries(profile.parameters)) {
    const r = ScenarioSchema.safeParse(applyFactors({}, [path], [value]));
    if (r.success) continue;
    const first = r.error.issues[0];
    issues.push(
      issueAt({
        file,
        position: locate(['parameters', path]),
        path: ['parameters', path],
        message: `'${path}' = ${JSON.stringify(value)} is not a valid scenario value: ${first?.message ?? 'invalid'}`,
        quoteKeys: false,
      }),
    );
  }
  if (issues.length) throw new InputError(file, issues);
}

/** Read, apply the profile of, and validate a scenario file, and build its counterfactual. Throws InputError listing every problem. */
export function loadScenarioFile(file: string, opts: LoadScenarioOptions = {}): ScenarioFile {
  const doc = loadDocument(readInputFile(file), file);
  const loaded = readValidated(file, doc);
  if (opts.answer === false || !loaded.scenario.answer) return loaded;
  const locate: Locate = (path) => doc.locateValue(path);
  const counterfactual = resolveAnswer(loaded.raw, loaded.scenario, file, locate, (other) => loadScenarioFile(other, { answer: false }).scenario);
  return counterfactual ? { ...loaded, counterfactual } : loaded;
}

function readValidated(file: string, doc: ReturnType<typeof loadDocument>): ScenarioFile {
  const value = doc.value;
  if (!isRecord(value) || !('profile' in value)) return { scenario: validate(ScenarioSchema, value, file, doc), raw: isRecord(value) ? value : {} };
  const locate: Locate = (path) => doc.locateValue(path);
  const ref = value.profile;
  if (typeof ref !== 'string' || !ref) throw profileIssue(file, locate, '`profile` must be the name of a shipped profile or the path of a profile file');
  const pfile = profilePath(ref, file);
  if (!existsSync(pfile)) {
    const names = shippedNames();
    throw profileIssue(file, locate, `profile '${ref}': no file ${pfile}${names.length ? ` (shipped profiles: ${names.join(', ')})` : ''}`);
  }
  const { profile, locate: profileLocate } = readProfile(pfile);
  checkProfile(profile, pfile, profileLocate);
  const raw = applyProfile(value, profile.parameters);
  return { scenario: validate(ScenarioSchema, raw, file, doc), raw, profile: { name: profile.profile, file: pfile } };
}
