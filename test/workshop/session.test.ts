/**
 * The live session runs the CLI's model exactly, through structural rebuilds, and the room's live changes act from their tick on.
 * (The browser itself is tested in test/browser/workshop.e2e.test.ts.)
 */
import { join } from 'node:path';
import { loadScenario } from '../../src/api.ts';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.ts';
import { Bench } from '../../src/workshop/app/bench.ts';
import { TraitMemory, setTraitLevel } from '../../src/workshop/app/controls.ts';
import { encodeHash } from '../../src/workshop/app/hash.ts';
import { scenarioInputOf } from '../../src/workshop/app/scenario-input.ts';
import { Session } from '../../src/workshop/app/session.ts';
import { defaultSetup } from '../../src/workshop/app/setup.ts';
import { LOCALITY_DETAIL_CAP, TRACE } from '../../src/workshop/app/trace.ts';
import type { Setup } from '../../src/workshop/app/settings.ts';
import { ROOT, preset, TEAM, run, expectSameSeries } from './helpers.ts';

describe('workshop live session', () => {
  it('runs the CLI model exactly: same preset and seed, same trajectory', () => {
    const s = new Session('A', TEAM, { ...defaultSetup(TEAM), seed: 5 });
    expect(s.model.ctx.trace).toBe(s.trace.sink); // the interaction trace is on and changes nothing
    run(s, 30);
    expectSameSeries(s, simulate(loadScenario(join(ROOT, 'scenarios/workshop-team.yaml')), { seed: 5 }), 31);
  });

  it('runs a locality preset exactly too, through structural rebuilds', () => {
    const city = preset('city-baseline');
    const s = new Session('A', city, { ...defaultSetup(city), seed: 3 });
    expect(s.model.ctx.trace).toBe(s.trace.sink); // traced, and still the CLI's trajectory
    run(s, 14);
    expect(s.structure).toBeGreaterThan(0); // the policy layer rebuilt the groups at a year boundary
    // Every interaction counted, the details of only a sample kept.
    expect(s.trace.total).toBeGreaterThan(LOCALITY_DETAIL_CAP);
    expect(s.trace.n).toBe(LOCALITY_DETAIL_CAP);
    expect(s.trace.count(TRACE.challenge)).toBe(s.state.tallies.challenges);
    expectSameSeries(s, simulate(loadScenario(join(ROOT, 'scenarios/city-baseline.yaml')), { seed: 3, years: 14 / 6 }), 15);
  });

  it('a live slider change alters the trajectory from that tick on, and only then', () => {
    const base = new Session('A', TEAM, { ...defaultSetup(TEAM), seed: 5 });
    run(base, 30);
    const bench = new Bench(new Map([[TEAM.id, TEAM]]));
    bench.load({ ...defaultSetup(TEAM), seed: 5 });
    run(bench.a, 6);
    bench.set('candour', 0.1);
    expect(bench.a.current.settings.candour).toBe(0.1);
    expect(bench.a.midRun).toEqual(['candour']);
    run(bench.a, 24);
    const a = base.series();
    const b = bench.a.series();
    const nk = a.keys.length;
    const col = a.keys.findIndex((k) => k.metric === 'lencioni_conflict' && k.level === 'all');
    for (let r = 0; r <= 6; r++) expect(b.values[r * nk + col]).toBe(a.values[r * nk + col]);
    expect(b.values[30 * nk + col]).toBeLessThan(a.values[30 * nk + col] - 0.05); // without candour, conflict stays low
    // The export says so: the changed setting is written as a starting value.
    expect(bench.a.exportYaml().text).toMatch(/written here as starting values/);
  });

  it('trait sliders keep the personas apart and come back to where they were', () => {
    const s = new Session('A', TEAM, { ...defaultSetup(TEAM), seed: 2 });
    const L = s.state.leaders;
    const before = Array.from(L.openness);
    const mem = new TraitMemory();
    setTraitLevel(s.model, mem, 'openness', 0.95);
    expect(L.openness[0]).toBe(1); // Ann (0.8) is capped
    expect(L.openness[1]).toBeCloseTo(before[1] + 0.45, 6); // Ben moves by the same amount
    setTraitLevel(s.model, mem, 'openness', 0.5);
    expect(Array.from(L.openness)).toEqual(before);
    expect(s.scenario.leaders.openness.mean).toBe(0.5);
  });

  it('a MAT can form in a team, and then its openness can be moved', () => {
    const bench = new Bench(new Map([[TEAM.id, TEAM]]));
    bench.load({ ...defaultSetup(TEAM), seed: 3 });
    expect(bench.a.unsupported().matOpenness).toBeDefined();
    run(bench.a, 6);
    expect(bench.fire('matForms', undefined)).toBeNull();
    run(bench.a, 1);
    expect(bench.a.state.policy!.mats.length).toBeGreaterThan(0);
    expect(Array.from(bench.a.state.schools.mat).filter((m) => m >= 0).length).toBeGreaterThanOrEqual(2);
    expect(bench.a.unsupported().matOpenness).toBeUndefined();
    expect(bench.a.structure).toBeGreaterThan(0);
    const lines = bench.a
      .snapshot()
      .log.map((l) => l.text)
      .join(' ');
    expect(lines).toMatch(/Trusts consolidate/);
  });

  it('settings that come from a locality preset start at the preset values', () => {
    const town = preset('town-baseline');
    const setup: Setup = defaultSetup(town);
    const s = new Session('A', town, setup);
    expect(setup.settings.competition).toBe(s.state.policy!.localities[0].choice);
    expect(setup.settings.matOpenness).toBe(s.state.policy!.localities[0].matOpenShare);
    // Unchanged settings add nothing to the file.
    expect(scenarioInputOf(town, setup)).toEqual({ ...town.raw, seed: setup.seed, leaders: town.raw.leaders });
    expect(encodeHash(setup, town)).toBe(encodeHash(defaultSetup(town), town));
  });

  it("stops at the scenario's horizon, and Continue moves the horizon on by the scenario's length", () => {
    const s = new Session('A', TEAM, defaultSetup(TEAM));
    const horizon = Math.round(s.scenario.years * s.scenario.ticksPerYear);
    while (s.step());
    expect(s.tick).toBe(horizon);
    expect(s.atEnd).toBe(true);
    expect(s.step()).toBe(false);
    s.extend();
    expect(s.atEnd).toBe(false);
    while (s.step());
    expect(s.tick).toBe(2 * horizon);
  });
});
