/** Teacher retention (docs/ODD.md 7.7): community strength of a school's groups, and teachers leaving with and without a community. */
import { describe, expect, it } from 'vitest';
import { communityStrength, teacherRetention } from '../../../../src/model/mechanisms/retention/retention.ts';
import { build } from '../../../helpers/policy-model.ts';
import { tiny } from '../../../helpers/tiny-model.ts';

describe('communityStrength', () => {
  it('is min(1, meetings / cadence) × (0.5 + 0.5 L1) for the members of a group', () => {
    const m = tiny();
    const G = m.state.groups;
    G.lTrust[0] = 0.4;
    G.meetingsPerYear[0] = 3;
    communityStrength(m.ctx);
    for (let s = 0; s < 4; s++) expect(m.state.schools.community[s]).toBeCloseTo(0.5 * (0.5 + 0.5 * 0.4), 6);
    G.meetingsPerYear[0] = 12; // more often than the cadence of 6 counts as fully active
    communityStrength(m.ctx);
    expect(m.state.schools.community[0]).toBeCloseTo(0.5 + 0.5 * 0.4, 6);
  });

  it('is 0 for a school in no group', () => {
    const m = tiny({ partnerships: { size: 4, coverage: 0.5 } });
    m.state.groups.lTrust[0] = 1;
    communityStrength(m.ctx);
    const c = Array.from(m.state.schools.community);
    expect(c.filter((v) => v === 0).length).toBe(2);
    expect(c.filter((v) => v === 1).length).toBe(2);
  });

  it("is the strongest of a school's groups", () => {
    const m = build({ locality: { preset: 'custom', schools: 20, partnershipCoverage: 1, headsNetwork: { coverage: 1 } } });
    const G = m.state.groups;
    const s = 0;
    const slot = m.state.schools.leader[s];
    const mine = Array.from(G.byLeader.subarray(G.byLeaderStart[slot], G.byLeaderStart[slot + 1]));
    expect(mine.length).toBeGreaterThanOrEqual(2);
    const [g1, g2] = mine;
    G.meetingsPerYear.fill(6);
    G.lTrust.fill(0);
    G.lTrust[g1] = 0.8; // 0.9
    G.meetingsPerYear[g2] = 3; // 0.5 × (0.5 + 0.5 × 1) = 0.5
    G.lTrust[g2] = 1;
    communityStrength(m.ctx);
    expect(m.state.schools.community[s]).toBeCloseTo(0.9, 6);
    G.meetingsPerYear[g1] = 0;
    communityStrength(m.ctx);
    expect(m.state.schools.community[s]).toBeCloseTo(0.5, 6);
  });
});

describe('teacherRetention', () => {
  /** Share of the starting cohorts (all, maths) still in post after five years at a fixed community strength. */
  const fiveYears = (community: number, effect: number) => {
    const m = tiny({ schools: { count: 400 }, partnerships: { size: 4 }, turnover: { communityEffect: effect } });
    const S = m.state.schools;
    for (let t = 0; t < 5 * m.state.ticksPerYear; t++) {
      S.community.fill(community);
      teacherRetention(m.ctx);
    }
    const sum = (a: Uint16Array) => a.reduce((x, y) => x + y, 0);
    return { all: sum(S.cohortLeft) / sum(S.cohortStart), maths: sum(S.mathsLeft) / sum(S.mathsStart), perTick: m.ctx.perTick };
  };

  it('without a community about 60% of teachers (50% of maths specialists) stay five years', () => {
    const r = fiveYears(0, 0.35);
    expect(Math.pow(1 - r.perTick.teacherLeave, 30)).toBeCloseTo(0.6, 9);
    expect(r.all).toBeGreaterThan(0.6 - 0.03);
    expect(r.all).toBeLessThan(0.6 + 0.03);
    expect(r.maths).toBeGreaterThan(0.5 - 0.06);
    expect(r.maths).toBeLessThan(0.5 + 0.06);
  });

  it('a full community cuts the hazard by communityEffect: (1 - h (1 - 0.35))^30 stay', () => {
    const r = fiveYears(1, 0.35);
    const expected = Math.pow(1 - r.perTick.teacherLeave * 0.65, 30);
    expect(expected).toBeGreaterThan(0.7);
    expect(r.all).toBeGreaterThan(expected - 0.03);
    expect(r.all).toBeLessThan(expected + 0.03);
    expect(r.all).toBeGreaterThan(fiveYears(0, 0.35).all + 0.05);
  });

  it('with communityEffect 1 a full community keeps every teacher; with 0 community changes nothing', () => {
    const keep = fiveYears(1, 1);
    expect(keep.all).toBe(1);
    expect(keep.maths).toBe(1);
    expect(fiveYears(1, 0).all).toBe(fiveYears(0, 0).all);
  });
});
