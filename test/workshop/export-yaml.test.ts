/**
 * Exports: the room's changes become starting values or timeline events, and a run of the exported file reproduces the room's run.
 * (The browser itself is tested in test/browser/workshop.e2e.test.ts.)
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { simulate } from '../../src/model/simulate.ts';
import { ScenarioSchema } from '../../src/model/schema.ts';
import { Bench } from '../../src/workshop/app/bench.ts';
import { makePreset } from '../../src/workshop/app/scenario-file.ts';
import { scenarioInputOf } from '../../src/workshop/app/scenario-input.ts';
import { Session } from '../../src/workshop/app/session.ts';
import { defaultSetup } from '../../src/workshop/app/setup.ts';
import { readPresets } from '../../src/workshop/build.ts';
import { ROOT, preset, TEAM, run, expectSameSeries, loadExport } from './helpers.ts';

describe('workshop export', () => {
  it('applies room events as the same events in a scenario timeline would: the export reproduces the run', () => {
    const bench = new Bench(new Map([[TEAM.id, TEAM]]));
    bench.load({ ...defaultSetup(TEAM), seed: 11 });
    run(bench.a, 7);
    expect(bench.fire('hiddenAgenda', 2)).toBeNull();
    run(bench.a, 5);
    expect(bench.fire('leaderLeaves', 1)).toBeNull();
    expect(bench.fire('inspectionDowngrade', 4)).toBeNull();
    run(bench.a, 4);
    bench.practice('partnershipLead', true); // a practice with a timeline event
    bench.set('leaderRate', 0.3); // a setting with a timeline event
    bench.set('competition', 0.6);
    run(bench.a, 20);
    expect(bench.a.midRun).toEqual([]);
    const { text } = bench.a.exportYaml();
    const exported = loadExport(text);
    expect(exported.timeline.map((e) => e.event)).toEqual(['hiddenAgenda', 'leaderLeaves', 'inspectionDowngrade', 'practices', 'leaderRate', 'competition']);
    expectSameSeries(bench.a, simulate(exported, { years: 36 / 6 }), 37);
  });

  it('changes of settings at the start are starting values of the exported scenario', () => {
    const bench = new Bench(new Map([[TEAM.id, TEAM]]));
    bench.load({ ...defaultSetup(TEAM), seed: 4 });
    bench.set('openness', 0.8);
    bench.set('meetingsPerYear', 9);
    bench.practice('codeOfConduct', true);
    bench.teamSize(4);
    run(bench.a, 30);
    const exported = loadExport(bench.a.exportYaml().text);
    expect(exported.schools.named).toHaveLength(4);
    expect(exported.leaders.openness.mean).toBe(0.8);
    expect(exported.schools.named![0].leader!.openness).toBeCloseTo(1, 10); // Ann 0.8 moved with the level (+0.3), capped at 1
    expect(exported.partnerships.practices.codeOfConduct).toBe(true);
    expectSameSeries(bench.a, simulate(exported), 31);
  });

  it('trust and competition levers in a locality: live changes are timeline events, and the export reproduces the run', () => {
    const town = preset('town-baseline');
    const bench = new Bench(new Map([[town.id, town]]));
    bench.load({ ...defaultSetup(town), seed: 6 });
    run(bench.a, 8);
    bench.set('matOpenness', 0.1); // trusts close their boundaries
    bench.set('competition', 0.9);
    expect(bench.fire('matForms', undefined)).toBeNull();
    run(bench.a, 10);
    expect(bench.a.setup.events.map((e) => e.kind)).toEqual(['set', 'set', 'matForms']);
    const exported = loadExport(bench.a.exportYaml().text);
    expect(exported.timeline.map((e) => e.event)).toEqual(['matOpenness', 'competition', 'matConsolidation']);
    expectSameSeries(bench.a, simulate(exported, { years: 18 / 6 }), 19);
  });

  it('exports valid scenario files for every preset and team size', () => {
    for (const n of [3, 4, 6, 8]) {
      const input = scenarioInputOf(TEAM, { ...defaultSetup(TEAM), teamSize: n });
      const r = ScenarioSchema.safeParse(input);
      expect(r.success).toBe(true);
      expect(r.success && r.data.schools.named!.length).toBe(n);
    }
    for (const p of readPresets(join(ROOT, 'scenarios'))) {
      const pr = makePreset(p.id, p.file, p.text);
      const s = new Session('A', pr, defaultSetup(pr));
      run(s, 2);
      const parsed = parseYaml(s.exportYaml().text);
      expect(ScenarioSchema.safeParse(parsed).success, p.file).toBe(true);
    }
  });
});
