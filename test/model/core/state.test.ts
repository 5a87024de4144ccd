/**
 * Unit tests of one rule each: a small state, the rule applied, and the values its equation (docs/ODD.md) gives.
 */
import { describe, expect, it } from 'vitest';
import { relationalTrust } from '../../../src/model/core/state.ts';

describe('relational trust', () => {
  it('is the power mean with exponent -4, dominated by the weakest perception', () => {
    const t = relationalTrust(0.9, 0.9, 0.9, 0.2);
    const expected = ((3 * 0.9 ** -4 + 0.2 ** -4) / 4) ** -0.25;
    expect(t).toBeCloseTo(expected, 12);
    expect(t).toBeLessThan(0.3);
  });
});
