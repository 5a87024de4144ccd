/**
 * Sweep throughput through the experiment layer's worker pool
 * (`benchSweepThroughput`: the real sweep path with its journal and tables).
 */
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../lib/child.ts';
import { fmt, heading, table } from '../lib/format.ts';
import { benchSweepThroughput, type SweepThroughput } from '../../src/experiment/bench.ts';
import { processes } from './scaling.ts';

export interface SweepPoint {
  workers: number;
  /** Runs per measurement (each round measures every worker count once). */
  runs: number;
  /** Median over rounds. */
  seconds: number;
  runsPerSec: number;
  /** Median over rounds of this round's runs/s / (workers x this round's runs/s at one worker). */
  efficiency: number;
  /** The machine's own limit: compute time per run of this many independent processes at once / of one alone (bench/scaling/solo.ts); median over rounds. */
  processSlowdown: number;
  /** Median over rounds of efficiency x processSlowdown: the pool's efficiency against what separate processes achieve on this machine. */
  relativeToMachine: number;
  /** Each round's efficiency, in order. */
  roundEfficiencies: number[];
  /** The round whose efficiency is the median. */
  raw: SweepThroughput;
}

export interface SweepReport {
  module: string;
  scenario: string;
  rounds: number;
  points: SweepPoint[];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Round {
  raw: Map<number, SweepThroughput>;
  /** Per worker count: compute time per run of that many processes at once / of one alone. */
  slowdown: Map<number, number>;
}

/**
 * One round: the pool at every worker count, then the process-level control
 * (the same replications in separate processes, one alone and w at once).
 * Rounds follow one another, and each figure is a ratio within one round:
 * this machine's speed drifts from minute to minute, and one measurement of
 * each, a few seconds apart, gave efficiencies from 0.66 to 0.93.
 */
async function measureRound(scenarioFile: string, counts: number[], runs: number): Promise<Round> {
  const raw = new Map<number, SweepThroughput>();
  for (const w of counts) raw.set(w, await benchSweepThroughput(scenarioFile, runs, w));
  const data = { scenarioFile, years: 5 };
  const perProcess = Math.round(runs / 4);
  const alone = await processes(1, perProcess, 8, data);
  const slowdown = new Map<number, number>([[1, 1]]);
  for (const w of counts) if (w > 1) slowdown.set(w, (await processes(w, perProcess, 8, data)) / alone);
  return { raw, slowdown };
}

function pointOf(w: number, runs: number, rounds: Round[]): SweepPoint {
  const eff = rounds.map((r) => r.raw.get(w)!.runsPerSec / (w * r.raw.get(1)!.runsPerSec));
  const rel = rounds.map((r, i) => eff[i] * r.slowdown.get(w)!);
  const mid = eff.indexOf([...eff].sort((a, b) => a - b)[Math.floor((eff.length - 1) / 2)]);
  return {
    workers: w,
    runs,
    seconds: median(rounds.map((r) => r.raw.get(w)!.seconds)),
    runsPerSec: median(rounds.map((r) => r.raw.get(w)!.runsPerSec)),
    efficiency: median(eff),
    processSlowdown: median(rounds.map((r) => r.slowdown.get(w)!)),
    relativeToMachine: median(rel),
    roundEfficiencies: eff,
    raw: rounds[mid].raw.get(w)!,
  };
}

export async function sweepSection(opts: { quick: boolean; allCores: boolean }): Promise<SweepReport> {
  const scenario = 'scenarios/locality-baseline.yaml';
  heading(`Sweep throughput: ${scenario} through the experiment worker pool`);
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const counts = opts.allCores ? Array.from({ length: cores }, (_, i) => i + 1) : [1, 2];
  // Enough runs that each worker's own warm-up (its first few runs, compiled from cold, at
  // 10 to 30 times the steady cost of a run) is a small part of the time, as in a real sweep
  // of thousands of runs. With 160 runs the warm-up alone halved the measured efficiency.
  const runs = 1200;
  const rounds = opts.quick ? 1 : 3;
  const file = path.join(ROOT, scenario);
  // One untimed warm-up so the first measured point does not pay for compiling the main thread's side.
  await benchSweepThroughput(file, Math.min(4, runs), 1);
  const measured: Round[] = [];
  for (let r = 0; r < rounds; r++) measured.push(await measureRound(file, counts, runs));
  const points = counts.map((w) => pointOf(w, runs, measured));
  const base = points.find((p) => p.workers === 1)?.runsPerSec ?? NaN;
  console.log(
    table(
      ['workers', 'runs', 'seconds', 'runs/s', 'speed-up', 'parallel efficiency', 'processes alone', 'against the machine', 'worker ms/run', 'pool overhead'],
      points.map((p) => [
        p.workers,
        p.runs,
        p.seconds.toFixed(2),
        p.runsPerSec.toFixed(2),
        fmt.ratio(p.runsPerSec / base),
        p.efficiency.toFixed(2),
        (1 / p.processSlowdown).toFixed(2),
        p.relativeToMachine.toFixed(2),
        fmt.ms(p.raw.workerMsPerRun),
        fmt.pct(p.raw.poolOverheadShare),
      ]),
    ),
  );
  console.log(
    `(via src/experiment/bench.ts; ${rounds} round(s), each measuring every worker count and then the control; figures are medians over rounds.\n` +
      'efficiency = runs/s at w workers / (w x runs/s at 1 worker) in the same round; processes alone = the same efficiency for w\n' +
      'separate processes running the replications at once (no pool, no threads): what this machine allows; against the machine =\n' +
      'efficiency / processes alone, round by round)',
  );
  for (const p of points)
    if (p.workers > 1) console.log(`efficiency at ${p.workers} workers, round by round: ${p.roundEfficiencies.map((e) => e.toFixed(2)).join(', ')}`);
  return { module: 'src/experiment/bench.ts', scenario, rounds, points };
}
