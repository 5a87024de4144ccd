/**
 * Knowledge exchange (model brief 3.6; seed 001 on trust and knowledge
 * transfer, after von Krogh). A school learns from each partner in proportion
 * to its trust in that partner's head and to how much more effective the
 * partner is; a partner's knowledge stance scales what it lets flow
 * (share 1, sell 0.6, protect 0.15; seed 003). The school's absorptive
 * capacity enters in the improvement rule. Learning is averaged over partners.
 *
 * Two steps: each head's flow (`knowledgeFlows`, independent per head, so a
 * team of threads may share the heads out), then the flows added to learning
 * and to the tick's total in head order, on one thread (the same bytes on any
 * number of threads).
 */
import type { Ctx } from '../../core/context.ts';
import type { EdgeArrays, LeaderArrays, SchoolArrays, StatePart } from '../../core/state.ts';

export const STANCE_OPENNESS = new Float64Array([0.15, 0.6, 1]);

/** The arrays the flows read, by part of the state: what a thread that computes them needs to share. */
export const KNOWLEDGE_ARRAYS = {
  edges: ['outStart', 'dst', 'trust'],
  leaders: ['school'],
  schools: ['effectiveness', 'stance'],
} as const;

/** The state the flows are computed from: the arrays of KNOWLEDGE_ARRAYS. */
export interface KnowledgeState {
  edges: StatePart<EdgeArrays, typeof KNOWLEDGE_ARRAYS.edges>;
  leaders: StatePart<LeaderArrays, typeof KNOWLEDGE_ARRAYS.leaders>;
  schools: StatePart<SchoolArrays, typeof KNOWLEDGE_ARRAYS.schools>;
}

/** Each head's flow this tick (per year), heads from .. to - 1, into flows[head]; 0 for a head without partners. */
export function knowledgeFlows(state: KnowledgeState, rate: number, from: number, to: number, flows: Float64Array): void {
  const { edges: E, leaders: L, schools: S } = state;
  // Arrays and the module-level table bound to locals (see meetings.ts).
  const outStart = E.outStart,
    dst = E.dst,
    trust = E.trust,
    school = L.school;
  const eff = S.effectiveness,
    stance = S.stance,
    openness = STANCE_OPENNESS;
  for (let i = from; i < to; i++) {
    const a = outStart[i];
    const b = outStart[i + 1];
    if (b === a) {
      flows[i] = 0;
      continue;
    }
    const ei = eff[school[i]];
    let flow = 0;
    for (let e = a; e < b; e++) {
      const sj = school[dst[e]];
      const gap = eff[sj] - ei;
      if (gap > 0) flow += trust[e] * gap * openness[stance[sj]];
    }
    flows[i] = (rate * flow) / (b - a);
  }
}

/** Scratch for the flows of a run on one thread (grown, never shrunk). */
let scratch = new Float64Array(0);

export function knowledgeExchange(ctx: Ctx): void {
  const { state, scenario } = ctx;
  const { edges: E, leaders: L, schools: S, tallies } = state;
  const rate = scenario.model.knowledge.rate;
  let flows: Float64Array;
  if (ctx.parallel) flows = ctx.parallel.knowledge(ctx);
  else {
    if (scratch.length < L.n) scratch = new Float64Array(L.n);
    flows = scratch;
    knowledgeFlows(state, rate, 0, L.n, flows);
  }
  tallies.knowledgeFlow = addFlows(E.outStart, L.school, S.learning, flows, L.n);
}

/**
 * Each head's flow added to its school's learning, in head order; returns
 * the tick's total. A function of its own so that its loop, once optimised,
 * stays so: compiled on the stack during the first tick, a loop followed by
 * a store into the tallies bailed out at that store every tick after.
 */
function addFlows(outStart: Int32Array, school: Int32Array, learning: Float64Array, flows: Float64Array, nL: number): number {
  let total = 0;
  for (let i = 0; i < nL; i++) {
    if (outStart[i + 1] === outStart[i]) continue;
    const flow = flows[i];
    learning[school[i]] += flow;
    total += flow;
  }
  return total;
}
