/**
 * Unit tests of one rule each: a small state, the rule applied, and the values its equation (docs/ODD.md) gives.
 */
import { describe, expect, it } from 'vitest';
import { eventInTick, perTickProbability } from '../../src/engine/loop.ts';
import { binomial, normal, stream } from '../../src/engine/rng.ts';

describe('engine conversions', () => {
  it('per-tick probabilities compound back to the yearly probability', () => {
    const p = perTickProbability(0.2, 6);
    expect(1 - (1 - p) ** 6).toBeCloseTo(0.2, 12);
    expect(perTickProbability(1, 6)).toBe(1);
    expect(perTickProbability(0, 6)).toBe(0);
  });
  it('eventInTick answers exactly as comparing with perTickProbability, at and around the value itself', () => {
    const r = stream(3, 'event-in-tick');
    const annuals = [0, 1, 1.5, -0.1, NaN, 1e-300, 1e-12, 1e-6, 0.01, 0.15, 0.5, 0.9, 0.999999, 1 - 1e-15];
    for (let k = 0; k < 4000; k++) annuals.push(r() ** 3);
    let checked = 0;
    for (const a of annuals)
      for (const tpy of [1, 2, 3, 6, 12, 52, 365]) {
        const p = perTickProbability(a, tpy);
        // Draws right at the per-tick value (a neighbouring double on either side), inside the band and outside it.
        const draws = [p, p * (1 + 2 ** -52), p * (1 - 2 ** -53), p + 1e-17, p - 1e-17, a / tpy, a / tpy / (1 - a), r(), r() * p * 2, 0, 1 - 2 ** -53];
        for (const u of draws) {
          if (!(u >= 0 && u < 1)) continue;
          expect(eventInTick(u, a, tpy), `u=${u} annual=${a} tpy=${tpy}`).toBe(u < p);
          checked++;
        }
      }
    expect(checked).toBeGreaterThan(250_000);
  });
  it('named streams are independent and reproducible', () => {
    const a = stream(5, 'interactions');
    const b = stream(5, 'interactions');
    const c = stream(5, 'turnover');
    const xa = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xa);
    expect([c(), c(), c()]).not.toEqual(xa);
  });
  it('binomial and normal of a stream (stepped inline) give the draws of a plain generator calling it, and leave it where that does', () => {
    const inline = stream(8, 'inline');
    const called = stream(8, 'inline');
    const plain = () => called(); // a generator without a state: the call-per-draw path
    for (let k = 0; k < 2000; k++) {
      const n = k % 70; // both sides of the exact sum's limit (64)
      const p = (k % 13) / 12;
      expect(binomial(inline, n, p)).toBe(binomial(plain, n, p));
      expect(Object.is(normal(inline), normal(plain))).toBe(true);
    }
    expect(inline()).toBe(called());
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
  it('normal draws have mean 0, SD 1 and normal tails', () => {
    // 20,000 draws: SE of the mean 0.007, of the SD about 0.005; tolerances are 4 SE.
    const r = stream(3, 'x');
    const n = 20000;
    let s1 = 0;
    let s2 = 0;
    let beyond2 = 0;
    for (let k = 0; k < n; k++) {
      const z = normal(r);
      s1 += z;
      s2 += z * z;
      if (Math.abs(z) > 1.959964) beyond2++;
    }
    const mean = s1 / n;
    expect(Math.abs(mean)).toBeLessThan(0.028);
    expect(Math.abs(Math.sqrt(s2 / n - mean * mean) - 1)).toBeLessThan(0.02);
    // 5% beyond ±1.96; SE of the share 0.0015.
    expect(Math.abs(beyond2 / n - 0.05)).toBeLessThan(0.006);
  });
});
