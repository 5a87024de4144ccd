/**
 * Sweep throughput through the experiment layer's worker pool
 * (`benchSweepThroughput`: the real sweep path with its journal and tables).
 */
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../lib/child.ts';
import { fmt, heading, table } from '../lib/format.ts';
import { benchSweepThroughput, type SweepThroughput } from '../../src/experiment/bench.ts';

export interface SweepPoint {
  workers: number;
  runs: number;
  seconds: number;
  runsPerSec: number;
  efficiency: number;
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
  const runs = opts.quick ? 600 : 2000;
  const points: SweepPoint[] = [];
  // One untimed warm-up so the first measured point does not pay for compiling the main thread's side.
  await benchSweepThroughput(path.join(ROOT, scenario), Math.min(4, runs), 1);
  for (const w of counts) {
    const raw = await benchSweepThroughput(path.join(ROOT, scenario), runs, w);
    points.push({ workers: w, runs, seconds: raw.seconds, runsPerSec: raw.runsPerSec, efficiency: NaN, raw });
  }
  const base = points.find((p) => p.workers === 1)?.runsPerSec ?? NaN;
  for (const p of points) p.efficiency = p.runsPerSec / (base * p.workers);
  console.log(
    table(
      ['workers', 'runs', 'seconds', 'runs/s', 'speed-up', 'parallel efficiency', 'worker ms/run', 'pool overhead'],
      points.map((p) => [
        p.workers,
        p.runs,
        p.seconds.toFixed(2),
        p.runsPerSec.toFixed(2),
        fmt.ratio(p.runsPerSec / base),
        p.efficiency.toFixed(2),
        fmt.ms(p.raw.workerMsPerRun),
        fmt.pct(p.raw.poolOverheadShare),
      ]),
    ),
  );
  console.log('(via src/experiment/bench.ts; efficiency = runs/s at w workers / (w x runs/s at 1 worker))');
  return { module: 'src/experiment/bench.ts', scenario, points };
}
