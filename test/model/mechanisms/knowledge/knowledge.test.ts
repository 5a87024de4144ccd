/**
 * Unit tests of one rule each: a small state, the rule applied, and the values its equation (docs/ODD.md) gives.
 */
import { describe, expect, it } from 'vitest';
import { relationalTrust } from '../../../../src/model/core/state.ts';
import { knowledgeExchange } from '../../../../src/model/mechanisms/knowledge/knowledge.ts';
import { tiny, setAllTrust } from '../../../helpers/tiny-model.ts';

describe('knowledge exchange', () => {
  it('flows from more effective partners in proportion to trust and stance', () => {
    const m = tiny();
    setAllTrust(m, 0.5);
    const S = m.state.schools;
    S.effectiveness.set([0.4, 0.6, 0.6, 0.4]);
    S.learning.fill(0);
    knowledgeExchange(m.ctx);
    // School 0 (3 partners): two are 0.2 better, trust 0.5, stance share: 0.25 * (2 * 0.5 * 0.2) / 3
    expect(S.learning[0]).toBeCloseTo((0.25 * (2 * relationalTrust(0.5, 0.5, 0.5, 0.5) * 0.2)) / 3, 6);
    expect(S.learning[1]).toBe(0);
    S.learning.fill(0);
    S.stance[1] = 0; // protect
    knowledgeExchange(m.ctx);
    expect(S.learning[0]).toBeCloseTo((0.25 * 0.5 * 0.2 * (1 + 0.15)) / 3, 6);
  });
});
