/**
 * The policy layer: localities, trusts, hubs, spanners and competition (model brief sections 4 and 5).
 */
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../../src/api.ts';
import { simulate } from '../../../src/model/simulate.ts';

describe('scenarios without policy keys', () => {
  it('have no trusts, hubs or spanners, share knowledge, and report the policy metrics that apply', () => {
    const out = simulate(resolveScenario({ schools: { count: 24 }, years: 2 }), { seed: 4 });
    expect(out.summary.mat_share).toBe(0);
    expect(out.summary.cross_mat_tie_share).toBeNaN();
    expect(out.summary.hub_engagement).toBe(0);
    expect(out.summary.hub_engagement_0_5km).toBeNaN();
    expect(out.summary.spanners).toBe(0);
    expect(out.summary.stance_share).toBe(1);
    expect(out.summary.rivalry_mean).toBe(0);
    expect(out.summary.knowledge_components).toBeGreaterThanOrEqual(1);
    expect(out.summary.practice_adoption).toBeGreaterThan(0);
    expect(out.groups.map((g) => g.group)).toEqual(['P1', 'P2', 'P3', 'P4']);
  });
});
