/**
 * Peers on the same model: the tick kernel (meetings with the Bryk &
 * Schneider update, then the Lencioni cascade) written idiomatically in
 * AgentScript and in Flocc (bench/peers/), run on the same network with the
 * same parameters. First, do they reproduce our aggregate trajectories over
 * seeded replications? Then, side by side timings and ratios at team,
 * locality, 2,000-school and national scale; where a peer cannot build a
 * network in reasonable time, that is measured and reported.
 */
import { runChild } from '../lib/child.ts';
import { CORE_CASES, NATIONAL_CASES, type CaseSpec } from '../lib/cases.ts';
import { fmt, heading, table } from '../lib/format.ts';
import type { TickMetrics } from '../peers/spec.ts';
import type { Report } from '../run.ts';

type Impl = 'ours' | 'agentscript' | 'flocc';
const IMPLS: Impl[] = ['ours', 'agentscript', 'flocc'];
const NAMES: Record<Impl, string> = { ours: 'collabsim', agentscript: 'AgentScript', flocc: 'Flocc' };

export interface AgreementRow {
  case: string;
  impl: Impl;
  metric: keyof TickMetrics;
  replications: number;
  maxAbsDiff: number;
  /** Largest |difference of means| / standard error of that difference over ticks. */
  maxZ: number;
  pass: boolean;
}

export interface TimingRow {
  case: string;
  label: string;
  impl: Impl;
  ticks: number;
  setupMs: number;
  ms: number;
  msPerTick: number;
  updates: number;
  updatesPerSec: number;
  /** Peer time per update / our time per update. */
  ratio: number;
  note: string;
  failed?: string;
}

const stats = (xs: number[]) => {
  const n = xs.length;
  const m = xs.reduce((a, b) => a + b, 0) / n;
  const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, n - 1);
  return { m, se: Math.sqrt(v / n) };
};

function agreement(c: CaseSpec, reps: number, ticks: number): AgreementRow[] {
  const seeds = Array.from({ length: reps }, (_, i) => 101 + i);
  const runs = {} as Record<Impl, TickMetrics[][]>;
  for (const impl of IMPLS)
    runs[impl] = runChild<{ runs: TickMetrics[][] }>('peers/run-peer.ts', { mode: 'trajectory', impl, case: c, ticks, reps, seeds }).runs;
  const rows: AgreementRow[] = [];
  for (const impl of ['agentscript', 'flocc'] as Impl[])
    for (const metric of ['trustMean', 'lencioniTrust', 'lencioniResults'] as (keyof TickMetrics)[]) {
      let maxAbs = 0,
        maxZ = 0,
        pass = true;
      for (let t = 0; t <= ticks; t++) {
        const a = stats(runs.ours.map((r) => r[t][metric]));
        const b = stats(runs[impl].map((r) => r[t][metric]));
        const d = Math.abs(a.m - b.m);
        const se = Math.sqrt(a.se ** 2 + b.se ** 2);
        maxAbs = Math.max(maxAbs, d);
        if (se > 0) maxZ = Math.max(maxZ, d / se);
        // Tolerance: within 4 standard errors of the difference, or 0.01 on the 0..1 scale.
        if (d > Math.max(0.01, 4 * se)) pass = false;
      }
      rows.push({ case: c.name, impl, metric, replications: reps, maxAbsDiff: maxAbs, maxZ, pass });
    }
  return rows;
}

function time(c: CaseSpec, impl: Impl, ticks: number, reps: number, timeoutMs: number, withNetwork = false): Omit<TimingRow, 'ratio' | 'note'> {
  try {
    const r = runChild<{ setupMs: number; ms: number; updates: number; ticks: number; networkMs: number }>(
      'peers/run-peer.ts',
      { mode: 'time', impl, case: c, ticks, reps, withNetwork },
      { nodeArgs: ['--max-old-space-size=12000'], timeoutMs },
    );
    return {
      case: c.name,
      label: c.label,
      impl,
      ticks,
      setupMs: r.setupMs,
      ms: r.ms,
      msPerTick: r.ms / ticks,
      updates: r.updates,
      updatesPerSec: r.updates / (r.ms / 1000),
    };
  } catch (e) {
    const why = /ETIMEDOUT|SIGTERM/.test(String(e)) ? `did not finish within ${timeoutMs / 1000} s` : String(e).split('\n')[0].slice(0, 160);
    return { case: c.name, label: c.label, impl, ticks, setupMs: NaN, ms: NaN, msPerTick: NaN, updates: 0, updatesPerSec: NaN, failed: why };
  }
}

export async function peersSection(opts: { quick: boolean; report: Report }): Promise<unknown> {
  heading('Peers: the same kernel in AgentScript and Flocc');

  // 1. Do the peers reproduce our aggregate trajectories?
  // The team (one group of six) varies a lot between replications and costs little: 30 even when quick,
  // since with 12 the standard error the tolerance uses is itself too noisy (a 4-SE miss in about one seed block in seven).
  const agree = [...agreement(CORE_CASES[0], 30, 60), ...agreement(CORE_CASES[1], opts.quick ? 6 : 16, 60)];
  console.log('Aggregate trajectories, 60 ticks, same network, seeded replications (peer vs collabsim, mean over replications per tick):');
  console.log(
    table(
      ['workload', 'peer', 'metric', 'replications', 'max |diff|', 'max z', 'within tolerance'],
      agree.map((r) => [r.case, NAMES[r.impl], r.metric, r.replications, r.maxAbsDiff.toFixed(4), r.maxZ.toFixed(2), r.pass ? 'yes' : 'NO']),
    ),
  );
  console.log(
    'tolerance: at every tick |difference of means| <= max(0.01, 4 x its standard error). Generators differ, so results agree in distribution, not bit for bit.',
  );

  // 2. Side by side timings.
  const national = NATIONAL_CASES[0];
  const plan: [CaseSpec, Record<Impl, number>, number][] = [
    // Small workloads get many ticks and repetitions: a 10 ms measurement is mostly noise on a busy machine.
    [CORE_CASES[0], opts.quick ? { ours: 1200, agentscript: 1200, flocc: 1200 } : { ours: 6000, agentscript: 6000, flocc: 6000 }, 5],
    [CORE_CASES[1], opts.quick ? { ours: 240, agentscript: 240, flocc: 240 } : { ours: 1200, agentscript: 1200, flocc: 1200 }, 5],
    [CORE_CASES[2], { ours: 60, agentscript: 60, flocc: opts.quick ? 6 : 12 }, 2],
    [national, { ours: opts.quick ? 12 : 60, agentscript: opts.quick ? 2 : 6, flocc: 1 }, 1],
  ];
  const rows: TimingRow[] = [];
  for (const [c, ticks, reps] of plan) {
    const big = c.name === 'national';
    const group: Omit<TimingRow, 'ratio' | 'note'>[] = [];
    const small = c.name === 'team' || c.name === 'locality';
    for (const impl of IMPLS) group.push(time(c, impl, ticks[impl], reps, big ? (opts.quick ? 240_000 : 420_000) : 240_000, impl === 'flocc' && small));
    const ours = group[0];
    for (const g of group)
      rows.push({
        ...g,
        ratio: g.updatesPerSec > 0 && ours.updatesPerSec > 0 ? ours.updatesPerSec / g.updatesPerSec : NaN,
        note:
          g.impl === 'flocc'
            ? small
              ? 'Network helper built (in setup)'
              : 'without Network helper (see below)'
            : g.impl === 'ours'
              ? 'setup = engine build of the network'
              : '',
      });
  }
  console.log('\nSide by side (same kernel, same network; ratio = peer time per update / ours):');
  console.log(
    table(
      ['workload', 'implementation', 'setup ms', 'ticks', 'ms/tick', 'updates/s', 'peer/ours', 'note'],
      rows.map((r) => [
        r.label,
        NAMES[r.impl],
        fmt.ms(r.setupMs),
        r.ticks,
        fmt.ms(r.msPerTick),
        fmt.rate(r.updatesPerSec),
        r.impl === 'ours' ? '1' : fmt.ratio(r.ratio),
        r.failed ?? r.note,
      ]),
    ),
  );

  // 3. Flocc's Network helper: build time as the network grows.
  const sizes = opts.quick ? [100, 200, 300] : [100, 200, 300, 400];
  const net: { n: number; ms: number }[] = [];
  for (const n of sizes)
    net.push(
      runChild<{ n: number; ms: number }>(
        'peers/run-peer.ts',
        { mode: 'flocc-network', impl: 'flocc', case: CORE_CASES[0], ticks: 0, reps: 1, n },
        { timeoutMs: 300_000 },
      ),
    );
  const a = net[net.length - 2],
    b = net[net.length - 1];
  const exponent = Math.log(b.ms / a.ms) / Math.log(b.n / a.n);
  const extrapolate = (n: number) => b.ms * (n / b.n) ** exponent;
  console.log(
    `\nFlocc Network helper (adding n heads; it rebuilds a dense n x n matrix on every addAgent): ` +
      net.map((x) => `n=${x.n}: ${fmt.ms(x.ms)} ms`).join(', ') +
      `; grows as n^${exponent.toFixed(1)}, so about ${fmt.long(extrapolate(2000))} for 2,000 heads and ${fmt.long(extrapolate(20000))} for 20,000` +
      ' (extrapolated): Flocc runs beyond the locality use agents and their tie data without the helper.',
  );
  return { agreement: agree, timing: rows, floccNetwork: { points: net, exponent, extrapolatedMs: { 2000: extrapolate(2000), 20000: extrapolate(20000) } } };
}
