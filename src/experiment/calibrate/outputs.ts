/**
 * The files a calibration writes (every one the same bytes for the same
 * calibration, whatever the worker count or resumes; timings go only to the
 * console):
 *
 *   posterior.csv          every generation's particles: weight, distance,
 *                          parameters and simulated targets (ABC-SMC); the
 *                          evaluations of every start (SMM)
 *   posterior-summary.csv  per parameter: median (or estimate), 90% interval,
 *                          the prior's 90% interval, identifiability
 *   calibrated.yaml        the parameter profile scenario files can use
 *   diagnostics.json       method, stopping reason, tolerances, ESS,
 *                          acceptance, runs, identifiability, correlations
 *   checks.csv             posterior predictive checks per target
 *   report.html            the report (report.ts)
 */
import { basename, join } from 'node:path';
import { stableJson } from '../../common/json.ts';
import { formatNumber, toCsv, type CsvCell } from '../../output/csv.ts';
import { writeFileAtomicSync } from '../../output/atomic.ts';
import type { AbcResult } from './abc-smc.ts';
import type { SmmResult } from './smm.ts';
import { checkTargets, strongCorrelations, summariseEstimate, summariseParameters, type ParameterSummary, type TargetCheck } from './summary.ts';
import { writeCalibrationReport } from './report.ts';
import type { CalibrationOutcome, OutputInput } from './outcome.ts';

export type { CalibrationOutcome, OutputInput } from './outcome.ts';

function posteriorCsv(input: OutputInput, all: { generation: number; particles: AbcResult['population'] }[]): string {
  const { loaded } = input;
  const columns = ['generation', 'particle', 'weight', 'distance', ...loaded.priors.map((p) => p.name), ...loaded.targets.map((t) => `sim_${t.spec.name}`)];
  const rows: CsvCell[][] = [];
  for (const g of all) for (const p of g.particles) rows.push([g.generation, p.index, p.weight, p.distance, ...p.theta, ...p.simulated]);
  return toCsv(columns, rows);
}

function smmCsv(input: OutputInput, res: SmmResult): string {
  const columns = ['start', 'evaluation', 'objective', ...input.loaded.priors.map((p) => p.name)];
  return toCsv(
    columns,
    res.trace.map((t) => [t.restart, t.evaluation, t.objective, ...t.theta]),
  );
}

function summaryCsv(params: ParameterSummary[]): string {
  const columns = ['parameter', 'path', 'prior', 'median', 'mean', 'sd', 'q05', 'q95', 'prior_q05', 'prior_q95', 'width_ratio', 'identified'];
  return toCsv(
    columns,
    params.map((p) => [p.name, p.path, p.prior, p.median, p.mean, p.sd, p.q05, p.q95, p.priorQ05, p.priorQ95, p.widthRatio, p.identified]),
  );
}

function checksCsv(checks: TargetCheck[]): string {
  const columns = ['target', 'metric', 'statistic', 'observed', 'uncertainty', 'low95', 'high95', 'sim_median', 'sim_q05', 'sim_q95', 'z', 'met', 'source'];
  return toCsv(
    columns,
    checks.map((c) => [c.name, c.metric, c.statistic, c.observed, c.uncertainty, c.low, c.high, c.median, c.q05, c.q95, c.z, c.met, c.source]),
  );
}

/** The profile: parameter values (posterior medians or estimates) that scenario files can name. */
export function profileYaml(input: OutputInput, params: ParameterSummary[]): string {
  const { loaded, method } = input;
  const lines = [
    `# collabsim parameter profile from the calibration '${loaded.spec.name}' (${basename(loaded.source)}).`,
    `# Method: ${method === 'abc-smc' ? 'ABC-SMC; values are posterior medians' : 'simulated method of moments; values are estimates'}, with the 90% interval and what the targets say of each.`,
    `# Use it in a scenario file with  profile: <path of this file>  (keys the scenario sets itself win).`,
    `# Parameters the targets do not constrain are left out (commented): their posterior median is the middle of`,
    `# the prior, not evidence, so scenarios keep their own values for them.`,
    `profile: ${loaded.spec.name}`,
    `method: ${method}`,
    'parameters:',
  ];
  const kept = params.filter((p) => p.identified !== 'not constrained');
  for (const p of kept) lines.push(`  ${p.path}: ${formatNumber(p.median)}  # 90% interval ${formatNumber(p.q05)} to ${formatNumber(p.q95)}; ${p.identified}`);
  if (!kept.length) lines[lines.length - 1] = 'parameters: {}';
  for (const p of params.filter((x) => x.identified === 'not constrained')) {
    lines.push(`  # ${p.path}: ${formatNumber(p.median)}  (90% interval ${formatNumber(p.q05)} to ${formatNumber(p.q95)}; not constrained)`);
  }
  return lines.join('\n') + '\n';
}

function abcSummary(input: OutputInput, abc: AbcResult) {
  const pop = abc.population;
  return {
    parameters: summariseParameters(
      input.loaded.priors,
      pop.map((p) => p.theta),
      pop.map((p) => p.weight),
      input.seed,
    ),
    correlations: strongCorrelations(
      input.loaded.priors,
      pop.map((p) => p.theta),
      pop.map((p) => p.weight),
    ),
  };
}

function diagnostics(input: OutputInput, outcome: CalibrationOutcome): unknown {
  const { loaded, abc, smm } = input;
  return {
    format: 1,
    name: loaded.spec.name,
    hash: loaded.hash,
    model: loaded.model.id,
    method: input.method,
    seed: input.seed,
    replications: loaded.spec.replications,
    stopped: outcome.stopped,
    runs: input.runs.executed + input.runs.replayed,
    ...(abc
      ? {
          generations: abc.generations,
          finalTolerance: abc.generations[abc.generations.length - 1].tolerance,
          finalEss: abc.generations[abc.generations.length - 1].ess,
        }
      : {}),
    ...(smm ? { objective: smm.objective, starts: smm.restarts } : {}),
    targets: loaded.targets.map((t) => ({ name: t.spec.name, observed: t.spec.observed, uncertainty: t.uncertainty })),
    identifiability: outcome.parameters.map((p) => ({ parameter: p.name, widthRatio: p.widthRatio, identified: p.identified })),
    correlations: outcome.correlations,
    checks: { draws: input.checks.length, met: outcome.checks.filter((c) => c.met).length, missed: outcome.checks.filter((c) => !c.met).map((c) => c.name) },
  };
}

/** Write every output of a finished calibration into `dir`. */
export async function writeCalibrationOutputs(dir: string, input: OutputInput): Promise<CalibrationOutcome> {
  const { loaded, abc, smm } = input;
  let parameters: ParameterSummary[];
  let correlations: CalibrationOutcome['correlations'] = [];
  if (abc) {
    ({ parameters, correlations } = abcSummary(input, abc));
    writeFileAtomicSync(join(dir, 'posterior.csv'), posteriorCsv(input, abcGenerations(abc)));
  } else {
    parameters = summariseEstimate(loaded.priors, smm!.theta, smm!.se, input.seed);
    writeFileAtomicSync(join(dir, 'posterior.csv'), smmCsv(input, smm!));
  }
  const outcome: CalibrationOutcome = {
    parameters,
    checks: checkTargets(loaded.targets, input.checks),
    correlations,
    stopped: abc ? abc.stopped : `Nelder-Mead, best of ${smm!.restarts.length} starts`,
  };
  writeFileAtomicSync(join(dir, 'posterior-summary.csv'), summaryCsv(parameters));
  writeFileAtomicSync(join(dir, 'checks.csv'), checksCsv(outcome.checks));
  writeFileAtomicSync(join(dir, 'calibrated.yaml'), profileYaml(input, parameters));
  writeFileAtomicSync(join(dir, 'diagnostics.json'), stableJson(diagnostics(input, outcome)));
  if (input.report) await writeCalibrationReport(dir, input, outcome);
  return outcome;
}

/** Every generation's kept particles (the population of each is kept by the algorithm). */
function abcGenerations(abc: AbcResult): { generation: number; particles: AbcResult['population'] }[] {
  return abc.history.map((particles, generation) => ({ generation, particles }));
}
