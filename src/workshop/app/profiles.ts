/**
 * The shipped parameter profiles (calibration/*.profile.yaml), embedded at
 * build time (src/workshop/build.ts defines __COLLABSIM_PROFILES__), so a
 * preset or a loaded file that says `profile: england` runs with the same
 * values as on the command line. A profile given by path needs the command
 * line: the page cannot read other files.
 *
 * Outside a build (Node tests) the profiles are registered with
 * `useShippedProfiles`.
 */
import type { FactorValue } from '../../scenario/paths.ts';

/** Profile parameters (scenario key path to value) by profile name. */
export type ShippedProfiles = Record<string, Record<string, FactorValue>>;

declare const __COLLABSIM_PROFILES__: ShippedProfiles;

let registered: ShippedProfiles | null = null;

export function useShippedProfiles(p: ShippedProfiles): void {
  registered = p;
}

export function shippedProfiles(): ShippedProfiles {
  if (registered) return registered;
  return typeof __COLLABSIM_PROFILES__ === 'undefined' ? {} : __COLLABSIM_PROFILES__;
}
