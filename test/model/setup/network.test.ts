/**
 * The relationship network installGroups builds (setup/network.ts): every
 * ordered pair of co-members once, sorted by (source, destination), each
 * edge's reverse, and each group's edge list. Checked on a city with trusts,
 * hubs and boundary spanners, where heads sit in several overlapping groups.
 */
import { describe, expect, it } from 'vitest';
import { createModel } from '../../../src/model/simulate.ts';
import { loadScenarioFile } from '../../../src/scenario/scenario-file.ts';

describe('installGroups: the edge set', () => {
  const city = loadScenarioFile('scenarios/city-baseline.yaml').scenario;
  const m = createModel({ ...city, burnInYears: 0 }, { seed: 4 });
  const { edges: E, groups: G, leaders: L } = m.state;

  it('holds every pair of co-members once, each source’s destinations strictly increasing', () => {
    const expected = Array.from({ length: L.n }, () => new Set<number>());
    for (let g = 0; g < G.n; g++)
      for (let p = G.memberStart[g]; p < G.memberStart[g + 1]; p++)
        for (let q = G.memberStart[g]; q < G.memberStart[g + 1]; q++) if (G.members[p] !== G.members[q]) expected[G.members[p]].add(G.members[q]);
    // The test means something: some heads share more than one group with the same partner.
    let overlapping = 0;
    for (let i = 0; i < L.n; i++) {
      const got = Array.from(E.dst.subarray(E.outStart[i], E.outStart[i + 1]));
      expect(got).toEqual([...expected[i]].sort((a, b) => a - b));
      const groupsOfI = G.byLeaderStart[i + 1] - G.byLeaderStart[i];
      if (groupsOfI > 1) overlapping++;
    }
    expect(overlapping).toBeGreaterThan(10);
  });

  it("gives each edge i -> j its reverse j -> i, and each group's list the edges between its members", () => {
    for (let i = 0; i < L.n; i++)
      for (let e = E.outStart[i]; e < E.outStart[i + 1]; e++) {
        const r = E.rev[e];
        expect(r >= E.outStart[E.dst[e]] && r < E.outStart[E.dst[e] + 1]).toBe(true);
        expect(E.dst[r]).toBe(i);
        expect(E.rev[r]).toBe(e);
      }
    for (let g = 0; g < G.n; g++) {
      const a = G.memberStart[g];
      const mg = G.memberStart[g + 1] - a;
      for (let p = 0; p < mg; p++)
        for (let q = 0; q < mg; q++) {
          if (p === q) continue;
          const e = G.edges[G.edgeStart[g] + p * (mg - 1) + (q < p ? q : q - 1)];
          const i = G.members[a + p];
          expect(e >= E.outStart[i] && e < E.outStart[i + 1]).toBe(true);
          expect(E.dst[e]).toBe(G.members[a + q]);
        }
    }
  });
});
