/**
 * Sweep throughput for `npm run bench`: replicate one scenario `runs` times
 * through the real sweep path (worker pool, journal, runs.csv) and report
 * runs per second. Worker start-up is timed separately, so the rate measures
 * steady-state throughput.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveSweep } from './load.ts';
import { runSweep } from './runner.ts';

export interface SweepThroughput {
  scenario: string;
  runs: number;
  workers: number;
  /** Seconds from the first dispatched run to the last result. */
  seconds: number;
  runsPerSec: number;
  /** Whole call: loading, worker start-up, runs, runs.csv. */
  totalSeconds: number;
  failed: number;
  /** Mean time a worker spent on one run (resolve the scenario, simulate, summarise). */
  workerMsPerRun: number;
  /** Share of worker time not spent on runs: 1 - sum(run ms) / (workers x seconds). */
  poolOverheadShare: number;
}

export async function benchSweepThroughput(scenarioFile: string, runs: number, workers: number, opts: { model?: string } = {}): Promise<SweepThroughput> {
  const t0 = performance.now();
  const sweep = await resolveSweep(
    { name: 'bench', base: resolve(scenarioFile), factors: [], design: { type: 'factorial' }, replications: runs, seed: 1, keep: 'final' },
    { source: '<bench>', ...(opts.model ? { model: opts.model } : {}) },
  );
  const dir = mkdtempSync(join(tmpdir(), 'collabsim-bench-'));
  try {
    let workerMs = 0;
    const r = await runSweep(sweep, {
      workers,
      out: join(dir, 'out'),
      extras: false,
      onProgress: (e) => {
        if (e.phase === 'running' && e.last) workerMs += e.last.ms;
      },
    });
    return {
      scenario: scenarioFile,
      runs,
      workers,
      seconds: r.runSeconds,
      runsPerSec: r.runSeconds > 0 ? runs / r.runSeconds : NaN,
      totalSeconds: (performance.now() - t0) / 1000,
      failed: r.failed,
      workerMsPerRun: workerMs / runs,
      poolOverheadShare: r.runSeconds > 0 ? 1 - workerMs / 1000 / (workers * r.runSeconds) : NaN,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
