/**
 * The distribution functions behind the quasi-p values, against values
 * from SciPy 1.17 (scipy.special.gammaln, scipy.stats.binom.sf,
 * scipy.stats.hypergeom.sf) and against exact fractions.
 */
import { describe, expect, it } from 'vitest';
import { binomialUpperTail, hypergeometricUpperTail, logChoose } from '../../../src/experiment/discover/distributions.ts';
import { logGamma } from '../../../src/experiment/stats.ts';

/** Relative closeness, for values that span many orders of magnitude. */
function expectRel(actual: number, expected: number, rel = 1e-10): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(rel);
}

describe('logGamma', () => {
  it('matches known values from tiny to huge arguments', () => {
    expectRel(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-14);
    expectRel(logGamma(1e-3), 6.907178885383853, 1e-13);
    expectRel(logGamma(3.7), 1.428072326665388, 1e-13);
    expectRel(logGamma(10), Math.log(362880), 1e-14);
    expectRel(logGamma(171.5), 709.1431630309283, 1e-14);
    expectRel(logGamma(1e5), 1051287.7089736569, 1e-14);
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
  });

  it('satisfies the recurrence lnΓ(x+1) = lnΓ(x) + ln x across the switch to the series', () => {
    for (const x of [0.1, 1.5, 7.25, 13.9, 14.5, 20, 250.75]) expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 11);
  });

  it('gives exact binomial coefficients', () => {
    expect(Math.exp(logChoose(10, 3))).toBeCloseTo(120, 9);
    expect(Math.exp(logChoose(52, 5))).toBeCloseTo(2598960, 3);
    expect(logChoose(5, 6)).toBe(-Infinity);
  });
});

describe('binomialUpperTail', () => {
  it('matches exact fractions and SciPy', () => {
    expect(binomialUpperTail(8, 10, 0.5)).toBeCloseTo(56 / 1024, 14);
    expectRel(binomialUpperTail(550, 1000, 0.5), 0.0008652680424881513, 1e-9);
    expectRel(binomialUpperTail(30, 100, 0.2), 0.011248978720991648, 1e-9);
    expectRel(binomialUpperTail(60, 200, 0.2), 0.0004976948553553753, 1e-9);
    expect(binomialUpperTail(1, 5, 0.3)).toBeCloseTo(1 - 0.7 ** 5, 14);
  });

  it('handles the edges of its support', () => {
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    expect(binomialUpperTail(3, 10, 0)).toBe(0);
    expect(binomialUpperTail(3, 10, 1)).toBe(1);
    expect(binomialUpperTail(10, 10, 0.5)).toBeCloseTo(1 / 1024, 15);
  });
});

describe('hypergeometricUpperTail', () => {
  it("matches Fisher's tea-tasting fractions and SciPy", () => {
    // 8 cups, 4 with milk first, 4 chosen: all four right has chance 1/70, three or more 17/70.
    expect(hypergeometricUpperTail(4, 8, 4, 4)).toBeCloseTo(1 / 70, 14);
    expect(hypergeometricUpperTail(3, 8, 4, 4)).toBeCloseTo(17 / 70, 14);
    expectRel(hypergeometricUpperTail(100, 1000, 400, 200), 0.000885274932279145, 1e-9);
    expectRel(hypergeometricUpperTail(60, 500, 100, 200), 5.139078291071676e-6, 1e-9);
  });

  it('handles the edges of its support', () => {
    // With 8 of 10 drawn from 10 with 6 successes, at least 4 successes are certain.
    expect(hypergeometricUpperTail(4, 10, 6, 8)).toBe(1);
    expect(hypergeometricUpperTail(7, 10, 6, 8)).toBe(0);
    expect(hypergeometricUpperTail(0, 10, 6, 8)).toBe(1);
  });
});
