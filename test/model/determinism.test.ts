/**
 * The policy layer: localities, trusts, hubs, spanners and competition (model brief sections 4 and 5).
 */
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/api.ts';
import { simulate, simulateSummary } from '../../src/model/simulate.ts';
import { runLoop } from '../../src/engine/loop.ts';
import { edgeSources } from '../../src/model/core/edges.ts';
import { type ScenarioInput } from '../../src/model/schema.ts';
import { at } from '../helpers/replicate.ts';
import { build } from '../helpers/policy-model.ts';

describe('determinism and invariants', () => {
  const busy: ScenarioInput = {
    years: 4,
    locality: { preset: 'town' },
    hubs: { alliances: 2, teachingSchoolHubsActive: false, designationFloor: 0 },
    competition: { choiceIntensity: 0.9, fallingRolls: 0.03, selectiveExpansion: 0.1 },
    timeline: [
      { event: 'matConsolidation', year: 0.5, rate: 0.3, until: 1, openness: 'closed' },
      { event: 'replaceAlliancesByHubs', year: 1.5 },
      { event: 'spannersLeave', year: 2, share: 0.5 },
      { event: 'loseDesignation', year: 2.5, provider: 'teachingSchoolHub' },
      { event: 'turnoverShock', year: 3, share: 0.3 },
    ],
  };

  it('the same seed gives the same run; another seed a different one', () => {
    const s = resolveScenario(busy);
    const a = simulate(s, { seed: 9 });
    const b = simulate(s, { seed: 9 });
    const c = simulate(s, { seed: 10 });
    expect(Array.from(a.series.values)).toEqual(Array.from(b.series.values));
    expect(a.schools).toEqual(b.schools);
    expect(Array.from(a.series.values)).not.toEqual(Array.from(c.series.values));
  });

  it('simulateSummary gives the series and summary simulate gives, and no rows', () => {
    const s = resolveScenario(busy);
    const full = simulate(s, { seed: 9, years: 2 });
    const part = simulateSummary(s, { seed: 9, years: 2 });
    expect(part).toEqual({ scenarioName: full.scenarioName, seed: full.seed, series: full.series, summary: full.summary });
    expect(Object.keys(part.summary)).toEqual(Object.keys(full.summary));
    expect('schools' in part || 'groups' in part).toBe(false);
  });

  it('every perception and trust stays in [0, 1] with no NaN, and every relationship joins co-members of a group', () => {
    const m = build(busy, 3);
    const check = () => {
      const E = m.state.edges;
      for (const arr of [E.respect, E.regard, E.competence, E.integrity, E.trust])
        for (let e = 0; e < E.n; e++) {
          expect(arr[e] >= 0 && arr[e] <= 1).toBe(true);
        }
    };
    runLoop({ step: (t) => m.step(t), observe: (t) => t % 6 === 0 && check() }, { ticks: m.ticks });
    const G = m.state.groups;
    const pairs = new Set<string>();
    for (let g = 0; g < G.n; g++)
      for (let p = G.memberStart[g]; p < G.memberStart[g + 1]; p++)
        for (let q = G.memberStart[g]; q < G.memberStart[g + 1]; q++) if (p !== q) pairs.add(`${G.members[p]}>${G.members[q]}`);
    const E = m.state.edges;
    const src = edgeSources(E);
    for (let e = 0; e < E.n; e++) expect(pairs.has(`${src[e]}>${E.dst[e]}`)).toBe(true);
  });

  it('per-group series stay attached to their group when the policy layer rebuilds groups mid-run', () => {
    const out = simulate(
      resolveScenario({
        years: 3,
        locality: { preset: 'custom', schools: 30, partnershipCoverage: 1 },
        hubs: { mathsHubKm: 0 },
        output: { maxGroupSeries: 100 },
      }),
      { seed: 5 },
    );
    const last = out.series.rows - 1;
    for (const g of out.groups) {
      const level = `group:${g.group}`;
      if (!out.series.keys.some((k) => k.level === level)) continue;
      expect(at(out, 'lencioni_trust', last, level)).toBeCloseTo(g.lencioni_trust as number, 5);
    }
  });
});
