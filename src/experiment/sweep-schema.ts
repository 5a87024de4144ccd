/**
 * The sweep file schema: the single source of truth for sweep files
 * (validation, TypeScript types, the exported JSON Schema
 * schema/sweep.schema.json and docs/experiments.md).
 *
 * Rules that involve several keys (what each design needs from the factors,
 * unique names, explicit points naming every factor) are checked in
 * `superRefine`, so they are reported with file, line and column like any
 * other problem.
 */
import { z } from 'zod';

/** Columns of runs.csv / aggregated.csv that a factor name may not take. */
const RESERVED_COLUMNS: readonly string[] = ['run', 'point', 'label', 'rep', 'seed', 'status', 'error', 'metric', 'n', 'mean', 'sd', 'ci95_low', 'ci95_high'];

const FactorValueSchema = z.union([z.number(), z.string(), z.boolean()]).describe('A factor value: number, string or boolean.');

const PATH_RE = /^[A-Za-z_$][\w$]*(\.([A-Za-z_$][\w$]*|\d+))*$/;
const NAME_RE = /^[A-Za-z][A-Za-z0-9_.]*$/;

const RangeSchema = z
  .strictObject({
    min: z.number().describe('Lower end of the range (inclusive).'),
    max: z.number().describe('Upper end of the range (inclusive).'),
    steps: z
      .number()
      .int()
      .min(1)
      .max(10000)
      .optional()
      .describe('Number of evenly spaced levels from min to max used by a factorial design (required there; ignored by sampling designs).'),
  })
  .describe('A continuous range for a factor.');

const FactorSchema = z
  .strictObject({
    path: z
      .string()
      .regex(PATH_RE, 'a dotted key path such as `turnover.leaderRate` (array elements by index: `schools.named.0.pupils`)')
      .describe(
        'Dotted key path into the base scenario, e.g. `turnover.leaderRate` or `leaders.candour.mean`. Missing intermediate objects are created; the result must be a valid scenario.',
      ),
    name: z
      .string()
      .regex(NAME_RE, 'letters, digits, dot or underscore, starting with a letter')
      .optional()
      .describe('Column name in the output tables (default: the path).'),
    levels: z
      .array(FactorValueSchema)
      .min(1)
      .optional()
      .describe('Discrete levels. A factorial design crosses them; sampling designs (lhs, sobol, morris) pick one level uniformly.'),
    range: RangeSchema.optional().describe('Continuous range (give `levels` or `range`, not both).'),
    integer: z.boolean().default(false).describe('Round values taken from `range` to whole numbers (for counts such as partnership size).'),
  })
  .describe('One factor: a scenario parameter that the sweep varies.');

const DesignSchema = z
  .discriminatedUnion('type', [
    z
      .strictObject({
        type: z.literal('factorial').describe('Full factorial: every combination of the factor levels (the first factor varies slowest).'),
      })
      .describe('Full factorial grid.'),
    z
      .strictObject({
        type: z.literal('lhs').describe('Latin hypercube sampling.'),
        samples: z.number().int().min(1).max(1_000_000).describe('Number of design points N: each factor range is cut into N equal strata, each used once.'),
      })
      .describe('Latin hypercube sample.'),
    z
      .strictObject({
        type: z.literal('sobol').describe('Saltelli design for variance-based (Sobol) sensitivity indices.'),
        baseSamples: z.number().int().min(2).max(1_000_000).describe('Base samples N (a power of two is best). The design has N (k + 2) points for k factors.'),
        bootstrap: z.number().int().min(0).max(100_000).default(1000).describe('Bootstrap resamples for the confidence intervals of the indices (0 = none).'),
        confidence: z.number().gt(0).lt(1).default(0.95).describe('Level of the bootstrap confidence intervals.'),
      })
      .describe('Sobol/Saltelli design: first-order and total indices.'),
    z
      .strictObject({
        type: z.literal('morris').describe('Morris elementary effects (screening).'),
        trajectories: z.number().int().min(2).max(100_000).describe('Trajectories r kept; the design has r (k + 1) points for k factors.'),
        levels: z
          .number()
          .int()
          .min(2)
          .max(100)
          .refine((p) => p % 2 === 0, 'must be even')
          .default(4)
          .describe('Grid levels p (even); the step is p / (2 (p - 1)) of each range.'),
        candidates: z
          .number()
          .int()
          .min(2)
          .max(5000)
          .optional()
          .describe('Random trajectories generated before the Campolongo selection keeps the r most spread out (default min(10 r, max(r, 200))).'),
        bootstrap: z.number().int().min(0).max(100_000).default(1000).describe('Bootstrap resamples for the confidence interval of mu* (0 = none).'),
        confidence: z.number().gt(0).lt(1).default(0.95).describe('Level of the bootstrap confidence interval.'),
      })
      .describe('Morris screening design with Campolongo trajectory selection.'),
    z
      .strictObject({
        type: z.literal('explicit').describe('An explicit list of factor combinations.'),
        points: z.array(z.record(z.string(), FactorValueSchema)).min(1).describe('The combinations to run: each maps every factor name to a value.'),
      })
      .describe('Explicit combinations.'),
  ])
  .describe('How design points are chosen.');

const KeepSchema = z
  .enum(['final', 'timeseries', 'both'])
  .describe('Outputs kept per run: final metrics (runs.csv, aggregated.csv, sensitivity.csv), the long-format time series (timeseries.csv), or both.');

export const SweepSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Optional path to the JSON Schema, for editors.'),
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, dot, dash or underscore, starting with a letter or digit')
      .describe('Sweep name: used for the output folder results/<name>/<id>/.'),
    description: z.string().default('').describe('What the sweep asks and why (shown in the report).'),
    base: z
      .union([
        z.string().min(1).describe('Path of the base scenario file, relative to the sweep file.'),
        z.record(z.string(), z.unknown()).describe('The base scenario written inline.'),
      ])
      .describe('The base scenario that factors are applied to: a file path (relative to this file) or an inline scenario.'),
    years: z.number().min(0.5).max(100).optional().describe('Simulated years for every run (sets the scenario key `years`).'),
    factors: z.array(FactorSchema).max(200).describe('The factors varied by the sweep (may be empty for plain replications of the base).'),
    design: DesignSchema,
    replications: z.number().int().min(1).max(100_000).default(1).describe('Runs per design point, each with its own seed.'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(4294967295)
      .describe('Master seed. Run seeds are sha256(master seed | point identity | replication), independent of run order, workers and shards.'),
    keep: KeepSchema.default('final'),
    metrics: z.array(z.string().min(1)).min(1).optional().describe('Final metrics to keep (default: all the model reports).'),
    report: z
      .strictObject({
        metrics: z.array(z.string().min(1)).min(1).max(8).optional().describe('Metrics shown in the charts (default: the first three final metrics).'),
      })
      .prefault({})
      .describe('Report and chart settings.'),
    runTimeoutSeconds: z.number().positive().optional().describe('A run taking longer than this is stopped and recorded as failed.'),
  })
  .superRefine((s, ctx) => {
    const names = new Map<string, number>();
    const paths = new Map<string, number>();
    s.factors.forEach((f, i) => {
      const name = f.name ?? f.path;
      if (names.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['factors', i, f.name ? 'name' : 'path'],
          message: `duplicate factor name '${name}' (also factor ${names.get(name)})`,
        });
      } else names.set(name, i);
      if (paths.has(f.path)) {
        ctx.addIssue({ code: 'custom', path: ['factors', i, 'path'], message: `factor path '${f.path}' is already varied by factor ${paths.get(f.path)}` });
      } else paths.set(f.path, i);
      if (RESERVED_COLUMNS.includes(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['factors', i, f.name ? 'name' : 'path'],
          message: `'${name}' is a reserved column name; give the factor another \`name\``,
        });
      }
      if (f.levels && f.range) {
        ctx.addIssue({ code: 'custom', path: ['factors', i, 'range'], message: 'give either `levels` or `range`, not both' });
      }
      if (f.range && !(f.range.max > f.range.min)) {
        ctx.addIssue({ code: 'custom', path: ['factors', i, 'range', 'max'], message: `range max (${f.range.max}) must be greater than min (${f.range.min})` });
      }
      const t = s.design.type;
      if (t === 'factorial') {
        if (!f.levels && !f.range) {
          ctx.addIssue({ code: 'custom', path: ['factors', i], message: 'a factorial design needs `levels` or a `range` with `steps` for every factor' });
        } else if (f.range && f.range.steps === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['factors', i, 'range'],
            message: 'a factorial design needs `steps` in the range (how many evenly spaced levels to cross)',
          });
        }
      } else if (t === 'lhs' || t === 'sobol' || t === 'morris') {
        if (!f.levels && !f.range) {
          ctx.addIssue({ code: 'custom', path: ['factors', i], message: `a ${t} design needs a \`range\` (or \`levels\`) for every factor` });
        }
      }
    });
    const t = s.design.type;
    if ((t === 'lhs' || t === 'sobol' || t === 'morris') && s.factors.length < (t === 'lhs' ? 1 : 2)) {
      ctx.addIssue({ code: 'custom', path: ['factors'], message: `a ${t} design needs at least ${t === 'lhs' ? 1 : 2} factors` });
    }
    if (s.design.type === 'explicit') {
      const known = [...names.keys()];
      s.design.points.forEach((p, j) => {
        for (const n of known) {
          if (!(n in p)) ctx.addIssue({ code: 'custom', path: ['design', 'points', j], message: `point ${j} has no value for factor '${n}'` });
        }
        for (const key of Object.keys(p)) {
          if (!names.has(key)) {
            ctx.addIssue({
              code: 'custom',
              path: ['design', 'points', j, key],
              message: `'${key}' is not a factor name (factors: ${known.join(', ') || 'none'})`,
            });
          }
        }
      });
    }
  })
  .describe('A collabsim parameter sweep: a base scenario, factors, a design, replications and a master seed.');

export type SweepSpec = z.output<typeof SweepSchema>;
export type SweepInput = z.input<typeof SweepSchema>;
