/**
 * The preset scenario files, embedded at build time (src/workshop/build.ts
 * reads scenarios/*.yaml and defines __COLLABSIM_PRESETS__), so the page
 * needs no file access or network.
 */
export interface PresetText {
  id: string;
  file: string;
  text: string;
}

declare const __COLLABSIM_PRESETS__: PresetText[];

export function embeddedPresets(): PresetText[] {
  return typeof __COLLABSIM_PRESETS__ === 'undefined' ? [] : __COLLABSIM_PRESETS__;
}

/** Largest scenario the workshop shows (a locality; county and national runs are for the CLI). */
export const MAX_WORKSHOP_SCHOOLS = 200;

/** Preferred order: team presets first, then the locality presets City, Town, Shire, then the rest by name. */
export function presetOrder(a: { id: string; mode: string }, b: { id: string; mode: string }): number {
  const rank = (p: { id: string; mode: string }) => {
    const base = p.mode === 'team' ? 0 : 10;
    const i = ['workshop-team', 'city-baseline', 'town-baseline', 'shire-baseline', 'city', 'town', 'shire', 'locality-baseline'].findIndex((k) => p.id === k);
    return base + (i < 0 ? 20 : i);
  };
  return rank(a) - rank(b) || a.id.localeCompare(b.id);
}
