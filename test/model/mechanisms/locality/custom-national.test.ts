/**
 * The policy layer: localities, trusts, hubs, spanners and competition (model brief sections 4 and 5).
 */
import { describe, expect, it } from 'vitest';
import { NK } from '../../../../src/model/core/policy-state.ts';
import { serpentineChunks } from '../../../../src/model/mechanisms/partnerships/partnerships.ts';
import { build, shares } from '../../../helpers/policy-model.ts';

describe('custom and national localities', () => {
  it('a custom locality follows its parameters', () => {
    const st = build({
      locality: { preset: 'custom', schools: 120, extentKm: 20, partnershipCoverage: 0.5 },
      mats: { shares: { medium: 0.3, large: 0.2 }, openShare: 0 },
      hubs: { mathsHubKm: 0 },
      spanners: { count: 4 },
    }).state;
    expect(st.schools.n).toBe(120);
    expect(st.policy!.kmPerUnit).toBe(20);
    const got = shares(st);
    expect(Math.abs(got.medium + got.large - 0.5)).toBeLessThan(0.06);
    for (const m of st.policy!.mats) expect(m.open).toBe(false);
    expect(st.policy!.hubs[0].lead).toBeGreaterThanOrEqual(0);
    expect(st.policy!.spanners.length).toBe(4);
  });

  it('England at scale 1: 20,000 schools in many localities, 40 Maths Hub and 87 Teaching School Hub areas, 28 Research Schools; every school has a designated hub of each kind', () => {
    const st = build({ locality: { preset: 'national' }, output: { groupSeries: false } }).state;
    const P = st.policy!;
    expect(st.schools.n).toBe(20000);
    expect(P.localities.length).toBeGreaterThan(200);
    expect(new Set(P.localities.map((l) => l.kind))).toEqual(new Set(['city', 'town', 'shire']));
    const count = (k: number) => P.hubs.filter((h) => h.kind === k).length;
    expect([count(0), count(1), count(2)]).toEqual([40, 87, 28]);
    for (let s = 0; s < st.schools.n; s += 97) for (let k = 0; k < NK; k++) expect(P.designated[s * NK + k]).toBeGreaterThanOrEqual(0);
    expect(new Set(Array.from({ length: st.schools.n }, (_, s) => P.designated[s * NK + 0])).size).toBe(40);
    expect(st.edges.n).toBeGreaterThan(150000);
  }, 60_000);

  it('the alliance era: hubs.alliances = 750 at scale 0.2 gives 150 alliances covering about a third of schools', () => {
    const st = build({
      locality: { preset: 'national', scale: 0.2 },
      hubs: { alliances: 750, teachingSchoolHubsActive: false },
      output: { groupSeries: false },
    }).state;
    const P = st.policy!;
    expect(P.hubs.filter((h) => h.kind < 0).length).toBe(150);
    let inAlliance = 0;
    for (let s = 0; s < st.schools.n; s++) if (P.alliance[s] >= 0) inAlliance++;
    expect(Math.abs(inAlliance / st.schools.n - 0.33)).toBeLessThan(0.05);
    expect(P.hubs.filter((h) => h.kind === 1).every((h) => !h.active)).toBe(true);
  });

  it('serpentine chunks cover every school once in near-equal runs of about the given size (or at most it)', () => {
    const n = 50;
    const x = Float32Array.from({ length: n }, (_, i) => ((i * 37) % 50) / 50);
    const y = Float32Array.from({ length: n }, (_, i) => ((i * 11) % 50) / 50);
    const chunks = serpentineChunks(
      Array.from({ length: n }, (_, i) => i),
      x,
      y,
      6,
    );
    expect(chunks.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(chunks.length).toBe(8);
    for (const c of chunks) expect(c.length).toBeGreaterThanOrEqual(6);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(7);
    for (const c of serpentineChunks(
      Array.from({ length: n }, (_, i) => i),
      x,
      y,
      12,
      true,
    ))
      expect(c.length).toBeLessThanOrEqual(12);
  });
});
