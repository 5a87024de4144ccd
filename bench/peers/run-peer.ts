/**
 * Child-process entry for the peer comparison. Builds the workload's network
 * with our engine (seed 1), hands the same network to one implementation
 * (ours, agentscript, flocc) and either times it or records its aggregate
 * trajectories over seeded replications. Prints one JSON line.
 *
 *   mode time:        setup ms, ticks, ms, updates (best of reps)
 *   mode trajectory:  per replication, per tick: trust mean, Lencioni trust and results
 *   mode flocc-network: time to build Flocc's Network helper for n heads
 */
import { Agent, Environment, Network } from 'flocc';
import { buildCase } from '../lib/measure.ts';
import type { CaseSpec } from '../lib/cases.ts';
import { specOf, type PeerModel, type TickMetrics } from './spec.ts';
import { oursKernel } from './ours.ts';

type Impl = 'ours' | 'agentscript' | 'flocc';
const arg = JSON.parse(process.argv[2]) as {
  mode: 'time' | 'trajectory' | 'flocc-network';
  impl: Impl;
  case: CaseSpec;
  ticks: number;
  reps: number;
  seeds?: number[];
  withNetwork?: boolean;
  n?: number;
};

async function make(impl: Impl, seed: number, withNetwork: boolean): Promise<{ model: PeerModel; setupMs: number; networkMs: number }> {
  const t00 = performance.now();
  const built = buildCase(arg.case).model;
  if (impl === 'ours') {
    // Our setup is the engine's own build of the network (scenario to state).
    const model = oursKernel(built, seed);
    return { model, setupMs: performance.now() - t00, networkMs: NaN };
  }
  const spec = specOf(built);
  if (impl === 'agentscript') {
    const { buildAgentScript } = await import('./agentscript-model.ts');
    const t0 = performance.now();
    const model = buildAgentScript(spec, seed);
    return { model, setupMs: performance.now() - t0, networkMs: NaN };
  }
  const { buildFlocc } = await import('./flocc-model.ts');
  const t0 = performance.now();
  const b = buildFlocc(spec, seed, { withNetwork });
  return { model: b.model, setupMs: performance.now() - t0, networkMs: b.networkMs };
}

async function main(): Promise<unknown> {
  if (arg.mode === 'flocc-network') {
    const env = new Environment();
    const net = new Network();
    env.use(net);
    const agents = Array.from({ length: arg.n! }, () => new Agent());
    for (const a of agents) env.addAgent(a);
    const t0 = performance.now();
    for (const a of agents) net.addAgent(a);
    return { n: arg.n, ms: performance.now() - t0 };
  }
  if (arg.mode === 'trajectory') {
    const runs: TickMetrics[][] = [];
    for (const seed of arg.seeds!) {
      const { model } = await make(arg.impl, seed, false);
      const rows: TickMetrics[] = [model.metrics()];
      for (let t = 0; t < arg.ticks; t++) {
        model.step();
        rows.push(model.metrics());
      }
      runs.push(rows);
    }
    return { runs };
  }
  let best = { setupMs: Infinity, ms: Infinity, updates: 0, networkMs: NaN };
  for (let r = 0; r < arg.reps; r++) {
    const { model, setupMs, networkMs } = await make(arg.impl, 1, arg.withNetwork ?? false);
    const t0 = performance.now();
    for (let t = 0; t < arg.ticks; t++) model.step();
    const ms = performance.now() - t0;
    if (ms < best.ms) best = { setupMs: Math.min(setupMs, best.setupMs), ms, updates: model.updates(), networkMs };
    else best.setupMs = Math.min(best.setupMs, setupMs);
  }
  return { ...best, ticks: arg.ticks, rssPeak: process.resourceUsage().maxRSS * 1024 };
}

process.stdout.write(`@@RESULT ${JSON.stringify(await main())}\n`);
