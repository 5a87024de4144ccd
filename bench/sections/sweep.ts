/**
 * Sweep throughput through the experiment layer's worker pool. The
 * experiment layer exposes `benchSweepThroughput(scenarioFile, runs, workers)`;
 * until it does, this section says so and reports nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../lib/child.ts';
import { fmt, heading, table } from '../lib/format.ts';

export interface SweepPoint {
  workers: number;
  runs: number;
  seconds: number;
  runsPerSec: number;
  efficiency: number;
  raw: unknown;
}

export interface SweepReport {
  available: boolean;
  module?: string;
  scenario: string;
  points: SweepPoint[];
  note?: string;
}

type BenchFn = (scenarioFile: string, runs: number, workers: number) => unknown;

/** Find the exported function in src/experiment without guessing at a file name. */
export async function findBenchSweep(): Promise<{ fn: BenchFn; file: string } | null> {
  const dir = path.join(ROOT, 'src', 'experiment');
  if (!fs.existsSync(dir)) return null;
  const files = fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|mts|js|mjs)$/.test(f))
    .sort();
  for (const f of files) {
    const full = path.join(dir, f);
    const text = fs.readFileSync(full, 'utf8');
    if (!/export\s+(async\s+)?function\s+benchSweepThroughput\b|export\s+(const|let)\s+benchSweepThroughput\b|export\s*\{[^}]*\bbenchSweepThroughput\b/.test(text)) continue;
    const mod = (await import(pathToFileURL(full).href)) as Record<string, unknown>;
    if (typeof mod.benchSweepThroughput === 'function') return { fn: mod.benchSweepThroughput as BenchFn, file: path.relative(ROOT, full) };
  }
  return null;
}

/** Read runs/s (and elapsed seconds) from whatever shape the experiment layer returns. */
function interpret(raw: unknown, runs: number, elapsedS: number): { runsPerSec: number; seconds: number } {
  if (typeof raw === 'number') return { runsPerSec: raw, seconds: runs / raw };
  if (raw && typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    for (const k of ['runsPerSec', 'runsPerSecond', 'throughput', 'rate'])
      if (typeof o[k] === 'number') return { runsPerSec: o[k] as number, seconds: runs / (o[k] as number) };
    for (const [k, scale] of [['elapsedMs', 1000], ['wallMs', 1000], ['ms', 1000], ['seconds', 1], ['elapsedS', 1]] as const)
      if (typeof o[k] === 'number') return { runsPerSec: runs / ((o[k] as number) / scale), seconds: (o[k] as number) / scale };
  }
  return { runsPerSec: runs / elapsedS, seconds: elapsedS };
}

export async function sweepSection(opts: { quick: boolean; allCores: boolean }): Promise<SweepReport> {
  const scenario = 'scenarios/locality-baseline.yaml';
  heading(`Sweep throughput: ${scenario} through the experiment worker pool`);
  const found = await findBenchSweep();
  if (!found) {
    const note = 'benchSweepThroughput is absent from src/experiment: no sweep figures reported.';
    console.log(note);
    return { available: false, scenario, points: [], note };
  }
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const counts = opts.allCores ? Array.from({ length: cores }, (_, i) => i + 1) : [1, 2];
  // Enough runs that each worker's own warm-up (its first few runs, compiled from cold, at
  // 10 to 30 times the steady cost of a run) is a small part of the time, as in a real sweep
  // of thousands of runs. With 160 runs the warm-up alone halved the measured efficiency.
  const runs = opts.quick ? 600 : 2000;
  const points: SweepPoint[] = [];
  // One untimed warm-up so the first measured point does not pay for compilation.
  await found.fn(path.join(ROOT, scenario), Math.min(4, runs), 1);
  for (const w of counts) {
    const t0 = performance.now();
    const raw = await found.fn(path.join(ROOT, scenario), runs, w);
    const elapsed = (performance.now() - t0) / 1000;
    const { runsPerSec, seconds } = interpret(raw, runs, elapsed);
    points.push({ workers: w, runs, seconds, runsPerSec, efficiency: NaN, raw });
  }
  const base = points.find((p) => p.workers === 1)?.runsPerSec ?? NaN;
  for (const p of points) p.efficiency = p.runsPerSec / (base * p.workers);
  console.log(
    table(
      ['workers', 'runs', 'seconds', 'runs/s', 'speed-up', 'parallel efficiency', 'worker ms/run', 'pool overhead'],
      points.map((p) => {
        const raw = p.raw as { workerMsPerRun?: number; poolOverheadShare?: number };
        return [p.workers, p.runs, p.seconds.toFixed(2), p.runsPerSec.toFixed(2), fmt.ratio(p.runsPerSec / base), p.efficiency.toFixed(2), raw.workerMsPerRun === undefined ? '-' : fmt.ms(raw.workerMsPerRun), raw.poolOverheadShare === undefined ? '-' : fmt.pct(raw.poolOverheadShare)];
      }),
    ),
  );
  console.log(`(via ${found.file}; efficiency = runs/s at w workers / (w x runs/s at 1 worker))`);
  return { available: true, module: found.file, scenario, points };
}
