/**
 * The parameters the team's threads receive: one Float64Array, the meeting
 * kernel's in MEETING_PARAMS order, the two key words, the knowledge
 * exchange's rate, the relationship pass's job, the Lencioni cascade's share
 * of the gap closed and commitment base, the improvement rule's in
 * IMPROVEMENT_PARAMS order, the practice's exposure pass's in
 * PRACTICE_PARAMS order, then the newcomer rule's in NEWCOMER_PARAMS order
 * and the number of heads replaced in the tick.
 */
import { MEETING_PARAMS, type MeetingParams } from '../../model/mechanisms/trust/meetings.ts';
import { IMPROVEMENT_PARAMS, type ImprovementTick } from '../../model/mechanisms/improvement/improvement.ts';
import type { PracticeTick } from '../../model/mechanisms/practice-spread/practice-spread.ts';
import type { NewcomerParams } from '../../model/mechanisms/trust/newcomers.ts';

/** Where the improvement rule's parameters start. */
const IMPROVEMENT_AT = MEETING_PARAMS.length + 7;
/** The practice's exposure pass's numbers, and where they start. */
const PRACTICE_PARAMS = ['thr', 'rate', 'credibility', 'steepness', 'minSources', 'x50h', 'tick'] as const satisfies readonly (keyof PracticeTick)[];
const PRACTICE_AT = IMPROVEMENT_AT + IMPROVEMENT_PARAMS.length;
/** The newcomer rule's numbers (resetting a new head's relationships), and where they start. */
const NEWCOMER_PARAMS = ['newcomerBase', 'newcomerSpan', 'assimilation'] as const satisfies readonly (keyof NewcomerParams)[];
const NEWCOMER_AT = PRACTICE_AT + PRACTICE_PARAMS.length;
/** How many heads were replaced in the tick (the length of the list to reset). */
export const RESET_COUNT = NEWCOMER_AT + NEWCOMER_PARAMS.length;
export const PARAM_SLOTS = RESET_COUNT + 1;

/** Where the knowledge exchange's rate goes, after the meeting parameters and the key. */
export const KNOWLEDGE_RATE = MEETING_PARAMS.length + 2;
/** The relationship pass's job (observe/edge-pass.ts): its policy part on (1) or off (0), and the knowledge network's tie threshold. */
export const EDGE_POLICY = MEETING_PARAMS.length + 3;
export const EDGE_THR = MEETING_PARAMS.length + 4;
/** The Lencioni cascade's share of each gap closed this tick, and its commitment base. */
export const LENCIONI_RHO = MEETING_PARAMS.length + 5;
export const LENCIONI_BASE = MEETING_PARAMS.length + 6;

export function packParams(p: MeetingParams, key: Uint32Array, out: Float64Array): void {
  packAt(MEETING_PARAMS, 0, p, out);
  out[MEETING_PARAMS.length] = key[0];
  out[MEETING_PARAMS.length + 1] = key[1];
}

export function unpackParams(buf: Float64Array, key: Uint32Array): MeetingParams {
  const p = unpackAt(MEETING_PARAMS, 0, buf, {} as MeetingParams);
  key[0] = buf[MEETING_PARAMS.length];
  key[1] = buf[MEETING_PARAMS.length + 1];
  return p;
}

/** Named numbers `names` of `p` into out[at ..], in that order. */
function packAt<K extends string>(names: readonly K[], at: number, p: Record<K, number>, out: Float64Array): void {
  names.forEach((name, i) => (out[at + i] = p[name]));
}

/** buf[at ..] back into the named numbers of `into` (reused: a tick allocates nothing). */
function unpackAt<K extends string, T extends Record<K, number>>(names: readonly K[], at: number, buf: Float64Array, into: T): T {
  names.forEach((name, i) => ((into as Record<K, number>)[name] = buf[at + i]));
  return into;
}

export const packImprovement = (p: ImprovementTick, out: Float64Array): void => packAt(IMPROVEMENT_PARAMS, IMPROVEMENT_AT, p, out);
export const unpackImprovement = (buf: Float64Array, into: ImprovementTick): ImprovementTick => unpackAt(IMPROVEMENT_PARAMS, IMPROVEMENT_AT, buf, into);
export const packPractice = (p: PracticeTick, out: Float64Array): void => packAt(PRACTICE_PARAMS, PRACTICE_AT, p, out);
export const unpackPractice = (buf: Float64Array, into: PracticeTick): PracticeTick => unpackAt(PRACTICE_PARAMS, PRACTICE_AT, buf, into);
export const packNewcomer = (p: NewcomerParams, out: Float64Array): void => packAt(NEWCOMER_PARAMS, NEWCOMER_AT, p, out);
export const unpackNewcomer = (buf: Float64Array, into: NewcomerParams): NewcomerParams => unpackAt(NEWCOMER_PARAMS, NEWCOMER_AT, buf, into);
