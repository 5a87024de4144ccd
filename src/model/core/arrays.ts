/**
 * Allocation of the state's typed arrays (structure of arrays): schools and
 * leaders sized at setup, empty edge and group sets that installing groups fills.
 */
import type { EdgeArrays, GroupArrays, LeaderArrays, SchoolArrays } from './state.ts';

export function allocSchools(n: number, tpy: number): SchoolArrays {
  return {
    n,
    names: new Array<string>(n),
    phase: new Uint8Array(n),
    pupils: new Float32Array(n),
    x: new Float32Array(n),
    y: new Float32Array(n),
    disadvantage: new Float32Array(n),
    disadvantaged: new Uint8Array(n),
    effectiveness: new Float64Array(n),
    effectivenessStart: new Float64Array(n),
    longRun: new Float64Array(n),
    standing: new Float64Array(n),
    effectivenessHistory: new Float64Array(n * tpy),
    grade: new Uint8Array(n),
    nextInspection: new Float64Array(n),
    poorInspectionAt: new Float64Array(n).fill(-Infinity),
    capacity: new Float64Array(n),
    internalTrust: new Float64Array(n),
    reviewPlan: new Float64Array(n),
    complacency: new Float64Array(n),
    learning: new Float64Array(n),
    collective: new Float64Array(n),
    community: new Float64Array(n),
    staffChurn: new Float64Array(n),
    improving: new Uint8Array(n),
    governance: new Uint8Array(n),
    mat: new Int32Array(n).fill(-1),
    stance: new Uint8Array(n).fill(2),
    teachers: new Uint16Array(n),
    cohortStart: new Uint16Array(n),
    cohortLeft: new Uint16Array(n),
    mathsStart: new Uint16Array(n),
    mathsLeft: new Uint16Array(n),
    leader: new Int32Array(n),
  };
}

export function allocLeaders(n: number): LeaderArrays {
  return {
    n,
    names: new Array<string>(n),
    school: new Int32Array(n),
    openness: new Float32Array(n),
    candour: new Float32Array(n),
    propensity: new Float32Array(n),
    competitiveness: new Float32Array(n),
    followThrough: new Float32Array(n),
    moralPurpose: new Float32Array(n),
    competence: new Float32Array(n),
    tenure: new Float32Array(n),
    changes: new Uint16Array(n),
    listen: new Float32Array(n),
  };
}

/** A typed array's constructor, for typedArray. */
export interface TypedArrayConstructor<T> {
  new (length: number): T;
  new (buffer: SharedArrayBuffer): T;
  readonly BYTES_PER_ELEMENT: number;
}

/**
 * A zeroed typed array of n elements, in shared memory when `shared`: the
 * relationship arrays of a run that a team of threads shares
 * (inSharedMemory), which the team would otherwise copy into shared memory
 * before its first shared step (experiment/threads/shared-state.ts).
 */
export function typedArray<T>(Ctor: TypedArrayConstructor<T>, n: number, shared: boolean): T {
  return shared ? new Ctor(new SharedArrayBuffer(n * Ctor.BYTES_PER_ELEMENT)) : new Ctor(n);
}

/**
 * The states whose relationship arrays are made in shared memory (a team of
 * threads shares their run: SchoolModel's `parallel`). Kept beside the state,
 * not in it, so that a saved state has the same bytes on any number of threads.
 */
const SHARED = new WeakSet<object>();

/** From now on, make `state`'s relationship arrays in shared memory (setup/network.ts). */
export function useSharedMemory(state: object): void {
  SHARED.add(state);
}

/** Whether `state`'s relationship arrays are made in shared memory. */
export function inSharedMemory(state: object): boolean {
  return SHARED.has(state);
}

export function emptyEdges(nLeaders: number): EdgeArrays {
  return {
    n: 0,
    dst: new Int32Array(0),
    rev: new Int32Array(0),
    outStart: new Int32Array(nLeaders + 1),
    respect: new Float32Array(0),
    regard: new Float32Array(0),
    competence: new Float32Array(0),
    integrity: new Float32Array(0),
    trust: new Float32Array(0),
    interactions: new Uint8Array(0),
  };
}

export function emptyGroups(): GroupArrays {
  return {
    n: 0,
    names: [],
    kind: new Uint8Array(0),
    memberStart: new Int32Array(1),
    members: new Int32Array(0),
    edgeStart: new Int32Array(1),
    edges: new Int32Array(0),
    meetingsPerYear: new Float32Array(0),
    codeOfConduct: new Uint8Array(0),
    partnershipLead: new Uint8Array(0),
    informalTime: new Uint8Array(0),
    writtenRoles: new Uint8Array(0),
    peerReview: new Uint8Array(0),
    trainingQuality: new Float32Array(0),
    lTrust: new Float32Array(0),
    lConflict: new Float32Array(0),
    lCommitment: new Float32Array(0),
    lAccountability: new Float32Array(0),
    lResults: new Float32Array(0),
    binding: new Uint8Array(0),
    meetingsHeld: new Uint32Array(0),
    formed: new Int32Array(0),
    byLeaderStart: new Int32Array(1),
    byLeader: new Int32Array(0),
  };
}
