/** Forming partnerships: the serpentine order, the two cut rules (near-equal runs; exact size with a lone school joining the last), and the practices event. */
import { describe, expect, it } from 'vitest';
import { stream } from '../../../../src/engine/rng.ts';
import { GROUP_KINDS } from '../../../../src/model/core/state.ts';
import { applyPractices, partnershipSpecs, serpentineChunks, serpentineOrder } from '../../../../src/model/mechanisms/partnerships/partnerships.ts';
import { build } from '../../../helpers/policy-model.ts';
import { tiny } from '../../../helpers/tiny-model.ts';

const f32 = (v: number[]) => Float32Array.from(v);

describe('serpentineOrder', () => {
  it('sorts by strip, then left to right in even strips and right to left in odd ones, then by index', () => {
    const x = f32([0.9, 0.1, 0.5, 0.2, 0.8, 0.5]);
    const y = f32([0.1, 0.2, 0.3, 0.7, 0.9, 0.3]);
    expect(serpentineOrder([0, 1, 2, 3, 4, 5], x, y, { strips: 2, y0: 0, span: 1 })).toEqual([1, 2, 5, 0, 4, 3]);
    expect(serpentineOrder([5, 4, 3, 2, 1, 0], x, y, { strips: 1, y0: 0, span: 1 })).toEqual([1, 3, 2, 5, 4, 0]);
  });
});

describe('serpentineChunks', () => {
  const line = (n: number) => ({
    schools: Array.from({ length: n }, (_, i) => i),
    x: f32(Array.from({ length: n }, (_, i) => i / n)),
    y: f32(Array(n).fill(0.5)),
  });

  it('cuts k = round(n / size) runs of near-equal length along the path', () => {
    const { schools, x, y } = line(10);
    const runs = serpentineChunks(schools, x, y, 3);
    expect(runs.map((r) => r.length)).toEqual([3, 4, 3]);
    expect(runs.flat()).toEqual(schools); // every school once, neighbours together
  });

  it('in cap mode k = ceil(n / size), so no run is longer than size', () => {
    const { schools, x, y } = line(10);
    expect(serpentineChunks(schools, x, y, 3, true).map((r) => r.length)).toEqual([3, 2, 3, 2]);
    expect(serpentineChunks(schools, x, y, 5, true).map((r) => r.length)).toEqual([5, 5]);
  });

  it('keeps every run at 2 or more schools, and makes none from fewer than 2', () => {
    const { schools, x, y } = line(5);
    expect(serpentineChunks(schools, x, y, 1).map((r) => r.length)).toEqual([3, 2]);
    expect(serpentineChunks([0], x, y, 4)).toEqual([]);
    expect(serpentineChunks([3, 4], x, y, 10)).toEqual([[3, 4]]);
  });
});

describe('partnershipSpecs', () => {
  const specs = (n: number, size: number, coverage = 1) => {
    const m = tiny({ schools: { count: n }, partnerships: { size, coverage, meetingsPerYear: 9, practices: { codeOfConduct: true } } });
    return { m, specs: partnershipSpecs(m.scenario, m.state, stream(5, 'spec-test')) };
  };

  it('forms runs of exactly `size`; a lone school at the end joins the last partnership', () => {
    expect(specs(13, 4).specs.map((g) => g.members.length)).toEqual([4, 4, 5]);
    expect(specs(14, 4).specs.map((g) => g.members.length)).toEqual([4, 4, 4, 2]);
  });

  it('covers round(coverage × n) distinct schools, with the scenario cadence and practices', () => {
    const { m, specs: got } = specs(10, 6, 0.5);
    expect(got.length).toBe(1);
    const g = got[0];
    expect(new Set(g.members).size).toBe(5);
    expect(g).toMatchObject({ name: 'P1', kind: 'partnership', meetingsPerYear: 9, formed: 0, peerReview: false });
    expect(g.practices.codeOfConduct).toBe(true);
    for (const slot of g.members) expect(m.state.leaders.school[slot]).toBeLessThan(10);
    expect(specs(10, 6, 0.1).specs).toEqual([]); // one covered school: no partnership
  });
});

describe('applyPractices', () => {
  it('switches the named practices in every partnership and leaves the others and other kinds of group alone', () => {
    const m = build({ locality: { preset: 'custom', schools: 30, partnershipCoverage: 1, headsNetwork: { coverage: 1 } } });
    const G = m.state.groups;
    const isPartnership = (g: number) => GROUP_KINDS[G.kind[g]] === 'partnership';
    const all = Array.from({ length: G.n }, (_, g) => g);
    expect(all.some(isPartnership)).toBe(true);
    expect(all.some((g) => !isPartnership(g))).toBe(true);
    const before = { lead: Array.from(G.partnershipLead), coc: Array.from(G.codeOfConduct), roles: Array.from(G.writtenRoles) };
    applyPractices(m.state, { event: 'practices', year: 1, writtenRoles: true, informalTime: false });
    for (const g of all) {
      expect(G.writtenRoles[g]).toBe(isPartnership(g) ? 1 : before.roles[g]);
      expect(G.partnershipLead[g]).toBe(before.lead[g]);
      expect(G.codeOfConduct[g]).toBe(before.coc[g]);
    }
    applyPractices(m.state, { event: 'practices', year: 2, writtenRoles: false });
    for (const g of all) expect(G.writtenRoles[g]).toBe(isPartnership(g) ? 0 : before.roles[g]);
  });
});
