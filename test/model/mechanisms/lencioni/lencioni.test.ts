/**
 * Unit tests of one rule each: a small state, the rule applied, and the values its equation (docs/ODD.md) gives.
 */
import { describe, expect, it } from 'vitest';
import { lencioni } from '../../../../src/model/mechanisms/lencioni/lencioni.ts';
import { tiny, setAllTrust } from '../../../helpers/tiny-model.ts';

describe('Lencioni cascade', () => {
  it('levels move toward their targets and are capped by the level beneath', () => {
    const m = tiny({ leaders: { candour: { mean: 0.9, sd: 0 }, followThrough: { mean: 0.9, sd: 0 }, moralPurpose: { mean: 0.9, sd: 0 } } });
    setAllTrust(m, 0.4);
    const G = m.state.groups;
    G.lConflict[0] = G.lCommitment[0] = G.lAccountability[0] = G.lResults[0] = 0.8;
    lencioni(m.ctx);
    expect(G.lTrust[0]).toBeCloseTo(0.4, 6);
    for (const lv of [G.lConflict, G.lCommitment, G.lAccountability, G.lResults]) expect(lv[0]).toBeLessThanOrEqual(0.4 + 1e-7);
    expect(G.binding[0]).toBe(1); // conflict is the lowest level held down by the level beneath (trust 0.4 < candour 0.9)
  });

  it('without candour, conflict (and everything above it) stays low however high trust is', () => {
    const m = tiny({ leaders: { candour: { mean: 0.1, sd: 0 } } });
    setAllTrust(m, 0.9);
    for (let k = 0; k < 30; k++) lencioni(m.ctx);
    const G = m.state.groups;
    expect(G.lConflict[0]).toBeCloseTo(0.1, 3);
    expect(G.lResults[0]).toBeLessThanOrEqual(0.1 + 1e-6);
    expect(G.binding[0]).toBe(2); // conflict is held by candour, not by trust; commitment is then held by conflict
  });

  it('results focus pushes member schools by collectiveGain × L5', () => {
    const m = tiny();
    m.state.groups.lResults[0] = 0.5;
    setAllTrust(m, 0.9);
    m.state.groups.lConflict[0] = m.state.groups.lCommitment[0] = m.state.groups.lAccountability[0] = 0.9;
    lencioni(m.ctx);
    expect(m.state.schools.collective[0]).toBeCloseTo(0.05 * m.state.groups.lResults[0], 6);
  });
});
