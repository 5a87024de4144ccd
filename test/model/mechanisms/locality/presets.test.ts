/**
 * The policy layer: localities, trusts, hubs, spanners and competition (model brief sections 4 and 5).
 */
import { describe, expect, it } from 'vitest';
import { GROUP_KINDS } from '../../../../src/model/core/state.ts';
import { LOCALITY_PRESETS } from '../../../../src/model/mechanisms/locality/presets.ts';
import { build, shares } from '../../../helpers/policy-model.ts';

describe('EQuaLLS locality presets (seed 003)', () => {
  for (const preset of ['city', 'town', 'shire'] as const) {
    it(`${preset}: 60-90 primary schools in the unit square, governance shares within 0.06 of the preset`, () => {
      const st = build({ locality: { preset } }).state;
      const S = st.schools;
      expect(S.n).toBeGreaterThanOrEqual(60);
      expect(S.n).toBeLessThanOrEqual(90);
      for (let s = 0; s < S.n; s++) {
        expect(S.x[s]).toBeGreaterThanOrEqual(0);
        expect(S.x[s]).toBeLessThanOrEqual(1);
      }
      const p = LOCALITY_PRESETS[preset].mats.shares;
      const got = shares(st);
      expect(Math.abs(got.academies - (p.singleAcademyTrust + p.small + p.medium + p.large))).toBeLessThan(0.06);
      expect(st.policy!.spanners.length).toBe(LOCALITY_PRESETS[preset].spanners.count);
    });
  }

  it('city: about half academies, both hubs led from inside the area, every school within 5 km of a hub', () => {
    const st = build({ locality: { preset: 'city' } }).state;
    const P = st.policy!;
    expect(Math.abs(shares(st).academies - 0.5)).toBeLessThan(0.06);
    const hubs = P.hubs.filter((h) => h.kind >= 0);
    expect(hubs.map((h) => h.kind).sort()).toEqual([0, 1]);
    for (const h of hubs) expect(h.lead).toBeGreaterThanOrEqual(0);
    for (let s = 0; s < st.schools.n; s++) expect(P.hubDistKm[s]).toBeLessThan(5);
  });

  it('town: about two thirds academies, over 40% in medium and large trusts, most medium and large trusts non-local, hubs remote, few heads in a network', () => {
    const st = build({ locality: { preset: 'town' } }).state;
    const got = shares(st);
    expect(Math.abs(got.academies - 2 / 3)).toBeLessThan(0.06);
    expect(got.medium + got.large).toBeGreaterThan(0.4);
    const P = st.policy!;
    for (const h of P.hubs) expect(h.lead).toBe(-1);
    for (let s = 0; s < st.schools.n; s++) expect(P.hubDistKm[s]).toBeGreaterThan(10);
    const heads = GROUP_KINDS.indexOf('heads-network');
    let inNetwork = 0;
    for (let g = 0; g < st.groups.n; g++) if (st.groups.kind[g] === heads) inNetwork += st.groups.memberStart[g + 1] - st.groups.memberStart[g];
    expect(inNetwork / st.schools.n).toBeLessThan(0.2);
  });

  it("shire: medium and large share under half of Town's, a heads' network covering at least 90% with assimilating norms, spanners on a shared board, hubs over 15 km from every school", () => {
    const st = build({ locality: { preset: 'shire' } }).state;
    const town = shares(build({ locality: { preset: 'town' } }).state);
    const got = shares(st);
    expect(got.medium + got.large).toBeLessThan((town.medium + town.large) / 2);
    const G = st.groups;
    const heads = GROUP_KINDS.indexOf('heads-network');
    const members = new Set<number>();
    for (let g = 0; g < G.n; g++) {
      if (G.kind[g] !== heads || G.names[g].startsWith('BOARD')) continue;
      expect(G.codeOfConduct[g]).toBe(1);
      for (let k = G.memberStart[g]; k < G.memberStart[g + 1]; k++) members.add(G.members[k]);
    }
    expect(members.size / st.schools.n).toBeGreaterThan(0.85);
    expect(G.names.some((n) => n.startsWith('BOARD'))).toBe(true);
    const P = st.policy!;
    for (let s = 0; s < st.schools.n; s++) expect(P.hubDistKm[s]).toBeGreaterThan(15);
    expect(P.spanners.filter((x) => x.role === 'governor').length).toBeGreaterThanOrEqual(4);
  });

  it("heads' clusters start with the place's prior social capital (Shire mean cluster trust near its prior 0.62)", () => {
    const st = build({ locality: { preset: 'shire' } }).state;
    const G = st.groups;
    const heads = GROUP_KINDS.indexOf('heads-network');
    let sum = 0,
      n = 0;
    for (let g = 0; g < G.n; g++) {
      if (G.kind[g] !== heads || G.names[g].startsWith('BOARD')) continue;
      for (let k = G.edgeStart[g]; k < G.edgeStart[g + 1]; k++) {
        sum += st.edges.trust[G.edges[k]];
        n++;
      }
    }
    expect(sum / n).toBeGreaterThan(0.5);
  });
});
