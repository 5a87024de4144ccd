/** A locality's place (presets with the scenario's keys applied, school counts, national scaling) and the layout of its schools. */
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../../../src/api.ts';
import { stream } from '../../../../src/engine/rng.ts';
import { layoutPlace } from '../../../../src/model/mechanisms/locality/generate.ts';
import { localPlace, localitySchoolCount, scaledCount } from '../../../../src/model/mechanisms/locality/place.ts';
import { ENGLAND_SCHOOLS, LOCALITY_PRESETS } from '../../../../src/model/mechanisms/locality/presets.ts';

describe('localPlace', () => {
  it('takes the preset where the scenario is silent', () => {
    const p = localPlace(resolveScenario({ locality: { preset: 'shire' } }), 'shire');
    const pre = LOCALITY_PRESETS.shire;
    expect(p).toMatchObject({ kind: 'shire', schools: pre.schools, extentKm: pre.extentKm, settlements: pre.settlements, urbanShare: pre.urbanShare });
    expect(p.mats).toMatchObject({ ...pre.mats.shares, openShare: pre.mats.openShare, clustering: pre.mats.clustering });
    expect(p.heads).toMatchObject({ coverage: pre.headsNetwork.coverage, clusterSize: 10, meetingsPerYear: 3 });
    expect(p.choiceIntensity).toBe(pre.competition.choiceIntensity);
    expect(p.spanners.count).toBe(pre.spanners.count);
    expect(p.hubs).toEqual(pre.hubs);
  });

  it("the scenario's explicit keys win over the preset", () => {
    const s = resolveScenario({
      locality: { preset: 'town', extentKm: 12, headsNetwork: { coverage: 0.9, clusterSize: 6 } },
      mats: { shares: { large: 0.4 }, openShare: 0 },
      hubs: { mathsHubKm: 2 },
      competition: { choiceIntensity: 0.1 },
      spanners: { count: 7 },
    });
    const p = localPlace(s, 'town');
    expect(p.extentKm).toBe(12);
    expect(p.heads).toMatchObject({ coverage: 0.9, clusterSize: 6 });
    expect(p.mats.large).toBe(0.4);
    expect(p.mats.medium).toBe(LOCALITY_PRESETS.town.mats.shares.medium);
    expect(p.mats.openShare).toBe(0);
    expect(p.hubs.mathsHubKm).toBe(2);
    expect(p.choiceIntensity).toBe(0.1);
    expect(p.spanners.count).toBe(7);
    // For a national run the same keys apply to every kind of locality.
    expect(localPlace(s, 'city').extentKm).toBe(12);
  });
});

describe('localitySchoolCount and scaledCount', () => {
  it('count: schools.count without a locality, then locality.schools, then the preset; national scales England', () => {
    expect(localitySchoolCount(resolveScenario({ schools: { count: 17 } }))).toBe(17);
    expect(localitySchoolCount(resolveScenario({ locality: { preset: 'city', schools: 33 } }))).toBe(33);
    expect(localitySchoolCount(resolveScenario({ locality: { preset: 'city' } }))).toBe(LOCALITY_PRESETS.city.schools);
    expect(localitySchoolCount(resolveScenario({ locality: { preset: 'national', scale: 0.05 } }))).toBe(Math.round(ENGLAND_SCHOOLS * 0.05));
  });

  it('scaledCount rounds, keeps at least one of a positive count and none of a zero one', () => {
    expect(scaledCount(87, 0.5)).toBe(44);
    expect(scaledCount(40, 0.01)).toBe(1);
    expect(scaledCount(0, 1)).toBe(0);
    expect(scaledCount(750, 0.2)).toBe(150);
  });
});

describe('layoutPlace', () => {
  const place = (over: Partial<ReturnType<typeof localPlace>> = {}) => ({
    ...localPlace(resolveScenario({ locality: { preset: 'custom' } }), 'custom'),
    ...over,
  });

  it('lays out n schools inside the extent, each with a settlement, a disadvantaged share in [0, 1] and at least 20 pupils', () => {
    const p = place({ extentKm: 8, settlements: 3 });
    const lay = layoutPlace(p, 200, stream(1, 'layout-test'));
    for (const a of [lay.xKm, lay.yKm, lay.disadvantage, lay.pupils, lay.settlement]) expect(a.length).toBe(200);
    for (let s = 0; s < 200; s++) {
      expect(lay.xKm[s]).toBeGreaterThanOrEqual(0);
      expect(lay.xKm[s]).toBeLessThanOrEqual(8);
      expect(lay.yKm[s]).toBeGreaterThanOrEqual(0);
      expect(lay.yKm[s]).toBeLessThanOrEqual(8);
      expect([0, 1, 2]).toContain(lay.settlement[s]);
      expect(lay.disadvantage[s]).toBeGreaterThanOrEqual(0);
      expect(lay.disadvantage[s]).toBeLessThanOrEqual(1);
      expect(lay.pupils[s]).toBeGreaterThanOrEqual(20);
      expect(Number.isInteger(lay.pupils[s])).toBe(true);
    }
  });

  it('is the same for the same stream seed and differs for another', () => {
    const p = place();
    const a = layoutPlace(p, 50, stream(4, 'layout-test'));
    const b = layoutPlace(p, 50, stream(4, 'layout-test'));
    const c = layoutPlace(p, 50, stream(5, 'layout-test'));
    expect(Array.from(b.xKm)).toEqual(Array.from(a.xKm));
    expect(Array.from(b.pupils)).toEqual(Array.from(a.pupils));
    expect(Array.from(c.xKm)).not.toEqual(Array.from(a.xKm));
  });

  it('with one settlement, all schools urban and a tight spread, schools cluster inside the central 70% of the area', () => {
    const lay = layoutPlace(place({ extentKm: 10, settlements: 1, urbanShare: 1, settlementSpreadKm: 0.05 }), 100, stream(2, 'layout-test'));
    const mx = lay.xKm.reduce((a, b) => a + b, 0) / 100;
    const my = lay.yKm.reduce((a, b) => a + b, 0) / 100;
    expect(mx).toBeGreaterThanOrEqual(1.5);
    expect(mx).toBeLessThanOrEqual(8.5);
    expect(my).toBeGreaterThanOrEqual(1.5);
    expect(my).toBeLessThanOrEqual(8.5);
    for (let s = 0; s < 100; s++) expect(Math.hypot(lay.xKm[s] - mx, lay.yKm[s] - my)).toBeLessThan(0.5);
  });

  it('without spread or gradient every school has the mean disadvantaged share', () => {
    const lay = layoutPlace(place({ disadvantageMean: 0.3, disadvantageSd: 0, disadvantageGradient: 0 }), 40, stream(3, 'layout-test'));
    for (let s = 0; s < 40; s++) expect(lay.disadvantage[s]).toBeCloseTo(0.3, 12);
  });
});
