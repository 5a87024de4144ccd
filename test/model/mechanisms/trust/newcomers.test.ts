/** Newcomer perceptions (docs/ODD.md 7.2): the baseline a head holds of a stranger, and resetting a relationship to it. */
import { describe, expect, it } from 'vitest';
import { relationalTrust } from '../../../../src/model/core/state.ts';
import { newcomerBaseline, resetEdge, resetLeaderEdges, resetReplaced } from '../../../../src/model/mechanisms/trust/newcomers.ts';
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

describe('resetReplaced', () => {
  it('leaves what resetting each replaced head in turn, in slot order, leaves, however the list is split and in whatever order its parts run', () => {
    // Eight heads in two partnerships of four: heads 0, 2, 3 and 6 are replaced, so some relationships join two new heads.
    const input = { schools: { count: 8 } };
    const inTurn = tiny(input);
    const together = tiny(input);
    const heads = [0, 2, 3, 6];
    const assim = [1, 0, 1, 0];
    const newPropensity = [0.8, 0.05, 0.6, 0.3];
    for (const m of [inTurn, together]) {
      setAllTrust(m, 0.9);
      m.state.leaders.propensity.forEach((_, k) => (m.state.leaders.propensity[k] = 0.1 + 0.1 * k));
      m.state.schools.standing.forEach((_, k) => (m.state.schools.standing[k] = 0.2 + 0.05 * k));
      m.state.edges.interactions.fill(3);
    }
    // One after another, as the turnover rule did: a head's traits are new when its relationships restart.
    heads.forEach((h, k) => {
      inTurn.state.leaders.propensity[h] = newPropensity[k];
      resetLeaderEdges(inTurn.state, inTurn.scenario, h, assim[k] === 1);
    });
    // Together: every new head first, then the list in three parts run last part first (as threads might).
    const L = together.state.leaders;
    heads.forEach((h, k) => (L.propensity[h] = newPropensity[k]));
    const replaced = new Uint8Array(L.n);
    for (const h of heads) replaced[h] = 1;
    const q = { heads: Int32Array.from(heads), assimilating: Uint8Array.from(assim), replaced };
    for (const [from, to] of [
      [3, 4],
      [1, 3],
      [0, 1],
    ])
      resetReplaced(together.state, together.scenario.model.trust, q, from, to);
    const E = together.state.edges;
    for (const k of ['respect', 'regard', 'competence', 'integrity', 'trust', 'interactions'] as const)
      expect(Array.from(E[k]), k).toEqual(Array.from(inTurn.state.edges[k]));
    // The test means something: some relationship joins two new heads, and some joins none.
    let both = 0,
      neither = 0;
    for (let i = 0; i < L.n; i++)
      for (let e = E.outStart[i]; e < E.outStart[i + 1]; e++) {
        const n = replaced[i] + replaced[E.dst[e]];
        if (n === 2) both++;
        if (n === 0) {
          neither++;
          expect(E.interactions[e]).toBe(3);
        }
      }
    expect(both).toBeGreaterThan(0);
    expect(neither).toBeGreaterThan(0);
  });
});
