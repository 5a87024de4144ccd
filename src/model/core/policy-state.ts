/**
 * State of the policy layer: the place (localities), governance (MATs), hubs
 * and alliances, boundary spanners, competition and the spread of a practice.
 *
 * What the per-tick rules read is in typed arrays indexed by school (or by
 * leader slot, which is the same index: slot i heads school i). The structure
 * that changes only at year boundaries or at events (who is in which trust,
 * partnership, hub work group) is kept as small objects and turned into
 * groups, and so into the relationship network, by structure.ts.
 */
import type { GroupSpec } from './group-spec.ts';
import type { LocalityKind } from './kinds.ts';

export const HUB_KINDS = ['maths', 'tsh', 'research'] as const;
export type HubKind = (typeof HUB_KINDS)[number];
/** Number of hub kinds a school can engage with at once (alliances are separate). */
export const NK = HUB_KINDS.length;

export const MAT_SIZE_CLASSES = ['single', 'small', 'medium', 'large'] as const;

/** Spanner roles, as bits of `spannerRole`. */
export const ROLE_BITS = { hubLead: 1, specialistLeader: 2, governor: 4 } as const;
export type SpannerRole = keyof typeof ROLE_BITS;

export interface Locality {
  id: number;
  kind: LocalityKind;
  /** Centre and side in unit coordinates. */
  cx: number;
  cy: number;
  extent: number;
  /** Parental choice intensity and yearly fall in rolls (events change them). */
  choice: number;
  fallingRolls: number;
  headsAssimilating: boolean;
  headsPriorTrust: number | undefined;
  /** Chance that a trust founded here is open, and its CPDL standardisation. */
  matOpenShare: number;
  matStandardisation: number;
  schools: number[];
}

/** A group the policy layer keeps: partnership, heads' network cluster or board. */
export interface KeptGroup extends Omit<GroupSpec, 'members'> {
  /** School indices (a GroupSpec lists leader slots). */
  members: number[];
  locality: number;
  /** Whether members of closed trusts withdraw from it (cross-trust groups). */
  crossTrust: boolean;
}

export interface Mat {
  name: string;
  open: boolean;
  local: boolean;
  standardisation: number;
  /** Schools of the trust outside the modelled area (counted in its size class). */
  external: number;
  /** School that founded it (its centre for joining decisions). */
  seedSchool: number;
  locality: number;
}

export interface Hub {
  name: string;
  /** 0..NK-1 for hubs (HUB_KINDS), or -1 for a teaching school alliance. */
  kind: number;
  /** Lead school, or -1 when the lead is outside the modelled area. */
  lead: number;
  x: number;
  y: number;
  active: boolean;
  /** Closed for good (lost its designation without a successor, or an alliance replaced by hubs). */
  closed: boolean;
  /** Tick at which a disrupted provider reopens under a successor (-1: not pending). */
  reopenTick: number;
  locality: number;
  /** Alliances only: member schools (membership is engagement). */
  members: number[];
}

export interface Spanner {
  slot: number;
  role: SpannerRole;
  /** Hub (index in hubs) a hub-lead spanner works for, or -1. */
  hub: number;
  /** The slot's `changes` count when the role was taken: a change means the person left. */
  changes: number;
  locality: number;
}

export interface Consolidation {
  rate: number;
  until: number;
  openness: 'keep' | 'open' | 'closed';
  nonLocal: number;
  standardisation: number | undefined;
  /** Tick of the last yearly batch of joiners. */
  lastTick: number;
}

export interface PolicyState {
  /** Kilometres per unit of the schools' x, y. */
  kmPerUnit: number;
  /** Whether the scenario has a locality (the policy layer built the groups). */
  hasLocality: boolean;
  localities: Locality[];
  /** Locality of each school. */
  localityOf: Int32Array;

  // Structure (objects; changed at year boundaries and events).
  kept: KeptGroup[];
  mats: Mat[];
  hubs: Hub[];
  spanners: Spanner[];
  consolidation: Consolidation | null;
  /** The group structure changed: rebuild the relationship network before the next meetings. */
  dirty: boolean;
  /** Counter for unique group and trust names. */
  nextId: number;

  // Hubs (per school).
  /** Designated hub per kind: [school * NK + kind], -1 for none. */
  designated: Int32Array;
  /** Engaged with the designated hub of each kind this year. */
  engaged: Uint8Array;
  /** Alliance (index in hubs) the school belongs to, or -1. */
  alliance: Int32Array;
  /** Distance to the nearest hub of any kind, active or planned (km); NaN without hubs. */
  hubDistKm: Float32Array;
  /** Whether the run has any hub or alliance (engagement metrics are empty otherwise). */
  hasProviders: boolean;
  /** Per-leader spanner roles (bits of ROLE_BITS). */
  spannerRole: Uint8Array;

  // Trusts (per trust, reallocated when the number of trusts changes).
  matBest: Float64Array;
  matCount: Float64Array;

  // Competition.
  pupilsStart: Float32Array;
  pressure: Float32Array;
  expanding: Uint8Array;
  /** Neighbours within the rivalry radius (CSR), built when competition first starts. */
  nbStart: Int32Array | null;
  nb: Int32Array | null;
  nbDist: Float32Array | null;
  competitionActive: boolean;
  selectiveExpansion: number;

  // Practice spread.
  adopted: Uint8Array;
  adoptedTick: Int32Array;
  t50Tick: number;

  // Professional learning access (per year units, smoothed over about a year).
  access: Float64Array;

  // Scratch (preallocated, reused every tick).
  parent: Int32Array;
  compSize: Int32Array;
  compMax: Float64Array;
  scratch: Float64Array;
}

export function allocPolicy(n: number, kmPerUnit: number): PolicyState {
  return {
    kmPerUnit,
    hasLocality: false,
    localities: [],
    localityOf: new Int32Array(n),
    kept: [],
    mats: [],
    hubs: [],
    spanners: [],
    consolidation: null,
    dirty: false,
    nextId: 1,
    designated: new Int32Array(n * NK).fill(-1),
    engaged: new Uint8Array(n * NK),
    alliance: new Int32Array(n).fill(-1),
    hubDistKm: new Float32Array(n).fill(NaN),
    hasProviders: false,
    spannerRole: new Uint8Array(n),
    matBest: new Float64Array(0),
    matCount: new Float64Array(0),
    pupilsStart: new Float32Array(n),
    pressure: new Float32Array(n),
    expanding: new Uint8Array(n),
    nbStart: null,
    nb: null,
    nbDist: null,
    competitionActive: false,
    selectiveExpansion: 0,
    adopted: new Uint8Array(n),
    adoptedTick: new Int32Array(n).fill(-1),
    t50Tick: -1,
    access: new Float64Array(n),
    parent: new Int32Array(n),
    compSize: new Int32Array(n),
    compMax: new Float64Array(n),
    scratch: new Float64Array(n),
  };
}

/** Size class of a trust from its total number of schools (seed 003: medium 6-15, large 16+). */
export function sizeClass(total: number): number {
  if (total <= 1) return 0;
  if (total <= 5) return 1;
  if (total <= 15) return 2;
  return 3;
}

/** Distance between two schools (km). */
export function schoolDistKm(x: Float32Array, y: Float32Array, a: number, b: number, kmPerUnit: number): number {
  const dx = x[a] - x[b];
  const dy = y[a] - y[b];
  return Math.sqrt(dx * dx + dy * dy) * kmPerUnit;
}
