/**
 * `collabsim calibrate <targets.yaml>`: fit the model to published targets
 * (docs/calibration.md) by ABC-SMC or the simulated method of moments.
 *
 * Exit codes: 0 done, 1 the calibration failed (too few parameter sets gave
 * every target a value), 2 invalid input (nothing is written), 130
 * interrupted (continue with --resume).
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import { runCalibration, type CalibrationMethod } from '../../experiment/calibrate/run.ts';
import { findingsText } from '../../experiment/calibrate/report.ts';
import { EXIT, intArg, reportUserError } from '../args.ts';
import { displayPath, displayPathsIn } from '../display-path.ts';

interface CalibrateCliOptions {
  method: CalibrationMethod;
  budget?: number;
  workers?: number;
  oversubscribe?: boolean;
  out?: string;
  results?: string;
  resume?: boolean;
  seed?: number;
  quiet?: boolean;
  report?: boolean;
  model?: string;
}

type Io = { out: NodeJS.WritableStream; err: NodeJS.WritableStream };

export async function calibrateCommand(file: string, o: CalibrateCliOptions, io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  const cores = availableParallelism();
  if (o.workers !== undefined && o.workers > cores && !o.oversubscribe) {
    io.err.write(`error: --workers ${o.workers} is more than the ${cores} cores of this machine; add --oversubscribe to run them anyway\n`);
    return EXIT.input;
  }
  const controller = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => {
    io.err.write(`\n${sig}: stopping the calibration (finished runs are kept in the journal)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const t0 = performance.now();
  const log = o.quiet ? undefined : (line: string) => io.err.write(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${displayPathsIn(line)}\n`);
  try {
    const r = await runCalibration(file, {
      method: o.method,
      ...(o.budget !== undefined ? { budget: o.budget } : {}),
      ...(o.workers !== undefined ? { workers: o.workers } : {}),
      ...(o.out ? { out: o.out } : {}),
      ...(o.results ? { resultsDir: o.results } : {}),
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
      ...(o.model ? { model: o.model } : {}),
      resume: Boolean(o.resume),
      report: o.report !== false,
      signal: controller.signal,
      log,
    });
    if (r.status === 'interrupted') {
      io.err.write(
        `interrupted: ${r.executedRuns + r.replayedRuns} runs kept in ${displayPath(r.dir)}\nresume with: collabsim calibrate ${file} --method ${o.method} --resume --out ${displayPath(r.dir)}\n`,
      );
      return EXIT.interrupted;
    }
    if (!o.quiet && r.outcome) {
      for (const line of findingsText(r.outcome)) io.err.write(`${line}\n`);
      io.err.write(
        `done: ${r.executedRuns} runs (${r.replayedRuns} from the journal) in ${r.elapsedSeconds.toFixed(1)} s; report: ${displayPath(join(r.dir, 'report.html'))}\n`,
      );
    }
    io.out.write(`${displayPath(r.dir)}\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof Error && /^generation \d+: only/.test(e.message)) {
      io.err.write(`error: ${e.message}\n`);
      return EXIT.failed;
    }
    const code = reportUserError(e, io.err);
    if (code === undefined) throw e;
    return code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export function registerCalibrate(program: Command): Command {
  return program
    .command('calibrate')
    .description(
      'Fit the model to published targets by ABC-SMC (default) or the simulated method of moments; writes the posterior, a parameter profile, checks and a report.',
    )
    .argument('<targets>', 'targets file (YAML or JSON); see docs/calibration.md and docs/targets.md')
    .addOption(new Option('--method <method>', 'abc-smc or smm').choices(['abc-smc', 'smm']).default('abc-smc'))
    .option('--budget <runs>', 'most model runs, the posterior predictive checks included', intArg('--budget', 1, 1e9, 'a whole number'))
    .option('--workers <n>', 'worker threads (default: one per core)', intArg('--workers', 1, 1024, 'a whole number'))
    .option('--oversubscribe', 'allow --workers above the number of cores')
    .option('--out <dir>', 'output folder (default results/calibrate/<name>/)')
    .option('--results <dir>', 'root of default output folders', 'results')
    .option('--resume', 'continue an interrupted calibration in its folder, running only the runs it has not finished')
    .option('--seed <n>', "master seed (default: the targets file's)", intArg('--seed', 0, 4294967295, 'a whole number'))
    .option('--no-report', 'skip the HTML report (the tables are still written)')
    .option('--quiet', 'no progress output (the output folder is still printed)')
    .addOption(new Option('--model <module>', 'model module (testing)').hideHelp())
    .addHelpText(
      'after',
      [
        '',
        'Outputs: posterior.csv, posterior-summary.csv, calibrated.yaml (a profile scenario files can use),',
        'diagnostics.json, checks.csv (posterior predictive checks), report.html.',
        '',
        'Exit codes: 0 ok, 1 the calibration failed, 2 invalid input, 130 interrupted (resumable).',
        '',
        'Examples:',
        '  collabsim calibrate calibration/example.targets.yaml --budget 3000 --workers 2',
        '  collabsim calibrate calibration/england.targets.yaml --method smm --budget 2000',
      ].join('\n'),
    )
    .action(async (file: string, o: CalibrateCliOptions) => {
      process.exitCode = await calibrateCommand(file, o);
    });
}
