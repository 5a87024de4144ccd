/**
 * `collabsim compare <a.yaml> <b.yaml> --reps N [--out DIR]`: run two
 * scenarios over the same N seeds and report the difference in each key
 * metric with a 95% confidence interval and effect sizes (see
 * src/experiment/compare.ts), as tables, charts and an HTML report.
 *
 * Exit codes: 0 ok, 2 invalid input (nothing is written).
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import type { Scenario } from '../../model/schema.ts';
import { InputError, formatInputError } from '../../scenario/load.ts';
import { loadScenarioFile } from '../../scenario/scenario-file.ts';
import { createProgress } from '../../common/progress.ts';
import { intArg, numArg } from '../args.ts';
import { errorMessage } from '../../common/errors.ts';
import { isClear, runComparison, type Comparison, type ComparePosterior } from '../../experiment/compare.ts';
import { drawParticles, PosteriorError, readPosterior } from '../../experiment/calibrate/posterior-file.ts';
import { writeComparison } from '../../experiment/compare-output.ts';
import { fmt, robustnessWord } from '../../experiment/compare-report.ts';
import { compareFindings, findingsLines } from '../../experiment/compare-findings.ts';
import { displayPath } from '../display-path.ts';
import { partYearProblem } from '../../model/recording.ts';

export interface CompareCliOptions {
  reps: number;
  posterior?: string;
  draws?: number;
  out?: string;
  years?: number;
  seed?: number;
  quiet?: boolean;
}

const intIn = (name: string, min: number, max: number) => intArg(name, min, max, 'a whole number');

/** The comparison as a fixed-width text table for the terminal, in the report's order (largest change first; unchanged metrics left out). */
function comparisonTable(c: Comparison): string {
  const head = ['metric', 'A', 'B', 'B - A', '95% CI', 'd_z', 'g'];
  const f = compareFindings(c);
  const fixed = new Set(f.fixed);
  const rows = [...f.ranked, ...f.sparse, ...f.fixed].map((r) => [
    `${fixed.has(r) ? '=' : isClear(r) ? '*' : ' '} ${r.label}`,
    fmt(r.meanA),
    fmt(r.meanB),
    fmt(r.diff),
    `${fmt(r.ciLow)} .. ${fmt(r.ciHigh)}`,
    fmt(r.dz),
    fmt(r.hedgesG),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((x, i) => (i === 0 ? x.padEnd(w[i]) : x.padStart(w[i]))).join('  ');
  return [
    line(head),
    ...rows.map(line),
    '',
    `* 95% interval excludes 0. ${c.reps} paired seeds, ${c.years} years. A = ${c.a.name}, B = ${c.b.name}.`,
    ...(fixed.size ? ['= the same difference in every seed: set by the scenarios, not a finding of the model.'] : []),
    "g (Hedges' g): the change against run-to-run variation; 0.2 is small, 0.5 medium, 0.8 large. d_z: how consistently B differs from A seed by seed.",
  ].join('\n');
}

/** The effects over posterior draws as a text table. */
function posteriorTable(c: Comparison): string {
  const post = c.posterior!;
  const head = ['metric', 'effect', '95% over draws', 'seed-only 95% CI', 'P(B > A)'];
  const rows = post.rows
    .filter((r) => Number.isFinite(r.effect))
    .map((r) => [r.label, fmt(r.effect), `${fmt(r.low)} .. ${fmt(r.high)}`, `${fmt(r.seedLow)} .. ${fmt(r.seedHigh)}`, fmt(r.probPositive)]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((x, i) => (i === 0 ? x.padEnd(w[i]) : x.padStart(w[i]))).join('  ');
  const key = post.rows.find((r) => r.metric === 'effectiveness_mean');
  return [
    '',
    `With parameter uncertainty: ${post.draws} posterior draws x ${post.seedsPerDraw} paired seeds (${post.source}).`,
    line(head),
    ...rows.map(line),
    ...(key ? ['', `${key.label}: ${robustnessWord(key)}.`] : []),
  ].join('\n');
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'scenario';

/** Run the compare command; returns the exit code. */
export async function compareCommand(
  fileA: string,
  fileB: string,
  o: CompareCliOptions,
  io: { out: NodeJS.WritableStream & { isTTY?: boolean }; err: NodeJS.WritableStream & { isTTY?: boolean } } = { out: process.stdout, err: process.stderr },
): Promise<number> {
  let a: Scenario, b: Scenario;
  try {
    const problems: InputError[] = [];
    const load = (f: string) => {
      try {
        return loadScenarioFile(f).scenario;
      } catch (e) {
        if (e instanceof InputError) {
          problems.push(e);
          return undefined;
        }
        throw e;
      }
    };
    const la = load(fileA);
    const lb = load(fileB);
    if (problems.length || !la || !lb) {
      for (const p of problems) io.err.write(formatInputError(p) + '\n');
      return 2;
    }
    a = la;
    b = lb;
  } catch (e) {
    io.err.write(`error: ${errorMessage(e)}\n`);
    return 2;
  }
  let posterior: ComparePosterior | undefined;
  if (o.posterior) {
    try {
      const p = readPosterior(o.posterior);
      posterior = { source: p.dir, paths: p.paths, draws: drawParticles(p.particles, o.draws ?? 20, o.seed ?? 0, 'compare') };
    } catch (e) {
      if (!(e instanceof PosteriorError)) throw e;
      io.err.write(`error: ${e.message}\n`);
      return 2;
    }
  }
  const years = o.years ?? Math.max(a.years, b.years);
  const notWhole = partYearProblem(a, years, fileA) ?? partYearProblem(b, years, fileB);
  if (notWhole) io.err.write(`error: ${notWhole}\n`);
  if (notWhole) return 2;
  const draws = posterior?.draws.length ?? 1;
  const t0 = performance.now();
  const progress = o.quiet ? undefined : createProgress({ total: 2 * o.reps * draws, label: 'runs', stream: io.err });
  const c = runComparison(
    a,
    b,
    { a: fileA, b: fileB },
    {
      reps: o.reps,
      masterSeed: o.seed ?? 0,
      years: o.years,
      onRun: progress ? (d) => progress.update(d) : undefined,
      ...(posterior ? { posterior } : {}),
    },
  );
  progress?.done();
  const simMs = Math.round(performance.now() - t0);
  const dir = o.out ?? join('results', 'compare', `${slug(a.name)}-vs-${slug(b.name)}-n${o.reps}${posterior ? `-k${draws}` : ''}`);
  await writeComparison(c, dir, {
    manifest: {
      command: `collabsim compare ${fileA} ${fileB} --reps ${o.reps}${o.years !== undefined ? ` --years ${o.years}` : ''}${o.seed !== undefined ? ` --seed ${o.seed}` : ''}${o.posterior ? ` --posterior ${o.posterior} --draws ${o.draws ?? 20}` : ''}`,
      simulation_ms: simMs,
      finished_at: new Date().toISOString(),
      node: process.version,
    },
  });
  io.out.write(comparisonTable(c) + '\n');
  if (c.posterior) io.out.write(posteriorTable(c) + '\n');
  io.out.write(`\n${findingsLines(c).join('\n')}\n`);
  io.out.write(`wrote ${displayPath(join(dir, 'report.html'))}\n`);
  return 0;
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('Run two scenarios over the same seeds and report the difference in each key metric, with 95% confidence intervals and effect sizes.')
    .argument('<a>', 'baseline scenario file (A)')
    .argument('<b>', 'policy scenario file (B)')
    .requiredOption('--reps <n>', 'replications (paired seeds), 2 to 1000', intIn('--reps', 2, 1000))
    .option('--out <dir>', 'output folder (default results/compare/<a>-vs-<b>-n<reps>)')
    .option('--years <y>', 'simulated years for both (default: the longer of the two)', numArg('--years', 0.5, 100))
    .option('--seed <n>', 'master seed from which the paired seeds are derived (default 0)', intIn('--seed', 0, 4294967295))
    .option('--posterior <dir>', 'a calibration folder (collabsim calibrate): run the seeds under each of --draws parameter sets drawn from its posterior')
    .option('--draws <k>', 'posterior draws with --posterior, 5 to 1000', intIn('--draws', 5, 1000), 20)
    .option('--quiet', 'no progress output')
    .addHelpText(
      'after',
      '\nExamples:\n  collabsim compare scenarios/city-baseline.yaml scenarios/mat-consolidation-2030.yaml --reps 20 --out out/mat2030\n  collabsim compare scenarios/locality-baseline.yaml scenarios/peer-review-cluster.yaml --reps 4 --posterior results/calibrate/england --draws 20',
    )
    .action(async (fileA: string, fileB: string, o: CompareCliOptions) => {
      const code = await compareCommand(fileA, fileB, o);
      if (code !== 0) process.exitCode = code;
    });
}
