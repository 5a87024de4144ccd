/**
 * Unit tests of one rule each: a small state, the rule applied, and the values its equation (docs/ODD.md) gives.
 */
import { describe, expect, it } from 'vitest';
import { perTickProbability } from '../../../../src/engine/loop.ts';
import { leaderTurnover, replaceLeader } from '../../../../src/model/mechanisms/turnover/turnover.ts';
import { teacherRetention, communityStrength } from '../../../../src/model/mechanisms/retention/retention.ts';
import { tiny, setAllTrust, findEdge } from '../../../helpers/tiny-model.ts';
import { resetReplaced } from '../../../../src/model/mechanisms/trust/newcomers.ts';
import type { ParallelWork, ReplacedHeads } from '../../../../src/model/core/context.ts';
import { loadScenarioFile } from '../../../../src/scenario/scenario-file.ts';
import { createModel } from '../../../../src/model/simulate.ts';

describe('turnover and retention', () => {
  it('a replaced head starts every relationship again, in both directions', () => {
    const m = tiny();
    setAllTrust(m, 0.95);
    replaceLeader(m.ctx, 0);
    const E = m.state.edges;
    for (let e = E.outStart[0]; e < E.outStart[1]; e++) {
      expect(E.trust[e]).toBeLessThan(0.7);
      expect(E.trust[E.rev[e]]).toBeLessThan(0.7);
      expect(E.interactions[e]).toBe(0);
    }
    expect(E.trust[findEdge(E, 1, 2)]).toBeCloseTo(0.95, 5);
    expect(m.state.leaders.changes[0]).toBe(1);
    expect(m.state.tallies.departuresThisTick).toBe(1);
  });
  it("a tick's new heads restart their relationships together: the same bytes with the list shared out in any order, partners with different assimilation included", () => {
    // A city with trusts and hubs (heads in several groups), heads leaving at the
    // highest rate a scenario allows (1 a year, stress raising it): in one tick many go, partners among them.
    const city = loadScenarioFile('scenarios/city-baseline.yaml').scenario;
    const scenario = { ...city, burnInYears: 0, turnover: { ...city.turnover, leaderRate: 1 } };
    const plain = createModel(scenario, { seed: 2 });
    const shared = createModel(scenario, { seed: 2 });
    // A stand-in for a team of threads that runs the list's second half before its first.
    let pairs = 0;
    const backwards = {
      resets(ctx, q: ReplacedHeads) {
        // Relationships between two new heads whose groups differ in assimilating newcomers: the order matters for these.
        const at = new Map(Array.from(q.heads.subarray(0, q.count), (h, k) => [h, k]));
        const E = ctx.state.edges;
        for (let k = 0; k < q.count; k++)
          for (let e = E.outStart[q.heads[k]]; e < E.outStart[q.heads[k] + 1]; e++) {
            const other = at.get(E.dst[e]);
            if (other !== undefined && q.assimilating[other] !== q.assimilating[k]) pairs++;
          }
        const mid = q.count >> 1;
        resetReplaced(ctx.state, ctx.scenario.model.trust, q, mid, q.count);
        resetReplaced(ctx.state, ctx.scenario.model.trust, q, 0, mid);
      },
    } as Pick<ParallelWork, 'resets'> as ParallelWork;
    shared.ctx.parallel = backwards;
    for (const m of [plain, shared]) {
      setAllTrust(m, 0.9);
      // Every other group with a code of conduct, so heads in several groups differ in assimilating newcomers.
      for (let g = 0; g < m.state.groups.n; g += 2) m.state.groups.codeOfConduct[g] = 1;
      leaderTurnover(m.ctx);
    }
    expect(pairs).toBeGreaterThan(0);
    const E = plain.state.edges;
    for (const k of ['respect', 'regard', 'competence', 'integrity', 'trust', 'interactions'] as const)
      expect(Array.from(shared.state.edges[k]), k).toEqual(Array.from(E[k]));
  });
  it('the school of a replaced head loses headChangeShock of its staff trust and capacity and headChangeCost of effectiveness', () => {
    const m = tiny({ model: { improvement: { headChangeShock: 0.2, headChangeCost: 0.03 } } });
    const S = m.state.schools;
    S.internalTrust[0] = 0.6;
    S.capacity[0] = 0.5;
    S.effectiveness[0] = 0.1;
    const others = [1, 2, 3].map((s) => [S.internalTrust[s], S.capacity[s], S.effectiveness[s]]);
    replaceLeader(m.ctx, m.state.schools.leader[0]);
    expect(S.internalTrust[0]).toBeCloseTo(0.48, 12);
    expect(S.capacity[0]).toBeCloseTo(0.4, 12);
    expect(S.effectiveness[0]).toBeCloseTo(0.07, 12);
    expect([1, 2, 3].map((s) => [S.internalTrust[s], S.capacity[s], S.effectiveness[s]])).toEqual(others);
  });
  it('a poor inspection in the past year raises the hazard by stressWeight × 0.5; an older one does not', () => {
    /** Share of 3000 heads who leave in one tick at full staff trust, the last poor inspection `ago` years before. */
    const leaving = (ago: number) => {
      const m = tiny({ schools: { count: 3000 }, partnerships: { size: 6 }, turnover: { leaderRate: 0.6, stressWeight: 2 } });
      const S = m.state.schools;
      m.state.tick = 12;
      S.internalTrust.fill(1);
      S.poorInspectionAt.fill(12 / m.state.ticksPerYear - ago);
      leaderTurnover(m.ctx);
      return { share: m.state.tallies.departuresThisTick / S.n, tpy: m.state.ticksPerYear };
    };
    const recent = leaving(0.5);
    const old = leaving(1.5);
    const pStress = perTickProbability(0.6 * (1 + 2 * 0.5), recent.tpy);
    const pCalm = perTickProbability(0.6, old.tpy);
    expect(recent.share).toBeGreaterThan(pStress - 0.025);
    expect(recent.share).toBeLessThan(pStress + 0.025);
    expect(old.share).toBeGreaterThan(pCalm - 0.02);
    expect(old.share).toBeLessThan(pCalm + 0.02);
    expect(recent.share).toBeGreaterThan(old.share + 0.04);
  });
  it('without a community, about 60% of teachers remain after five years', () => {
    const m = tiny({ schools: { count: 400, teachersPerSchool: { primary: 50 } }, partnerships: { coverage: 0 } });
    communityStrength(m.ctx);
    for (let t = 0; t < 30; t++) teacherRetention(m.ctx);
    const S = m.state.schools;
    let left = 0,
      start = 0,
      ml = 0,
      ms = 0;
    for (let s = 0; s < S.n; s++) {
      left += S.cohortLeft[s];
      start += S.cohortStart[s];
      ml += S.mathsLeft[s];
      ms += S.mathsStart[s];
    }
    expect(left / start).toBeCloseTo(0.6, 1);
    expect(ml / ms).toBeCloseTo(0.5, 1);
  });
});
