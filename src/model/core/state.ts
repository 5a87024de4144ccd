/**
 * The model's state, as structure-of-arrays typed arrays.
 *
 * Agents are indexed by integer id: schools 0..nSchools-1, leaders
 * 0..nLeaders-1 (a leader slot belongs to one school; when a head leaves the
 * slot is taken by the replacement), groups 0..nGroups-1, relationships
 * 0..nEdges-1. Relationships are directed (leader i's perceptions of leader j)
 * and stored source-sorted (CSR: edges of leader i are outStart[i]..outStart[i+1]-1),
 * with rev[e] the index of the opposite direction.
 *
 * Objects (names, labels) are kept for setup and reporting only; the tick loop
 * reads and writes typed arrays.
 */

import type { PolicyState } from './policy-state.ts';

export const PHASES = ['primary', 'secondary', 'special'] as const;
export type Phase = (typeof PHASES)[number];

export const GOVERNANCE = ['maintained', 'single-academy-trust', 'mat'] as const;
export const STANCES = ['protect', 'sell', 'share'] as const;
export { GROUP_KINDS, type GroupKind } from './kinds.ts';

/** Inspection judgements, worst first; `schools.grade` holds the index of the latest (mechanisms/inspection/). */
export const GRADE_BANDS = [{ label: 'Inadequate' }, { label: 'Requires improvement' }, { label: 'Good' }, { label: 'Outstanding' }] as const;

export interface SchoolArrays {
  n: number;
  names: string[];
  phase: Uint8Array;
  pupils: Float32Array;
  x: Float32Array;
  y: Float32Array;
  disadvantage: Float32Array;
  /** 1 when the school is in the most disadvantaged third of the run (fixed at setup). */
  disadvantaged: Uint8Array;
  /** The school's effect on pupil attainment (pupil SD, national mean 0). */
  effectiveness: Float64Array;
  effectivenessStart: Float64Array;
  /** The school's own long-run level of effectiveness, without its head's contribution (pupil SD). */
  longRun: Float64Array;
  /** National percentile of effectiveness (0..1), for rules that read how good a school looks. */
  standing: Float64Array;
  /** Ring buffer of effectiveness for the last ticksPerYear ticks: [school * tpy + (tick % tpy)]. */
  effectivenessHistory: Float64Array;
  /** Latest inspection judgement (index into GRADE_BANDS). */
  grade: Uint8Array;
  /** When the next inspection is due (years from the start). */
  nextInspection: Float64Array;
  /** When the school last had a poor inspection (a downgrade, or a judgement below Good), years; -Infinity if never. */
  poorInspectionAt: Float64Array;
  capacity: Float64Array;
  internalTrust: Float64Array;
  /** Improvement push from the current peer-review plan (per year). */
  reviewPlan: Float64Array;
  /** Complacency from a collusive review (per year, subtracts from drive). */
  complacency: Float64Array;
  /** Knowledge inflow in the current tick (per year units). */
  learning: Float64Array;
  /** Collective push from groups' attention to results (per year units). */
  collective: Float64Array;
  /** Strength of the active professional community teachers belong to (0..1). */
  community: Float64Array;
  /** Share of the school's teachers leaving in a year at the current hazard (staff churn). */
  staffChurn: Float64Array;
  improving: Uint8Array;
  governance: Uint8Array;
  /** MAT id, or -1. Filled by the policy layer. */
  mat: Int32Array;
  stance: Uint8Array;
  teachers: Uint16Array;
  cohortStart: Uint16Array;
  cohortLeft: Uint16Array;
  mathsStart: Uint16Array;
  mathsLeft: Uint16Array;
  /** Current head (leader slot). */
  leader: Int32Array;
}

export interface LeaderArrays {
  n: number;
  names: string[];
  school: Int32Array;
  openness: Float32Array;
  candour: Float32Array;
  propensity: Float32Array;
  competitiveness: Float32Array;
  followThrough: Float32Array;
  moralPurpose: Float32Array;
  competence: Float32Array;
  tenure: Float32Array;
  /** How many times this slot's holder has changed. */
  changes: Uint16Array;
  /** Derived per tick: how well this leader listens (respect shown). */
  listen: Float32Array;
}

/** The arrays a rule names (a list of keys, `as const`) of one part of the state: what a thread that runs the rule shares. */
export type StatePart<T, K extends readonly (keyof T)[]> = Pick<T, K[number]>;

export interface EdgeArrays {
  n: number;
  /**
   * Destination of each edge. Its source is not stored (4 B per relationship): the edges of
   * source i are outStart[i] .. outStart[i + 1] - 1, and the network is symmetric, so the
   * source of e is also dst[rev[e]] (edgeSources in core/edges.ts makes the array where one is needed).
   */
  dst: Int32Array;
  rev: Int32Array;
  /** CSR offsets by source leader (length nLeaders + 1). */
  outStart: Int32Array;
  respect: Float32Array;
  regard: Float32Array;
  competence: Float32Array;
  integrity: Float32Array;
  trust: Float32Array;
  /**
   * Meetings in which i has formed an impression of j, saturating at 255: the rules ask only whether
   * there was one (a prior impression is not overwritten), so a byte is enough (4 B per relationship before).
   */
  interactions: Uint8Array;
}

export interface GroupArrays {
  n: number;
  names: string[];
  kind: Uint8Array;
  memberStart: Int32Array;
  /** Leader slots, by group. */
  members: Int32Array;
  /** Indices of the edges among each group's members (both directions). */
  edgeStart: Int32Array;
  edges: Int32Array;
  meetingsPerYear: Float32Array;
  codeOfConduct: Uint8Array;
  partnershipLead: Uint8Array;
  informalTime: Uint8Array;
  writtenRoles: Uint8Array;
  peerReview: Uint8Array;
  trainingQuality: Float32Array;
  /** Lencioni levels. */
  lTrust: Float32Array;
  lConflict: Float32Array;
  lCommitment: Float32Array;
  lAccountability: Float32Array;
  lResults: Float32Array;
  /** Lowest Lencioni level whose target was capped by the level beneath it at the last update (1..4 = conflict..results), 0 if none. */
  binding: Uint8Array;
  meetingsHeld: Uint32Array;
  /** Tick the group was formed. */
  formed: Int32Array;
  /** Groups of each leader (CSR by leader slot). */
  byLeaderStart: Int32Array;
  byLeader: Int32Array;
}

/**
 * Counters and tallies the observer reads. The tallies of flows (departures
 * this tick, reviews, challenges) cover the ticks since the last recorded
 * row: the tick, or the year when a run is recorded once a year (schedule.ts).
 */
export interface Tallies {
  departuresThisTick: number;
  departuresTotal: number;
  relationshipUpdates: number;
  knowledgeFlow: number;
  reviewHonestySum: number;
  reviewRigourSum: number;
  reviewCount: number;
  challenges: number;
  challengesAccepted: number;
}

export interface ModelState {
  /** Ticks since the model started, burn-in included: the scenario's tick t is tick t0 + t. */
  tick: number;
  /** Ticks of burn-in before the scenario's year 0 (scenario.burnInYears x ticks per year). */
  t0: number;
  /** True while the burn-in runs (no timeline events, peer review or practice spread; nothing recorded). */
  burning: boolean;
  ticksPerYear: number;
  schools: SchoolArrays;
  leaders: LeaderArrays;
  edges: EdgeArrays;
  groups: GroupArrays;
  tallies: Tallies;
  /** First year in which enrolled groups run the peer-review cycle. */
  reviewStartYear: number;
  /** Policy layer: localities, MATs, hubs, competition, spanners, practice spread (src/model/core/policy-state.ts). */
  policy?: PolicyState;
}

export function newTallies(): Tallies {
  return {
    departuresThisTick: 0,
    departuresTotal: 0,
    relationshipUpdates: 0,
    knowledgeFlow: 0,
    reviewHonestySum: 0,
    reviewRigourSum: 0,
    reviewCount: 0,
    challenges: 0,
    challengesAccepted: 0,
  };
}

/** Weak-link aggregate of the four perceptions: the power mean with exponent -4. */
export function relationalTrust(r: number, p: number, c: number, i: number): number {
  const a = r < 0.01 ? 0.01 : r;
  const b = p < 0.01 ? 0.01 : p;
  const d = c < 0.01 ? 0.01 : c;
  const e = i < 0.01 ? 0.01 : i;
  const a2 = a * a,
    b2 = b * b,
    d2 = d * d,
    e2 = e * e;
  const m = (1 / (a2 * a2) + 1 / (b2 * b2) + 1 / (d2 * d2) + 1 / (e2 * e2)) / 4;
  return 1 / Math.sqrt(Math.sqrt(m));
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
