/**
 * The parameters the team's threads receive: one Float64Array, the meeting
 * kernel's in MEETING_PARAMS order, the two key words, the knowledge
 * exchange's rate, the relationship pass's job, the Lencioni cascade's share
 * of the gap closed and commitment base, the improvement rule's in
 * IMPROVEMENT_PARAMS order, then the practice's exposure pass's in
 * PRACTICE_PARAMS order.
 */
import { MEETING_PARAMS, type MeetingParams } from '../../model/mechanisms/trust/meetings.ts';
import { IMPROVEMENT_PARAMS, type ImprovementTick } from '../../model/mechanisms/improvement/improvement.ts';
import type { PracticeTick } from '../../model/mechanisms/practice-spread/practice-spread.ts';

/** Where the improvement rule's parameters start. */
const IMPROVEMENT_AT = MEETING_PARAMS.length + 7;
/** The practice's exposure pass's numbers, and where they start. */
const PRACTICE_PARAMS = ['thr', 'rate', 'credibility', 'steepness', 'minSources', 'x50h', 'tick'] as const satisfies readonly (keyof PracticeTick)[];
const PRACTICE_AT = IMPROVEMENT_AT + IMPROVEMENT_PARAMS.length;
export const PARAM_SLOTS = PRACTICE_AT + PRACTICE_PARAMS.length;

/** Where the knowledge exchange's rate goes, after the meeting parameters and the key. */
export const KNOWLEDGE_RATE = MEETING_PARAMS.length + 2;
/** The relationship pass's job (observe/edge-pass.ts): its policy part on (1) or off (0), and the knowledge network's tie threshold. */
export const EDGE_POLICY = MEETING_PARAMS.length + 3;
export const EDGE_THR = MEETING_PARAMS.length + 4;
/** The Lencioni cascade's share of each gap closed this tick, and its commitment base. */
export const LENCIONI_RHO = MEETING_PARAMS.length + 5;
export const LENCIONI_BASE = MEETING_PARAMS.length + 6;

export function packParams(p: MeetingParams, key: Uint32Array, out: Float64Array): void {
  MEETING_PARAMS.forEach((name, i) => (out[i] = p[name]));
  out[MEETING_PARAMS.length] = key[0];
  out[MEETING_PARAMS.length + 1] = key[1];
}

export function unpackParams(buf: Float64Array, key: Uint32Array): MeetingParams {
  const p = {} as MeetingParams;
  MEETING_PARAMS.forEach((name, i) => (p[name] = buf[i]));
  key[0] = buf[MEETING_PARAMS.length];
  key[1] = buf[MEETING_PARAMS.length + 1];
  return p;
}

export function packImprovement(p: ImprovementTick, out: Float64Array): void {
  IMPROVEMENT_PARAMS.forEach((name, i) => (out[IMPROVEMENT_AT + i] = p[name]));
}

/** The improvement rule's parameters into `into` (reused: a tick allocates nothing). */
export function unpackImprovement(buf: Float64Array, into: ImprovementTick): ImprovementTick {
  IMPROVEMENT_PARAMS.forEach((name, i) => (into[name] = buf[IMPROVEMENT_AT + i]));
  return into;
}

export function packPractice(p: PracticeTick, out: Float64Array): void {
  PRACTICE_PARAMS.forEach((name, i) => (out[PRACTICE_AT + i] = p[name]));
}

/** The exposure pass's numbers into `into` (reused: a tick allocates nothing). */
export function unpackPractice(buf: Float64Array, into: PracticeTick): PracticeTick {
  PRACTICE_PARAMS.forEach((name, i) => (into[name] = buf[PRACTICE_AT + i]));
  return into;
}
