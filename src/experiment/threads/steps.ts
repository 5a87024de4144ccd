/**
 * One thread's part of each shared step (team.ts on the main thread,
 * team-worker.ts on the others): the thread claims chunks of the step from
 * the control block until none is left (control.ts, `claim`), and works
 * each chunk into its own place in the shared outputs. The chunks are the
 * same whatever the number of threads is, apart from their count, and none
 * of them adds into another's results except through integer tallies, so
 * the outputs are the same, to the byte, whichever thread takes which chunk.
 */
import { addTallyFields, meetGroups, TALLY_FIELDS, type MeetingParams, type MeetingState } from '../../model/mechanisms/trust/meetings.ts';
import { roundSlice, type MeetingPlan } from '../../model/mechanisms/trust/meeting-plan.ts';
import { knowledgeFlows, type KnowledgeState } from '../../model/mechanisms/knowledge/knowledge.ts';
import { cascadeGroups, type LencioniState } from '../../model/mechanisms/lencioni/lencioni.ts';
import { improveSchools, type ImprovementState, type ImprovementTick } from '../../model/mechanisms/improvement/improvement.ts';
import { practiceExposure, type PracticeState, type PracticeTick } from '../../model/mechanisms/practice-spread/practice-spread.ts';
import { EDGE_CHUNKS, edgePassChunks, type EdgePassState } from '../../model/observe/edge-pass.ts';
import { resetReplaced, type NewcomerParams, type ResetState } from '../../model/mechanisms/trust/newcomers.ts';
import type { ReplacedHeads } from '../../model/core/context.ts';
import type { EdgePassJob } from '../../model/core/edges.ts';
import { offsetSlice } from '../../model/core/edges.ts';
import { CLAIMS_PER_THREAD, claim } from './control.ts';
import { evenSlice } from './buffers.ts';

/** The number of chunks a step is cut into on `threads` threads. */
export function stepChunks(threads: number): number {
  return CLAIMS_PER_THREAD * threads;
}

/** A thread's own scratch for one chunk's meeting tallies. */
const chunkTally = new Float64Array(TALLY_FIELDS);

/** Round r's groups, chunk by chunk; the chunks' tallies are added into `tally` at `slot` (overwritten first). */
// eslint-disable-next-line max-params -- the kernel's own inputs, passed through
export function meetClaimed(
  control: Int32Array,
  view: MeetingState,
  P: MeetingParams,
  key: Uint32Array,
  plan: MeetingPlan,
  r: number,
  chunks: number,
  tally: Float64Array,
  slot: number,
): void {
  tally.fill(0, slot * TALLY_FIELDS, (slot + 1) * TALLY_FIELDS);
  for (let c = claim(control); c < chunks; c = claim(control)) {
    const [from, to] = roundSlice(plan, r, c, chunks);
    meetGroups(view, P, key, plan.order, from, to, chunkTally, 0);
    addTallyFields(tally, slot, chunkTally);
  }
}

/** The knowledge flows of the heads, chunk by chunk (equal numbers of relationships). */
export function knowledgeClaimed(control: Int32Array, kv: KnowledgeState, rate: number, chunks: number, flows: Float64Array): void {
  for (let c = claim(control); c < chunks; c = claim(control)) {
    const [from, to] = offsetSlice(kv.edges.outStart, c, chunks);
    knowledgeFlows(kv, rate, from, to, flows);
  }
}

/** The Lencioni levels of the groups, chunk by chunk (equal numbers of relationships). */
export function lencioniClaimed(control: Int32Array, lv: LencioniState, rho: number, base: number, chunks: number, results: Float64Array): void {
  for (let c = claim(control); c < chunks; c = claim(control)) {
    const [from, to] = offsetSlice(lv.groups.edgeStart, c, chunks);
    cascadeGroups(lv, rho, base, from, to, results);
  }
}

/** The schools' improvement, chunk by chunk. */
export function improvementClaimed(control: Int32Array, iv: ImprovementState, p: ImprovementTick, shocks: Float64Array, chunks: number): void {
  const n = iv.schools.leader.length;
  for (let c = claim(control); c < chunks; c = claim(control)) {
    const [from, to] = evenSlice(n, c, chunks);
    improveSchools(iv, p, shocks, from, to);
  }
}

/** The schools' chances of adopting the practice, chunk by chunk. */
export function practiceClaimed(control: Int32Array, pv: PracticeState, p: PracticeTick, chunks: number, out: Float64Array): void {
  const n = pv.schools.leader.length;
  for (let c = claim(control); c < chunks; c = claim(control)) {
    const [from, to] = evenSlice(n, c, chunks);
    practiceExposure(pv, p, from, to, out);
  }
}

/** The relationships of the tick's replaced heads heads[0 .. count - 1], chunk by chunk of the list (each edge has one writer, whichever thread). */

export function resetsClaimed(control: Int32Array, rs: ResetState, p: NewcomerParams, q: Omit<ReplacedHeads, 'count'>, count: number, chunks: number): void {
  for (let c = claim(control); c < chunks; c = claim(control)) {
    const [from, to] = evenSlice(count, c, chunks);
    resetReplaced(rs, p, q, from, to);
  }
}

/** The relationship pass's fixed chunks (EDGE_CHUNKS), one at a time, into this thread's histogram and union-find. */
// eslint-disable-next-line max-params -- the pass's inputs and its four outputs
export function relationshipsClaimed(
  control: Int32Array,
  ev: EdgePassState,
  job: EdgePassJob,
  partials: Float64Array,
  hist: Uint32Array,
  parent: Int32Array,
  size: Int32Array,
): void {
  for (let c = claim(control); c < EDGE_CHUNKS; c = claim(control)) edgePassChunks(ev, job, c, c + 1, partials, hist, parent, size);
}
