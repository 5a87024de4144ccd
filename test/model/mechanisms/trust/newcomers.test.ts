/** Newcomer perceptions (docs/ODD.md 7.2): the baseline a head holds of a stranger, and resetting a relationship to it. */
import { describe, expect, it } from 'vitest';
import { relationalTrust } from '../../../../src/model/core/state.ts';
import { newcomerBaseline, resetEdge, resetLeaderEdges } from '../../../../src/model/mechanisms/trust/newcomers.ts';
import { findEdge, setAllTrust, tiny } from '../../../helpers/tiny-model.ts';

describe('newcomerBaseline', () => {
  it('is clamp(newcomerBase + newcomerSpan × propensity + assimilation in an assimilating group)', () => {
    const m = tiny();
    m.state.leaders.propensity[0] = 0.5;
    expect(newcomerBaseline(m.state, m.scenario, 0, false)).toBeCloseTo(0.25 + 0.4 * 0.5, 12);
    expect(newcomerBaseline(m.state, m.scenario, 0, true)).toBeCloseTo(0.25 + 0.4 * 0.5 + 0.1, 12);
    m.state.leaders.propensity[0] = 0;
    expect(newcomerBaseline(m.state, m.scenario, 0, false)).toBeCloseTo(0.25, 12);
  });

  it('is clamped to 1', () => {
    const m = tiny({ model: { trust: { newcomerBase: 0.9, newcomerSpan: 0.4, assimilation: 0.1 } } });
    m.state.leaders.propensity[1] = 1;
    expect(newcomerBaseline(m.state, m.scenario, 1, true)).toBe(1);
  });
});

describe('resetEdge', () => {
  it("restarts i -> j at the baseline, competence halfway to j's school's national standing, no interactions; trust is the power mean of the stored perceptions", () => {
    const m = tiny();
    setAllTrust(m, 0.9);
    const E = m.state.edges;
    const e = findEdge(E, 0, 2);
    E.interactions[e] = 7;
    m.state.leaders.propensity[0] = 0.25;
    // Reputation is the standing (percentile, 0..1), not the effect in pupil SD.
    m.state.schools.standing[m.state.leaders.school[2]] = 0.7;
    m.state.schools.effectiveness[m.state.leaders.school[2]] = -0.2;
    const other = findEdge(E, 2, 0);
    const before = [E.respect[other], E.competence[other], E.trust[other]];
    resetEdge(m.state, m.scenario, e, 0, false);
    const b = 0.25 + 0.4 * 0.25;
    expect(E.respect[e]).toBeCloseTo(b, 6);
    expect(E.regard[e]).toBeCloseTo(b, 6);
    expect(E.integrity[e]).toBeCloseTo(b, 6);
    expect(E.competence[e]).toBeCloseTo(0.5 * b + 0.5 * 0.7, 6);
    expect(E.interactions[e]).toBe(0);
    expect(E.trust[e]).toBe(Math.fround(relationalTrust(E.respect[e], E.regard[e], E.competence[e], E.integrity[e])));
    expect([E.respect[other], E.competence[other], E.trust[other]]).toEqual(before); // only one direction
  });

  it('gives an assimilating group a higher restart', () => {
    const m = tiny();
    const E = m.state.edges;
    const e = findEdge(E, 1, 3);
    resetEdge(m.state, m.scenario, e, 1, false);
    const plain = E.regard[e];
    resetEdge(m.state, m.scenario, e, 1, true);
    expect(E.regard[e]).toBeCloseTo(Math.min(1, plain + 0.1), 6);
  });
});

describe('resetLeaderEdges', () => {
  it("gives each of head i's relationships, both ways, what resetEdge gives it, and touches no other", () => {
    const viaEdges = tiny();
    const viaHead = tiny();
    for (const m of [viaEdges, viaHead]) {
      setAllTrust(m, 0.9);
      m.state.leaders.propensity.forEach((_, k) => (m.state.leaders.propensity[k] = 0.1 + 0.2 * k));
      m.state.schools.standing.forEach((_, k) => (m.state.schools.standing[k] = 0.3 + 0.1 * k));
      m.state.edges.interactions.fill(3);
    }
    const E = viaEdges.state.edges;
    const i = 1;
    for (let e = E.outStart[i]; e < E.outStart[i + 1]; e++) {
      resetEdge(viaEdges.state, viaEdges.scenario, e, i, true);
      resetEdge(viaEdges.state, viaEdges.scenario, E.rev[e], E.dst[e], true);
    }
    resetLeaderEdges(viaHead.state, viaHead.scenario, i, true);
    for (const k of ['respect', 'regard', 'competence', 'integrity', 'trust', 'interactions'] as const)
      expect(Array.from(viaHead.state.edges[k]), k).toEqual(Array.from(E[k]));
    expect(Array.from(E.interactions).filter((x) => x === 3).length).toBe(E.n - 2 * (E.outStart[i + 1] - E.outStart[i]));
  });
});
