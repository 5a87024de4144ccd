/** Models with the policy layer, and counts over them, for the policy-layer tests. */
import { resolveScenario } from '../../src/api.ts';
import { GROUP_KINDS, type ModelState } from '../../src/model/core/state.ts';
import { sizeClass, type Hub } from '../../src/model/core/policy-state.ts';
import type { ScenarioInput } from '../../src/model/schema.ts';
import { createModel } from '../../src/model/simulate.ts';

/** A model from the drawn state: the policy-layer tests check setup and events, so no burn-in unless asked for. */
export const build = (input: ScenarioInput, seed = 1) => createModel(resolveScenario({ burnInYears: 0, ...input }), { seed });
export const kindCount = (st: ModelState, kind: string) => {
  let c = 0;
  for (let g = 0; g < st.groups.n; g++) if (GROUP_KINDS[st.groups.kind[g]] === kind) c++;
  return c;
};
export const shares = (st: ModelState) => {
  const S = st.schools;
  const P = st.policy!;
  const totals = P.mats.map((m) => m.external);
  for (let s = 0; s < S.n; s++) if (S.mat[s] >= 0) totals[S.mat[s]]++;
  const by = [0, 0, 0, 0];
  let sat = 0;
  for (let s = 0; s < S.n; s++) {
    if (S.governance[s] === 1) sat++;
    if (S.mat[s] >= 0) by[sizeClass(totals[S.mat[s]])]++;
  }
  return { sat: sat / S.n, small: by[1] / S.n, medium: by[2] / S.n, large: by[3] / S.n, academies: (sat + by[1] + by[2] + by[3]) / S.n };
};

/** A hub record for tests: defaults for every field, overridden by `fields`. */
export const hub = (fields: Partial<Hub>): Hub => ({
  name: 'H',
  kind: 0,
  lead: -1,
  x: 0.5,
  y: 0.5,
  active: true,
  closed: false,
  reopenTick: -1,
  locality: 0,
  members: [],
  ...fields,
});
