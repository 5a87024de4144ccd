/**
 * Time one workload in this process: setup, the tick loop (step + observe,
 * exactly what simulate() runs), work counts, memory high-water marks and a
 * hash of the run's series so a fast but wrong engine cannot pass unnoticed.
 */
import { runLoop } from '../../src/engine/loop.ts';
import { createSha256 } from '../../src/common/hash.ts';
import type { SchoolModel } from '../../src/model/model.ts';
import { TICK_STEPS } from '../../src/model/schedule.ts';
import type { ModelState } from '../../src/model/core/state.ts';
import { createModel } from '../../src/api.ts';
import { ThreadTeam } from '../../src/experiment/threads/team.ts';
import { buildSyntheticNational, coreScenario, policyNationalScenario, type CaseSpec, type NationalInfo } from './cases.ts';

export interface RunTiming {
  setupMs: number;
  loopMs: number;
  ticks: number;
  /** Per-meeting, per-directed-relationship trust updates (state.tallies.relationshipUpdates). */
  meetingUpdates: number;
  /** Meeting updates plus knowledge-exchange visits (every relationship once per tick). */
  edgePasses: number;
  hash: string;
  /** On several threads: ms of the loop in which the worker threads had work (ThreadTeam.sharedMs); NaN on one. */
  sharedMs: number;
  /** With the case's `budget`: ms of the setup, then of each step of the tick and of the observer, by name, in the tick's order (the model's clock, schedule.ts). */
  budget: Record<string, number>;
}

export interface CaseResult {
  case: string;
  label: string;
  schools: number;
  leaders: number;
  relationships: number;
  groups: number;
  ticks: number;
  ticksPerYear: number;
  years: number;
  reps: number;
  setupMs: number;
  /** First (cold, includes JIT warm-up) replication: setup + loop. */
  coldReplicationMs: number;
  /** Best warm replication: setup + loop. */
  bestReplicationMs: number;
  msPerTick: number;
  msPerTickMedian: number;
  meetingUpdates: number;
  edgePasses: number;
  meetingUpdatesPerSec: number;
  edgePassesPerSec: number;
  rssBaselineBytes: number;
  rssPeakBytes: number;
  heapPeakBytes: number;
  /** Bytes of all typed arrays in the model state. */
  stateBytes: number;
  stateBytesPerRelationship: number;
  /** (peak RSS - RSS before the first build) / relationships. */
  rssBytesPerRelationship: number;
  hash: string;
  hashStable: boolean;
  network?: NationalInfo;
  /**
   * On several threads, for the best warm replication: ms of its loop in
   * which the worker threads had work, and ms in which the main thread
   * worked alone (the serial part: rules not shared out, draws made in
   * order, sums added up, arrays moved into shared memory). NaN on one thread.
   */
  sharedMs: number;
  mainAloneMs: number;
  /**
   * Where the best warm replication went (cases with `budget` only; else
   * empty): ms of its setup, of each step of the tick (schedule.ts
   * TICK_STEPS) and of the observer, by name, in the tick's order. On
   * several threads, the main thread's wall time in each, the team's work
   * included.
   */
  budget: Record<string, number>;
}

export function seriesHash(model: SchoolModel): string {
  const v = model.observer.rec.values;
  return createSha256()
    .update(JSON.stringify(model.observer.rec.keys))
    .update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))
    .hex();
}

export function stateBytes(st: ModelState): number {
  let total = 0;
  for (const part of [st.schools, st.leaders, st.edges, st.groups] as unknown as Record<string, unknown>[])
    for (const v of Object.values(part)) if (ArrayBuffer.isView(v)) total += v.byteLength;
  return total;
}

/** One team per process, for cases run on several threads. */
let team: ThreadTeam | undefined;

export function buildCase(c: CaseSpec): { model: SchoolModel; network?: NationalInfo } {
  const built = buildUnthreaded(c);
  if ((c.threads ?? 1) > 1) {
    team ??= new ThreadTeam(c.threads as number);
    built.model.ctx.parallel = team;
  }
  return built;
}

function buildUnthreaded(c: CaseSpec): { model: SchoolModel; network?: NationalInfo } {
  if (['national', 'national-weekly', 'national-smaller', 'national-2threads', 'national-yearly', 'national-built'].includes(c.name)) {
    const { model, info } = buildSyntheticNational(c.ticksPerYear, c.years, c.seed, c.schools, (c.threads ?? 1) > 1, c.every);
    return { model, network: info };
  }
  if (c.name === 'national-policy') {
    const model = createModel(policyNationalScenario(c));
    const st = model.state;
    const kinds = new Map<number, number>();
    for (let g = 0; g < st.groups.n; g++) kinds.set(st.groups.kind[g], (kinds.get(st.groups.kind[g]) ?? 0) + 1);
    const k = (i: number) => kinds.get(i) ?? 0;
    return {
      model,
      network: {
        schools: st.schools.n,
        leaders: st.leaders.n,
        relationships: st.edges.n,
        groups: st.groups.n,
        partnerships: k(0),
        mats: k(1),
        hubs: k(2),
        source: 'policy layer national generator (locality.preset national)',
      },
    };
  }
  return { model: createModel(coreScenario(c)) };
}

interface Sampler {
  rss: number;
  heap: number;
}

function runOnce(c: CaseSpec, sample: Sampler | null): RunTiming & { model: SchoolModel; network?: NationalInfo } {
  const t0 = performance.now();
  const { model, network } = buildCase(c);
  const t1 = performance.now();
  if (sample) {
    const m = process.memoryUsage();
    sample.rss = Math.max(sample.rss, m.rss);
    sample.heap = Math.max(sample.heap, m.heapUsed);
  }
  let knowledgeVisits = 0;
  const st = model.state;
  const every = sample ? Math.max(1, Math.floor(model.ticks / 50)) : 0;
  const threads = (c.threads ?? 1) > 1 ? team : undefined;
  const shared0 = threads ? threads.sharedMs : 0;
  // In the order of a replication: the setup, the steps of a tick, then the observer (which also records tick 0, first).
  const budget: Record<string, number> = c.budget ? { setup: t1 - t0, ...Object.fromEntries(TICK_STEPS.map((s) => [s.name, 0])), observer: 0 } : {};
  if (c.budget)
    model.clock = (step, ms) => {
      budget[step] = (budget[step] ?? 0) + ms;
    };
  runLoop(model, {
    ticks: model.ticks,
    onTick: (t) => {
      knowledgeVisits += st.edges.n;
      if (sample && t % every === 0) {
        const m = process.memoryUsage();
        if (m.rss > sample.rss) sample.rss = m.rss;
        if (m.heapUsed > sample.heap) sample.heap = m.heapUsed;
      }
    },
  });
  const t2 = performance.now();
  const meetingUpdates = st.tallies.relationshipUpdates;
  return {
    model,
    network,
    setupMs: t1 - t0,
    loopMs: t2 - t1,
    ticks: model.ticks,
    meetingUpdates,
    edgePasses: meetingUpdates + knowledgeVisits,
    hash: seriesHash(model),
    sharedMs: threads ? threads.sharedMs - shared0 : NaN,
    budget,
  };
}

/** Replications until both `minReps` and `minMs` of loop time are reached (at most maxReps). */
export function measureCase(c: CaseSpec, opts: { minReps: number; maxReps: number; minMs: number }): CaseResult {
  const baseline = process.memoryUsage().rss;
  const sample: Sampler = { rss: baseline, heap: process.memoryUsage().heapUsed };
  const first = runOnce(c, sample);
  const st = first.model.state;
  const info = {
    leaders: st.leaders.n,
    relationships: st.edges.n,
    groups: st.groups.n,
    bytes: stateBytes(st),
  };
  const runs: RunTiming[] = [first];
  let hashStable = true;
  let total = first.loopMs;
  const peakFromOs = () => process.resourceUsage().maxRSS * 1024;
  const rssPeak = Math.max(sample.rss, peakFromOs());
  (first as { model?: SchoolModel }).model = undefined;
  while (runs.length < opts.maxReps && (runs.length < opts.minReps || total < opts.minMs)) {
    const r = runOnce(c, null);
    if (r.hash !== first.hash) hashStable = false;
    runs.push(r);
    total += r.loopMs;
  }
  // Warm figures exclude the first (cold) run whenever there is more than one.
  const warm = runs.length > 1 ? runs.slice(1) : runs;
  const perTick = warm.map((r) => r.loopMs / r.ticks).sort((a, b) => a - b);
  const best = warm.reduce((a, b) => (a.loopMs <= b.loopMs ? a : b));
  const setupBest = Math.min(...warm.map((r) => r.setupMs));
  return {
    case: c.name,
    label: c.label,
    schools: c.schools,
    leaders: info.leaders,
    relationships: info.relationships,
    groups: info.groups,
    ticks: first.ticks,
    ticksPerYear: c.ticksPerYear,
    years: c.years,
    reps: runs.length,
    setupMs: setupBest,
    coldReplicationMs: first.setupMs + first.loopMs,
    bestReplicationMs: best.setupMs + best.loopMs,
    msPerTick: perTick[0],
    msPerTickMedian: perTick[Math.floor(perTick.length / 2)],
    meetingUpdates: best.meetingUpdates,
    edgePasses: best.edgePasses,
    meetingUpdatesPerSec: best.meetingUpdates / (best.loopMs / 1000),
    edgePassesPerSec: best.edgePasses / (best.loopMs / 1000),
    rssBaselineBytes: baseline,
    rssPeakBytes: rssPeak,
    heapPeakBytes: sample.heap,
    stateBytes: info.bytes,
    stateBytesPerRelationship: info.relationships ? info.bytes / info.relationships : NaN,
    rssBytesPerRelationship: info.relationships ? (rssPeak - baseline) / info.relationships : NaN,
    hash: first.hash,
    hashStable,
    network: first.network,
    sharedMs: best.sharedMs,
    mainAloneMs: best.loopMs - best.sharedMs,
    budget: best.budget,
  };
}
