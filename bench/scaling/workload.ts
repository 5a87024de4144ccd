/** The scaling workloads' scenarios, shared by the worker and the process reference. */
import { loadScenario } from '../../src/api.ts';
import type { Scenario } from '../../src/model/schema.ts';
import { coreScenario } from '../lib/cases.ts';

export interface ScalingData {
  scenarioFile?: string;
  schools?: number;
  years: number;
}

export function scalingScenario(d: ScalingData): { scenario: Scenario; years: number } {
  const scenario = d.scenarioFile
    ? loadScenario(d.scenarioFile)
    : coreScenario({ name: 'schools2000', schools: d.schools ?? 2000, years: d.years, ticksPerYear: 6, seed: 1 });
  return { scenario, years: d.years };
}
