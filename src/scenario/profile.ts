/**
 * Parameter profiles: a file of calibrated parameter values (written by
 * `collabsim calibrate` as calibrated.yaml) that a scenario file names with
 * `profile:`. The scenario's own keys win; every other key the profile
 * sets is taken from it. A profile is named by path (relative to the
 * scenario file) or, for the profiles shipped with collabsim, by name:
 * `profile: england` reads calibration/england.profile.yaml.
 */
import { z } from 'zod';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, issueAt, type Locate } from './input-error.ts';
import { readInputFile } from './load.ts';
import { loadDocument } from './yaml-document.ts';
import { validate } from './zod-issues.ts';

const PATH_RE = /^[A-Za-z_$][\w$]*(\.([A-Za-z_$][\w$]*|\d+))*$/;

export const ProfileSchema = z
  .strictObject({
    profile: z.string().min(1).describe('Profile name.'),
    method: z.string().optional().describe('How the values were obtained (abc-smc, smm, or by hand).'),
    parameters: z
      .record(z.string().regex(PATH_RE, 'a dotted scenario key path such as `turnover.leaderRate`'), z.union([z.number(), z.string(), z.boolean()]))
      .describe('Scenario key paths and their values.'),
  })
  .describe('A parameter profile: calibrated values that scenario files can use by name.');

export type Profile = z.output<typeof ProfileSchema>;

/** Folder of the profiles shipped with collabsim. */
export const SHIPPED_PROFILES = fileURLToPath(new URL('../../calibration/', import.meta.url));

/** The file a `profile:` value names. */
export function profilePath(ref: string, scenarioFile: string): string {
  if (/[\\/]|\.(ya?ml|json)$/i.test(ref)) return isAbsolute(ref) ? ref : resolve(dirname(scenarioFile), ref);
  return resolve(SHIPPED_PROFILES, `${ref}.profile.yaml`);
}

/** Read and validate a profile file; problems come with the profile's own file, line and column. */
export function readProfile(file: string): { profile: Profile; locate: Locate } {
  const doc = loadDocument(readInputFile(file), file);
  const profile = validate(ProfileSchema, doc.value, file, doc);
  return { profile, locate: (path) => doc.locateValue(path) };
}

/** An issue at the scenario's `profile` key. */
export function profileIssue(file: string, locate: Locate, message: string): InputError {
  return new InputError(file, [issueAt({ file, position: locate(['profile']), path: ['profile'], message })]);
}
