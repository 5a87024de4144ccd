/**
 * Unit tests of one rule each: a small state, the rule applied, and the values its equation (docs/ODD.md) gives.
 * Effectiveness is on the pupil-attainment scale (pupil SD, national mean 0): core/attainment-scale.ts.
 */
import { describe, expect, it } from 'vitest';
import { headContribution, regressionRate, standingOf } from '../../../../src/model/core/attainment-scale.ts';
import { earnedInternalTrust, trustGate, improvement } from '../../../../src/model/mechanisms/improvement/improvement.ts';
import type { ScenarioInput } from '../../../../src/model/schema.ts';
import { tiny } from '../../../helpers/tiny-model.ts';

/** A tiny model with the random shock switched off (the rest of the step unchanged). */
function quiet(input: ScenarioInput = {}, seed = 1) {
  const m = tiny(input, seed);
  m.ctx.perTick.improvement = { ...m.ctx.perTick.improvement, shock: 0 };
  return m;
}

function setHeads(m: ReturnType<typeof tiny>, v: number) {
  const L = m.state.leaders;
  for (const a of [L.openness, L.moralPurpose, L.competence, L.followThrough]) a.fill(v);
}

describe('improvement', () => {
  it('the trust gate is closed below the low threshold and open above the high one', () => {
    expect(trustGate(0.2, 0.3, 0.75)).toBe(0);
    expect(trustGate(0.8, 0.3, 0.75)).toBe(1);
    expect(trustGate(0.525, 0.3, 0.75)).toBeCloseTo(0.5, 9);
  });

  it('earned internal trust = traits × settling × (1 - staffChurnWeight × churn) + successWeight × rise / sd, clamped', () => {
    const m = tiny({ model: { improvement: { staffChurnWeight: 2, successWeight: 0.1, betweenSchoolSd: 0.15 } } });
    const S = m.state.schools;
    const L = m.state.leaders;
    const h = S.leader[0];
    L.openness[h] = 0.8;
    L.moralPurpose[h] = 0.6;
    L.competence[h] = 0.7;
    L.followThrough[h] = 0.5;
    S.staffChurn[0] = 0.1;
    const traits = (0.8 + 0.6 + 0.7 + 0.5) / 4; // leader traits are Float32: compared to 6 places
    // A new head: settling 0.6 + 0.2 × tenure.
    L.tenure[h] = 0.5;
    expect(earnedInternalTrust(m.ctx, 0, 0)).toBeCloseTo(traits * 0.7 * (1 - 2 * 0.1), 6);
    // Settled after two years; a rise of half an SD in the year adds 0.1 × 0.5.
    L.tenure[h] = 3;
    expect(earnedInternalTrust(m.ctx, 0, 0.075)).toBeCloseTo(traits * 0.8 + 0.1 * 0.5, 6);
    // Success counts at most one SD either way.
    expect(earnedInternalTrust(m.ctx, 0, 0.6)).toBeCloseTo(traits * 0.8 + 0.1, 6);
    expect(earnedInternalTrust(m.ctx, 0, -0.6)).toBeCloseTo(traits * 0.8 - 0.1, 6);
    // Churn above 1 / staffChurnWeight leaves nothing to earn: clamped at 0.
    S.staffChurn[0] = 0.6;
    expect(earnedInternalTrust(m.ctx, 0, -0.15)).toBe(0);
    // And at 1 at the top.
    const top = tiny({ model: { improvement: { successWeight: 1 } } });
    setHeads(top, 1);
    top.state.leaders.tenure.fill(5);
    top.state.schools.staffChurn.fill(0);
    expect(earnedInternalTrust(top.ctx, 0, 0.3)).toBe(1);
  });

  it('one step: trust and capacity move toward their targets, then e′ = τ + (e - τ) keep + push × pushGain', () => {
    const m = quiet({ model: { improvement: { norm: 0.004 } } });
    const S = m.state.schools;
    const L = m.state.leaders;
    const I = m.scenario.model.improvement;
    const pt = m.ctx.perTick;
    const tpy = m.state.ticksPerYear;
    m.state.tick = 7;
    const k = 7 % tpy;
    for (let s = 0; s < 4; s++) {
      S.effectiveness[s] = -0.1 + 0.05 * s;
      S.longRun[s] = 0.02 * s;
      S.internalTrust[s] = 0.5 + 0.1 * s;
      S.capacity[s] = 0.5;
      S.learning[s] = 0.2;
      S.collective[s] = 0.01 * s;
      S.reviewPlan[s] = 0.05;
      S.complacency[s] = s === 3 ? 1 : 0.02; // school 3: complacency outweighs the drive, which is floored at 0
      S.staffChurn[s] = 0.08;
      S.effectivenessHistory[s * tpy + k] = -0.2;
    }
    const expected = Array.from({ length: 4 }, (_, s) => {
      const h = S.leader[s];
      const it = S.internalTrust[s] + pt.internalTrustAdjust * (earnedInternalTrust(m.ctx, s, S.effectiveness[s] + 0.2) - S.internalTrust[s]);
      const cap = 0.5 + pt.capacityAdjust * (0.15 + 0.45 * it + 0.4 * L.competence[h] - 0.5);
      const drive = Math.max(0, 0.2 + 0.01 * s + 0.05 - (s === 3 ? 1 : 0.02));
      const push = trustGate(it, I.trustGateLow, I.trustGateHigh) * cap * drive - I.norm;
      const tau = S.longRun[s] + headContribution(I, L.competence[h]);
      const e = tau + (S.effectiveness[s] - tau) * pt.improvement.keep + push * pt.improvement.pushGain;
      return { it, cap, e };
    });
    improvement(m.ctx);
    for (let s = 0; s < 4; s++) {
      expect(S.internalTrust[s]).toBeCloseTo(expected[s].it, 12);
      expect(S.capacity[s]).toBeCloseTo(expected[s].cap, 12);
      expect(S.effectiveness[s]).toBeCloseTo(expected[s].e, 12);
      expect(S.standing[s]).toBeCloseTo(standingOf(expected[s].e, I.betweenSchoolSd), 12);
      expect(S.effectivenessHistory[s * tpy + k]).toBe(S.effectiveness[s]);
      expect(S.improving[s]).toBe(expected[s].e + 0.2 > I.improvingThreshold ? 1 : 0);
      expect(S.reviewPlan[s]).toBeCloseTo(0.05 * (1 - pt.planDecay), 12);
    }
    expect(S.improving[3]).toBe(1); // risen 0.25 SD over the year
  });

  it('with internal trust below the gate, drive does not move effectiveness; above it, drive raises it', () => {
    const run = (trust: number, traits: number, learning: number) => {
      const m = quiet();
      const S = m.state.schools;
      S.internalTrust.fill(trust);
      S.effectiveness.fill(0);
      S.longRun.fill(0);
      S.learning.fill(learning);
      setHeads(m, traits);
      m.state.tick = 1;
      improvement(m.ctx);
      return Array.from(S.effectiveness);
    };
    // Staff trust 0.1 with heads who earn none: the gate stays shut, so learning changes nothing.
    expect(run(0.1, 0, 1)).toEqual(run(0.1, 0, 0));
    // Trust 0.9 under heads who earn it: the same learning raises every school.
    const open = run(0.9, 1, 1);
    const none = run(0.9, 1, 0);
    for (let s = 0; s < 4; s++) expect(open[s]).toBeGreaterThan(none[s] + 0.01);
  });

  it('without work above the norm a school sinks below its long-run level by norm × pushGain a tick', () => {
    const m = quiet({ model: { improvement: { norm: 0.01 } } });
    const S = m.state.schools;
    const I = m.scenario.model.improvement;
    const h = S.leader[0];
    S.learning.fill(0);
    S.collective.fill(0);
    S.reviewPlan.fill(0);
    const tau = S.longRun[0] + headContribution(I, m.state.leaders.competence[h]);
    S.effectiveness[0] = tau;
    m.state.tick = 1;
    improvement(m.ctx);
    expect(S.effectiveness[0]).toBeCloseTo(tau - 0.01 * m.ctx.perTick.improvement.pushGain, 12);
  });

  it('a gap to the long-run level shrinks to exp(-kappa) of itself over a year (no push, no shocks)', () => {
    const m = quiet({ model: { improvement: { norm: 0 } } });
    const S = m.state.schools;
    const I = m.scenario.model.improvement;
    const tpy = m.state.ticksPerYear;
    const h = S.leader[0];
    S.complacency.fill(10); // no drive
    const tau = S.longRun[0] + headContribution(I, m.state.leaders.competence[h]);
    S.effectiveness[0] = tau + 0.2;
    for (let t = 1; t <= tpy; t++) {
      m.state.tick = t;
      S.complacency.fill(10);
      improvement(m.ctx);
    }
    expect(S.effectiveness[0] - tau).toBeCloseTo(0.2 * Math.exp(-regressionRate(I)), 10);
  });

  it('with shocks and no push, a national population keeps its SD and its year-to-year correlation is the persistence', () => {
    const tpy = 6;
    const m = tiny({
      ticksPerYear: tpy,
      schools: { count: 3000, disadvantageGradient: 0 },
      model: { improvement: { norm: 0, persistence: 0.8, stableShare: 0.5, betweenSchoolSd: 0.15 } },
    });
    const S = m.state.schools;
    const step = (years: number) => {
      for (let k = 0; k < years * tpy; k++) {
        m.state.tick++;
        S.complacency.fill(10); // no drive: only regression and shocks
        improvement(m.ctx);
      }
    };
    step(3);
    const a = Float64Array.from(S.effectiveness);
    step(1);
    const b = Float64Array.from(S.effectiveness);
    const mean = (x: Float64Array) => x.reduce((p, q) => p + q, 0) / x.length;
    const ma = mean(a),
      mb = mean(b);
    let va = 0,
      vb = 0,
      cov = 0;
    for (let s = 0; s < S.n; s++) {
      va += (a[s] - ma) ** 2;
      vb += (b[s] - mb) ** 2;
      cov += (a[s] - ma) * (b[s] - mb);
    }
    const sdB = Math.sqrt(vb / S.n);
    expect(sdB).toBeGreaterThan(0.15 * 0.93);
    expect(sdB).toBeLessThan(0.15 * 1.07);
    expect(cov / Math.sqrt(va * vb)).toBeGreaterThan(0.8 - 0.03);
    expect(cov / Math.sqrt(va * vb)).toBeLessThan(0.8 + 0.03);
  });
});
