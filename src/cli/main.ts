/**
 * The collabsim command-line tool. Thin: parse arguments, call the layers
 * below, present the result. Exit codes: 0 ok, 1 run failure, 2 invalid
 * input, 130 interrupted.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ScenarioSchema, type Scenario } from '../scenario/schema.ts';
import { InputError, formatInputError, parseFile } from '../scenario/load.ts';
import { toJsonSchema } from '../scenario/jsonschema.ts';
import { stableJson } from '../common/json.ts';
import { schemaToMarkdown } from '../scenario/docs.ts';
import { outputsMarkdown } from '../output/outputs-doc.ts';
import { SweepSchema } from '../experiment/sweep-schema.ts';
import { defaultScenario } from '../api.ts';
import { createModel, collectOutput, scenarioHash, CODE_VERSION } from '../simulate.ts';
import { runLoop } from '../engine/loop.ts';
import { codeVersion } from '../code-version.ts';
import { writeRun } from '../output/run-writer.ts';
import { createProgress } from '../common/progress.ts';
import { registerSweep } from './commands/sweep.ts';
import { registerMerge } from './commands/merge.ts';
import { registerCompare } from './commands/compare.ts';

export const EXIT = { ok: 0, failed: 1, input: 2, interrupted: 130 } as const;

/** Where the repository's generated schema files live. */
export const SCHEMA_FILES = {
  scenario: 'schema/scenario.schema.json',
  scenarioDocs: 'docs/scenarios.md',
  outputsDocs: 'docs/outputs.md',
  sweep: 'schema/sweep.schema.json',
  sweepDocs: 'docs/sweeps.md',
};

export function scenarioJsonSchema(): object {
  return toJsonSchema(ScenarioSchema, { title: 'collabsim scenario', id: 'https://collabsim.invalid/schema/scenario.schema.json' });
}

const intArg = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}, found '${v}'`);
  return n;
};
const numArg = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a number from ${min} to ${max}, found '${v}'`);
  return n;
};

function runId(seed: number, when: Date): string {
  const stamp = when.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');
  return `${stamp}-s${seed}`;
}

export interface RunCommandResult {
  dir: string;
  scenario: Scenario;
}

/** Run one scenario and write its outputs; used by `run` and `npm start`. */
export async function runScenarioToDir(
  scenario: Scenario,
  source: string,
  opts: { seed?: number; years?: number; out?: string; quiet?: boolean },
): Promise<RunCommandResult> {
  const seed = opts.seed ?? scenario.seed;
  const started = new Date();
  const model = createModel(scenario, { seed, years: opts.years });
  // Progress appears only for runs that take more than a second.
  let progress: ReturnType<typeof createProgress> | undefined;
  const t0 = performance.now();
  const onTick = (t: number) => {
    if (!progress && performance.now() - t0 > 1000) progress = createProgress({ total: model.ticks, label: `${scenario.name} ticks`, stream: process.stderr });
    progress?.update(t);
  };
  runLoop(model, { ticks: model.ticks, onTick: opts.quiet ? undefined : onTick });
  progress?.done();
  const simMs = performance.now() - t0;
  const out = collectOutput(model, seed);
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
    node: process.version,
    scenario,
  };
  await writeRun(out, manifest, dir, { question: scenario.question, description: scenario.description });
  return { dir, scenario };
}

function loadScenarioFile(file: string): Scenario {
  return parseFile(ScenarioSchema, file);
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('collabsim')
    .description('Agent-based simulation of school collaboration: relational trust, challenge and improvement in partnerships, MATs and hubs.')
    .version(CODE_VERSION)
    .showHelpAfterError()
    .enablePositionalOptions()
    .exitOverride();

  program
    .command('run')
    .description('Run one scenario and write its tables, charts and report.')
    .argument('[scenario]', 'scenario file (YAML or JSON); omit with --default')
    .option('--default', 'run the built-in default scenario')
    .option('--seed <n>', 'run seed (overrides the file)', intArg('--seed', 0, 4294967295))
    .option('--years <y>', 'simulated years (overrides the file)', numArg('--years', 0.5, 100))
    .option('--out <dir>', 'output folder (default results/<scenario-name>/<run-id>)')
    .option('--quiet', 'no progress output')
    .addHelpText(
      'after',
      '\nExamples:\n  collabsim run scenarios/peer-review-cluster.yaml --seed 7 --out out/pr7\n  collabsim run --default',
    )
    .action(async (file: string | undefined, o: { default?: boolean; seed?: number; years?: number; out?: string; quiet?: boolean }) => {
      if (!file && !o.default) throw new InvalidArgumentError('give a scenario file, or --default for the built-in scenario');
      const scenario = file ? loadScenarioFile(file) : defaultScenario(DEFAULT_SCENARIO);
      const { dir } = await runScenarioToDir(scenario, file ?? '<built-in default>', o);
      process.stdout.write(`wrote ${dir}/report.html\n`);
    });

  program
    .command('validate')
    .description('Check scenario files against the schema; prints every problem with file:line:column.')
    .argument('<files...>', 'scenario files')
    .action((files: string[]) => {
      let bad = 0;
      for (const f of files) {
        try {
          loadScenarioFile(f);
          process.stdout.write(`ok ${f}\n`);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          bad++;
          process.stderr.write(formatInputError(e) + '\n');
        }
      }
      if (bad) throw new ExitSignal(EXIT.input);
    });

  program
    .command('schema')
    .description('Print the scenario JSON Schema, or write the JSON Schemas (schema/) and the generated references (docs/scenarios.md, docs/sweeps.md, docs/outputs.md) with --write.')
    .option('--write', 'write schema/*.schema.json and the generated docs')
    .action((o: { write?: boolean }) => {
      const files = generatedSchemaFiles();
      if (!o.write) {
        process.stdout.write(files[SCHEMA_FILES.scenario]);
        return;
      }
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
        process.stdout.write(`wrote ${path}\n`);
      }
    });

  registerSweep(program);
  registerMerge(program);
  registerCompare(program);
  return program;
}

/** The generated files that must match the schema (a test checks they are not stale). */
export function generatedSchemaFiles(): Record<string, string> {
  return {
    [SCHEMA_FILES.scenario]: stableJson(scenarioJsonSchema(), { sortKeys: true }),
    [SCHEMA_FILES.scenarioDocs]: schemaToMarkdown(ScenarioSchema, 'Scenario file reference'),
    [SCHEMA_FILES.outputsDocs]: outputsMarkdown(),
    [SCHEMA_FILES.sweep]: stableJson(toJsonSchema(SweepSchema, { title: 'collabsim sweep', id: 'https://collabsim.invalid/schema/sweep.schema.json' }), { sortKeys: true }),
    [SCHEMA_FILES.sweepDocs]: schemaToMarkdown(SweepSchema, 'Sweep file reference'),
  };
}

/** The built-in default: a locality of 72 primary schools in partnerships of six, five years. */
export const DEFAULT_SCENARIO = {
  name: 'default',
  question: 'How do relational trust, challenge and school improvement develop over five years in a locality of 72 primary schools working in partnerships of six?',
  description: 'The built-in default scenario: 72 primary schools in twelve local partnerships of six heads who meet every half term, with no structural practices and no peer review.',
  schools: { count: 72 },
  partnerships: { size: 6 },
};

/** Thrown by an action to end with a given exit code. */
export class ExitSignal extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof ExitSignal) return e.code;
    if (e instanceof InputError) {
      process.stderr.write(formatInputError(e) + '\n');
      return EXIT.input;
    }
    // InvalidArgumentError is a CommanderError thrown by our own actions: print it.
    if (e instanceof InvalidArgumentError && e.code === 'commander.invalidArgument' && !e.message.startsWith('error:')) {
      process.stderr.write(`error: ${e.message}\n`);
      return EXIT.input;
    }
    if (e instanceof CommanderError) {
      // Commander has already printed its own message (and the help).
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.input;
    }
    process.stderr.write(`error: ${(e as Error).stack ?? e}\n`);
    return EXIT.failed;
  }
}

