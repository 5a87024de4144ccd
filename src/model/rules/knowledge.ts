/**
 * Knowledge exchange (model brief 3.6; seed 001 on trust and knowledge
 * transfer, after von Krogh). A school learns from each partner in proportion
 * to its trust in that partner's head and to how much more effective the
 * partner is; a partner's knowledge stance scales what it lets flow
 * (share 1, sell 0.6, protect 0.15; seed 003). The school's absorptive
 * capacity enters in the improvement rule. Learning is averaged over partners.
 */
import type { Ctx } from '../context.ts';

export const STANCE_OPENNESS = new Float64Array([0.15, 0.6, 1]);

export function knowledgeExchange(ctx: Ctx): void {
  const { state, scenario } = ctx;
  const { edges: E, leaders: L, schools: S, tallies } = state;
  const rate = scenario.model.knowledge.rate;
  let total = 0;
  for (let i = 0; i < L.n; i++) {
    const a = E.outStart[i];
    const b = E.outStart[i + 1];
    if (b === a) continue;
    const si = L.school[i];
    const ei = S.effectiveness[si];
    let flow = 0;
    for (let e = a; e < b; e++) {
      const sj = L.school[E.dst[e]];
      const gap = S.effectiveness[sj] - ei;
      if (gap > 0) flow += E.trust[e] * gap * STANCE_OPENNESS[S.stance[sj]];
    }
    flow = (rate * flow) / (b - a);
    S.learning[si] += flow;
    total += flow;
  }
  tallies.knowledgeFlow = total;
}
