/**
 * Every yearly rate has an upper bound (core/params.ts PER_YEAR_MAX), and a
 * run with every rate at that bound stays finite: no metric becomes NaN that
 * is not NaN (not applicable) in the same run at default rates, and every
 * share stays in 0..1. A rate above the bound is refused by the schema.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resolveScenario } from '../../src/api.ts';
import { PER_YEAR_MAX } from '../../src/model/core/params.ts';
import { ScenarioSchema } from '../../src/model/schema.ts';
import { createModel, simulate } from '../../src/model/simulate.ts';

interface JsonSchemaNode {
  properties?: Record<string, JsonSchemaNode>;
  maximum?: number;
  description?: string;
  type?: string | string[];
}

/** Key paths and upper bounds of every bounded number under a node. */
function boundedNumbers(node: JsonSchemaNode, prefix: string[] = []): [string[], number][] {
  const out: [string[], number][] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = [...prefix, key];
    if (typeof child.maximum === 'number') out.push([path, child.maximum]);
    out.push(...boundedNumbers(child, path));
  }
  return out;
}

/** Key paths of every yearly rate, read from the schema itself. */
function ratePaths(node: JsonSchemaNode, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = [...prefix, key];
    if (child.maximum === PER_YEAR_MAX && child.description?.endsWith('(per year)')) out.push(path);
    out.push(...ratePaths(child, path));
  }
  return out;
}

function setPath(obj: Record<string, unknown>, path: string[], value: number): void {
  let o = obj;
  for (const k of path.slice(0, -1)) {
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[path[path.length - 1]] = value;
}

const base = () => ({
  name: 'bounds',
  years: 3,
  locality: { preset: 'city' as const },
  partnerships: { peerReview: { enabled: true } },
  timeline: [{ event: 'matConsolidation' as const, year: 1, rate: 0.2 }],
});

describe('parameter bounds keep the model finite', () => {
  const paths = ratePaths(z.toJSONSchema(ScenarioSchema, { io: 'input' }) as JsonSchemaNode);

  it('finds the yearly rates in the schema', () => {
    const found = paths.map((p) => p.join('.'));
    for (const p of [
      'model.improvement.internalTrustRate',
      'model.improvement.capacityRate',
      'model.knowledge.rate',
      'model.peerReview.planDecay',
      'competition.trustPenalty',
    ])
      expect(found).toContain(p);
    // Magnitudes on the pupil-attainment scale (pupil SD) and one-off impulses are not yearly rates.
    for (const p of ['model.peerReview.gain', 'model.knowledge.challengeInsight', 'model.lencioni.collectiveGain', 'model.improvement.norm'])
      expect(found).not.toContain(p);
    expect(paths.length).toBeGreaterThanOrEqual(8);
  });

  it('a run with every yearly rate at its bound has no new NaN and no share outside 0..1', () => {
    const atMax: Record<string, unknown> = base();
    for (const p of paths) setPath(atMax, p, PER_YEAR_MAX);
    const extreme = simulate(resolveScenario(atMax), { seed: 3 }).summary;
    const normal = simulate(resolveScenario(base()), { seed: 3 }).summary;
    for (const [k, v] of Object.entries(extreme)) {
      if (Number.isNaN(normal[k])) continue;
      // Time to half adoption is NaN (not reached) when fewer than half adopt in the run: not applicable, not a blow-up.
      if (k === 'practice_t50_years' && Number.isNaN(v)) {
        expect(extreme.practice_adoption).toBeLessThan(0.5);
        continue;
      }
      expect(Number.isFinite(v), `${k} = ${v}`).toBe(true);
    }
    // Effectiveness is in pupil SD (unbounded); its summaries only need to be finite (above). Shares and 0..1 levels:
    for (const k of [
      'trust_mean',
      'internal_trust_mean',
      'capacity_mean',
      'community_mean',
      'teacher_retention',
      'lencioni_results',
      'share_improving',
      'share_good_or_better',
      'share_outstanding',
      'practice_adoption',
    ]) {
      expect(extreme[k]).toBeGreaterThanOrEqual(0);
      expect(extreme[k]).toBeLessThanOrEqual(1);
    }
  });

  it('a rate above the bound is refused', () => {
    expect(() => resolveScenario({ model: { improvement: { internalTrustRate: PER_YEAR_MAX } } })).not.toThrow();
    expect(() => resolveScenario({ model: { improvement: { internalTrustRate: PER_YEAR_MAX * 1.01 } } })).toThrow(/internalTrustRate/);
    expect(() => resolveScenario({ model: { knowledge: { rate: 1e308 } } })).toThrow(/rate/);
  });

  it('with every model, leader and partnership parameter at its upper bound, every perception stays in 0..1 at every tick and nothing new is NaN', () => {
    const schema = z.toJSONSchema(ScenarioSchema, { io: 'input' }) as JsonSchemaNode;
    const cluster = () => ({
      name: 'all-max',
      years: 3,
      schools: { count: 18 },
      partnerships: { size: 6, peerReview: { enabled: true, startYear: 0 } },
    });
    const atMax: Record<string, unknown> = cluster();
    const bounded = ['model', 'leaders', 'partnerships'].flatMap((k) => boundedNumbers(schema.properties![k], [k]));
    expect(bounded.length).toBeGreaterThan(40);
    for (const [p, max] of bounded) setPath(atMax, p, max);
    // The one rule between bounds (the stable share below the persistence); the programme starts in the run; groups of six.
    setPath(atMax, ['model', 'improvement', 'stableShare'], 0.9);
    setPath(atMax, ['partnerships', 'peerReview', 'startYear'], 0);
    setPath(atMax, ['partnerships', 'size'], 6);
    const model = createModel(resolveScenario(atMax), { seed: 4 });
    const E = model.state.edges;
    let lo = Infinity;
    let hi = -Infinity;
    for (let t = 1; t <= model.ticks; t++) {
      model.step(t);
      for (const f of ['respect', 'regard', 'competence', 'integrity', 'trust'] as const)
        for (let e = 0; e < E.n; e++) {
          lo = Math.min(lo, E[f][e]);
          hi = Math.max(hi, E[f][e]);
        }
    }
    // Before the peer-review rule was capped, integrity reached 1.5 here.
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    const extreme = simulate(resolveScenario(atMax), { seed: 4 }).summary;
    const normal = simulate(resolveScenario(cluster()), { seed: 4 }).summary;
    for (const [k, v] of Object.entries(extreme)) if (!Number.isNaN(normal[k])) expect(Number.isFinite(v), `${k} = ${v}`).toBe(true);
    for (const k of ['internal_trust_mean', 'capacity_mean', 'lencioni_results', 'peer_review_honesty', 'peer_review_rigour']) {
      expect(extreme[k], k).toBeGreaterThanOrEqual(0);
      expect(extreme[k], k).toBeLessThanOrEqual(1);
    }
  });
});
