/**
 * Our engine running the same kernel as the peers (meetings, then Lencioni,
 * nothing else) on the workload's network, with the meetings' substream key
 * derived from each replication's seed.
 */
import { modelKeys } from '../../src/model/core/streams.ts';
import { meetings, refreshLeaderBehaviour } from '../../src/model/mechanisms/trust/meetings.ts';
import { lencioni } from '../../src/model/mechanisms/lencioni/lencioni.ts';
import type { SchoolModel } from '../../src/model/model.ts';
import type { PeerModel, TickMetrics } from './spec.ts';

export function oursKernel(model: SchoolModel, seed: number): PeerModel {
  const ctx = model.ctx;
  const st = ctx.state;
  if (seed !== model.scenario.seed) ctx.keys = modelKeys(seed);
  refreshLeaderBehaviour(ctx);
  const start = st.tallies.relationshipUpdates;
  let tick = 0;
  return {
    step: () => {
      st.tick = ++tick;
      st.schools.learning.fill(0);
      meetings(ctx);
      lencioni(ctx);
    },
    metrics: (): TickMetrics => {
      const E = st.edges,
        G = st.groups;
      let t = 0;
      for (let e = 0; e < E.n; e++) t += E.trust[e];
      let a = 0,
        b = 0;
      for (let g = 0; g < G.n; g++) {
        a += G.lTrust[g];
        b += G.lResults[g];
      }
      const ng = G.n || 1;
      return { trustMean: E.n ? t / E.n : NaN, lencioniTrust: a / ng, lencioniResults: b / ng };
    },
    updates: () => st.tallies.relationshipUpdates - start,
  };
}
