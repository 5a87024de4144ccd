/**
 * Parallel scaling of whole replications on worker threads: runs/s at every
 * worker count from 1 to the number of cores, parallel efficiency, and the
 * pool's overhead (dispatch, result transfer, idle) as a share of run time.
 * Results come back as transferred typed arrays. Alongside, the experiment
 * layer's own pool (benchSweepThroughput).
 *
 * Method. Each worker first runs `warm` untimed replications: V8 needs about
 * five runs of a small scenario before the model's code is fully optimised,
 * and a worker measured from cold would count its compilation as run time.
 * Every worker then gets the same number of runs (chosen so that one worker
 * is busy for at least `minSeconds`), handed out one at a time.
 *
 * The machine's own limit is measured beside it: 1, 2, ... independent
 * Node processes run the same replications at once (no threads, no pool, no
 * transfers), and each one's compute time per run is compared with a
 * process running alone. What threads achieve is then read against what
 * separate processes achieve on the same machine at the same moment.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { BENCH_DIR, ROOT } from '../lib/child.ts';
import { fmt, heading, table } from '../lib/format.ts';
import { sweepSection, type SweepReport } from './sweep.ts';
import type { ScalingData } from '../scaling/workload.ts';

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
  /** Compute time per run of w independent processes running at once / of one process alone. */
  processSlowdown: number;
  /** efficiency / (1 / processSlowdown): how close the pool comes to what the machine allows. */
  relativeToMachine: number;
}

export interface ScalingWorkload {
  name: string;
  points: ScalingPoint[];
}

interface WorkerReply {
  computeMs: number;
  values: Float64Array;
  sent: number;
}

function runOn(w: Worker, seed: number): Promise<WorkerReply> {
  return new Promise((resolve) => {
    w.once('message', (m: WorkerReply) => resolve(m));
    w.postMessage({ seed });
  });
}

async function measure(workers: number, runsPerWorker: number, warm: number, data: ScalingData): Promise<ScalingPoint> {
  const boot = path.join(BENCH_DIR, 'scaling', 'boot.mjs');
  const pool = Array.from({ length: workers }, () => new Worker(boot, { workerData: data }));
  await Promise.all(pool.map((w) => new Promise<void>((resolve) => w.once('message', () => resolve()))));
  // Untimed warm-up: every worker optimises the model's code before the clock starts.
  await Promise.all(
    pool.map(async (w, i) => {
      for (let k = 0; k < warm; k++) await runOn(w, 100000 + i * warm + k);
    }),
  );
  const runs = runsPerWorker * workers;
  let next = 0;
  let compute = 0,
    transfer = 0,
    bytes = 0;
  const t0 = performance.now();
  await Promise.all(
    pool.map(async (w) => {
      while (next < runs) {
        const m = await runOn(w, 1 + next++);
        transfer += performance.timeOrigin + performance.now() - m.sent;
        compute += m.computeMs;
        bytes += m.values.byteLength;
      }
    }),
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
    processSlowdown: NaN,
    relativeToMachine: NaN,
  };
}

/** Mean compute ms/run of each of `n` independent processes running `runs` replications at once. */
export async function processes(n: number, runs: number, warm: number, data: ScalingData): Promise<number> {
  const file = path.join(BENCH_DIR, 'scaling', 'solo.ts');
  const children = Array.from({ length: n }, () =>
    spawn(process.execPath, ['--import', 'tsx', file, JSON.stringify({ data, warm, runs })], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] }),
  );
  let ready = 0;
  const results = children.map(
    (child) =>
      new Promise<number>((resolve, reject) => {
        let out = '',
          err = '',
          warmed = false;
        child.stdout.on('data', (d) => {
          out += d;
          if (!warmed && out.includes('@@READY')) {
            warmed = true;
            // Start every process's timed runs together, once all have warmed up.
            if (++ready === n) for (const c of children) c.stdin.end('go\n');
          }
        });
        child.stderr.on('data', (d) => (err += d));
        child.on('close', (code) => {
          const line = out.split('\n').find((l) => l.startsWith('@@RESULT '));
          if (!line) return reject(new Error(`scaling/solo.ts exited ${code}: ${err.slice(-2000)}`));
          resolve((JSON.parse(line.slice(9)) as { computeMsPerRun: number }).computeMsPerRun);
        });
      }),
  );
  const ms = await Promise.all(results);
  return ms.reduce((a, b) => a + b, 0) / n;
}

export async function scalingSection(opts: {
  quick: boolean;
}): Promise<{ cores: number; minSeconds: number; warm: number; workloads: ScalingWorkload[]; pool?: SweepReport }> {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const minSeconds = opts.quick ? 1.5 : 4;
  const warm = 8;
  heading(`Parallel scaling: worker threads, 1..${cores} workers (${warm} warm-up runs per worker, then at least ${minSeconds} s per worker)`);
  const workloads: [string, ScalingData][] = [
    ['locality-baseline.yaml (70 schools, 5 years)', { scenarioFile: path.join(ROOT, 'scenarios', 'locality-baseline.yaml'), years: 5 }],
    ['2,000 schools, 10 years', { schools: 2000, years: 10 }],
  ];
  const out: ScalingWorkload[] = [];
  for (const [name, data] of workloads) {
    // Calibrate: one warmed worker, a few runs, to size the measurement.
    const probe = await measure(1, 3, warm, data);
    const runsPerWorker = Math.max(8, Math.min(2000, Math.ceil((minSeconds * 1000) / probe.computeMsPerRun)));
    const points: ScalingPoint[] = [];
    for (let w = 1; w <= cores; w++) points.push(await measure(w, runsPerWorker, warm, data));
    const alone = await processes(1, runsPerWorker, warm, data);
    for (const p of points) {
      p.efficiency = p.runsPerSec / (points[0].runsPerSec * p.workers);
      p.processSlowdown = p.workers === 1 ? 1 : (await processes(p.workers, runsPerWorker, warm, data)) / alone;
      p.relativeToMachine = p.efficiency * p.processSlowdown;
    }
    out.push({ name, points });
    console.log(`\n${name}: ${runsPerWorker} runs per worker`);
    console.log(
      table(
        [
          'workers',
          'runs',
          'wall s',
          'runs/s',
          'efficiency',
          'compute ms/run',
          'pool overhead',
          'transfer ms/run',
          'result bytes/run',
          'processes: slowdown',
          'efficiency / machine',
        ],
        points.map((p) => [
          p.workers,
          p.runs,
          (p.wallMs / 1000).toFixed(2),
          p.runsPerSec.toFixed(2),
          p.efficiency.toFixed(2),
          fmt.ms(p.computeMsPerRun),
          fmt.pct(p.overheadShare),
          fmt.ms(p.transferMsPerRun),
          fmt.int(p.bytesPerRun),
          fmt.ratio(p.processSlowdown),
          p.relativeToMachine.toFixed(2),
        ]),
      ),
    );
  }
  console.log(
    'efficiency = runs/s at w workers / (w x runs/s at 1). pool overhead = share of worker time not spent simulating\n' +
      '(dispatch, result transfer, waiting). Results return as transferred Float64Arrays (zero-copy).\n' +
      "processes: slowdown = compute ms/run of w independent processes running at once / of one alone (the machine's\n" +
      'own limit: no threads, no pool). efficiency / machine = efficiency x that slowdown (1.00: the pool loses nothing).',
  );
  const pool = await sweepSection({ quick: opts.quick, allCores: true });
  return { cores, minSeconds, warm, workloads: out, pool };
}
