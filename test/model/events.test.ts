/**
 * Unit tests of one rule each: a small state, the rule applied, and the values its equation (docs/ODD.md) gives.
 */
import { describe, expect, it } from 'vitest';
import { applyEvent } from '../../src/model/events.ts';
import { tiny, setAllTrust, findEdge } from '../helpers/tiny-model.ts';

describe('events', () => {
  it("a hidden agenda collapses partners' integrity perceptions of that head", () => {
    const m = tiny();
    setAllTrust(m, 0.8);
    applyEvent(m.ctx, { event: 'hiddenAgenda', year: 1, school: 2 });
    const E = m.state.edges;
    expect(E.integrity[findEdge(E, 0, 2)]).toBeCloseTo(0.16, 5);
    expect(E.trust[findEdge(E, 0, 2)]).toBeLessThan(0.25);
    expect(E.integrity[findEdge(E, 2, 0)]).toBeCloseTo(0.8, 5);
  });
  it('an unknown school is a clear error', () => {
    const m = tiny();
    expect(() => applyEvent(m.ctx, { event: 'leaderLeaves', year: 1, school: 'Nowhere' })).toThrow(/no school named 'Nowhere'/);
  });
});
