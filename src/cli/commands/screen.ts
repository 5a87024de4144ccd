/**
 * `collabsim screen <scenario.yaml> --metric <name>`: global sensitivity over
 * every free parameter of a scenario: a Morris screen, then Sobol indices of
 * the parameters that matter (docs/sensitivity.md).
 *
 * Exit codes: 0 ok, 1 some runs failed, 2 invalid input, 130 interrupted
 * (run again with --resume).
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { InputError, formatInputError } from '../../scenario/load.ts';
import { planScreen, runScreen, SCREEN_DEFAULTS, SOBOL_MAX_SELECTED, type ScreenPlan, type ScreenResult } from '../../experiment/screen.ts';
import { DUMMY_FACTOR } from '../../experiment/screen-report.ts';
import { EXIT, intArg, reportUserError } from '../args.ts';
import { displayInputError, displayPath, displayPathsIn } from '../display-path.ts';

export interface ScreenCliOptions {
  metric?: string[];
  trajectories?: number;
  levels?: number;
  top?: number;
  baseSamples?: number;
  reps?: number;
  workers?: number;
  out?: string;
  results?: string;
  resume?: boolean;
  seed?: number;
  dryRun?: boolean;
  quiet?: boolean;
}

type Io = { out: NodeJS.WritableStream; err: NodeJS.WritableStream & { isTTY?: boolean; columns?: number } };

function evenLevels(v: string): number {
  const n = intArg('--levels', 2, 100)(v);
  if (n % 2 !== 0) throw new InvalidArgumentError(`--levels must be even, found '${v}'`);
  return n;
}

/** The parameter list, the left-out keys and the run counts. */
export function planText(plan: ScreenPlan): string {
  const s = plan.settings;
  const w = Math.max(...plan.space.params.map((p) => p.path.length));
  const lines = [`${plan.space.params.length} parameters varied (${plan.scenario.name}):`, `  ${'parameter'.padEnd(w)}  base -> min .. max`];
  for (const p of plan.space.params) {
    lines.push(`  ${p.path.padEnd(w)}  ${p.base} -> ${p.min} .. ${p.max}${p.integer ? ' (whole)' : ''}${p.clipped ? `  [clipped: ${p.clipped}]` : ''}`);
  }
  lines.push(`  + ${DUMMY_FACTOR.name} (${DUMMY_FACTOR.path}: changes only the run seeds, the noise floor)`, '');
  lines.push(`${plan.space.excluded.length} left out:`, ...plan.space.excluded.map((e) => `  ${e.path}: ${e.reason}`), '');
  lines.push(
    `${plan.space.dropped.length} dropped by the resolution check${plan.space.dropped.length ? ':' : '.'}`,
    ...plan.space.dropped.map((e) => `  ${e.path}: ${e.reason}`),
  );
  const k = plan.space.params.length + 1;
  lines.push(
    '',
    `Morris: ${s.trajectories} trajectories x ${k + 1} points x ${s.reps} replication(s) = ${plan.morrisRuns} runs`,
    `Sobol: ${s.baseSamples} base samples x (selected + dummy + 2) points x ${s.reps} replication(s) = at most ${plan.sobolRunsAtMost} runs (top ${s.top} per metric)`,
    `Output: ${plan.outDir}`,
  );
  return lines.join('\n') + '\n';
}

/** One line per metric: the selected parameters with their total Sobol index. */
function resultText(r: ScreenResult): string {
  const sum = r.summary;
  if (!sum) return '';
  const lines: string[] = [];
  for (const m of sum.metrics) {
    const sel = sum.selection.perMetric[m];
    const st = sum.sobol?.indices[m];
    const parts = sel.selected.map((f) => {
      const e = st?.find((x) => x.factor === f);
      return e ? `${f} (ST ${e.ST.toFixed(2)})` : f;
    });
    lines.push(`${m}: ${parts.length ? parts.join(', ') : 'no parameter stands out from noise'}`);
  }
  for (const w of sum.sobol?.warnings ?? []) lines.push(`warning: ${w}`);
  return lines.join('\n') + '\n';
}

/** The command line that continues an interrupted screen: the same settings, --resume and the folder. */
function resumeHint(file: string, o: ScreenCliOptions, r: ScreenResult): string {
  const flags: [string, number | undefined][] = [
    ['--trajectories', o.trajectories],
    ['--levels', o.levels],
    ['--top', o.top],
    ['--base-samples', o.baseSamples],
    ['--reps', o.reps],
    ['--seed', o.seed],
  ];
  const again = [
    `collabsim screen ${file}`,
    ...(o.metric ?? []).map((m) => `--metric ${m}`),
    ...flags.filter(([, v]) => v !== undefined).map(([f, v]) => `${f} ${v}`),
    `--resume --out ${displayPath(r.dir)}`,
  ].join(' ');
  return `interrupted in the ${r.interruptedIn} sweep; finished runs are kept in ${displayPath(r.dir)}\nresume with: ${again}\n`;
}

/** Run the screen command; returns the exit code. */
export async function screenCommand(file: string, o: ScreenCliOptions, io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  let plan: ScreenPlan;
  try {
    plan = planScreen(
      file,
      {
        metrics: o.metric ?? [],
        ...(o.trajectories !== undefined ? { trajectories: o.trajectories } : {}),
        ...(o.levels !== undefined ? { levels: o.levels } : {}),
        ...(o.top !== undefined ? { top: o.top } : {}),
        ...(o.baseSamples !== undefined ? { baseSamples: o.baseSamples } : {}),
        ...(o.reps !== undefined ? { reps: o.reps } : {}),
        ...(o.seed !== undefined ? { seed: o.seed } : {}),
      },
      { ...(o.out ? { out: o.out } : {}), ...(o.results ? { resultsDir: o.results } : {}) },
    );
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.err.write(formatInputError(displayInputError(e)) + '\n');
    return EXIT.input;
  }
  if (o.dryRun) {
    io.out.write(planText(plan));
    return EXIT.ok;
  }
  const controller = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    io.err.write(`\n${sig}: stopping the screen (finished runs are kept; press Ctrl-C again to quit at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const t0 = performance.now();
  let r: ScreenResult;
  try {
    r = await runScreen(plan, {
      ...(o.workers !== undefined ? { workers: o.workers } : {}),
      resume: Boolean(o.resume),
      signal: controller.signal,
      ...(o.quiet ? {} : { progressStream: io.err, log: (line: string) => io.err.write(`${displayPathsIn(line)}\n`) }),
    });
  } catch (e) {
    const code = reportUserError(e, io.err);
    if (code === undefined) throw e;
    return code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (r.status === 'interrupted') {
    io.err.write(resumeHint(file, o, r));
    return EXIT.interrupted;
  }
  const dir = displayPath(r.dir);
  io.out.write(`${dir}\n`);
  if (!o.quiet) {
    io.err.write(resultText(r));
    const secs = (x: { elapsedSeconds: number } | null) => (x ? `${x.elapsedSeconds.toFixed(1)} s` : 'not run');
    io.err.write(
      `done in ${((performance.now() - t0) / 1000).toFixed(1)} s (Morris ${r.morris.total} runs, ${secs(r.morris)}; Sobol ${r.sobol?.total ?? 0} runs, ${secs(r.sobol)}); report: ${displayPath(join(r.dir, 'screen.md'))}\n`,
    );
  }
  const failed = r.morris.failed + (r.sobol?.failed ?? 0);
  if (failed > 0) {
    io.err.write(
      `${failed} runs failed: see the status and error columns of runs.csv in ${displayPath(join(r.dir, 'morris'))} and ${displayPath(join(r.dir, 'sobol'))}\n`,
    );
    return EXIT.failed;
  }
  return EXIT.ok;
}

export function registerScreen(program: Command): Command {
  const d = SCREEN_DEFAULTS;
  return program
    .command('screen')
    .description(
      'Global sensitivity over every free parameter of a scenario: a Morris screen of all of them, then Sobol indices of those that matter (docs/sensitivity.md).',
    )
    .argument('<scenario>', 'scenario file (YAML or JSON): the base of both sweeps')
    .option('--metric <name>', 'final metric to screen (repeat for several; see docs/outputs.md)', (v: string, prev?: string[]) => [...(prev ?? []), v])
    .option('--trajectories <r>', `Morris trajectories (default ${d.trajectories})`, intArg('--trajectories', 2, 100_000))
    .option('--levels <p>', `Morris grid levels, even (default ${d.levels})`, evenLevels)
    .option('--top <k>', `parameters per metric kept for the Sobol sweep (default ${d.top})`, intArg('--top', 1, SOBOL_MAX_SELECTED))
    .option('--base-samples <n>', `Sobol base samples N, a power of two is best (default ${d.baseSamples})`, intArg('--base-samples', 2, 1_000_000))
    .option('--reps <n>', `replications per design point (default ${d.reps})`, intArg('--reps', 1, 100_000))
    .option('--workers <n>', 'worker threads (default: one per core)', intArg('--workers', 1, availableParallelism(), 'a whole number (at most the cores)'))
    .option('--seed <n>', "master seed of both sweeps (default: the scenario's seed)", intArg('--seed', 0, 4294967295))
    .option('--out <dir>', 'output folder (default <results>/screen/<scenario-name>/)')
    .option('--results <dir>', 'root of default output folders', 'results')
    .option('--resume', 'continue the sweeps in the output folder without re-running finished runs')
    .option('--dry-run', 'print the parameters with their ranges and the run counts, and run nothing')
    .option('--quiet', 'no progress or log output (the output folder is still printed)')
    .addHelpText(
      'after',
      [
        '',
        'Outputs (in the output folder): morris/ and sobol/ (sweep folders), screen.json, screen.md.',
        '',
        'Exit codes: 0 ok, 1 some runs failed, 2 invalid input, 130 interrupted (resumable).',
        '',
        'Examples:',
        '  collabsim screen scenarios/peer-review-cluster.yaml --metric effectiveness_change --dry-run',
        '  collabsim screen scenarios/peer-review-cluster.yaml --metric effectiveness_change --metric trust_mean --workers 2',
      ].join('\n'),
    )
    .action(async (file: string, o: ScreenCliOptions) => {
      process.exitCode = await screenCommand(file, o);
    });
}
