/**
 * The collabsim simulation as a sweep model.
 */
import { readFileSync } from 'node:fs';
import type { SweepModel } from './model.ts';
import { readDocument } from '../scenario/load.ts';
import { loadScenario, resolveScenario, simulate, type Scenario } from '../api.ts';
import { codeVersion } from '../code-version.ts';

export function createModel(): SweepModel {
  return {
    id: `collabsim@${codeVersion()}`,
    loadBase(file: string) {
      loadScenario(file); // full validation with file positions
      const doc = readDocument(readFileSync(file, 'utf8'), file);
      const raw = doc.value;
      return (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
    },
    resolve(raw: unknown, source: string) {
      return resolveScenario(raw, source);
    },
    run(resolved: unknown, seed: number) {
      const out = simulate(resolved as Scenario, { seed });
      return { summary: out.summary, series: out.series };
    },
  };
}
