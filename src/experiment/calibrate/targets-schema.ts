/**
 * The targets file schema: the single source of truth for calibration
 * targets files (validation, types, schema/targets.schema.json and
 * docs/targets.md).
 *
 * A targets file names the scenarios the model is run in, the published
 * figures (targets) a run is compared with, the priors on the parameters
 * being calibrated, and the settings of the two methods. Rules involving
 * several keys (a target naming a scenario that exists, unique names, one
 * uncertainty per target, what each statistic needs) are checked in
 * `superRefine`, so they come with file, line and column like any other.
 */
import { z } from 'zod';

const NAME_RE = /^[A-Za-z][A-Za-z0-9_]*$/;
const PATH_RE = /^[A-Za-z_$][\w$]*(\.([A-Za-z_$][\w$]*|\d+))*$/;
const name = (what: string) => z.string().regex(NAME_RE, 'letters, digits or underscore, starting with a letter').describe(what);

const ScenarioRefSchema = z
  .strictObject({
    file: z.string().min(1).optional().describe('Scenario file, relative to this targets file.'),
    inline: z.record(z.string(), z.unknown()).optional().describe('The scenario written inline (instead of `file`).'),
    set: z
      .record(z.string().regex(PATH_RE, 'a dotted key path such as `peerReview.enabled`'), z.union([z.number(), z.string(), z.boolean()]))
      .optional()
      .describe('Scenario keys to change, by dotted path (for example a policy switched on for a trial arm).'),
    years: z.number().min(0.5).max(100).optional().describe('Simulated years (sets the scenario key `years`).'),
  })
  .describe('A scenario the model is run in: a file or an inline scenario, with optional changes.');

const WindowSchema = z
  .strictObject({
    from: z.number().min(0).describe('Start of the window, in simulated years (inclusive).'),
    to: z.number().min(0).describe('End of the window, in simulated years (inclusive).'),
  })
  .describe('A window of simulated time; every observation inside it is used.');

const IntervalSchema = z
  .strictObject({
    low: z.number().describe('Lower end of the interval.'),
    high: z.number().describe('Upper end of the interval.'),
    level: z.number().gt(0).lt(1).default(0.95).describe('Coverage of the interval (0.95 for a 95% interval).'),
  })
  .describe('An interval around the observed value, read as a normal interval: its half-width over z((1+level)/2) is the standard error.');

const EventSchema = z
  .strictObject({
    at: z.number().min(0).describe('When the event happens, in simulated years (usually a timeline event of the scenario).'),
    before: z.number().gt(0).default(1).describe('Years before the event that form the comparison window.'),
    after: z.number().gt(0).default(1).describe('Years after the event that form the outcome window.'),
  })
  .describe('An event-study contrast: mean over [at, at + after] minus mean over [at - before, at).');

export const STATISTICS = ['mean', 'share', 'quantile', 'slope', 'correlation', 'contrast', 'event'] as const;

const TargetSchema = z
  .strictObject({
    name: name('Target name (a column of the outputs).'),
    scenario: z.string().min(1).describe('Which scenario (a key of `scenarios`) the target is measured in.'),
    metric: z.string().min(1).describe('A metric the model reports per tick (see docs/outputs.md), at the level `level`.'),
    level: z.string().min(1).default('all').describe('Level of the metric: `all` for the whole system.'),
    statistic: z
      .enum(STATISTICS)
      .default('mean')
      .describe(
        'How a run is summarised: mean over the window; share of observations above/below a threshold; quantile of the observations; slope per year (least squares); correlation with another metric; contrast with another scenario run with the same seeds; event-study contrast (after minus before).',
      ),
    at: z.number().min(0).optional().describe('A single time, in simulated years (the observation at or just after it). Default: the last observation.'),
    window: WindowSchema.optional(),
    above: z.number().optional().describe('share: the threshold an observation must exceed.'),
    below: z.number().optional().describe('share: the threshold an observation must fall below.'),
    q: z.number().gt(0).lt(1).optional().describe('quantile: which quantile (0.9 for the 90th percentile).'),
    with: z.string().min(1).optional().describe('correlation: the other metric (same level).'),
    versus: z.string().min(1).optional().describe('contrast: the comparison scenario (a key of `scenarios`), run with the same seeds.'),
    event: EventSchema.optional(),
    observed: z.number().describe('The published value.'),
    se: z.number().gt(0).optional().describe('Its standard error (give `se` or `interval`).'),
    interval: IntervalSchema.optional(),
    source: z.string().min(1).describe('Where the figure comes from: authors, year, title, table.'),
    note: z.string().optional().describe('How the figure was turned into this target (population, years, judgement calls).'),
  })
  .describe('One published figure the model is compared with.');

const bounds = {
  min: z.number().optional().describe('Lower bound (the prior is truncated there).'),
  max: z.number().optional().describe('Upper bound (the prior is truncated there).'),
};
const priorCommon = {
  path: z
    .string()
    .regex(PATH_RE, 'a dotted key path such as `turnover.leaderRate`')
    .describe('Dotted scenario key path of the parameter; the same value is set in every scenario.'),
  name: name('Column name in the outputs (default: the path with dots as underscores).').optional(),
  source: z.string().optional().describe('Why this prior: the published range it encodes, or "no source".'),
};

const PriorSchema = z
  .discriminatedUnion('dist', [
    z.strictObject({
      ...priorCommon,
      dist: z.literal('uniform').describe('Uniform between min and max.'),
      min: z.number().describe('Lower end.'),
      max: z.number().describe('Upper end.'),
    }),
    z.strictObject({
      ...priorCommon,
      dist: z.literal('normal').describe('Normal, optionally truncated.'),
      mean: z.number().describe('Mean.'),
      sd: z.number().gt(0).describe('Standard deviation.'),
      ...bounds,
    }),
    z.strictObject({
      ...priorCommon,
      dist: z.literal('lognormal').describe('Log-normal, optionally truncated.'),
      median: z.number().gt(0).describe('Median (exp of the log mean).'),
      sigma: z.number().gt(0).describe('Standard deviation of the log.'),
      ...bounds,
    }),
    z.strictObject({
      ...priorCommon,
      dist: z.literal('beta').describe('Beta, scaled to [min, max] (default [0, 1]).'),
      alpha: z.number().gt(0).describe('Shape alpha.'),
      beta: z.number().gt(0).describe('Shape beta.'),
      min: z.number().default(0).describe('Lower end of the scaled support.'),
      max: z.number().default(1).describe('Upper end of the scaled support.'),
    }),
  ])
  .describe('A prior on one parameter.');

const AbcSchema = z
  .strictObject({
    particles: z.number().int().min(10).max(100_000).default(100).describe('Particles kept per generation (N).'),
    acceptance: z
      .number()
      .gt(0)
      .lte(0.9)
      .default(0.5)
      .describe('Share of each generation\u2019s proposals kept: a generation proposes N / acceptance parameter sets and keeps the N closest.'),
    generations: z.number().int().min(1).max(100).default(8).describe('Most generations.'),
    minTolerance: z
      .number()
      .min(0)
      .default(1)
      .describe('Stop once the tolerance (root mean square of the targets\u2019 z-scores) is at or below this: 1 means within one stated uncertainty.'),
    minDecrease: z.number().min(0).lt(1).default(0.03).describe('Stop once a generation lowers the tolerance by less than this fraction.'),
  })
  .prefault({})
  .describe('ABC-SMC settings.');

const SmmSchema = z
  .strictObject({
    restarts: z.number().int().min(1).max(100).default(4).describe('Nelder\u2013Mead starts (the first at the prior medians, the rest at prior draws).'),
    evaluations: z.number().int().min(10).max(100_000).default(120).describe('Most objective evaluations per start.'),
    tolerance: z.number().gt(0).default(1e-3).describe('Stop a start once the simplex\u2019s objective values differ by less than this.'),
  })
  .prefault({})
  .describe('Simulated method of moments settings.');

export const TargetsSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Optional path to the JSON Schema, for editors.'),
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, dot, dash or underscore, starting with a letter or digit')
      .describe('Calibration name: used for the output folder results/calibrate/<name>/ and the profile name.'),
    description: z.string().default('').describe('What the calibration is for (shown in the report).'),
    seed: z.number().int().min(0).max(4294967295).default(1).describe('Master seed: run seeds and proposals are hashed from it.'),
    replications: z.number().int().min(1).max(1000).default(2).describe('Runs per scenario for each parameter set; a target is the mean over them.'),
    scenarios: z.record(name('Scenario name.'), ScenarioRefSchema).describe('The scenarios the targets are measured in, by name.'),
    targets: z.array(TargetSchema).min(1).max(200).describe('The published figures.'),
    priors: z.array(PriorSchema).min(1).max(100).describe('The parameters calibrated, each with its prior.'),
    abc: AbcSchema,
    smm: SmmSchema,
    checks: z
      .strictObject({
        draws: z.number().int().min(5).max(10_000).default(40).describe('Posterior draws (each with fresh seeds) for the posterior predictive checks.'),
      })
      .prefault({})
      .describe('Posterior predictive checks.'),
  })
  .superRefine((s, ctx) => {
    const scenarioNames = Object.keys(s.scenarios);
    for (const [key, ref] of Object.entries(s.scenarios)) {
      if (Boolean(ref.file) === Boolean(ref.inline)) {
        ctx.addIssue({ code: 'custom', path: ['scenarios', key], message: 'give exactly one of `file` or `inline`' });
      }
    }
    const seen = new Set<string>();
    s.targets.forEach((t, i) => {
      const at = (k: string | number, message: string) => ctx.addIssue({ code: 'custom', path: ['targets', i, k], message });
      if (seen.has(t.name)) at('name', `duplicate target name '${t.name}'`);
      seen.add(t.name);
      if (!scenarioNames.includes(t.scenario))
        at('scenario', `'${t.scenario}' is not a scenario of this file (scenarios: ${scenarioNames.join(', ') || 'none'})`);
      if ((t.se === undefined) === (t.interval === undefined)) at('se', 'give exactly one of `se` or `interval` (the uncertainty of the observed value)');
      if (t.interval && !(t.interval.high > t.interval.low)) at('interval', `interval high (${t.interval.high}) must be above low (${t.interval.low})`);
      if (t.interval && !(t.observed >= t.interval.low && t.observed <= t.interval.high)) at('observed', 'the observed value lies outside its own interval');
      if (t.at !== undefined && t.window) at('window', 'give `at` or `window`, not both');
      if (t.window && !(t.window.to > t.window.from)) at('window', `window to (${t.window.to}) must be after from (${t.window.from})`);
      checkStatistic(t, at, scenarioNames);
    });
    const paths = new Set<string>();
    s.priors.forEach((p, i) => {
      if (paths.has(p.path)) ctx.addIssue({ code: 'custom', path: ['priors', i, 'path'], message: `'${p.path}' already has a prior` });
      paths.add(p.path);
      const lo = 'min' in p ? p.min : undefined;
      const hi = 'max' in p ? p.max : undefined;
      if (lo !== undefined && hi !== undefined && !(hi > lo))
        ctx.addIssue({ code: 'custom', path: ['priors', i, 'max'], message: `max (${hi}) must be above min (${lo})` });
    });
  })
  .describe('A collabsim calibration: scenarios, published targets, priors and method settings.');

type TargetIn = z.output<typeof TargetSchema>;

/** What each statistic needs, and what it must not be given. */
function checkStatistic(t: TargetIn, at: (k: string, m: string) => void, scenarios: string[]): void {
  const need = (key: keyof TargetIn, why: string) => t[key] === undefined && at(key, `the statistic '${t.statistic}' needs \`${key}\`: ${why}`);
  const refuse = (key: keyof TargetIn) => t[key] !== undefined && at(key, `\`${key}\` is only used by another statistic, not '${t.statistic}'`);
  const s = t.statistic;
  if (s === 'share') {
    if ((t.above === undefined) === (t.below === undefined)) at('above', "the statistic 'share' needs exactly one of `above` or `below`");
  } else {
    refuse('above');
    refuse('below');
  }
  if (s === 'quantile') need('q', 'which quantile, e.g. 0.9');
  else refuse('q');
  if (s === 'correlation') need('with', 'the other metric');
  else refuse('with');
  if (s === 'contrast') {
    need('versus', 'the comparison scenario');
    if (t.versus !== undefined && !scenarios.includes(t.versus)) at('versus', `'${t.versus}' is not a scenario of this file`);
    if (t.versus === t.scenario) at('versus', 'a contrast needs a different scenario');
  } else refuse('versus');
  if (s === 'event') {
    need('event', 'when the event happens');
    if (t.at !== undefined || t.window) at('event', "the statistic 'event' takes its windows from `event`, not `at` or `window`");
  } else refuse('event');
  if ((s === 'slope' || s === 'correlation' || s === 'quantile' || s === 'share') && t.at !== undefined) {
    at('at', `the statistic '${s}' needs several observations: give a \`window\`, not \`at\``);
  }
}

export type TargetsSpec = z.output<typeof TargetsSchema>;
export type TargetSpec = TargetsSpec['targets'][number];
export type PriorSpec = TargetsSpec['priors'][number];
export type ScenarioRef = TargetsSpec['scenarios'][string];
