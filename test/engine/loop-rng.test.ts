/**
 * Unit tests of one rule each: a small state, the rule applied, and the values its equation (docs/ODD.md) gives.
 */
import { describe, expect, it } from 'vitest';
import { perTickProbability } from '../../src/engine/loop.ts';
import { binomial, stream } from '../../src/engine/rng.ts';

describe('engine conversions', () => {
  it('per-tick probabilities compound back to the yearly probability', () => {
    const p = perTickProbability(0.2, 6);
    expect(1 - (1 - p) ** 6).toBeCloseTo(0.2, 12);
    expect(perTickProbability(1, 6)).toBe(1);
    expect(perTickProbability(0, 6)).toBe(0);
  });
  it('named streams are independent and reproducible', () => {
    const a = stream(5, 'interactions');
    const b = stream(5, 'interactions');
    const c = stream(5, 'turnover');
    const xa = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xa);
    expect([c(), c(), c()]).not.toEqual(xa);
  });
  it('binomial draws have the right mean', () => {
    const r = stream(1, 'x');
    let s = 0;
    for (let k = 0; k < 4000; k++) s += binomial(r, 30, 0.1);
    expect(s / 4000).toBeCloseTo(3, 0);
    let big = 0;
    for (let k = 0; k < 2000; k++) big += binomial(r, 200, 0.25);
    expect(big / 2000).toBeGreaterThan(48);
    expect(big / 2000).toBeLessThan(52);
  });
});
