/**
 * The collabsim simulation as a sweep model: scenarios validated against the
 * model's schema (scenario layer), runs by model/simulate.ts. Depends only on
 * the layers below the experiment layer, never on the library API (api.ts).
 */
import type { SweepModel } from './sweep-model.ts';
import { validateValue } from '../scenario/load.ts';
import { loadScenarioFile } from '../scenario/scenario-file.ts';
import { ScenarioSchema, type Scenario } from '../model/schema.ts';
import { simulateSummary, summaryMetricNames } from '../model/simulate.ts';
import { codeVersion } from './code-version.ts';

export function createModel(): SweepModel<Scenario> {
  return {
    id: `collabsim@${codeVersion()}`,
    loadBase(file: string) {
      // Full validation with file positions; the raw object has the scenario's profile applied.
      return loadScenarioFile(file).raw;
    },
    resolve(raw: unknown, source: string) {
      return validateValue(ScenarioSchema, raw, source);
    },
    metricNames() {
      return summaryMetricNames();
    },
    run(resolved: Scenario, seed: number, opts?: { years?: number }) {
      const out = simulateSummary(resolved, { seed, ...(opts?.years !== undefined ? { years: opts.years } : {}) });
      return { summary: out.summary, series: out.series };
    },
  };
}
