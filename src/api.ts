/**
 * The library API for Node: load and validate scenarios, run them.
 *
 *   import { loadScenario, simulate } from 'collabsim';
 *   const out = simulate(loadScenario('scenarios/peer-review-cluster.yaml'), { seed: 7 });
 */
import { validateValue } from './scenario/load.ts';
import { loadScenarioFile } from './scenario/scenario-file.ts';
import { ScenarioSchema, type Scenario, type ScenarioInput } from './model/schema.ts';
import { DEFAULT_SCENARIO } from './model/default-scenario.ts';

export { simulate, simulateSummary, createModel, scenarioHash, CODE_VERSION, ticksOf, collectOutput } from './model/simulate.ts';
export type { Scenario, ScenarioInput } from './model/schema.ts';
export type { RunOutput, RunSummary, SeriesTable, SeriesKey } from './engine/contract.ts';
export { InputError, formatInputError } from './scenario/load.ts';
export { codeVersion } from './experiment/code-version.ts';

/** Read, parse and validate a scenario file (YAML or JSON); throws InputError. */
export function loadScenario(file: string): Scenario {
  return loadScenarioFile(file).scenario;
}

/** Validate a plain scenario object (e.g. after a sweep applied its factors); throws InputError. */
export function resolveScenario(raw: unknown, source = '<scenario>'): Scenario {
  return validateValue(ScenarioSchema, raw, source);
}

/**
 * The built-in default scenario (what `npm start` runs), with any top-level
 * keys replaced by `overrides`.
 */
export function defaultScenario(overrides: ScenarioInput = {}): Scenario {
  return resolveScenario({ ...DEFAULT_SCENARIO, ...overrides }, '<default>');
}
