/**
 * Knowledge exchange (model brief 3.6; seed 001 on trust and knowledge
 * transfer, after von Krogh). A school learns from each partner in proportion
 * to its trust in that partner's head and to how much more effective the
 * partner is; a partner's knowledge stance scales what it lets flow
 * (share 1, sell 0.6, protect 0.15; seed 003). The school's absorptive
 * capacity enters in the improvement rule. Learning is averaged over partners.
 */
import type { Ctx } from '../../core/context.ts';

export const STANCE_OPENNESS = new Float64Array([0.15, 0.6, 1]);

export function knowledgeExchange(ctx: Ctx): void {
  const { state, scenario } = ctx;
  const { edges: E, leaders: L, schools: S, tallies } = state;
  const rate = scenario.model.knowledge.rate;
  // Arrays and the module-level table bound to locals (see meetings.ts).
  const outStart = E.outStart,
    dst = E.dst,
    trust = E.trust,
    school = L.school;
  const eff = S.effectiveness,
    stance = S.stance,
    learning = S.learning,
    openness = STANCE_OPENNESS;
  let total = 0;
  for (let i = 0; i < L.n; i++) {
    const a = outStart[i];
    const b = outStart[i + 1];
    if (b === a) continue;
    const si = school[i];
    const ei = eff[si];
    let flow = 0;
    for (let e = a; e < b; e++) {
      const sj = school[dst[e]];
      const gap = eff[sj] - ei;
      if (gap > 0) flow += trust[e] * gap * openness[stance[sj]];
    }
    flow = (rate * flow) / (b - a);
    learning[si] += flow;
    total += flow;
  }
  tallies.knowledgeFlow = total;
}
