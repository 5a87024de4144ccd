/** Trusts (docs/ODD.md P7.2-P7.3): sizes, strong share, consolidation, openness and closed-trust withdrawal, each rule on a small state. */
import { describe, expect, it } from 'vitest';
import type { Mat } from '../../../../src/model/core/policy-state.ts';
import { matConsolidation, matOpenness } from '../../../../src/model/mechanisms/mats/events.ts';
import { closedWithdrawal, consolidate, matTotals, setOpenness, strongShare } from '../../../../src/model/mechanisms/mats/mats.ts';
import type { ScenarioInput } from '../../../../src/model/schema.ts';
import { tiny } from '../../../helpers/tiny-model.ts';

const mat = (fields: Partial<Mat> = {}): Mat => ({
  name: 'M',
  open: true,
  local: true,
  standardisation: 0.5,
  external: 0,
  seedSchool: 0,
  locality: 0,
  ...fields,
});

/** n schools, all at the centre of the area (every trust within reach), no trusts. */
function model(n: number, input: ScenarioInput = {}) {
  const m = tiny({ schools: { count: n }, partnerships: { size: Math.min(n, 12) }, ...input });
  m.state.schools.x.fill(0.5);
  m.state.schools.y.fill(0.5);
  return m;
}

const consolidation = (rate: number, until: number, extra: Partial<{ openness: 'keep' | 'open' | 'closed'; standardisation: number }> = {}) => ({
  rate,
  until,
  openness: extra.openness ?? ('keep' as const),
  nonLocal: 0,
  standardisation: extra.standardisation,
  lastTick: 0,
});

describe('trust sizes', () => {
  it('matTotals counts member schools plus schools outside the area; strongShare counts schools in trusts of at least strongSize', () => {
    const m = model(6);
    const P = m.state.policy!;
    P.mats.push(mat({ external: 3 }), mat());
    m.state.schools.mat.set([0, 0, 1, -1, -1, -1]);
    expect(Array.from(matTotals(m.state))).toEqual([5, 1]);
    expect(strongShare(m.state, 5)).toBeCloseTo(2 / 6, 12);
    expect(strongShare(m.state, 6)).toBe(0);
    expect(strongShare(m.state, 1)).toBeCloseTo(3 / 6, 12);
  });
});

describe('consolidate', () => {
  it('moves round(rate × n) schools a year into one trust and stops at the target share of schools in strong trusts', () => {
    const m = model(10, { mats: { strongSize: 3 } });
    const c = consolidation(0.3, 0.5);
    consolidate(m.ctx, c, m.ctx.rng.structure);
    // First joiner founds a trust; the next two join it (distance 0): one trust of 3, strong.
    expect(m.state.policy!.mats.length).toBe(1);
    expect(strongShare(m.state, 3)).toBeCloseTo(0.3, 12);
    expect(m.state.policy!.dirty).toBe(true);
    // Second year: only ceil((0.5 - 0.3) × 10) = 2 more are needed.
    consolidate(m.ctx, c, m.ctx.rng.structure);
    expect(strongShare(m.state, 3)).toBeCloseTo(0.5, 12);
    const before = Array.from(m.state.schools.mat);
    consolidate(m.ctx, c, m.ctx.rng.structure);
    expect(Array.from(m.state.schools.mat)).toEqual(before);
    for (let s = 0; s < 10; s++) if (m.state.schools.mat[s] >= 0) expect(m.state.schools.governance[s]).toBe(2);
  });

  it('loose schools go first, then a small trust merges whole into the strong one; openness and standardisation follow the event', () => {
    const m = model(6, { mats: { strongSize: 4 } });
    const P = m.state.policy!;
    P.mats.push(mat({ external: 1, open: true, standardisation: 0.2 }), mat({ seedSchool: 3 }));
    m.state.schools.mat.set([0, 0, 0, 1, 1, -1]);
    // share 4/6: quota = min(max(1, 3), ceil(2)) = 2; the loose school takes one place, the small trust (2 schools) moves whole.
    consolidate(m.ctx, consolidation(0.5, 1, { openness: 'closed', standardisation: 0.9 }), m.ctx.rng.structure);
    expect(Array.from(m.state.schools.mat)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(matTotals(m.state))).toEqual([7, 0]);
    expect(P.mats[0].open).toBe(false);
    expect(P.mats[0].standardisation).toBe(0.9);
    expect(P.mats.length).toBe(2); // no trust founded
  });

  it('a school farther than 6 km from every trust of its locality founds a new one', () => {
    const m = model(4, { mats: { strongSize: 2 } });
    const P = m.state.policy!;
    const S = m.state.schools;
    P.mats.push(mat({ external: 5 }));
    S.mat.set([0, 0, 0, -1]);
    S.x[3] = 0; // the trust's centre is at 0.5: 5 km away at 10 km per unit ...
    consolidate(m.ctx, consolidation(0.25, 1), m.ctx.rng.structure);
    expect(S.mat[3]).toBe(0); // ... within reach
    S.mat[3] = -1;
    S.x[3] = 0;
    S.y[3] = 0; // now about 7.1 km away
    consolidate(m.ctx, consolidation(0.25, 1), m.ctx.rng.structure);
    expect(S.mat[3]).toBe(1);
    expect(P.mats[1].seedSchool).toBe(3);
    expect(P.mats[1].external).toBe(0);
  });

  it('the matConsolidation event records the programme and runs its first year', () => {
    const m = model(10, { mats: { strongSize: 3 } });
    m.state.tick = 7;
    matConsolidation(m.ctx, { event: 'matConsolidation', year: 1, rate: 0.3, until: 1, openness: 'open', nonLocal: 0 });
    const c = m.state.policy!.consolidation!;
    expect(c).toMatchObject({ rate: 0.3, until: 1, openness: 'open', lastTick: 7 });
    expect(strongShare(m.state, 3)).toBeCloseTo(0.3, 12);
    expect(m.state.policy!.mats.every((t) => t.open)).toBe(true);
  });
});

describe('openness', () => {
  it('setOpenness with share 1 changes every trust, with share 0 none; the matOpenness event does the same', () => {
    const m = model(4);
    const P = m.state.policy!;
    P.mats.push(mat(), mat(), mat());
    setOpenness(m.ctx, false, 0, m.ctx.rng.structure);
    expect(P.mats.map((t) => t.open)).toEqual([true, true, true]);
    setOpenness(m.ctx, false, 1, m.ctx.rng.structure);
    expect(P.mats.map((t) => t.open)).toEqual([false, false, false]);
    expect(P.dirty).toBe(true);
    matOpenness(m.ctx, { event: 'matOpenness', year: 2, open: true, share: 1 });
    expect(P.mats.map((t) => t.open)).toEqual([true, true, true]);
  });
});

describe('closedWithdrawal', () => {
  const setup = (open: boolean, q: number) => {
    const m = model(4, { mats: { closedWithdrawal: q } });
    const P = m.state.policy!;
    P.mats.push(mat({ open }));
    m.state.schools.mat.set([0, 0, -1, -1]);
    return m;
  };

  it('schools of a closed trust leave a cross-trust partnership (chance 1); others stay', () => {
    const m = setup(false, 1);
    const P = m.state.policy!;
    expect(P.kept[0].members.slice().sort()).toEqual([0, 1, 2, 3]);
    closedWithdrawal(m.ctx, m.ctx.rng.structure);
    expect(P.kept[0].members.slice().sort()).toEqual([2, 3]);
    expect(P.dirty).toBe(true);
  });

  it('nobody leaves when the trust is open, when the chance is 0, or when the group is all one trust', () => {
    const open = setup(true, 1);
    closedWithdrawal(open.ctx, open.ctx.rng.structure);
    expect(open.state.policy!.kept[0].members.length).toBe(4);
    const never = setup(false, 0);
    closedWithdrawal(never.ctx, never.ctx.rng.structure);
    expect(never.state.policy!.kept[0].members.length).toBe(4);
    const same = setup(false, 1);
    same.state.schools.mat.fill(0);
    closedWithdrawal(same.ctx, same.ctx.rng.structure);
    expect(same.state.policy!.kept[0].members.length).toBe(4);
    expect(same.state.policy!.dirty).toBe(false);
  });

  it('closed-trust members leave an alliance, except its lead school, and lose their alliance', () => {
    const m = setup(false, 1);
    const P = m.state.policy!;
    P.hubs.push({ name: 'TSA1', kind: -1, lead: 0, x: 0.5, y: 0.5, active: true, closed: false, reopenTick: -1, locality: 0, members: [0, 1, 2] });
    for (const s of [0, 1, 2]) P.alliance[s] = 0;
    closedWithdrawal(m.ctx, m.ctx.rng.structure);
    expect(P.hubs[0].members).toEqual([0, 2]);
    expect(Array.from(P.alliance)).toEqual([0, -1, 0, -1]);
  });
});
