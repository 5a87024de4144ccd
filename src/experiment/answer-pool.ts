/**
 * The replications answering a scenario's question (answer.ts), run at once
 * on worker threads: the sweep's worker pool (pool.ts), each worker running
 * `simulateSummary` on the scenario (or its counterfactual) and a seed. Each
 * run depends only on those, so the runs, and the answer made from them, are
 * the same as `answerQuestion`'s one after another, to the byte.
 *
 * `collabsim run` uses it when each replication takes long enough to pay for
 * starting the workers (replicationWorkers): a national run's two further
 * replications, for instance, at once.
 */
import { availableParallelism } from 'node:os';
import type { RunSummary } from '../engine/contract.ts';
import type { Scenario } from '../model/schema.ts';
import type { Counterfactual } from '../scenario/counterfactual.ts';
import type { ReplicatedAnswer } from '../output/answer-types.ts';
import { answerFromRuns, replicationSeeds, type AnswerOptions, type ArmRuns } from './answer.ts';
import { modelUrl } from './model.ts';
import { WorkerPool } from './pool.ts';
import type { WorkerResult } from './worker.ts';

/**
 * Runs shorter than this (the first run's time, build and burn-in included)
 * replicate here. A worker starts in a few tenths of a second and then runs
 * its first replications with code not yet optimised, while this thread's
 * code is warm from the first run: on a 2-vCPU machine city-baseline (186 ms
 * runs, 31 replications) took 1.50 s one after another and 2.35 s on two
 * workers, while the whole of `collabsim run scenarios/england.yaml` (3.8 s
 * runs, 2 further replications) went from 12.4-13.6 s to 11.3-12.5 s
 * (docs/performance-log.md, three alternating pairs).
 */
export const POOL_PAYS_MS = 2000;

/**
 * How many worker threads to run `runs` replications on, when each takes
 * about `runMs` (the first run's time): none (run them here) when there is
 * only one, when runs are short, or when this machine has one logical CPU;
 * else one per run, up to the machine's logical CPUs.
 */
export function replicationWorkers(runs: number, runMs: number, cpus = availableParallelism()): number {
  if (runs < 2 || cpus < 2 || runMs < POOL_PAYS_MS) return 0;
  return Math.min(runs, cpus);
}

const COUNTERFACTUAL = 'counterfactual';

/** A worker's result as the run it stands for; a failed run is an error. */
function asRun(r: WorkerResult, scenario: Scenario, seed: number): RunSummary {
  if (!r.ok || !r.summary || !r.series) throw new Error(`replication on seed ${seed} of ${scenario.name} failed: ${r.error ?? 'no result'}`);
  return { scenarioName: scenario.name, seed, series: r.series, summary: Object.fromEntries(r.summary) };
}

/** Run the replications (all but the first run, which `opts.first` holds) on `workers` threads and compute the answer. */
export async function answerQuestionOnWorkers(
  scenario: Scenario,
  counterfactual: Counterfactual | undefined,
  opts: Omit<AnswerOptions, 'parallel'>,
  workers: number,
): Promise<ReplicatedAnswer> {
  return answerFromRuns(scenario, counterfactual, opts, await replicateOnWorkers(scenario, counterfactual, opts, workers));
}

/** The runs of both arms, the first being `opts.first`, the others made on `workers` threads. */
export async function replicateOnWorkers(
  scenario: Scenario,
  counterfactual: Counterfactual | undefined,
  opts: Omit<AnswerOptions, 'parallel'>,
  workers: number,
): Promise<ArmRuns> {
  const seeds = replicationSeeds(opts);
  const pool = new WorkerPool({
    size: workers,
    model: modelUrl(undefined),
    init: {
      type: 'init',
      base: scenario,
      ...(counterfactual ? { bases: { [COUNTERFACTUAL]: counterfactual.scenario } } : {}),
      paths: [],
      series: true,
      source: `${scenario.name} (replications)`,
    },
  });
  const total = opts.reps * (counterfactual ? 2 : 1);
  let done = 1;
  opts.onRun?.(done, total);
  try {
    await pool.start();
    const run = async (arm: Scenario, base: string | undefined, seed: number): Promise<RunSummary> => {
      const r = await pool.exec({ point: 0, values: [], seed, years: opts.years, ...(base ? { base } : {}) });
      opts.onRun?.(++done, total);
      return asRun(r, arm, seed);
    };
    // In replication order, so that the first results come back first; the pool keeps every worker busy.
    const runsB: Promise<RunSummary>[] = [Promise.resolve(opts.first)];
    const runsA: Promise<RunSummary>[] = [];
    for (let i = 0; i < opts.reps; i++) {
      if (i > 0) runsB.push(run(scenario, undefined, seeds[i]));
      if (counterfactual) runsA.push(run(counterfactual.scenario, COUNTERFACTUAL, seeds[i]));
    }
    const [b, a] = await Promise.all([Promise.all(runsB), Promise.all(runsA)]);
    return { runsB: b, runsA: a };
  } finally {
    await pool.close();
  }
}
