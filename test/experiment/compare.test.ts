/**
 * `collabsim compare`, the statistics (src/experiment/compare.ts): paired
 * statistics, seeds, and common random numbers.
 */
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/api.ts';
import { compareSeeds, pairedStats, runComparison } from '../../src/experiment/compare.ts';

describe('paired statistics', () => {
  it('match a hand computation (a = 1,2,3,4; b = 2,2,5,5)', () => {
    const r = pairedStats([1, 2, 3, 4], [2, 2, 5, 5]);
    // d = 1,0,2,1: mean 1, sd sqrt(2/3); t(0.975, 3) = 3.182446
    expect(r.n).toBe(4);
    expect(r.diff).toBeCloseTo(1, 12);
    expect(r.sdDiff).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(r.ciLow).toBeCloseTo(1 - (3.182446 * Math.sqrt(2 / 3)) / 2, 5);
    expect(r.ciHigh).toBeCloseTo(1 + (3.182446 * Math.sqrt(2 / 3)) / 2, 5);
    expect(r.dz).toBeCloseTo(1 / Math.sqrt(2 / 3), 12);
    const sp = Math.sqrt((5 / 3 + 3) / 2);
    expect(r.hedgesG).toBeCloseTo((1 / sp) * (1 - 3 / 23), 12);
    expect(r.pValue).toBeCloseTo(0.0917, 3);
  });

  it('skip pairs with a missing value, and give zero effect for identical samples', () => {
    const r = pairedStats([1, NaN, 3], [2, 5, 4]);
    expect(r.n).toBe(2);
    expect(r.diff).toBe(1);
    const z = pairedStats([0.3, 0.5, 0.4], [0.3, 0.5, 0.4]);
    expect([z.diff, z.ciLow, z.ciHigh, z.dz, z.hedgesG, z.pValue]).toEqual([0, 0, 0, 0, 0, 1]);
  });

  it('seeds are derived deterministically and differ from each other', () => {
    const s = compareSeeds(20);
    expect(compareSeeds(20)).toEqual(s);
    expect(new Set(s).size).toBe(20);
    expect(compareSeeds(3, 7)).not.toEqual(compareSeeds(3, 0));
    for (const x of s) expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
  });
});

describe('runComparison', () => {
  const small = resolveScenario({ name: 'small', years: 2, locality: { preset: 'custom', schools: 30 } });
  it('a scenario compared with itself differs by exactly zero on every metric (common random numbers)', () => {
    const c = runComparison(small, small, { a: 'a', b: 'b' }, { reps: 3 });
    expect(c.rows.length).toBeGreaterThan(10);
    for (const r of c.rows) {
      expect(r.diff).toBe(0);
      expect(r.ciLow).toBe(0);
      expect(r.ciHigh).toBe(0);
    }
  });

  it('a policy that matters shows a difference whose interval excludes zero', () => {
    const b = resolveScenario({
      name: 'closing',
      years: 4,
      locality: { preset: 'town' },
      mats: { openShare: 1 },
      timeline: [{ event: 'matOpenness', year: 1, open: false }],
    });
    const a = resolveScenario({ name: 'open', years: 4, locality: { preset: 'town' }, mats: { openShare: 1 } });
    const c = runComparison(a, b, { a: 'a', b: 'b' }, { reps: 5 });
    const hub = c.rows.find((r) => r.metric === 'hub_engagement')!;
    expect(hub.ciHigh).toBeLessThan(0);
    expect(hub.dz).toBeLessThan(-0.8);
  });
});
