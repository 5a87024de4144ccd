/**
 * The collabsim simulation as a sweep model: scenarios validated against the
 * model's schema (scenario layer), runs by model/simulate.ts. Depends only on
 * the layers below the experiment layer, never on the library API (api.ts).
 */
import { readFileSync } from 'node:fs';
import type { SweepModel } from './model.ts';
import { parseFile, readDocument, validateValue } from '../scenario/load.ts';
import { ScenarioSchema, type Scenario } from '../model/schema.ts';
import { simulate, summaryMetricNames } from '../model/simulate.ts';
import { codeVersion } from './code-version.ts';

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

export function createModel(): SweepModel<Scenario> {
  return {
    id: `collabsim@${codeVersion()}`,
    loadBase(file: string) {
      parseFile(ScenarioSchema, file); // full validation with file positions
      const raw = readDocument(readFileSync(file, 'utf8'), file).value;
      return isRecord(raw) ? raw : {};
    },
    resolve(raw: unknown, source: string) {
      return validateValue(ScenarioSchema, raw, source);
    },
    metricNames() {
      return summaryMetricNames();
    },
    run(resolved: Scenario, seed: number) {
      const out = simulate(resolved, { seed });
      return { summary: out.summary, series: out.series };
    },
  };
}
