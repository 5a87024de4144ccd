/** Word-of-mouth spread of a practice: exposure to trusted adopting partners, the adoption chance, credibility, and the first adopters. */
import { describe, expect, it } from 'vitest';
import { perTickProbability } from '../../../../src/engine/loop.ts';
import { stream } from '../../../../src/engine/rng.ts';
import { practiceSpread, seedPractice } from '../../../../src/model/mechanisms/practice-spread/practice-spread.ts';
import type { ScenarioInput } from '../../../../src/model/schema.ts';
import { findEdge, setAllTrust, tiny } from '../../../helpers/tiny-model.ts';

/**
 * n schools in one partnership, all ties at `trust`, school 0 the only adopter (since tick 0), now at tick 3.
 * One trusted source is enough here (minSources 1, simple contagion's threshold) unless the test says otherwise.
 */
function model(n: number, trust: number, practice: NonNullable<ScenarioInput['model']>['practice'] = {}) {
  const m = tiny({ schools: { count: n }, partnerships: { size: n }, model: { practice: { minSources: 1, ...practice } } });
  setAllTrust(m, trust);
  const P = m.state.policy!;
  P.adopted.fill(0);
  P.adoptedTick.fill(-1);
  P.adopted[0] = 1;
  P.adoptedTick[0] = 0;
  m.state.tick = 3;
  m.ctx.rng.practice = stream(9, 'practice-test'); // draws the test can replay
  return m;
}
const adopted = (m: ReturnType<typeof tiny>) => Array.from(m.state.policy!.adopted);

describe('practiceSpread', () => {
  for (const works of [true, false])
    it(`adopts with the per-tick chance of rate × x^h / (x^h + x50^h) × credibility (works: ${works})`, () => {
      const m = model(4, 0.9, { works, rate: 0.9, halfExposure: 0.5, steepness: 2, failCredibility: 0.1 });
      const E = m.state.edges;
      // Exposure: the one trusted tie to school 0 (the same for every school, both directions at 0.9).
      const x = 0.5 * (E.trust[findEdge(E, 1, 0)] + E.trust[findEdge(E, 0, 1)]);
      const pYear = 0.9 * ((x * x) / (x * x + 0.25)) * (works ? 1 : 0.1);
      const q = perTickProbability(pYear, 6);
      const replay = stream(9, 'practice-test');
      // Schools 1..3 draw in turn; one adopting this tick does not yet expose the next.
      const expected = [1, ...[1, 2, 3].map(() => (replay() < q ? 1 : 0))];
      practiceSpread(m.ctx);
      expect(adopted(m)).toEqual(expected);
      for (let s = 1; s < 4; s++) expect(m.state.policy!.adoptedTick[s]).toBe(expected[s] ? 3 : -1);
    });

  it('with certain adoption (rate 2), every school exposed by a trusted adopter adopts at once and t50 is recorded', () => {
    const m = model(4, 0.9, { rate: 2, halfExposure: 0.01, steepness: 1 });
    practiceSpread(m.ctx);
    expect(adopted(m)).toEqual([1, 1, 1, 1]);
    expect(m.state.policy!.t50Tick).toBe(3);
  });

  it('adoption needs a trusted tie: below network.tieTrust nobody adopts, however long', () => {
    const m = model(4, 0.3, { rate: 2, halfExposure: 0.01, steepness: 1 });
    for (let t = 3; t < 63; t++) {
      m.state.tick = t;
      practiceSpread(m.ctx);
    }
    expect(adopted(m)).toEqual([1, 0, 0, 0]);
    expect(m.state.policy!.t50Tick).toBe(-1);
  });

  it('a school that adopted this tick does not yet recommend it', () => {
    const m = model(4, 0.9, { rate: 2, halfExposure: 0.01, steepness: 1 });
    m.state.policy!.adoptedTick[0] = 3;
    practiceSpread(m.ctx);
    expect(adopted(m)).toEqual([1, 0, 0, 0]);
  });

  it('with minSources 2 (the default) one trusted adopter is not enough; two are', () => {
    expect(tiny().scenario.model.practice.minSources).toBe(2);
    const one = model(4, 0.9, { rate: 2, halfExposure: 0.01, steepness: 1, minSources: 2 });
    for (let t = 3; t < 15; t++) {
      one.state.tick = t;
      practiceSpread(one.ctx);
    }
    expect(adopted(one)).toEqual([1, 0, 0, 0]);
    const two = model(4, 0.9, { rate: 2, halfExposure: 0.01, steepness: 1, minSources: 2 });
    two.state.policy!.adopted[1] = 1;
    two.state.policy!.adoptedTick[1] = 0;
    practiceSpread(two.ctx);
    expect(adopted(two)).toEqual([1, 1, 1, 1]);
  });

  it('a source counts only through a trusted tie: two adopters, one tie below tieTrust, is one source', () => {
    const m = model(4, 0.9, { rate: 2, halfExposure: 0.01, steepness: 1, minSources: 2 });
    const P = m.state.policy!;
    const E = m.state.edges;
    P.adopted[1] = 1;
    P.adoptedTick[1] = 0;
    // School 2's ties with school 1 fall below the threshold in both directions.
    const thr = m.scenario.model.network.tieTrust;
    for (const e of [findEdge(E, 2, 1), findEdge(E, 1, 2)]) E.trust[e] = thr / 2;
    practiceSpread(m.ctx);
    expect(adopted(m)).toEqual([1, 1, 0, 1]);
  });

  it('a practice that does not work spreads less over a year (same draws)', () => {
    const count = (works: boolean) => {
      const m = model(12, 0.9, { works });
      for (let t = 1; t <= 6; t++) {
        m.state.tick = t;
        practiceSpread(m.ctx);
      }
      return adopted(m).reduce((a, b) => a + b, 0);
    };
    const yes = count(true);
    const no = count(false);
    expect(no).toBeLessThan(yes);
    expect(yes).toBeGreaterThan(1);
  });
});

describe('seedPractice', () => {
  it('picks round(seedShare × n) first adopters at tick 0, at least one', () => {
    const m = tiny({ schools: { count: 10 }, partnerships: { size: 10 } });
    const P = m.state.policy!;
    P.adopted.fill(0);
    seedPractice(m.state, 0.5, stream(3, 'seed-test'));
    expect(adopted(m).reduce((a, b) => a + b, 0)).toBe(5);
    for (let s = 0; s < 10; s++) if (P.adopted[s]) expect(P.adoptedTick[s]).toBe(0);
    P.adopted.fill(0);
    seedPractice(m.state, 0, stream(3, 'seed-test'));
    expect(adopted(m).reduce((a, b) => a + b, 0)).toBe(1);
  });
});
