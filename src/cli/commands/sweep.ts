/**
 * `collabsim sweep <sweep.yaml>`: run a parameter sweep (see docs/experiments.md),
 * and `collabsim sweep plan ...` (registered by sweep-plan.ts) to split one over
 * a cluster.
 *
 * Exit codes: 0 all runs ok, 1 some runs failed, 2 invalid input (nothing is
 * written), 130 interrupted (the folder can be resumed with --resume).
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import { InputError, formatInputError } from '../../scenario/load.ts';
import { loadSweep, type LoadedSweep, type SweepPosterior } from '../../experiment/load.ts';
import { drawParticles, PosteriorError, readPosterior } from '../../experiment/calibrate/posterior-file.ts';
import { runSweep, type SweepResult } from '../../experiment/runner.ts';
import { parseShard } from '../../experiment/shard.ts';
import { registerSweepPlan } from './sweep-plan.ts';
import { EXIT, intArg, reportUserError } from '../args.ts';
import { errorMessage } from '../../common/errors.ts';
import { displayInputError, displayPath, displayPathsIn } from '../display-path.ts';

export interface SweepCliOptions {
  workers?: number;
  oversubscribe?: boolean;
  shard?: string;
  resume?: boolean;
  retryFailed?: boolean;
  out?: string;
  results?: string;
  quiet?: boolean;
  model?: string;
  posterior?: string;
  draws?: number;
}

/** Print a short summary of the failures. */
export function failureSummary(r: { failed: number; ok: number; failures: { point: number; rep: number; seed: number; error: string }[] }): string {
  const lines = [`${r.failed} of ${r.ok + r.failed} runs failed:`];
  for (const f of r.failures.slice(0, 5)) lines.push(`  point ${f.point} rep ${f.rep} (seed ${f.seed}): ${f.error}`);
  if (r.failed > 5) lines.push(`  ... see the status and error columns of runs.csv`);
  return lines.join('\n');
}

/** Load the sweep (with its posterior draws when asked); problems are printed and give undefined. */
async function loadForCli(file: string, o: SweepCliOptions, err: NodeJS.WritableStream): Promise<LoadedSweep | undefined> {
  try {
    let posterior: SweepPosterior | undefined;
    if (o.posterior) {
      const p = readPosterior(o.posterior);
      posterior = { source: p.dir, paths: p.paths, draws: drawParticles(p.particles, o.draws ?? 20, 0, 'sweep') };
    }
    return await loadSweep(file, { ...(o.model ? { model: o.model } : {}), ...(posterior ? { posterior } : {}) });
  } catch (e) {
    if (e instanceof PosteriorError) err.write(`error: ${e.message}\n`);
    else if (e instanceof InputError) err.write(formatInputError(displayInputError(e)) + '\n');
    else throw e;
    return undefined;
  }
}

/** Run the sweep command; returns the exit code. */
export async function sweepCommand(file: string, o: SweepCliOptions, io = { out: process.stdout, err: process.stderr }): Promise<number> {
  const cores = availableParallelism();
  if (o.workers !== undefined && o.workers > cores && !o.oversubscribe) {
    io.err.write(
      `error: --workers ${o.workers} is more than the ${cores} cores of this machine; more worker threads than cores only add memory. Add --oversubscribe to run them anyway.\n`,
    );
    return EXIT.input;
  }
  let shard;
  try {
    shard = o.shard !== undefined ? parseShard(o.shard) : null;
  } catch (e) {
    io.err.write(`error: ${errorMessage(e)}\n`);
    return EXIT.input;
  }
  const sweep = await loadForCli(file, o, io.err);
  if (!sweep) return EXIT.input;
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      io.err.write(`\n${sig}: stopping the sweep (finished runs are kept; press Ctrl-C again to quit at once)\n`);
      controller.abort();
    } else {
      process.exit(EXIT.interrupted);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let result: SweepResult;
  try {
    result = await runSweep(sweep, {
      ...(o.workers !== undefined ? { workers: o.workers } : {}),
      shard,
      resume: Boolean(o.resume),
      retryFailed: Boolean(o.retryFailed),
      ...(o.out ? { out: o.out } : {}),
      ...(o.results ? { resultsDir: o.results } : {}),
      signal: controller.signal,
      ...(o.quiet ? {} : { progressStream: io.err }),
      log: o.quiet ? undefined : (line) => io.err.write(`${displayPathsIn(line)}\n`),
    });
  } catch (e) {
    const code = reportUserError(e, io.err);
    if (code === undefined) throw e;
    return code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const dir = displayPath(result.dir);
  if (result.status === 'interrupted') {
    const again = [
      `collabsim sweep ${file}`,
      '--resume',
      `--out ${dir}`,
      ...(shard ? [`--shard ${shard.index}/${shard.count}`] : []),
      ...(o.posterior ? [`--posterior ${o.posterior} --draws ${o.draws ?? 20}`] : []),
    ].join(' ');
    io.err.write(`interrupted: ${result.done} of ${result.total} runs finished and kept in ${dir}\nresume with: ${again}\n`);
    return EXIT.interrupted;
  }
  for (const w of result.warnings) io.err.write(`warning: ${w}\n`);
  io.out.write(`${dir}\n`);
  if (result.failed > 0) {
    io.err.write(failureSummary(result) + '\n');
    return EXIT.failed;
  }
  if (!o.quiet) io.err.write(`done: ${result.ok} runs in ${result.elapsedSeconds.toFixed(1)} s; report: ${displayPath(join(result.dir, 'report.html'))}\n`);
  return EXIT.ok;
}

export function registerSweep(program: Command): Command {
  const sweep = program
    .command('sweep')
    .description('Run a parameter sweep: many seeded runs over a design of factor values, with tables, sensitivity indices, DuckDB/Parquet and a report.')
    .argument('<sweep>', 'sweep file (YAML or JSON); see docs/experiments.md')
    .option('--workers <n>', 'worker threads (default: one per core; at most the cores unless --oversubscribe)', intArg('--workers', 1, 1024, 'a whole number'))
    .option('--oversubscribe', 'allow --workers above the number of cores')
    .option('--shard <k/N>', 'run only shard k of N (0-based k: runs whose index % N == k); merge the shard folders with `collabsim merge`')
    .option('--resume', 'continue an interrupted sweep in --out (or the latest unfinished folder of this sweep) without re-running finished runs')
    .option('--retry-failed', 'with --resume: run failed runs again')
    .option('--out <dir>', 'output folder (default results/<sweep-name>/<id>/)')
    .option('--results <dir>', 'root of default output folders', 'results')
    .option(
      '--posterior <dir>',
      'a calibration folder (collabsim calibrate): replication r of every point runs under draw r mod K of its posterior, so results carry parameter uncertainty',
    )
    .option(
      '--draws <k>',
      'posterior draws with --posterior, 2 to 1000 (the sweep has replications x K runs per point)',
      intArg('--draws', 2, 1000, 'a whole number'),
    )
    .option('--quiet', 'no progress or log output (the output folder is still printed)')
    .addOption(new Option('--model <module>', 'model module (testing)').hideHelp())
    .enablePositionalOptions()
    .addHelpText(
      'after',
      [
        '',
        'Outputs (in the output folder): manifest.json, runs.csv, aggregated.csv, sensitivity.csv,',
        'timeseries.csv (when kept), sweep.duckdb, parquet/, charts/, report.html.',
        '',
        'Exit codes: 0 ok, 1 some runs failed, 2 invalid input, 130 interrupted (resumable).',
        '',
        'Examples:',
        '  collabsim sweep scenarios/sweeps/trust-turnover-grid.yaml --workers 2',
        '  collabsim sweep scenarios/sweeps/sobol-core.yaml --out out/sobol --resume',
        '  collabsim sweep scenarios/sweeps/sobol-core.yaml --shard 0/3 --out out/s0   # then 1/3, 2/3',
        '  collabsim merge out/s0 out/s1 out/s2 --out out/sobol-merged',
        '  collabsim sweep plan scenarios/sweeps/sobol-core.yaml --shards 20 --emit slurm',
      ].join('\n'),
    )
    .action(async (file: string, o: SweepCliOptions) => {
      process.exitCode = await sweepCommand(file, o);
    });
  registerSweepPlan(sweep);
  return sweep;
}
