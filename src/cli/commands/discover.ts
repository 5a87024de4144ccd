/**
 * `collabsim discover <sweep-dir> --where "<condition>"`: scenario discovery
 * over a finished sweep: which regions of the factors (boxes) give the
 * outcome of interest, by PRIM and by a CART tree (docs/discover.md).
 *
 * Exit codes: 0 done, 2 invalid input (a bad condition, an unknown metric,
 * not a sweep folder; nothing is written), 3 a fault of the environment.
 */
import { join, resolve } from 'node:path';
import { displayPath } from '../display-path.ts';
import { type Command, Option } from 'commander';
import { discover, DISCOVER_DEFAULTS, type DiscoverResult, type DiscoverSettings } from '../../experiment/discover/discover.ts';
import { boxFinding, boxWords } from '../../experiment/discover/describe.ts';
import { writeDiscover } from '../../experiment/discover/outputs.ts';
import { EXIT, intArg, numArg, reportUserError } from '../args.ts';

/** The command's options: the discovery settings (with --box for the step) and where to write. */
interface DiscoverCliOptions extends Omit<DiscoverSettings, 'step'> {
  box?: number;
  out?: string;
  quiet?: boolean;
}

type Io = { out: NodeJS.WritableStream; err: NodeJS.WritableStream };

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** The lines printed on stdout: the condition, each box in words, the CART count and the files. */
function summaryLines(r: DiscoverResult, dir: string, files: string[]): string[] {
  const lines = [`${r.condition}: ${r.k} of ${r.n} ${r.unit} (${pct(r.baseRate)})`];
  for (const b of r.primBoxes) {
    const words = boxWords(r.cases.factors, b.box, r.init);
    lines.push(
      words.length
        ? `${b.id}: ${words.join(', ')} (density ${pct(b.stats.density)}, coverage ${pct(b.stats.coverage)}, mass ${pct(b.stats.mass)}${
            b.test && Number.isFinite(b.test.p) ? `, permutation p ${b.test.p.toPrecision(2)}` : ''
          })`
        : `${b.id}: no restriction of the factors stands out`,
    );
  }
  if (r.primBoxes[0]) lines.push(boxFinding(r, r.primBoxes[0]));
  const predicted = r.leaves.filter((l) => l.predicted).length;
  lines.push(`CART: ${predicted} of ${r.leaves.length} leaves predict the outcome`);
  for (const n of r.notes) lines.push(`note: ${n}`);
  const shown = displayPath(dir);
  lines.push(
    `report: ${join(shown, 'report.html')}`,
    `tables: ${files
      .filter((f) => f.endsWith('.csv'))
      .map((f) => join(shown, f))
      .join(', ')}`,
  );
  return lines;
}

export async function discoverCommand(sweepDir: string, o: DiscoverCliOptions, io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  const settings: DiscoverSettings = {
    where: o.where,
    per: o.per,
    peelAlpha: o.peelAlpha,
    minMass: o.minMass,
    minCoverage: o.minCoverage,
    maxP: o.maxP,
    boxes: o.boxes,
    ...(o.box !== undefined ? { step: o.box } : {}),
    permutations: o.permutations,
    seed: o.seed,
    maxDepth: o.maxDepth,
    minLeaf: o.minLeaf,
  };
  try {
    const r = discover(resolve(sweepDir), settings, sweepDir);
    const out = resolve(o.out ?? join(sweepDir, 'discover'));
    const written = await writeDiscover(r, out);
    for (const w of written.warnings) io.err.write(`warning: ${w}\n`);
    if (!o.quiet) io.out.write(summaryLines(r, out, written.files).join('\n') + '\n');
    else io.out.write(`${displayPath(out)}\n`);
    return EXIT.ok;
  } catch (e) {
    const code = reportUserError(e, io.err);
    if (code === undefined) throw e;
    return code;
  }
}

export function registerDiscover(program: Command): Command {
  const d = DISCOVER_DEFAULTS;
  return program
    .command('discover')
    .description(
      'Scenario discovery over a finished sweep: the regions of its factors (boxes) that give an outcome of interest, by PRIM and a CART tree (docs/discover.md).',
    )
    .argument('<sweep-dir>', 'a finished sweep folder (runs.csv and manifest.json)')
    .requiredOption(
      '--where <condition>',
      "the outcome of interest, e.g. 'trust_mean > 0.5 and effectiveness_mean >= 0' (metrics of runs.csv; and, or, parentheses)",
    )
    .addOption(
      new Option('--per <unit>', 'test the condition per run, or per design point on the mean over its replications').choices(['run', 'point']).default(d.per),
    )
    .option('--peel-alpha <a>', `PRIM: share of the box peeled per step (default ${d.peelAlpha})`, numArg('--peel-alpha', 0.001, 0.5), d.peelAlpha)
    .option('--min-mass <m>', `PRIM: smallest box, as a share of all cases (default ${d.minMass})`, numArg('--min-mass', 0, 1), d.minMass)
    .option(
      '--min-coverage <c>',
      `PRIM: least coverage a chosen box keeps (default ${d.minCoverage}: the scan statistic alone)`,
      numArg('--min-coverage', 0, 1),
      d.minCoverage,
    )
    .option('--max-p <p>', `PRIM: free a restriction whose quasi-p value is above this (default ${d.maxP}; 1 keeps all)`, numArg('--max-p', 0, 1), d.maxP)
    .option('--boxes <n>', `PRIM: most boxes, each found after removing the cases of the earlier ones (default ${d.boxes})`, intArg('--boxes', 1, 20), d.boxes)
    .option('--box <k>', 'PRIM: take step K of the first peeling trajectory as the box, as peeled (see trajectory.csv)', intArg('--box', 0, 1_000_000))
    .option(
      '--permutations <r>',
      `PRIM: shuffles of the outcome in the test of whether a box stands out from chance (default ${d.permutations}; 0 skips the test)`,
      intArg('--permutations', 0, 100_000),
      d.permutations,
    )
    .option('--seed <n>', `seed of the shuffles (default ${d.seed})`, intArg('--seed', 0, 4294967295), d.seed)
    .option('--max-depth <d>', `CART: greatest depth (default ${d.maxDepth})`, intArg('--max-depth', 1, 12), d.maxDepth)
    .option('--min-leaf <share>', `CART: smallest leaf as a share of the cases (default ${d.minLeaf})`, numArg('--min-leaf', 0, 0.5), d.minLeaf)
    .option('--out <dir>', 'output folder (default <sweep-dir>/discover)')
    .option('--quiet', 'print only the output folder')
    .addHelpText(
      'after',
      [
        '',
        'Outputs: report.html, boxes.csv, box-summary.csv, trajectory.csv, charts/tradeoff.vl.json and .svg, manifest.json.',
        '',
        'Exit codes: 0 ok, 2 invalid input (bad condition, unknown metric, not a sweep folder), 3 a fault of the environment.',
        '',
        'Examples:',
        "  collabsim discover results/sweeps/sobol-core --where 'trust_mean > 0.5'",
        "  collabsim discover results/sweeps/trust-turnover-grid --where 'trust_mean > 0.45 and effectiveness_mean >= 0' --per point",
      ].join('\n'),
    )
    .action(async (dir: string, o: DiscoverCliOptions) => {
      process.exitCode = await discoverCommand(dir, o);
    });
}
