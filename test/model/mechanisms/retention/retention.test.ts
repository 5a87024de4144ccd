/** Teacher retention (docs/ODD.md 7.7): community strength of a school's groups, and teachers leaving with and without a community. */
import { describe, expect, it } from 'vitest';
import { GROUP_KINDS } from '../../../../src/model/core/kinds.ts';
import { communityStrength, staffChurn, teacherRetention } from '../../../../src/model/mechanisms/retention/retention.ts';
import { build } from '../../../helpers/policy-model.ts';
import { tiny } from '../../../helpers/tiny-model.ts';

describe('communityStrength', () => {
  it('is 0.5 × internal trust + 0.5 × headsGroupShare × min(1, meetings / cadence) × (0.5 + 0.5 L1) for the members of a partnership', () => {
    const m = tiny({ turnover: { headsGroupShare: 0.5, communityCadence: 6 } });
    const G = m.state.groups;
    const S = m.state.schools;
    expect(GROUP_KINDS[G.kind[0]]).toBe('partnership'); // a heads' group: its activity reaches teachers in part
    S.internalTrust.set([0.2, 0.4, 0.6, 0.8]);
    G.lTrust[0] = 0.4;
    G.meetingsPerYear[0] = 3;
    communityStrength(m.ctx);
    for (let s = 0; s < 4; s++) expect(S.community[s]).toBeCloseTo(0.5 * S.internalTrust[s] + 0.5 * 0.5 * (0.5 * (0.5 + 0.5 * 0.4)), 6);
    G.meetingsPerYear[0] = 12; // more often than the cadence of 6 counts as fully active
    communityStrength(m.ctx);
    expect(S.community[0]).toBeCloseTo(0.5 * 0.2 + 0.5 * 0.5 * (0.5 + 0.5 * 0.4), 6);
    // headsGroupShare scales what a heads' group adds.
    const full = tiny({ turnover: { headsGroupShare: 1 } });
    full.state.schools.internalTrust.fill(0);
    full.state.groups.lTrust[0] = 0.4;
    full.state.groups.meetingsPerYear[0] = 12;
    communityStrength(full.ctx);
    expect(full.state.schools.community[0]).toBeCloseTo(0.5 * (0.5 + 0.5 * 0.4), 6);
  });

  it('a school in no group has only its staff community: 0.5 × internal trust', () => {
    const m = tiny({ partnerships: { size: 4, coverage: 0.5 }, turnover: { headsGroupShare: 1 } });
    const S = m.state.schools;
    S.internalTrust.fill(0.6);
    m.state.groups.lTrust[0] = 1;
    m.state.groups.meetingsPerYear[0] = 6;
    communityStrength(m.ctx);
    const c = Array.from(S.community);
    expect(c.filter((v) => Math.abs(v - 0.3) < 1e-9).length).toBe(2);
    expect(c.filter((v) => Math.abs(v - (0.3 + 0.5)) < 1e-9).length).toBe(2);
  });

  it("counts the strongest of a school's networks, a teacher network in full and a heads' group at headsGroupShare", () => {
    const m = build({
      locality: { preset: 'custom', schools: 24, partnershipCoverage: 1, headsNetwork: { coverage: 1 } },
      hubs: { mathsHubKm: 0, engagementMax: 1, capacityShare: 1 },
    });
    const G = m.state.groups;
    const S = m.state.schools;
    const share = m.scenario.turnover.headsGroupShare;
    const wg = GROUP_KINDS.indexOf('hub-work-group');
    // A school in a hub work group (a teacher network) and at least one heads' group.
    let s = -1;
    let teacher = -1,
      heads = -1;
    for (let q = 0; q < S.n && s < 0; q++) {
      const slot = S.leader[q];
      const mine = Array.from(G.byLeader.subarray(G.byLeaderStart[slot], G.byLeaderStart[slot + 1]));
      const t = mine.find((g) => G.kind[g] === wg);
      const h = mine.find((g) => G.kind[g] !== wg && GROUP_KINDS[G.kind[g]] !== 'alliance');
      if (t !== undefined && h !== undefined) [s, teacher, heads] = [q, t, h];
    }
    expect(s).toBeGreaterThanOrEqual(0);
    S.internalTrust.fill(0);
    G.meetingsPerYear.fill(0);
    G.lTrust.fill(0);
    // The heads' group: fully active, trust 1 -> share × 1; the work group: half active, trust 0.6 -> 0.5 × 0.8 = 0.4.
    G.meetingsPerYear[heads] = 6;
    G.lTrust[heads] = 1;
    G.meetingsPerYear[teacher] = 3;
    G.lTrust[teacher] = 0.6;
    communityStrength(m.ctx);
    expect(S.community[s]).toBeCloseTo(0.5 * Math.max(share, 0.4), 6);
    G.meetingsPerYear[teacher] = 6; // now 0.8 in full: stronger than the heads' group at 0.5
    communityStrength(m.ctx);
    expect(S.community[s]).toBeCloseTo(0.5 * 0.8, 6);
    G.meetingsPerYear[teacher] = 0;
    communityStrength(m.ctx);
    expect(S.community[s]).toBeCloseTo(0.5 * share, 6);
  });
});

describe('staffChurn', () => {
  it("is the yearly leaving share at the school's hazard: (1 - 0.6^(1/5)) × (1 - communityEffect × community)", () => {
    const m = tiny({ turnover: { teacherFiveYearRetention: 0.6, communityEffect: 0.35 } });
    const S = m.state.schools;
    S.community.set([0, 0.5, 1, 0.25]);
    staffChurn(m.ctx);
    const base = 1 - Math.pow(0.6, 1 / 5);
    expect(base).toBeCloseTo(0.0971, 4);
    for (let s = 0; s < 4; s++) expect(S.staffChurn[s]).toBeCloseTo(base * (1 - 0.35 * S.community[s]), 12);
  });

  it('is set at the start from the starting community', () => {
    const m = tiny();
    const S = m.state.schools;
    const base = 1 - Math.pow(m.scenario.turnover.teacherFiveYearRetention, 1 / 5);
    for (let s = 0; s < 4; s++) {
      expect(S.community[s]).toBeGreaterThan(0);
      expect(S.staffChurn[s]).toBeCloseTo(base * (1 - m.scenario.turnover.communityEffect * S.community[s]), 12);
    }
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
