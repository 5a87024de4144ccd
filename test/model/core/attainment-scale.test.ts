/**
 * The pupil-attainment scale of effectiveness (core/attainment-scale.ts): the
 * regression rate that gives the published year-to-year persistence, the
 * exact one-tick step (stationary variance and yearly push independent of the
 * tick length), a head's contribution, and a school's national standing.
 */
import { describe, expect, it } from 'vitest';
import { headContribution, improvementStep, NATIONAL_COMPETENCE, regressionRate, standingOf } from '../../../src/model/core/attainment-scale.ts';
import { resolveScenario } from '../../../src/api.ts';

const scale = (persistence: number, stableShare: number, betweenSchoolSd = 0.15, headEffect = 0.05) => ({
  betweenSchoolSd,
  persistence,
  stableShare,
  headEffect,
});

/** One year of a constant push p from a transient of 0, in steps of dt = 1 / n. */
function yearOfPush(I: ReturnType<typeof scale>, n: number, p: number): number {
  const st = improvementStep(I, 1 / n);
  let x = 0;
  for (let k = 0; k < n; k++) x = x * st.keep + p * st.pushGain;
  return x;
}

/** Variance of the transient after one year of shocks from a known start, in steps of dt = 1 / n. */
function yearOfShocks(I: ReturnType<typeof scale>, n: number): number {
  const st = improvementStep(I, 1 / n);
  let v = 0;
  for (let k = 0; k < n; k++) v = v * st.keep * st.keep + st.shock * st.shock;
  return v;
}

describe('regressionRate', () => {
  it('gives s + (1 - s) exp(-kappa) = persistence', () => {
    for (const [p, s] of [
      [0.8, 0.5],
      [0.8, 0],
      [0.6, 0.3],
      [0.95, 0.9],
      [0.5, 0.1],
    ]) {
      const kappa = regressionRate(scale(p, s));
      expect(kappa).toBeGreaterThan(0);
      expect(s + (1 - s) * Math.exp(-kappa)).toBeCloseTo(p, 12);
    }
  });

  it('defaults (persistence 0.8, stable share 0.5) give kappa = ln(5/3)', () => {
    const I = resolveScenario({}).model.improvement;
    expect(regressionRate(I)).toBeCloseTo(Math.log(5 / 3), 12);
  });

  it('stays finite when the stable share is at or above the persistence (the transient then regresses within the year)', () => {
    expect(regressionRate(scale(0.5, 0.6))).toBeCloseTo(Math.log(100), 12);
    expect(Number.isFinite(regressionRate(scale(0.8, 1)))).toBe(true);
  });
});

describe('improvementStep', () => {
  const I = scale(0.8, 0.5);
  const dts = [1, 1 / 3, 1 / 6, 1 / 12, 1 / 26, 1 / 52];

  it('keep = exp(-kappa dt) and pushGain = (1 - keep) / kappa', () => {
    const kappa = regressionRate(I);
    for (const dt of dts) {
      const st = improvementStep(I, dt);
      expect(st.keep).toBeCloseTo(Math.exp(-kappa * dt), 14);
      expect(st.pushGain).toBeCloseTo((1 - st.keep) / kappa, 14);
    }
  });

  it('has stationary variance shock^2 / (1 - keep^2) = (1 - stableShare) sd^2 for every tick length', () => {
    for (const J of [I, scale(0.7, 0.2, 0.2), scale(0.9, 0.8, 0.1)])
      for (const dt of dts) {
        const st = improvementStep(J, dt);
        expect((st.shock * st.shock) / (1 - st.keep * st.keep)).toBeCloseTo((1 - J.stableShare) * J.betweenSchoolSd ** 2, 12);
      }
  });

  it('with every share stable there are no shocks', () => {
    expect(improvementStep(scale(0.8, 1), 1 / 6).shock).toBe(0);
  });

  it('a year of push has the same effect, (1 - exp(-kappa)) / kappa per unit, whether taken in 3 or 26 steps', () => {
    const kappa = regressionRate(I);
    const third = yearOfPush(I, 3, 0.1);
    const fortnight = yearOfPush(I, 26, 0.1);
    expect(third).toBeCloseTo(fortnight, 12);
    expect(third).toBeCloseTo((0.1 * (1 - Math.exp(-kappa))) / kappa, 12);
    expect(yearOfPush(I, 1, 0.1)).toBeCloseTo(third, 12);
    // The push is a rate: less than a year's worth reaches the school, because what it adds regresses too.
    expect(third).toBeLessThan(0.1);
    expect(third).toBeGreaterThan(0.1 * Math.exp(-kappa));
  });

  it('a year of shocks adds the same variance whether taken in 3 or 26 steps', () => {
    const kappa = regressionRate(I);
    const v = (1 - I.stableShare) * I.betweenSchoolSd ** 2 * (1 - Math.exp(-2 * kappa));
    expect(yearOfShocks(I, 3)).toBeCloseTo(v, 12);
    expect(yearOfShocks(I, 26)).toBeCloseTo(v, 12);
  });
});

describe('headContribution', () => {
  it('is 0 for a head at the national mean competence and headEffect per national SD above it', () => {
    const I = scale(0.8, 0.5, 0.15, 0.05);
    expect(headContribution(I, NATIONAL_COMPETENCE.mean)).toBeCloseTo(0, 14);
    expect(headContribution(I, NATIONAL_COMPETENCE.mean + NATIONAL_COMPETENCE.sd)).toBeCloseTo(0.05, 12);
    expect(headContribution(I, NATIONAL_COMPETENCE.mean - 2 * NATIONAL_COMPETENCE.sd)).toBeCloseTo(-0.1, 12);
  });
});

describe('standingOf', () => {
  it('puts a school at the national mean at the 50th percentile, one SD above at about the 84th', () => {
    expect(standingOf(0, 0.15)).toBeCloseTo(0.5, 7); // simple-statistics erf is accurate to about 1e-7
    expect(standingOf(0.15, 0.15)).toBeCloseTo(0.8413, 3);
    expect(standingOf(-0.3, 0.15)).toBeCloseTo(0.0228, 3);
    expect(standingOf(0.2, 0.15) + standingOf(-0.2, 0.15)).toBeCloseTo(1, 6);
  });

  it('is monotone and stays in 0..1', () => {
    let prev = -1;
    for (let e = -1; e <= 1; e += 0.01) {
      const p = standingOf(e, 0.15);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      expect(p).toBeGreaterThanOrEqual(prev);
      prev = p;
    }
    // Strictly increasing where the distribution has mass.
    for (let e = -0.4; e < 0.4; e += 0.02) expect(standingOf(e + 0.02, 0.15)).toBeGreaterThan(standingOf(e, 0.15));
  });
});
