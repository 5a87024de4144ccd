/**
 * Running parameter sets: each (scenario, parameter set, seed) is one model
 * run on the worker pool, reduced at once to the measures of that scenario.
 * Every finished run is appended to the calibration's journal (checked
 * lines, see journal.ts) under a key made of the scenario, seed and exact
 * parameter values; a resumed calibration replays the journal and only runs
 * what is missing. The algorithms never see a run's order or worker, so the
 * results are the same for any worker count.
 */
import { existsSync } from 'node:fs';
import { decodeChecked, decodeNumber, encodeNumber, encodeRecord, JournalWriter, scanLines } from '../journal.ts';
import { writeFileAtomicSync } from '../../output/atomic.ts';
import { WorkerPool } from '../pool.ts';
import type { WorkerResult } from '../worker.ts';
import type { LoadedTargets } from './load.ts';
import type { SeriesTable } from '../../engine/contract.ts';

export interface EvalTask {
  scenario: string;
  theta: readonly number[];
  seed: number;
}

/** A finished run: its scenario's measures (in measure order, NaN for other scenarios' measures), or the error. */
export type EvalResult = { ok: true; measures: Float64Array } | { ok: false; error: string };

interface JournalLine {
  k: string;
  m?: (number | string)[];
  e?: string;
}

function taskKey(t: EvalTask): string {
  return JSON.stringify([t.scenario, t.seed, t.theta]);
}

function isLine(v: unknown): v is JournalLine {
  return v !== null && typeof v === 'object' && typeof (v as JournalLine).k === 'string';
}

export interface EvaluatorOptions {
  loaded: LoadedTargets;
  workers: number;
  journalFile: string;
  signal?: AbortSignal;
  /** Called after each finished run (executed or replayed). */
  onRun?: (executed: boolean) => void;
  runTimeoutMs?: number;
}

export class Evaluator {
  private readonly cache = new Map<string, EvalResult>();
  private pool: WorkerPool | null = null;
  private journal: JournalWriter | null = null;
  /** Runs executed by this process. */
  executed = 0;
  /** Runs answered from the journal. */
  replayed = 0;

  constructor(private readonly opts: EvaluatorOptions) {}

  /** Replay the journal (torn or corrupt lines are dropped) and start the workers. */
  async start(): Promise<number> {
    const n = this.opts.loaded.measures.length;
    if (existsSync(this.opts.journalFile)) {
      const kept: JournalLine[] = [];
      const scan = scanLines(
        this.opts.journalFile,
        (line) => {
          const v = decodeChecked(line);
          return isLine(v) ? v : null;
        },
        ({ rec }) => {
          kept.push(rec);
          if (rec.e !== undefined) this.cache.set(rec.k, { ok: false, error: rec.e });
          else if (rec.m && rec.m.length === n) this.cache.set(rec.k, { ok: true, measures: Float64Array.from(rec.m, decodeNumber) });
        },
      );
      // A line torn by a kill is dropped now, so the next record is not glued to it.
      if (scan.invalid > 0 || scan.tailBytes > 0) writeFileAtomicSync(this.opts.journalFile, kept.map(encodeRecord).join(''));
    }
    this.journal = new JournalWriter(this.opts.journalFile);
    const { loaded } = this.opts;
    const names = Object.keys(loaded.scenarios);
    this.pool = new WorkerPool({
      size: Math.max(1, this.opts.workers),
      model: loaded.model.url,
      init: {
        type: 'init',
        base: loaded.scenarios[names[0]],
        bases: loaded.scenarios,
        paths: loaded.priors.map((p) => p.path),
        series: true,
        source: loaded.source,
      },
      ...(this.opts.runTimeoutMs ? { runTimeoutMs: this.opts.runTimeoutMs } : {}),
    });
    await this.pool.start();
    return this.cache.size;
  }

  private measure(scenario: string, series: SeriesTable): Float64Array {
    const { measures } = this.opts.loaded;
    const out = new Float64Array(measures.length).fill(NaN);
    measures.forEach((m, i) => {
      if (m.scenario === scenario) out[i] = m.compute(series);
    });
    return out;
  }

  private async one(task: EvalTask): Promise<EvalResult> {
    const key = taskKey(task);
    const hit = this.cache.get(key);
    if (hit) {
      this.replayed++;
      this.opts.onRun?.(false);
      return hit;
    }
    if (!this.pool) throw new Error('evaluator not started');
    const aborted: EvalResult = { ok: false, error: 'aborted' };
    if (this.opts.signal?.aborted) return aborted;
    let r: WorkerResult;
    try {
      r = await this.pool.exec({ point: 0, values: [...task.theta], seed: task.seed, base: task.scenario });
    } catch (e) {
      if (this.opts.signal?.aborted) return aborted;
      throw e;
    }
    // A run stopped by an interrupt is not a result: it is neither kept nor journaled.
    if (this.opts.signal?.aborted) return aborted;
    let res: EvalResult;
    try {
      res =
        r.ok && r.series
          ? { ok: true, measures: this.measure(task.scenario, { ...r.series, values: r.series.values }) }
          : { ok: false, error: r.error ?? 'no series' };
    } catch (e) {
      res = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    this.cache.set(key, res);
    this.journal?.append(res.ok ? { k: key, m: Array.from(res.measures, encodeNumber) } : { k: key, e: res.error });
    this.executed++;
    this.opts.onRun?.(true);
    return res;
  }

  /** Run every task (from the journal where it is already there); results in task order. */
  async runAll(tasks: readonly EvalTask[]): Promise<EvalResult[]> {
    const out = await Promise.all(tasks.map((t) => this.one(t)));
    this.journal?.sync();
    if (this.opts.signal?.aborted) throw new CalibrationInterrupted();
    return out;
  }

  /** Stop the workers now (an interrupt): runs in flight resolve as aborted and are not journaled. */
  async abort(): Promise<void> {
    this.journal?.sync();
    await this.pool?.terminate();
  }

  async close(): Promise<void> {
    this.journal?.close();
    this.journal = null;
    await this.pool?.close();
    this.pool = null;
  }
}

export class CalibrationInterrupted extends Error {
  constructor() {
    super('calibration interrupted');
  }
}

/** A parameter set to simulate with the given seeds (one run per seed in every scenario). */
export interface SetTask {
  theta: readonly number[];
  seeds: readonly number[];
}

export interface SetResult {
  /** Simulated value of each target: the mean of its measures over the seeds, combined. NaN when a run failed. */
  simulated: number[];
  failedRuns: number;
}

/** Scenarios that at least one measure is computed in, in file order. */
function usedScenarios(loaded: LoadedTargets): string[] {
  const used = new Set(loaded.measures.map((m) => m.scenario));
  return Object.keys(loaded.scenarios).filter((s) => used.has(s));
}

/** Model runs one parameter set costs: seeds x scenarios used. */
export function runsPerSet(loaded: LoadedTargets, seeds: number): number {
  return seeds * usedScenarios(loaded).length;
}

/** Simulate parameter sets: every (set, scenario, seed) run in parallel, reduced to target values per set. */
export async function simulateSets(ev: Evaluator, loaded: LoadedTargets, sets: readonly SetTask[]): Promise<SetResult[]> {
  const scenarios = usedScenarios(loaded);
  const tasks: EvalTask[] = [];
  for (const s of sets) for (const scenario of scenarios) for (const seed of s.seeds) tasks.push({ scenario, theta: s.theta, seed });
  const results = await ev.runAll(tasks);
  const nm = loaded.measures.length;
  let at = 0;
  return sets.map((s) => {
    const sums = new Float64Array(nm);
    const counts = new Float64Array(nm);
    let failedRuns = 0;
    for (let j = 0; j < scenarios.length * s.seeds.length; j++) {
      const r = results[at++];
      if (!r.ok) {
        failedRuns++;
        continue;
      }
      for (let i = 0; i < nm; i++) {
        if (loaded.measures[i].scenario !== tasks[at - 1].scenario) continue;
        sums[i] += r.measures[i];
        counts[i]++;
      }
    }
    const means = Array.from(sums, (x, i) => (failedRuns > 0 || counts[i] === 0 ? NaN : x / counts[i]));
    return { simulated: loaded.targets.map((t) => t.combine(means)), failedRuns };
  });
}
