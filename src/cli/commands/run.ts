/**
 * `collabsim run <scenario>` (or `--default`): run one scenario and write its
 * tables, charts and report. (`collabsim validate` is in validate.ts, so that
 * a run does not build the sweep and targets schemas it never reads.)
 */
import { type Command, InvalidArgumentError } from 'commander';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Scenario } from '../../model/schema.ts';
import { loadScenarioFile } from '../../scenario/scenario-file.ts';
import { defaultScenario } from '../../api.ts';
import { createModel, collectOutput, scenarioHash } from '../../model/simulate.ts';
import { runLoop } from '../../engine/loop.ts';
import { codeVersion } from '../../experiment/code-version.ts';
import { startRunCharts, writeRun } from '../../output/run-writer.ts';
import { ChartThread } from '../../output/chart-thread.ts';
import { createProgress } from '../../common/progress.ts';
import { intArg, numArg } from '../args.ts';
import type { RunOutput } from '../../engine/contract.ts';
import type { Counterfactual } from '../../scenario/counterfactual.ts';
import type { ReplicatedAnswer } from '../../output/answer-types.ts';
import { answerSentence } from '../../output/answer-report.ts';
import { answerQuestion, defaultReps } from '../../experiment/answer.ts';
import { answerQuestionOnWorkers, replicationWorkers } from '../../experiment/answer-pool.ts';
import { STATE_OPTIONS, prepareStateRun, type StateOptions } from '../state-options.ts';
import { ThreadTeam } from '../../experiment/threads/team.ts';
import type { ParallelWork } from '../../model/core/context.ts';

interface RunOptions extends StateOptions {
  seed?: number;
  years?: number;
  out?: string;
  quiet?: boolean;
  /** Replications answering the scenario's question (default by size, see defaultReps; 1 = the single run only). */
  reps?: number;
  /** Threads sharing each run's work (1: none). */
  threads?: number;
  /** Worker threads running the replications at once (1: none, they run one after another here); default: as many as pay. */
  workers?: number;
}

function runId(seed: number, when: Date): string {
  const stamp = when
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
    .replace('T', '-');
  return `${stamp}-s${seed}`;
}

/**
 * Worker threads for the replications: --workers when given (1 or less: none), else as many as pay
 * (answer-pool.ts replicationWorkers, from the first run's time); none when threads share each run
 * and --workers is not given, so that the replications use those threads.
 */
function workersFor(opts: RunOptions, runs: number, firstRunMs: number): number {
  if (opts.workers !== undefined) return opts.workers >= 2 ? Math.min(opts.workers, runs) : 0;
  if ((opts.threads ?? 1) > 1) return 0;
  return replicationWorkers(runs, firstRunMs);
}

/** The scenario's question answered over replications (none with --reps 1). */
async function replicate(
  scenario: Scenario,
  counterfactual: Counterfactual | undefined,
  first: RunOutput,
  run: { seed: number; years: number; parallel?: ParallelWork; firstRunMs: number },
  opts: RunOptions,
): Promise<ReplicatedAnswer | undefined> {
  const { seed, years, parallel } = run;
  const reps = opts.reps ?? defaultReps(first.summary.schools);
  if (reps < 2) return undefined;
  const total = reps * (counterfactual ? 2 : 1);
  const t0 = performance.now();
  let progress: ReturnType<typeof createProgress> | undefined;
  const onRun = (done: number) => {
    if (!progress && !opts.quiet && performance.now() - t0 > 1000) progress = createProgress({ total, label: 'replications', stream: process.stderr });
    progress?.update(done);
  };
  const workers = workersFor(opts, total - 1, run.firstRunMs);
  const answer =
    workers > 0
      ? await answerQuestionOnWorkers(scenario, counterfactual, { reps, seed, years, first, onRun }, workers)
      : answerQuestion(scenario, counterfactual, { reps, seed, years, first, onRun, parallel });
  progress?.done();
  return answer;
}

/**
 * Whether the chart thread should rehearse the run's charts while the model
 * runs (ChartThread.rehearse): only where a logical CPU is left over once the
 * model's threads and the chart thread have one each. Without one the
 * rehearsal takes its 0.6-0.85 s from the model: on a 2-vCPU machine
 * (England, one model thread) it cut the time after the model by about
 * 150 ms but lengthened the model by about 260 ms (docs/performance-log.md).
 */
function rehearsalPays(threads: number): boolean {
  return availableParallelism() >= threads + 2;
}

/** Run one scenario and write its outputs; returns the output folder. */
async function runScenarioToDir(scenario: Scenario, source: string, opts: RunOptions, counterfactual?: Counterfactual): Promise<string> {
  // Started first: the chart thread loads Vega while the model runs, and draws the charts while the tables are written.
  const charts = new ChartThread();
  const team = (opts.threads ?? 1) > 1 ? new ThreadTeam(opts.threads as number) : undefined;
  try {
    return await runWithThreads(scenario, source, opts, counterfactual, { team, charts });
  } finally {
    team?.close();
    await charts.close();
  }
}

async function runWithThreads(
  scenario: Scenario,
  source: string,
  opts: RunOptions,
  counterfactual: Counterfactual | undefined,
  threads: { team: ThreadTeam | undefined; charts: ChartThread },
): Promise<string> {
  const { team, charts } = threads;
  const state = prepareStateRun(scenario, source, opts);
  const seed = state.seed ?? opts.seed ?? scenario.seed;
  const started = new Date();
  const tBuild = performance.now();
  const model = state.model ?? createModel(scenario, { seed, years: opts.years, parallel: team });
  model.ctx.parallel = team;
  if (rehearsalPays(opts.threads ?? 1)) {
    const shape = model.observer.rec.table();
    void charts.rehearse({ keys: shape.keys, rows: shape.rows, ticksPerYear: shape.ticksPerYear, schoolCount: model.state.schools.n });
  }
  // Progress appears only for runs that take more than a second.
  let progress: ReturnType<typeof createProgress> | undefined;
  const t0 = performance.now();
  const onTick = (t: number) => {
    if (!progress && performance.now() - t0 > 1000) progress = createProgress({ total: model.ticks, label: `${scenario.name} ticks`, stream: process.stderr });
    progress?.update(t);
  };
  runLoop(model, { ticks: model.ticks, from: state.from, onTick: state.onTick(model, seed, opts.quiet ? undefined : onTick) });
  progress?.done();
  const simMs = performance.now() - t0;
  // The run's charts need only its series: the chart thread draws them while the rows are collected and the question answered.
  const runCharts = startRunCharts({ series: model.observer.rec.table(), schoolCount: model.state.schools.n }, charts.render);
  const tCollect = performance.now();
  const out = collectOutput(model, seed);
  // The model's own time in this process (build and burn-in, ticks, collecting the output), for the manifest.
  const modelMs = t0 - tBuild + simMs + (performance.now() - tCollect);
  const answer = await replicate(
    scenario,
    counterfactual,
    out,
    { seed, years: model.ticks / scenario.ticksPerYear, parallel: team, firstRunMs: modelMs },
    opts,
  );
  const ended = new Date();
  const dir = opts.out ?? join('results', scenario.name, runId(seed, started));
  const manifest = {
    tool: 'collabsim',
    code_version: codeVersion(),
    scenario_name: scenario.name,
    scenario_source: source,
    scenario_hash: scenarioHash(scenario),
    seed,
    years: model.ticks / scenario.ticksPerYear,
    ticks: model.ticks,
    ticks_per_year: scenario.ticksPerYear,
    started_at: started.toISOString(),
    ended_at: ended.toISOString(),
    simulation_ms: Math.round(simMs),
    model_ms: Math.round(modelMs),
    replications: answer?.reps ?? 1,
    ...(answer?.counterfactual ? { counterfactual: answer.counterfactual } : {}),
    node: process.version,
    ...state.manifest(),
    scenario,
  };
  await writeRun(out, manifest, dir, {
    question: scenario.question,
    description: scenario.description,
    render: charts.render,
    runCharts,
    ...(answer ? { answer } : {}),
  });
  await state.finish(dir);
  if (answer) process.stdout.write(`${answerSentence(answer, scenario.name)}\n`);
  return dir;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Run one scenario and write its tables, charts and report.')
    .argument('[scenario]', 'scenario file (YAML or JSON); omit with --default')
    .option('--default', 'run the built-in default scenario')
    .option('--seed <n>', 'run seed (overrides the file)', intArg('--seed', 0, 4294967295))
    .option('--years <y>', 'simulated years (overrides the file)', numArg('--years', 0.5, 100))
    .option('--out <dir>', 'output folder (default results/<scenario-name>/<run-id>)')
    .option(
      '--reps <n>',
      "replications answering the scenario's question (default 16 up to 300 schools, 8 up to 3,000, else 3; 1 = one illustrative run)",
      intArg('--reps', 1, 1000),
    )
    .option(
      '--threads <n>',
      'threads sharing each run (default 1): for national runs; the outputs are the same, to the byte, on any number',
      intArg('--threads', 1, 256, 'a whole number'),
    )
    .option(
      '--workers <n>',
      'worker threads running the replications at once (default: one per replication, up to the CPUs, when a run takes 2 s or more; 1: one after another here); the answer is the same, to the byte, on any number',
      intArg('--workers', 1, 256, 'a whole number'),
    )
    .option('--quiet', 'no progress output')
    .addOption(STATE_OPTIONS.saveAt)
    .addOption(STATE_OPTIONS.out)
    .addOption(STATE_OPTIONS.from)
    .addHelpText(
      'after',
      '\nExamples:\n  collabsim run scenarios/peer-review-cluster.yaml --seed 7 --out out/pr7\n  collabsim run scenarios/peer-review-cluster.yaml --reps 32\n  collabsim run --default',
    )
    .action(async (file: string | undefined, o: RunOptions & { default?: boolean }) => {
      if (!file && !o.default) throw new InvalidArgumentError('give a scenario file, or --default for the built-in scenario');
      const loaded = file ? loadScenarioFile(file) : { scenario: defaultScenario(), counterfactual: undefined };
      const dir = await runScenarioToDir(loaded.scenario, file ?? '<built-in default>', o, loaded.counterfactual);
      process.stdout.write(`wrote ${dir}/report.html\n`);
    });
}
