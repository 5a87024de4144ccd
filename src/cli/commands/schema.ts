/**
 * `collabsim schema`: print the scenario JSON Schema, or (--write) write the
 * JSON Schemas and the generated references (docs/scenarios.md,
 * docs/sweeps.md, docs/outputs.md).
 */
import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ScenarioSchema } from '../../model/schema.ts';
import { toJsonSchema } from '../../scenario/jsonschema.ts';
import { schemaToMarkdown } from '../../scenario/docs.ts';
import { stableJson } from '../../common/json.ts';
import { outputsMarkdown } from '../../output/outputs-doc.ts';
import { writeFileAtomicSync } from '../../output/atomic.ts';
import { SweepSchema } from '../../experiment/sweep-schema.ts';
import { TargetsSchema } from '../../experiment/calibrate/targets-schema.ts';

/** Where the repository's generated schema files live. */
const SCHEMA_FILES = {
  scenario: 'schema/scenario.schema.json',
  scenarioDocs: 'docs/scenarios.md',
  outputsDocs: 'docs/outputs.md',
  sweep: 'schema/sweep.schema.json',
  sweepDocs: 'docs/sweeps.md',
  targets: 'schema/targets.schema.json',
  targetsDocs: 'docs/targets.md',
};

/**
 * The scenario JSON Schema for editors: the model's schema plus the
 * `profile` key, which the scenario-file loader reads and removes before the
 * model's schema sees the scenario (scenario/scenario-file.ts).
 */
function scenarioJsonSchema(): Record<string, unknown> {
  const s = toJsonSchema(ScenarioSchema, { title: 'collabsim scenario', id: 'https://collabsim.invalid/schema/scenario.schema.json' }) as Record<
    string,
    unknown
  > & {
    properties?: Record<string, unknown>;
  };
  s.properties = {
    ...s.properties,
    profile: {
      type: 'string',
      minLength: 1,
      description:
        'A parameter profile (docs/calibration.md): the name of a shipped profile (england reads calibration/england.profile.yaml) or the path of a profile file, relative to this file. Its parameters fill every key this file does not set.',
    },
  };
  return s;
}

/** The generated files that must match the schema (a test checks they are not stale). */
export function generatedSchemaFiles(): Record<string, string> {
  return {
    [SCHEMA_FILES.scenario]: stableJson(scenarioJsonSchema(), { sortKeys: true }),
    [SCHEMA_FILES.scenarioDocs]: schemaToMarkdown(ScenarioSchema, 'Scenario file reference'),
    [SCHEMA_FILES.outputsDocs]: outputsMarkdown(),
    [SCHEMA_FILES.sweep]: stableJson(toJsonSchema(SweepSchema, { title: 'collabsim sweep', id: 'https://collabsim.invalid/schema/sweep.schema.json' }), {
      sortKeys: true,
    }),
    [SCHEMA_FILES.sweepDocs]: schemaToMarkdown(SweepSchema, 'Sweep file reference'),
    [SCHEMA_FILES.targets]: stableJson(
      toJsonSchema(TargetsSchema, { title: 'collabsim calibration targets', id: 'https://collabsim.invalid/schema/targets.schema.json' }),
      { sortKeys: true },
    ),
    [SCHEMA_FILES.targetsDocs]: schemaToMarkdown(TargetsSchema, 'Calibration targets file reference'),
  };
}

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description(
      'Print the scenario JSON Schema, or write the JSON Schemas (schema/) and the generated references (docs/scenarios.md, docs/sweeps.md, docs/targets.md, docs/outputs.md) with --write.',
    )
    .option('--write', 'write schema/*.schema.json and the generated docs')
    .action((o: { write?: boolean }) => {
      const files = generatedSchemaFiles();
      if (!o.write) {
        process.stdout.write(files[SCHEMA_FILES.scenario]);
        return;
      }
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileAtomicSync(path, text);
        process.stdout.write(`wrote ${path}\n`);
      }
    });
}
