/** Hubs and alliances (docs/ODD.md P7.4-P7.5): designation, yearly engagement, loss of designation and the 2021 hub reform. */
import { describe, expect, it } from 'vitest';
import { NK } from '../../../../src/model/core/policy-state.ts';
import { loseDesignation as loseDesignationEvent, replaceAlliancesByHubs as replaceEvent } from '../../../../src/model/mechanisms/hubs/events.ts';
import {
  designate,
  engageHubs,
  engagementsOf,
  loseDesignation,
  replaceAlliancesByHubs,
  yearlyDesignations,
} from '../../../../src/model/mechanisms/hubs/hubs.ts';
import { addSpanner } from '../../../../src/model/mechanisms/spanners/spanners.ts';
import type { ScenarioInput } from '../../../../src/model/schema.ts';
import { policyStructure } from '../../../../src/model/structure/install.ts';
import { build, hub, kindCount } from '../../../helpers/policy-model.ts';
import { setAllTrust, tiny } from '../../../helpers/tiny-model.ts';

/** n schools on a horizontal line at the given x (y = 0.5). */
function model(xs: number[], input: ScenarioInput = {}) {
  const n = xs.length;
  const m = tiny({ schools: { count: n }, partnerships: { size: Math.min(n, 12) }, ...input });
  m.state.schools.x.set(xs);
  m.state.schools.y.fill(0.5);
  return m;
}
const engagedOf = (m: ReturnType<typeof tiny>, k: number) => Array.from({ length: m.state.schools.n }, (_, s) => m.state.policy!.engaged[s * NK + k]);
const designatedOf = (m: ReturnType<typeof tiny>, k: number) => Array.from({ length: m.state.schools.n }, (_, s) => m.state.policy!.designated[s * NK + k]);

describe('designate', () => {
  it('each school goes to the nearest active open hub of each kind; inactive hubs count only for the distance', () => {
    const m = model([0.1, 0.2, 0.55, 0.9]);
    const P = m.state.policy!;
    P.hubs.push(hub({ x: 0.1 }), hub({ x: 0.9 }), hub({ kind: 1, x: 0.5, active: false }));
    designate(m.state);
    expect(P.hasProviders).toBe(true);
    expect(designatedOf(m, 0)).toEqual([0, 0, 1, 1]);
    expect(designatedOf(m, 1)).toEqual([-1, -1, -1, -1]);
    expect(P.hubDistKm[1]).toBeCloseTo(1, 4); // 0.1 units of 10 km
    expect(P.hubDistKm[2]).toBeCloseTo(0.5, 4); // the inactive hub is nearest
    P.engaged[0 * NK] = P.engaged[2 * NK] = 1;
    P.hubs[1].closed = true;
    designate(m.state);
    expect(designatedOf(m, 0)).toEqual([0, 0, 0, 0]);
    expect(engagedOf(m, 0)).toEqual([1, 0, 0, 0]); // a school whose hub changed starts unengaged
  });
});

describe('engageHubs', () => {
  it('a hub takes at most ceil(capacityShare × area) schools a year, its lead school always among them', () => {
    const m = model(Array(10).fill(0.5), { hubs: { engagementMax: 1, capacityShare: 0.3 } });
    const P = m.state.policy!;
    P.hubs.push(hub({ lead: 4 }));
    designate(m.state);
    engageHubs(m.ctx, m.ctx.rng.structure);
    const got = engagedOf(m, 0);
    expect(got.reduce((a, b) => a + b, 0)).toBe(3);
    expect(got[4]).toBe(1);
    expect(P.dirty).toBe(true);
    m.ctx.scenario.hubs.capacityShare = 1;
    engageHubs(m.ctx, m.ctx.rng.structure);
    expect(engagedOf(m, 0)).toEqual(Array(10).fill(1));
  });

  it('a closed trust with closedHubBarrier 1 keeps its schools out; schools of an open trust engage', () => {
    const m = model([0.5, 0.5, 0.5, 0.5], { hubs: { engagementMax: 1, capacityShare: 1 }, mats: { closedHubBarrier: 1 } });
    const P = m.state.policy!;
    P.hubs.push(hub({}));
    const trust = { name: 'M', open: false, local: true, standardisation: 0.5, external: 0, seedSchool: 0, locality: 0 };
    P.mats.push(trust, { ...trust, open: true });
    m.state.schools.mat.set([0, 0, 1, -1]);
    designate(m.state);
    engageHubs(m.ctx, m.ctx.rng.structure);
    expect(engagedOf(m, 0)).toEqual([0, 0, 1, 1]);
  });

  it('a remote school engages only when trusted heads already engaged carry it in', () => {
    const m = model([0, 0, 0, 0], { hubs: { engagementMax: 1, capacityShare: 1, distanceDecayKm: 0.1, networkCarry: 10 } });
    const P = m.state.policy!;
    P.hubs.push(hub({ x: 0.5 })); // 5 km away: proximity exp(-50)
    designate(m.state);
    P.engaged.fill(0);
    for (const s of [1, 2, 3]) P.engaged[s * NK] = 1;
    setAllTrust(m, 0.3); // below carryTrust 0.5: no carry
    engageHubs(m.ctx, m.ctx.rng.structure);
    expect(engagedOf(m, 0)).toEqual([0, 0, 0, 0]);
    for (const s of [1, 2, 3]) P.engaged[s * NK] = 1;
    setAllTrust(m, 1); // carry 1 - exp(-10 × 3)
    engageHubs(m.ctx, m.ctx.rng.structure);
    expect(engagedOf(m, 0)[0]).toBe(1);
  });

  it('engagementsOf counts engaged hub kinds plus an active alliance', () => {
    const m = model([0.5, 0.5]);
    const P = m.state.policy!;
    P.hubs.push(hub({ kind: -1, members: [0, 1] }));
    P.alliance[0] = 0;
    P.engaged[0 * NK + 0] = P.engaged[0 * NK + 2] = 1;
    expect(engagementsOf(P, 0)).toBe(3);
    expect(engagementsOf(P, 1)).toBe(0);
    P.hubs[0].active = false;
    expect(engagementsOf(P, 0)).toBe(2);
  });
});

describe('loseDesignation', () => {
  it('with a successor: the hub stops for a year under the most effective school it served, and its hub-lead role ends', () => {
    const m = model([0.1, 0.2, 0.3, 0.4]);
    const P = m.state.policy!;
    const S = m.state.schools;
    P.hubs.push(hub({ lead: 0, x: 0.1 }));
    S.effectiveness.set([0.2, -0.1, 0.1, 0]); // pupil SD
    designate(m.state);
    P.engaged.fill(1);
    addSpanner(m.state, 3, 'hubLead', 0);
    m.state.tick = 5;
    loseDesignation(m.ctx, 0, true, m.ctx.rng.structure);
    const h = P.hubs[0];
    expect(h).toMatchObject({ active: false, closed: false, lead: 2, reopenTick: 5 + m.state.ticksPerYear });
    expect(h.x).toBe(S.x[2]);
    expect(engagedOf(m, 0)).toEqual([0, 0, 0, 0]);
    expect(designatedOf(m, 0)).toEqual([-1, -1, -1, -1]);
    expect(P.spanners.length).toBe(0);
    expect(P.spannerRole[3]).toBe(0);
    m.state.tick = 5 + m.state.ticksPerYear;
    yearlyDesignations(m.ctx, m.ctx.rng.structure);
    expect(h.active).toBe(true);
    expect(designatedOf(m, 0)).toEqual([0, 0, 0, 0]);
  });

  it('without one it closes and its schools turn to the next nearest hub; an alliance releases its members', () => {
    const m = model([0.1, 0.2, 0.3, 0.9]);
    const P = m.state.policy!;
    P.hubs.push(hub({ lead: 0, x: 0.1 }), hub({ x: 0.9 }), hub({ kind: -1, lead: 1, members: [1, 2] }));
    P.alliance[1] = P.alliance[2] = 2;
    designate(m.state);
    loseDesignation(m.ctx, 0, false, m.ctx.rng.structure);
    expect(P.hubs[0].closed).toBe(true);
    expect(designatedOf(m, 0)).toEqual([1, 1, 1, 1]);
    loseDesignation(m.ctx, 2, false, m.ctx.rng.structure);
    expect(Array.from(P.alliance)).toEqual([-1, -1, -1, -1]);
  });

  it("the designation floor (pupil SD) takes away a weak lead school's hub at the yearly check; null never does", () => {
    const m = model([0.1, 0.2], { hubs: { designationFloor: -0.05, successionChance: 0 } });
    const P = m.state.policy!;
    P.hubs.push(hub({ lead: 0, x: 0.1 }), hub({ lead: 1, x: 0.2 }));
    m.state.schools.effectiveness.set([-0.1, 0]);
    yearlyDesignations(m.ctx, m.ctx.rng.structure);
    expect(P.hubs.map((h) => h.closed)).toEqual([true, false]);
    // Without a floor (the default) even a very weak lead keeps its designation.
    const never = model([0.1, 0.2], { hubs: { successionChance: 0 } });
    expect(never.scenario.hubs.designationFloor).toBeNull();
    never.state.policy!.hubs.push(hub({ lead: 0, x: 0.1 }), hub({ lead: 1, x: 0.2 }));
    never.state.schools.effectiveness.set([-0.9, -0.9]);
    yearlyDesignations(never.ctx, never.ctx.rng.structure);
    expect(never.state.policy!.hubs.map((h) => h.closed)).toEqual([false, false]);
  });

  it('dissolves the work groups of the hub at the next rebuild', () => {
    const m = build({ locality: { preset: 'custom', schools: 24 }, hubs: { mathsHubKm: 0, engagementMax: 1, capacityShare: 1 } });
    const P = m.state.policy!;
    expect(kindCount(m.state, 'hub-work-group')).toBeGreaterThan(0);
    loseDesignation(
      m.ctx,
      P.hubs.findIndex((h) => h.kind === 0),
      false,
      m.ctx.rng.structure,
    );
    policyStructure(m.ctx);
    expect(kindCount(m.state, 'hub-work-group')).toBe(0);
  });

  it('the event picks the provider serving most schools unless given an index, and rejects a provider that does not exist', () => {
    const m = model([0.1, 0.7, 0.8, 0.9]);
    const P = m.state.policy!;
    P.hubs.push(hub({ x: 0.1 }), hub({ x: 0.9 }));
    designate(m.state);
    loseDesignationEvent(m.ctx, { event: 'loseDesignation', year: 1, provider: 'mathsHub', succession: false });
    expect(P.hubs.map((h) => h.closed)).toEqual([false, true]);
    expect(() => loseDesignationEvent(m.ctx, { event: 'loseDesignation', year: 1, provider: 'mathsHub', index: 1 })).toThrow(/out of range/);
    expect(() => loseDesignationEvent(m.ctx, { event: 'loseDesignation', year: 1, provider: 'researchSchool' })).toThrow(/no researchSchool/);
  });
});

describe('replaceAlliancesByHubs', () => {
  it('closes every alliance, opens the Teaching School Hubs and (the event) draws engagement with them', () => {
    const m = model([0.5, 0.5, 0.5], { hubs: { engagementMax: 1, capacityShare: 1 } });
    const P = m.state.policy!;
    P.hubs.push(hub({ kind: -1, lead: 0, members: [0, 1] }), hub({ kind: 1, active: false }));
    P.alliance[0] = P.alliance[1] = 0;
    designate(m.state);
    expect(designatedOf(m, 1)).toEqual([-1, -1, -1]);
    replaceAlliancesByHubs(m.ctx);
    expect(P.hubs[0]).toMatchObject({ active: false, closed: true });
    expect(P.hubs[1].active).toBe(true);
    expect(Array.from(P.alliance)).toEqual([-1, -1, -1]);
    expect(designatedOf(m, 1)).toEqual([1, 1, 1]);
    expect(engagedOf(m, 1)).toEqual([0, 0, 0]);
    replaceEvent(m.ctx);
    expect(engagedOf(m, 1)).toEqual([1, 1, 1]);
  });
});
