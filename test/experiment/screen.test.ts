/**
 * `collabsim screen`: the parameter space (ranges, exclusions, every
 * candidate resolves, joint rules clipped), the selection rule and the
 * Sobol warnings on known inputs, the command's refusal of a bad metric,
 * and one small screen end to end on a tiny scenario.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createModel } from '../../src/experiment/collabsim-model.ts';
import { ScenarioSchema } from '../../src/model/schema.ts';
import { applyFactors } from '../../src/experiment/paths.ts';
import { screenParams, STRUCTURAL_EXCLUSIONS, type ParamSpace, type ScreenParam } from '../../src/experiment/screen-params.ts';
import { planScreen, runScreen } from '../../src/experiment/screen.ts';
import { DUMMY_FACTOR, selectFactors, sobolWarnings, type MorrisEntry, type SobolEntry } from '../../src/experiment/screen-report.ts';
import { screenCommand } from '../../src/cli/commands/screen.ts';

const SCENARIO = 'scenarios/peer-review-cluster.yaml';
const model = createModel();
let root: string;
let space: ParamSpace;
let baseRaw: Record<string, unknown>;

const param = (path: string): ScreenParam | undefined => space.params.find((p) => p.path === path);
const leftOut = (path: string): string | undefined => space.excluded.find((e) => e.path === path)?.reason;
const resolves = (paths: string[], values: number[]) => () => model.resolve(applyFactors(baseRaw, paths, values), 'test');

function sink(): { io: Parameters<typeof screenCommand>[2]; err: () => string; out: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: { write: (s: string) => out.push(s) } as never, err: { write: (s: string) => err.push(s) } as never },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'collabsim-screen-'));
  baseRaw = model.loadBase(SCENARIO);
  space = screenParams(ScenarioSchema, baseRaw, model.resolve(baseRaw, SCENARIO), (raw) => model.resolve(raw, SCENARIO));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('parameter space', () => {
  it('varies model parameters over x0.5 to x1.5 of the scenario value, clipped to the schema bounds', () => {
    expect(param('model.trust.buildRate')).toMatchObject({ base: 0.06, min: 0.03, max: 0.09, integer: false });
    // The scenario takes its head leaving rate from the England profile (calibration/england.profile.yaml).
    const lr = param('turnover.leaderRate')!;
    expect(lr.base).toBeCloseTo(0.0748091, 7); // the England profile's value (calibration/england.profile.yaml)
    expect(lr.min).toBeCloseTo(lr.base * 0.5, 5);
    expect(lr.max).toBeCloseTo(lr.base * 1.5, 5);
    // The scenario sets trainingQuality 0.8: x1.5 is clipped to the share's bound 1.
    expect(param('partnerships.peerReview.trainingQuality')).toMatchObject({ base: 0.8, min: 0.4, max: 1, schemaMax: 1 });
    expect(param('partnerships.coverage')).toMatchObject({ base: 1, min: 0.5, max: 1 });
    expect(space.params.length).toBeGreaterThan(80);
  });

  it('keeps whole-number behaviour parameters whole and marks them integer', () => {
    expect(param('partnerships.peerReview.reviewersPerVisit')).toMatchObject({ base: 2, min: 1, max: 3, integer: true });
    expect(param('model.practice.minSources')).toMatchObject({ integer: true, min: 1, max: 3 });
  });

  it('leaves out structure, run settings, lists, unset and zero values, with a reason', () => {
    for (const p of ['seed', 'years', 'ticksPerYear', 'schools.count', 'partnerships.size', 'schools.teachersPerSchool.primary', 'output.maxGroupSeries']) {
      expect(leftOut(p), p).toBeDefined();
      expect(param(p), p).toBeUndefined();
    }
    expect(leftOut('timeline')).toMatch(/list/);
    expect(leftOut('schools.named')).toMatch(/list/);
    expect(leftOut('partnerships.initialTrust.mean')).toMatch(/no value/);
    expect(leftOut('hubs.designationFloor')).toMatch(/null/);
    expect(leftOut('model.practice.effect')).toMatch(/^0 in this scenario/);
    expect(leftOut('locality.schools')).toMatch(/structure/);
    const structural = (path: string) => STRUCTURAL_EXCLUSIONS.some((e) => (e.path.endsWith('.') ? path.startsWith(e.path) : path === e.path));
    expect(space.params.filter((p) => structural(p.path))).toEqual([]);
    // Every numeric leaf is accounted for exactly once.
    const all = [...space.params.map((p) => p.path), ...space.excluded.map((e) => e.path), ...space.dropped.map((e) => e.path)];
    expect(new Set(all).size).toBe(all.length);
  });

  it('gives ranges whose ends all resolve, alone and with the ends of a joined rule', () => {
    for (const p of space.params) {
      expect(p.max, p.path).toBeGreaterThan(p.min);
      expect(p.min).toBeLessThanOrEqual(p.base);
      expect(p.max).toBeGreaterThanOrEqual(p.base);
      expect(resolves([p.path], [p.min]), `${p.path} min`).not.toThrow();
      expect(resolves([p.path], [p.max]), `${p.path} max`).not.toThrow();
    }
    // stableShare must stay below persistence: x0.5..x1.5 of both would cross, so the ranges are clipped apart.
    const stable = param('model.improvement.stableShare');
    const persistence = param('model.improvement.persistence');
    expect(stable?.clipped).toBeDefined();
    expect(persistence?.clipped).toBeDefined();
    expect(stable!.max).toBeLessThan(persistence!.min);
    expect(resolves([stable!.path, persistence!.path], [stable!.max, persistence!.min])).not.toThrow();
  });
});

const morris = (factor: string, muStar: number, muStarLow: number): MorrisEntry => ({
  factor,
  mu: muStar,
  muStar,
  muStarLow,
  muStarHigh: muStar * 1.5,
  sigma: 0,
  r: 10,
});

describe('selection and warnings', () => {
  it('keeps the top K by mu* whose interval lies wholly above that of the dummy, per metric, as a union', () => {
    const sel = selectFactors(
      {
        a: [
          morris('p1', 1, 0.8),
          morris('p2', 0.6, 0.05),
          morris('p6', 0.55, 0.12),
          morris(DUMMY_FACTOR.name, 0.1, 0.05),
          morris('p3', 0.5, 0.3),
          morris('p4', 0.4, 0.2),
        ],
        b: [morris('p4', 2, 1), morris('p5', 0.02, 0.01), morris(DUMMY_FACTOR.name, 0.03, 0.01)],
      },
      2,
    );
    // p2 and p6 have the next largest mu* for a, but their intervals reach below the top of the dummy's (0.1 x 1.5):
    // p6's lower end is above the dummy's mu* itself, which is not enough.
    expect(sel.perMetric.a.noiseFloor).toBeCloseTo(0.15, 12);
    expect(sel.perMetric.a.selected).toEqual(['p1', 'p3']);
    expect(sel.perMetric.a.aboveNoise).toBe(3);
    expect(sel.perMetric.b.selected).toEqual(['p4']);
    expect(sel.factors).toEqual(['p1', 'p3', 'p4']);
  });

  const sobol = (factor: string, S1: number, ST: number, half = 0.05): SobolEntry => ({
    factor,
    S1,
    S1Low: S1 - half,
    S1High: S1 + half,
    ST,
    STLow: ST - half,
    STHigh: ST + half,
    n: 64,
  });

  it('says nothing about precise, consistent indices clearly above the noise', () => {
    expect(sobolWarnings('m', [sobol('p1', 0.5, 0.55), sobol('p2', 0.3, 0.35), sobol(DUMMY_FACTOR.name, 0, 0.02)])).toEqual([]);
  });

  it('warns about wide intervals, negative first order, totals above 1 and indices within noise', () => {
    const w = sobolWarnings('m', [sobol('p1', 0.4, 1.2, 0.3), sobol('p2', -0.2, 0.1), sobol(DUMMY_FACTOR.name, 0, 0.12)]);
    expect(w.find((x) => x.includes('wide'))).toMatch(/p1/);
    expect(w.find((x) => x.includes('negative'))).toMatch(/p2/);
    expect(w.find((x) => x.includes('above 1'))).toMatch(/p1/);
    expect(w.find((x) => x.includes('dummy'))).toMatch(/p2/);
  });
});

describe('command', () => {
  it('refuses an unknown metric with a clear message and exit code 2, before running anything', async () => {
    const s = sink();
    const out = join(root, 'bad-metric');
    expect(await screenCommand(SCENARIO, { metric: ['effectivness_mean'], out }, s.io)).toBe(2);
    expect(s.err()).toMatch(/unknown --metric 'effectivness_mean'.*did you mean 'effectiveness_mean'\?/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a screen without --metric', async () => {
    const s = sink();
    expect(await screenCommand(SCENARIO, {}, s.io)).toBe(2);
    expect(s.err()).toMatch(/at least one --metric/);
  });

  it('prints the parameters and run counts with --dry-run and writes nothing', async () => {
    const s = sink();
    const out = join(root, 'dry');
    expect(await screenCommand(SCENARIO, { metric: ['trust_mean'], trajectories: 5, reps: 3, out, dryRun: true }, s.io)).toBe(0);
    const k = space.params.length + 1;
    expect(s.out()).toContain(`Morris: 5 trajectories x ${k + 1} points x 3 replication(s) = ${5 * (k + 1) * 3} runs`);
    expect(s.out()).toContain('model.trust.buildRate');
    expect(s.out()).toMatch(/schools\.count: structure/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('a small screen end to end', () => {
  it('runs Morris, selects, runs Sobol and writes screen.json and screen.md; a resume gives the same bytes', async () => {
    const file = join(root, 'tiny.yaml');
    writeFileSync(file, 'name: tiny\nyears: 1\nschools:\n  count: 12\npartnerships:\n  size: 6\n  peerReview:\n    enabled: true\n');
    const out = join(root, 'screen');
    const plan = planScreen(file, { metrics: ['trust_mean'], trajectories: 4, reps: 1, baseSamples: 4, top: 2, seed: 7 }, { out });
    const r = await runScreen(plan, { workers: 2, extras: false });
    expect(r.status).toBe('complete');
    expect(r.morris.total).toBe(plan.morrisRuns);
    const json = readFileSync(join(out, 'screen.json'), 'utf8');
    const sum = JSON.parse(json);
    expect(sum.parameters.length).toBe(plan.space.params.length);
    expect(sum.morris.ranking.trust_mean.length).toBe(plan.space.params.length + 1);
    const sel: string[] = sum.selection.factors;
    expect(sel.length).toBeGreaterThan(0);
    expect(sel.length).toBeLessThanOrEqual(2);
    // The Sobol sweep ran over the selection and the dummy: N (k + 2) points.
    expect(r.sobol?.total).toBe(4 * (sel.length + 1 + 2));
    expect(sum.sobol.indices.trust_mean.map((e: SobolEntry) => e.factor).sort()).toEqual([...sel, DUMMY_FACTOR.name].sort());
    expect(existsSync(join(out, 'morris', 'sensitivity.csv'))).toBe(true);
    expect(readFileSync(join(out, 'screen.md'), 'utf8')).toContain('## trust_mean');
    const again = await runScreen(plan, { workers: 1, extras: false, resume: true });
    expect(again.morris.executed).toBe(0);
    expect(readFileSync(join(out, 'screen.json'), 'utf8')).toBe(json);
  }, 60_000);
});
