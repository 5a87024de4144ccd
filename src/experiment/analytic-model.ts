/**
 * Analytic test functions behind the sweep-model interface, used to check the
 * sweep machinery (designs, seeding, workers, journal, estimators) against
 * known answers without running the simulation.
 *
 * A "scenario" for this model:
 *   fn: ishigami | gfunction | linear
 *   x: { x1: 0, x2: 0, ... }      inputs (factors set them by path `x.x1` ...)
 *   coefficients: [...]           a_i (gfunction) or slopes (linear)
 *   noise: 0                      sd of seeded Gaussian noise added to y
 *   delayMs: 0                    sleep per run (to exercise resume/interrupt)
 *   failWhen: { input: x1, above: 2 }   throw for inputs above a threshold
 *   exitWhen: { input: x1, above: 2 }   end the worker thread abruptly
 *   hangWhen: { input: x1, above: 2 }   sleep 5 s (to exercise the run timeout)
 *   seriesLength: 4               ticks in the recorded series
 *
 * Summary metrics: `y` (the function plus noise) and `noise` (the noise
 * draw, which shows that each replication got a different seed).
 */
import seedrandom from 'seedrandom';
import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { parseText, validateValue } from '../scenario/load.ts';
import type { ModelRunResult, SweepModel } from './sweep-model.ts';

const Threshold = z.strictObject({ input: z.string(), above: z.number() });

export const AnalyticScenarioSchema = z.strictObject({
  name: z.string().default('analytic'),
  fn: z.enum(['ishigami', 'gfunction', 'linear']).describe('Test function.'),
  x: z.record(z.string(), z.number()).describe('Inputs x1, x2, ... in order of their numbers.'),
  coefficients: z.array(z.number()).default([]),
  a: z.number().default(7),
  b: z.number().default(0.1),
  noise: z.number().min(0).default(0),
  delayMs: z.number().min(0).default(0),
  failWhen: Threshold.optional(),
  exitWhen: Threshold.optional(),
  hangWhen: Threshold.optional(),
  seriesLength: z.number().int().min(0).default(4),
});

export type AnalyticScenario = z.output<typeof AnalyticScenarioSchema>;

function inputs(s: AnalyticScenario): number[] {
  return Object.keys(s.x)
    .sort((p, q) => Number(p.replace(/\D/g, '')) - Number(q.replace(/\D/g, '')))
    .map((k) => s.x[k]);
}

export function evaluate(s: AnalyticScenario): number {
  const x = inputs(s);
  switch (s.fn) {
    case 'ishigami':
      return Math.sin(x[0]) + s.a * Math.sin(x[1]) ** 2 + s.b * x[2] ** 4 * Math.sin(x[0]);
    case 'gfunction':
      return x.reduce((prod, xi, i) => {
        const a = s.coefficients[i] ?? 0;
        return prod * ((Math.abs(4 * xi - 2) + a) / (1 + a));
      }, 1);
    case 'linear':
      return x.reduce((sum, xi, i) => sum + (s.coefficients[i] ?? 1) * xi, 0);
  }
}

function sleep(ms: number): void {
  if (ms <= 0) return;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function createModel(): SweepModel<AnalyticScenario> {
  return {
    id: 'analytic@1',
    loadBase(file: string) {
      const text = readFileSync(file, 'utf8');
      parseText(AnalyticScenarioSchema, text, file);
      return parseText(z.record(z.string(), z.unknown()), text, file);
    },
    resolve(raw: unknown, source: string) {
      return validateValue(AnalyticScenarioSchema, raw, source);
    },
    run(s: AnalyticScenario, seed: number, opts: { series: boolean }) {
      sleep(s.delayMs);
      const named = (key: string) => s.x[key];
      if (s.exitWhen && named(s.exitWhen.input) > s.exitWhen.above) process.exit(3);
      if (s.hangWhen && named(s.hangWhen.input) > s.hangWhen.above) sleep(5000);
      if (s.failWhen && named(s.failWhen.input) > s.failWhen.above) {
        throw new Error(`input ${s.failWhen.input}=${named(s.failWhen.input)} is above ${s.failWhen.above}`);
      }
      const rng = seedrandom.alea(`analytic/${seed}`);
      const u = Math.max(rng(), 1e-12);
      const v = rng();
      const z0 = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      const noise = s.noise * z0;
      const y = evaluate(s) + noise;
      const out: ModelRunResult = { summary: { y, noise } };
      if (opts.series) {
        const rows = s.seriesLength + 1;
        const values = new Float64Array(rows * 2);
        for (let t = 0; t < rows; t++) {
          values[t * 2] = s.seriesLength === 0 ? y : (y * t) / s.seriesLength;
          values[t * 2 + 1] = t === 0 ? NaN : noise;
        }
        out.series = {
          keys: [
            { metric: 'y', level: 'all' },
            { metric: 'noise', level: 'all' },
          ],
          rows,
          ticksPerYear: 2,
          values,
        };
      }
      return out;
    },
  };
}
