/** Boundary spanners (docs/ODD.md P7.6): who is recruited, the split over roles, succession, and the leave and join events. */
import { describe, expect, it } from 'vitest';
import { removeSpanner } from '../../../../src/model/mechanisms/hubs/hubs.ts';
import { spannersJoin, spannersLeave } from '../../../../src/model/mechanisms/spanners/events.ts';
import { addSpanner, recruitSpanners, seedSpanners, spannerSuccession } from '../../../../src/model/mechanisms/spanners/spanners.ts';
import type { ScenarioInput } from '../../../../src/model/schema.ts';
import { tiny } from '../../../helpers/tiny-model.ts';
import { hub } from '../../../helpers/policy-model.ts';

/**
 * n heads whose spanner scores min(1, tenure / 10) + competence + openness + moral purpose
 * are `scores` (tenure 10 gives 1; the other three share the rest equally).
 */
function model(scores: number[], input: ScenarioInput = {}) {
  const n = scores.length;
  const m = tiny({ schools: { count: n }, partnerships: { size: Math.min(n, 12) }, ...input });
  const L = m.state.leaders;
  scores.forEach((sc, i) => {
    L.tenure[i] = 10;
    L.competence[i] = L.openness[i] = L.moralPurpose[i] = (sc - 1) / 3;
  });
  return m;
}
const roles = (m: ReturnType<typeof tiny>) => m.state.policy!.spanners.map((sp) => [sp.slot, sp.role]);

describe('recruitSpanners', () => {
  it('takes the best-placed heads without a role first, and only as many as there are', () => {
    const m = model([3.7, 1, 2.5, 1.6]);
    expect(recruitSpanners(m.state, 0, 'specialistLeader', 2)).toBe(2);
    expect(roles(m)).toEqual([
      [0, 'specialistLeader'],
      [2, 'specialistLeader'],
    ]);
    expect(Array.from(m.state.policy!.spannerRole)).toEqual([2, 0, 2, 0]);
    expect(recruitSpanners(m.state, 0, 'governor', 5)).toBe(2);
    expect(roles(m).slice(2)).toEqual([
      [3, 'governor'],
      [1, 'governor'],
    ]);
    expect(m.state.policy!.spanners[0]).toMatchObject({ hub: -1, changes: m.state.leaders.changes[0], locality: 0 });
  });

  it("hub roles go first to a hub lead school's head, then to the best-placed head, who works for the nearest hub", () => {
    const m = model([3.7, 1, 2.5, 1.6]);
    const S = m.state.schools;
    S.x.set([0.9, 0.2, 0.5, 0.5]);
    const P = m.state.policy!;
    P.hubs.push(hub({ kind: 0, lead: 1, x: S.x[1], y: S.y[1] }), hub({ kind: 2, x: 0.9, y: S.y[0] }));
    expect(recruitSpanners(m.state, 0, 'hubLead', 2)).toBe(2);
    expect(P.spanners.map((sp) => [sp.slot, sp.hub])).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(P.spannerRole[0] & 1).toBe(1);
  });

  it('without a hub nobody can take a hub role', () => {
    const m = model([3, 2, 1]);
    expect(recruitSpanners(m.state, 0, 'hubLead', 2)).toBe(0);
    expect(m.state.policy!.spanners.length).toBe(0);
  });
});

describe('seedSpanners', () => {
  it('splits the count over roles by largest remainder (5 over weights 0:1:1 gives 0, 3, 2)', () => {
    const m = model([1, 2, 3, 4, 5, 6]);
    seedSpanners(m.state, 0, 5, { hubLead: 0, specialistLeader: 1, governor: 1 });
    const count = (r: string) => m.state.policy!.spanners.filter((sp) => sp.role === r).length;
    expect([count('hubLead'), count('specialistLeader'), count('governor')]).toEqual([0, 3, 2]);
  });

  it('adds nobody for a count of 0 or weights that sum to 0', () => {
    const m = model([1, 2, 3]);
    seedSpanners(m.state, 0, 0, { hubLead: 1, specialistLeader: 1, governor: 1 });
    seedSpanners(m.state, 0, 2, { hubLead: 0, specialistLeader: 0, governor: 0 });
    expect(m.state.policy!.spanners.length).toBe(0);
  });
});

describe('spannerSuccession', () => {
  const left = (chance: number) => {
    const m = model([3.7, 1, 2.5, 1.6], { spanners: { successionChance: chance } });
    addSpanner(m.state, 0, 'governor', -1);
    addSpanner(m.state, 2, 'specialistLeader', -1);
    const L = m.state.leaders;
    L.changes[0]++; // the head of slot 0 left; the newcomer is poorly placed
    L.tenure[0] = 0;
    L.competence[0] = L.openness[0] = L.moralPurpose[0] = 0;
    spannerSuccession(m.ctx, m.ctx.rng.structure);
    return m;
  };
  it("a leaving head's roles go with the person; with chance 1 the best-placed free head takes them on", () => {
    const m = left(1);
    expect(roles(m)).toEqual([
      [2, 'specialistLeader'],
      [3, 'governor'],
    ]);
    expect(m.state.policy!.spannerRole[0]).toBe(0);
    expect(m.state.policy!.dirty).toBe(true);
  });
  it('with chance 0 nobody takes them on, and a spanner whose head stayed keeps the role', () => {
    expect(roles(left(0))).toEqual([[2, 'specialistLeader']]);
  });
});

describe('events and role bits', () => {
  it('spannersLeave removes the given share of spanners with the role; share 1 of any role removes all', () => {
    const m = model([1, 2, 3, 4]);
    addSpanner(m.state, 0, 'specialistLeader', -1);
    addSpanner(m.state, 1, 'specialistLeader', -1);
    addSpanner(m.state, 2, 'governor', -1);
    addSpanner(m.state, 3, 'governor', -1);
    spannersLeave(m.ctx, { event: 'spannersLeave', year: 1, share: 0.5, role: 'specialistLeader' });
    const P = m.state.policy!;
    expect(P.spanners.filter((sp) => sp.role === 'specialistLeader').length).toBe(1);
    expect(P.spanners.filter((sp) => sp.role === 'governor').length).toBe(2);
    spannersLeave(m.ctx, { event: 'spannersLeave', year: 2, share: 1, role: 'any' });
    expect(P.spanners.length).toBe(0);
    expect(Array.from(P.spannerRole)).toEqual([0, 0, 0, 0]);
  });

  it('spannersJoin recruits the count in each locality, best-placed first', () => {
    const m = model([1, 4, 2, 3]);
    spannersJoin(m.ctx, { event: 'spannersJoin', year: 1, count: 2, role: 'governor' });
    expect(roles(m)).toEqual([
      [1, 'governor'],
      [3, 'governor'],
    ]);
  });

  it('removing one role of a head keeps the bits of its other roles', () => {
    const m = model([1, 2]);
    addSpanner(m.state, 0, 'governor', -1);
    addSpanner(m.state, 0, 'specialistLeader', -1);
    const P = m.state.policy!;
    expect(P.spannerRole[0]).toBe(6);
    removeSpanner(P, P.spanners[0]);
    expect(P.spannerRole[0]).toBe(2);
    expect(roles(m)).toEqual([[0, 'specialistLeader']]);
  });
});
