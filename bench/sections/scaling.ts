/**
 * Parallel scaling of whole replications on worker threads: runs/s at every
 * worker count from 1 to the number of cores, parallel efficiency, and the
 * pool's overhead (dispatch, result transfer, idle) as a share of run time.
 * Results come back as transferred typed arrays. Alongside, the experiment
 * layer's own pool through benchSweepThroughput when it exists.
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { BENCH_DIR, ROOT } from '../lib/child.ts';
import { fmt, heading, table } from '../lib/format.ts';
import { sweepSection, type SweepReport } from './sweep.ts';

export interface ScalingPoint {
  workers: number;
  runs: number;
  wallMs: number;
  runsPerSec: number;
  efficiency: number;
  /** Mean time a worker spent simulating one run. */
  computeMsPerRun: number;
  /** Share of worker-time not spent simulating: 1 - sum(compute) / (workers * wall). */
  overheadShare: number;
  /** Mean latency from a worker posting a result to the main thread receiving it. */
  transferMsPerRun: number;
  bytesPerRun: number;
}

export interface ScalingWorkload {
  name: string;
  points: ScalingPoint[];
}

async function measure(workers: number, runs: number, data: Record<string, unknown>): Promise<ScalingPoint> {
  const boot = path.join(BENCH_DIR, 'scaling', 'boot.mjs');
  const pool = Array.from({ length: workers }, () => new Worker(boot, { workerData: data }));
  await Promise.all(pool.map((w) => new Promise<void>((resolve) => w.once('message', () => resolve()))));
  // Warm each worker with one run so compilation is not counted.
  await Promise.all(pool.map((w, i) => new Promise<void>((resolve) => { w.once('message', () => resolve()); w.postMessage({ seed: 1000 + i }); })));
  let next = 0;
  let compute = 0, transfer = 0, bytes = 0;
  const t0 = performance.now();
  await Promise.all(
    pool.map(
      (w) =>
        new Promise<void>((resolve) => {
          const give = () => {
            if (next >= runs) return resolve();
            w.postMessage({ seed: 1 + next++ });
          };
          w.on('message', (m: { computeMs: number; values: Float64Array; sent: number }) => {
            transfer += performance.timeOrigin + performance.now() - m.sent;
            compute += m.computeMs;
            bytes += m.values.byteLength;
            give();
          });
          give();
        }),
    ),
  );
  const wall = performance.now() - t0;
  await Promise.all(pool.map((w) => w.terminate()));
  return {
    workers,
    runs,
    wallMs: wall,
    runsPerSec: runs / (wall / 1000),
    efficiency: NaN,
    computeMsPerRun: compute / runs,
    overheadShare: 1 - compute / (workers * wall),
    transferMsPerRun: transfer / runs,
    bytesPerRun: bytes / runs,
  };
}

export async function scalingSection(opts: { quick: boolean }): Promise<{ cores: number; workloads: ScalingWorkload[]; pool?: SweepReport }> {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  heading(`Parallel scaling: worker threads, 1..${cores} workers`);
  const workloads: [string, Record<string, unknown>, number][] = [
    ['locality-baseline.yaml (70 schools, 5 years)', { scenarioFile: path.join(ROOT, 'scenarios', 'locality-baseline.yaml'), years: 5 }, opts.quick ? 24 : 96],
    ['2,000 schools, 10 years', { schools: 2000, years: 10 }, opts.quick ? 6 : 16],
  ];
  const out: ScalingWorkload[] = [];
  for (const [name, data, runs] of workloads) {
    const points: ScalingPoint[] = [];
    for (let w = 1; w <= cores; w++) points.push(await measure(w, Math.max(runs, 2 * w), data));
    for (const p of points) p.efficiency = p.runsPerSec / (points[0].runsPerSec * p.workers);
    out.push({ name, points });
    console.log(`\n${name}`);
    console.log(
      table(
        ['workers', 'runs', 'wall s', 'runs/s', 'efficiency', 'compute ms/run', 'pool overhead', 'transfer ms/run', 'result bytes/run'],
        points.map((p) => [p.workers, p.runs, (p.wallMs / 1000).toFixed(2), p.runsPerSec.toFixed(2), p.efficiency.toFixed(2), fmt.ms(p.computeMsPerRun), fmt.pct(p.overheadShare), fmt.ms(p.transferMsPerRun), fmt.int(p.bytesPerRun)]),
      ),
    );
  }
  console.log(
    'efficiency = runs/s at w workers / (w x runs/s at 1). pool overhead = share of worker time not spent simulating\n' +
      '(dispatch, result transfer, waiting). Results return as transferred Float64Arrays (zero-copy).',
  );
  const pool = await sweepSection({ quick: opts.quick, allCores: true });
  return { cores, workloads: out, pool };
}
