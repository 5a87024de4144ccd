/**
 * Helpers for the validation suite: run a scenario over seeded replications
 * and read metrics from the outputs.
 */
import { resolveScenario } from '../../src/api.ts';
import { simulate } from '../../src/model/simulate.ts';
import type { RunOutput } from '../../src/engine/contract.ts';
import type { ScenarioInput } from '../../src/model/schema.ts';

export function deepMerge<T>(a: T, b: unknown): T {
  if (b === undefined) return a;
  if (a === null || typeof a !== 'object' || Array.isArray(a) || typeof b !== 'object' || b === null || Array.isArray(b)) return b as T;
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = deepMerge(out[k], v);
  return out as T;
}

export function replicate(input: ScenarioInput, reps: number, firstSeed = 1): RunOutput[] {
  const s = resolveScenario(input, '<test>');
  const outs: RunOutput[] = [];
  for (let r = 0; r < reps; r++) outs.push(simulate(s, { seed: firstSeed + r }));
  return outs;
}

/** Value of a metric at a row (tick), at level `all` unless given. */
export function at(out: RunOutput, metric: string, row: number, level = 'all'): number {
  const k = out.series.keys.findIndex((x) => x.metric === metric && x.level === level);
  if (k < 0) throw new Error(`no series ${metric}@${level}`);
  return out.series.values[row * out.series.keys.length + k];
}

/** Mean of a metric over rows [from, to] inclusive (NaN skipped). */
export function meanOver(out: RunOutput, metric: string, from: number, to: number, level = 'all'): number {
  let s = 0,
    n = 0;
  for (let r = from; r <= to; r++) {
    const v = at(out, metric, r, level);
    if (!Number.isNaN(v)) {
      s += v;
      n++;
    }
  }
  return n ? s / n : NaN;
}

export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
export const last = (out: RunOutput) => out.series.rows - 1;
