/**
 * The policy layer: localities, trusts, hubs, spanners and competition (model brief sections 4 and 5).
 */
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/api.ts';
import { simulate } from '../../src/model/simulate.ts';
import { runLoop } from '../../src/engine/loop.ts';
import { type ScenarioInput } from '../../src/model/schema.ts';
import { at } from '../helpers/replicate.ts';
import { build, kindCount } from '../helpers/policy-model.ts';

describe('timeline events', () => {
  it('matConsolidation: a share `rate` of schools joins each year until the target share is in strong trusts, then it stops', () => {
    const out = simulate(
      resolveScenario({ years: 5, locality: { preset: 'town' }, timeline: [{ event: 'matConsolidation', year: 1, rate: 0.2, until: 0.8 }] }),
      { seed: 2 },
    );
    const mat = (t: number) => at(out, 'mat_share', t);
    const strong = (t: number) => at(out, 'strong_mat_share', t);
    expect(Math.abs(mat(6) - mat(5) - 0.2)).toBeLessThan(0.03); // the first yearly batch, at the event
    expect(strong(5)).toBeLessThan(0.5);
    expect(strong(30)).toBeGreaterThanOrEqual(0.8);
    const reached = Array.from({ length: 31 }, (_, t) => t).find((t) => strong(t) >= 0.8)!;
    for (let t = reached; t <= 30; t++) expect(strong(t)).toBe(strong(reached));
  });

  it('matOpenness: every trust closes; closed trusts then leave cross-trust groups and hubs', () => {
    const m = build({ years: 4, locality: { preset: 'city' }, timeline: [{ event: 'matOpenness', year: 1, open: false }] });
    runLoop(m, { ticks: m.ticks });
    expect(m.state.policy!.mats.every((t) => !t.open)).toBe(true);
    const out = simulate(m.scenario, { seed: 1 });
    expect(at(out, 'cross_mat_ties_per_school', 24)).toBeLessThan(at(out, 'cross_mat_ties_per_school', 6));
  });

  it('replaceAlliancesByHubs: alliances close and Teaching School Hubs open', () => {
    const input: ScenarioInput = {
      years: 3,
      locality: { preset: 'town' },
      hubs: { teachingSchoolHubsActive: false, alliances: 3 },
      timeline: [{ event: 'replaceAlliancesByHubs', year: 1 }],
    };
    const m = build(input);
    expect(kindCount(m.state, 'alliance')).toBe(3);
    runLoop(m, { ticks: m.ticks });
    expect(kindCount(m.state, 'alliance')).toBe(0);
    expect(m.state.policy!.hubs.filter((h) => h.kind === 1).every((h) => h.active)).toBe(true);
    expect(m.state.groups.names.some((n) => n.startsWith('TSH1-WG'))).toBe(true);
  });

  it("loseDesignation: the lead's work groups stop; a successor reopens the hub a year later", () => {
    const input = (succession: boolean): ScenarioInput => ({
      years: 3,
      locality: { preset: 'city' },
      timeline: [{ event: 'loseDesignation', year: 1, provider: 'mathsHub', succession }],
    });
    const m = build(input(true));
    const lead0 = m.state.policy!.hubs[0].lead;
    runLoop(m, { ticks: 7 });
    expect(m.state.policy!.hubs[0].active).toBe(false);
    expect(m.state.groups.names.some((n) => n.startsWith('MathsHub1-WG'))).toBe(false);
    runLoop({ step: (t) => m.step(t + 7), observe: () => {} }, { ticks: 12 });
    expect(m.state.policy!.hubs[0].active).toBe(true);
    expect(m.state.policy!.hubs[0].lead).not.toBe(lead0);
    const n = build(input(false));
    runLoop(n, { ticks: n.ticks });
    expect(n.state.policy!.hubs[0].closed).toBe(true);
    expect(n.state.groups.names.some((x) => x.startsWith('MathsHub1-WG'))).toBe(false);
  });

  it('loseDesignation names a missing provider clearly', () => {
    const m = build({ years: 2, locality: { preset: 'town' }, timeline: [{ event: 'loseDesignation', year: 1, provider: 'researchSchool' }] });
    expect(() => runLoop(m, { ticks: m.ticks })).toThrow(/no researchSchool/);
  });

  it('spannersLeave and spannersJoin change the number of boundary spanners', () => {
    const out = simulate(
      resolveScenario({
        years: 3,
        // From the drawn state: the preset's 8 spanners are in post at year 0.
        burnInYears: 0,
        locality: { preset: 'shire' },
        timeline: [
          { event: 'spannersLeave', year: 1, share: 1 },
          { event: 'spannersJoin', year: 2, count: 3, role: 'governor' },
        ],
      }),
      { seed: 1 },
    );
    expect(at(out, 'spanners', 0)).toBe(8);
    expect(at(out, 'spanners', 7)).toBe(0);
    expect(at(out, 'spanners', 13)).toBe(3);
  });

  it('competition: rivalry starts with the event and falling rolls empty places', () => {
    const m = build({
      years: 3,
      locality: { preset: 'city' },
      competition: { choiceIntensity: 0 },
      timeline: [{ event: 'competition', year: 1, choiceIntensity: 0.8, fallingRolls: 0.05 }],
    });
    const pupils0 = m.state.schools.pupils.reduce((a, b) => a + b, 0);
    runLoop(m, { ticks: m.ticks });
    const out = simulate(m.scenario, { seed: 1 });
    expect(at(out, 'rivalry_mean', 5)).toBe(0);
    expect(at(out, 'rivalry_mean', 7)).toBeGreaterThan(0.1);
    expect(m.state.schools.pupils.reduce((a, b) => a + b, 0)).toBeLessThan(0.95 * pupils0);
  });
});
