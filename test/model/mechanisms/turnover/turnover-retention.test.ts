/**
 * Unit tests of one rule each: a small state, the rule applied, and the values its equation (docs/ODD.md) gives.
 */
import { describe, expect, it } from 'vitest';
import { replaceLeader } from '../../../../src/model/mechanisms/turnover/turnover.ts';
import { teacherRetention, communityStrength } from '../../../../src/model/mechanisms/retention/retention.ts';
import { tiny, setAllTrust, findEdge } from '../../../helpers/tiny-model.ts';

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
