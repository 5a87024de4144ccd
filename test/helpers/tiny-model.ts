/** Small models for unit tests of single rules. */
import { resolveScenario } from '../../src/api.ts';
import { findEdge as findEdgeCsr } from '../../src/model/core/edges.ts';
import { relationalTrust, type EdgeArrays } from '../../src/model/core/state.ts';
import type { ScenarioInput } from '../../src/model/schema.ts';
import { createModel } from '../../src/model/simulate.ts';

/** Index of the edge i -> j, or -1. */
export const findEdge = (E: EdgeArrays, i: number, j: number): number => findEdgeCsr(E.outStart, E.dst, i, j);

export function tiny(input: ScenarioInput = {}, seed = 1) {
  // Unit tests of single rules start from the drawn state (no burn-in) unless they ask for one.
  const s = resolveScenario({ schools: { count: 4 }, partnerships: { size: 4 }, burnInYears: 0, ...input });
  return createModel(s, { seed });
}

export function setAllTrust(m: ReturnType<typeof tiny>, v: number) {
  const E = m.state.edges;
  for (let e = 0; e < E.n; e++) {
    E.respect[e] = E.regard[e] = E.competence[e] = E.integrity[e] = v;
    E.trust[e] = relationalTrust(v, v, v, v);
  }
}
