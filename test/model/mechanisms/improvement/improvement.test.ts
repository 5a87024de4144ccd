/**
 * Unit tests of one rule each: a small state, the rule applied, and the values its equation (docs/ODD.md) gives.
 */
import { describe, expect, it } from 'vitest';
import { trustGate, improvement } from '../../../../src/model/mechanisms/improvement/improvement.ts';
import { tiny } from '../../../helpers/tiny-model.ts';

describe('improvement', () => {
  it('the trust gate is closed below the low threshold and open above the high one', () => {
    expect(trustGate(0.2, 0.3, 0.75)).toBe(0);
    expect(trustGate(0.8, 0.3, 0.75)).toBe(1);
    expect(trustGate(0.525, 0.3, 0.75)).toBeCloseTo(0.5, 9);
  });
  it('with internal trust below the gate, drive does not raise effectiveness', () => {
    const m = tiny({ model: { improvement: { noise: 0 } } });
    const S = m.state.schools;
    S.internalTrust.fill(0.1);
    S.effectiveness.fill(0.5);
    S.learning.fill(1);
    m.state.leaders.openness.fill(0);
    m.state.leaders.moralPurpose.fill(0);
    m.state.leaders.competence.fill(0);
    m.state.leaders.followThrough.fill(0);
    m.state.tick = 1;
    improvement(m.ctx);
    for (let s = 0; s < 4; s++) expect(S.effectiveness[s]).toBeLessThan(0.5);
    S.internalTrust.fill(0.9);
    m.state.leaders.openness.fill(1);
    m.state.leaders.moralPurpose.fill(1);
    m.state.leaders.competence.fill(1);
    m.state.leaders.followThrough.fill(1);
    const before = S.effectiveness[0];
    improvement(m.ctx);
    expect(S.effectiveness[0]).toBeGreaterThan(before);
  });
});
