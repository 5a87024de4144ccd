/**
 * The model's step clock (schedule.ts `StepClock`, the bench's budget of a
 * replication): it is told of every step of every tick and of the observer,
 * and a run that keeps one gives the same bytes as a run without.
 */
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/api.ts';
import { createModel } from '../../src/model/simulate.ts';
import { runLoop } from '../../src/engine/loop.ts';
import { TICK_STEPS } from '../../src/model/schedule.ts';

describe('the step clock', () => {
  const scenario = resolveScenario({ years: 2, locality: { preset: 'town' } });

  it('is told of each step of every tick, in order, and of the observer at every tick from 0', () => {
    const m = createModel(scenario, { seed: 3 });
    const told: string[] = [];
    m.clock = (step, ms) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      told.push(step);
    };
    runLoop(m, { ticks: m.ticks });
    const perTick = [...TICK_STEPS.map((s) => s.name), 'observer'];
    expect(told).toEqual(['observer', ...Array.from({ length: m.ticks }, () => perTick).flat()]);
    expect(new Set(TICK_STEPS.map((s) => s.name)).size).toBe(TICK_STEPS.length);
  });

  it('leaves the run as it is: the same series with a clock and without', () => {
    const plain = createModel(scenario, { seed: 3 });
    runLoop(plain, { ticks: plain.ticks });
    const timed = createModel(scenario, { seed: 3 });
    timed.clock = () => undefined;
    runLoop(timed, { ticks: timed.ticks });
    expect(Array.from(timed.observer.rec.values)).toEqual(Array.from(plain.observer.rec.values));
  });
});
