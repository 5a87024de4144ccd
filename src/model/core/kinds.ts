/**
 * Names of the kinds of things the model distinguishes, shared by the state,
 * the policy state and the mechanisms (kept apart so that those can import
 * them without importing each other).
 */

/** Kinds of group whose heads meet; the index is stored in `groups.kind`. */
export const GROUP_KINDS = ['partnership', 'mat-leadership', 'hub-work-group', 'alliance', 'heads-network'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** Kinds of locality a school can lie in (the national preset is made of city, town and shire localities). */
export type LocalityKind = 'city' | 'town' | 'shire' | 'county' | 'custom';
