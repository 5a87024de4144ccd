/**
 * Unit tests of one rule each: a small state, the rule applied, and the values its equation (docs/ODD.md) gives.
 */
import { describe, expect, it } from 'vitest';
import { relationalTrust } from '../../../../src/model/core/state.ts';
import { knowledgeExchange } from '../../../../src/model/mechanisms/knowledge/knowledge.ts';
import { tiny, setAllTrust } from '../../../helpers/tiny-model.ts';

describe('knowledge exchange', () => {
  it('flows from more effective partners in proportion to trust and stance', () => {
    const m = tiny({ model: { knowledge: { rate: 0.1 } } });
    setAllTrust(m, 0.5);
    const S = m.state.schools;
    // Effectiveness in pupil SD: schools 1 and 2 are 0.2 SD more effective than 0 and 3.
    S.effectiveness.set([-0.1, 0.1, 0.1, -0.1]);
    S.learning.fill(0);
    knowledgeExchange(m.ctx);
    // School 0 (3 partners): two are 0.2 better, trust 0.5, stance share: rate * (2 * 0.5 * 0.2) / 3 (pupil SD a year)
    expect(S.learning[0]).toBeCloseTo((0.1 * (2 * relationalTrust(0.5, 0.5, 0.5, 0.5) * 0.2)) / 3, 6);
    expect(S.learning[1]).toBe(0);
    expect(m.state.tallies.knowledgeFlow).toBeCloseTo(2 * S.learning[0], 9);
    S.learning.fill(0);
    S.stance[1] = 0; // protect
    knowledgeExchange(m.ctx);
    expect(S.learning[0]).toBeCloseTo((0.1 * 0.5 * 0.2 * (1 + 0.15)) / 3, 6);
    // The flow scales with the rate.
    const twice = tiny({ model: { knowledge: { rate: 0.2 } } });
    setAllTrust(twice, 0.5);
    twice.state.schools.effectiveness.set([-0.1, 0.1, 0.1, -0.1]);
    twice.state.schools.learning.fill(0);
    knowledgeExchange(twice.ctx);
    expect(twice.state.schools.learning[3]).toBeCloseTo((0.2 * (2 * relationalTrust(0.5, 0.5, 0.5, 0.5) * 0.2)) / 3, 6);
  });
});
