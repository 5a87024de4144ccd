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
  runs: number;
  seconds: number;
  runsPerSec: number;
  efficiency: number;
  /** The machine's own limit: compute time per run of this many independent processes at once / of one alone (bench/scaling/solo.ts). */
  processSlowdown: number;
  /** efficiency x processSlowdown: the pool's efficiency against what separate processes achieve on this machine. */
  relativeToMachine: number;
  raw: SweepThroughput;
}

export interface SweepReport {
  module: string;
  scenario: string;
  points: SweepPoint[];
}

export async function sweepSection(opts: { quick: boolean; allCores: boolean }): Promise<SweepReport> {
  const scenario = 'scenarios/locality-baseline.yaml';
  heading(`Sweep throughput: ${scenario} through the experiment worker pool`);
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const counts = opts.allCores ? Array.from({ length: cores }, (_, i) => i + 1) : [1, 2];
  // Enough runs that each worker's own warm-up (its first few runs, compiled from cold, at
  // 10 to 30 times the steady cost of a run) is a small part of the time, as in a real sweep
  // of thousands of runs. With 160 runs the warm-up alone halved the measured efficiency.
  const runs = opts.quick ? 1200 : 2000;
  const points: SweepPoint[] = [];
  // One untimed warm-up so the first measured point does not pay for compiling the main thread's side.
  await benchSweepThroughput(path.join(ROOT, scenario), Math.min(4, runs), 1);
  for (const w of counts) {
    const raw = await benchSweepThroughput(path.join(ROOT, scenario), runs, w);
    points.push({ workers: w, runs, seconds: raw.seconds, runsPerSec: raw.runsPerSec, efficiency: NaN, processSlowdown: NaN, relativeToMachine: NaN, raw });
  }
  const base = points.find((p) => p.workers === 1)?.runsPerSec ?? NaN;
  // The process-level control, measured in the same run: the same replications in separate processes.
  const data = { scenarioFile: path.join(ROOT, scenario), years: 5 };
  const perProcess = Math.round(runs / 4);
  const alone = await processes(1, perProcess, 8, data);
  for (const p of points) {
    p.efficiency = p.runsPerSec / (base * p.workers);
    p.processSlowdown = p.workers === 1 ? 1 : (await processes(p.workers, perProcess, 8, data)) / alone;
    p.relativeToMachine = p.efficiency * p.processSlowdown;
  }
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
    '(via src/experiment/bench.ts; efficiency = runs/s at w workers / (w x runs/s at 1 worker); processes alone = the same\n' +
      'efficiency for w separate processes running the replications at once (no pool, no threads): what this machine allows;\n' +
      'against the machine = efficiency / processes alone)',
  );
  return { module: 'src/experiment/bench.ts', scenario, points };
}
