/**
 * Unit tests of the calibration building blocks: priors, the statistics
 * that turn a run's series into a target value, the distance, the linear
 * algebra and the weighted summaries.
 */
import { describe, expect, it } from 'vitest';
import { stream } from '../../../src/engine/rng.ts';
import { makePrior, logPrior } from '../../../src/experiment/calibrate/priors.ts';
import { compileTargets, distance } from '../../../src/experiment/calibrate/statistics.ts';
import { cholesky, invertSpd, kernelLog, weightedCov } from '../../../src/experiment/calibrate/linalg.ts';
import { checkTargets, summariseParameters, weightedQuantile } from '../../../src/experiment/calibrate/summary.ts';
import { TargetsSchema, type TargetSpec } from '../../../src/experiment/calibrate/targets-schema.ts';
import type { SeriesTable } from '../../../src/engine/contract.ts';

function sampleMean(draw: () => number, n = 20000): { mean: number; min: number; max: number } {
  let s = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  return { mean: s / n, min, max };
}

describe('priors', () => {
  it('draw inside their support with the right centre', () => {
    const rng = stream(1, 'priors');
    const u = makePrior({ path: 'a.b', dist: 'uniform', min: 2, max: 4 });
    const su = sampleMean(() => u.draw(rng));
    expect(su.mean).toBeCloseTo(3, 1);
    expect(su.min).toBeGreaterThanOrEqual(2);
    expect(su.max).toBeLessThanOrEqual(4);
    const n = makePrior({ path: 'a', dist: 'normal', mean: 0, sd: 1, min: 0 });
    // Half-normal mean sqrt(2/pi).
    expect(sampleMean(() => n.draw(rng)).mean).toBeCloseTo(Math.sqrt(2 / Math.PI), 1);
    expect(sampleMean(() => n.draw(rng)).min).toBeGreaterThanOrEqual(0);
    const ln = makePrior({ path: 'a', dist: 'lognormal', median: 2, sigma: 0.5 });
    const xs = Array.from({ length: 20001 }, () => ln.draw(rng)).sort((a, b) => a - b);
    expect(xs[10000]).toBeGreaterThan(1.9);
    expect(xs[10000]).toBeLessThan(2.1);
    const b = makePrior({ path: 'a', dist: 'beta', alpha: 2, beta: 6, min: 0, max: 1 });
    expect(sampleMean(() => b.draw(rng)).mean).toBeCloseTo(0.25, 1);
    const small = makePrior({ path: 'a', dist: 'beta', alpha: 0.5, beta: 0.5, min: 10, max: 20 });
    const sb = sampleMean(() => small.draw(rng));
    expect(sb.mean).toBeCloseTo(15, 0);
    expect(sb.min).toBeGreaterThanOrEqual(10);
  });

  it('give log densities that rank values and vanish outside the support', () => {
    const n = makePrior({ path: 'a', dist: 'normal', mean: 1, sd: 2, max: 5 });
    expect(n.logPdf(1)).toBeGreaterThan(n.logPdf(3));
    expect(n.logPdf(3) - n.logPdf(1)).toBeCloseTo(-0.5, 12);
    expect(n.logPdf(6)).toBe(-Infinity);
    const u = makePrior({ path: 'b', dist: 'uniform', min: 0, max: 1 });
    expect(logPrior([n, u], [1, 0.5])).toBe(0);
    expect(logPrior([n, u], [1, 1.5])).toBe(-Infinity);
  });
});

/** A series with metrics a and b over 2 years at 4 ticks a year: a = year, b = year^2 (NaN at tick 0 for b). */
function series(): SeriesTable {
  const rows = 9;
  const values = new Float64Array(rows * 2);
  for (let t = 0; t < rows; t++) {
    const y = t / 4;
    values[t * 2] = y;
    values[t * 2 + 1] = t === 0 ? NaN : y * y;
  }
  return {
    keys: [
      { metric: 'a', level: 'all' },
      { metric: 'b', level: 'all' },
    ],
    rows,
    ticksPerYear: 4,
    values,
  };
}

const base = { scenario: 's', level: 'all', observed: 0, se: 1, source: 'test' };

function valueOf(t: Partial<TargetSpec>, s: SeriesTable = series()): number {
  const { targets, measures } = compileTargets([{ ...base, statistic: 'mean', name: 't', metric: 'a', ...t }]);
  return targets[0].combine(measures.map((m) => m.compute(s)));
}

describe('statistics', () => {
  it('select observations at a time, in a window, or the last', () => {
    expect(valueOf({})).toBe(2);
    expect(valueOf({ at: 0.6 })).toBe(0.75);
    expect(valueOf({ window: { from: 0.5, to: 1 } })).toBeCloseTo(0.75, 12);
    expect(valueOf({ metric: 'b', window: { from: 0, to: 0.5 } })).toBeCloseTo((0.0625 + 0.25) / 2, 12);
  });

  it('compute shares, quantiles, slopes, correlations and event contrasts', () => {
    const all = { window: { from: 0, to: 2 } };
    expect(valueOf({ statistic: 'share', above: 1, ...all })).toBeCloseTo(4 / 9, 12);
    expect(valueOf({ statistic: 'share', below: 0.5, ...all })).toBeCloseTo(2 / 9, 12);
    expect(valueOf({ statistic: 'quantile', q: 0.5, ...all })).toBe(1);
    expect(valueOf({ statistic: 'slope', ...all })).toBeCloseTo(1, 12);
    expect(valueOf({ statistic: 'slope', metric: 'b', window: { from: 1, to: 2 } })).toBeCloseTo(3, 1);
    expect(valueOf({ statistic: 'correlation', with: 'b', ...all })).toBeGreaterThan(0.95);
    // After [1, 1.5]: mean 1.25; before [0.5, 1): mean 0.625.
    expect(valueOf({ statistic: 'event', event: { at: 1, before: 0.5, after: 0.5 } })).toBeCloseTo(0.625, 12);
  });

  it('make a contrast the difference of two scenarios, and a distance in z-scores', () => {
    const { targets, measures } = compileTargets([{ ...base, name: 'c', metric: 'a', statistic: 'contrast', versus: 'r', observed: 1, se: 0.5 }]);
    expect(measures.map((m) => m.scenario)).toEqual(['s', 'r']);
    expect(targets[0].combine([3, 1])).toBe(2);
    expect(distance(targets, [2])).toBeCloseTo(2, 12);
    expect(distance(targets, [NaN])).toBe(Infinity);
    const iv = compileTargets([
      { ...base, se: undefined, interval: { low: 0.8, high: 1.2, level: 0.95 }, name: 'i', metric: 'a', statistic: 'mean', observed: 1 },
    ]);
    expect(iv.targets[0].uncertainty).toBeCloseTo(0.2 / 1.959964, 5);
  });

  it('refuse a metric a run does not report', () => {
    expect(() => valueOf({ metric: 'nope' })).toThrow(/no metric 'nope'/);
  });
});

describe('linear algebra and summaries', () => {
  it('factor, invert and evaluate a normal kernel', () => {
    const a = [
      [4, 2],
      [2, 3],
    ];
    const l = cholesky(a)!;
    expect(l[0][0] * l[0][0]).toBeCloseTo(4, 12);
    expect(l[1][0] * l[1][0] + l[1][1] * l[1][1]).toBeCloseTo(3, 12);
    const inv = invertSpd(a)!;
    expect(4 * inv[0][0] + 2 * inv[1][0]).toBeCloseTo(1, 12);
    expect(2 * inv[0][1] + 3 * inv[1][1]).toBeCloseTo(1, 12);
    // -0.5 d' A^-1 d
    const d = [1, -1];
    const q = d[0] * (inv[0][0] * d[0] + inv[0][1] * d[1]) + d[1] * (inv[1][0] * d[0] + inv[1][1] * d[1]);
    expect(kernelLog(l, d)).toBeCloseTo(-0.5 * q, 12);
    expect(cholesky([[0]])).toBeNull();
    const cov = weightedCov(
      [
        [0, 0],
        [2, 2],
      ],
      [0.5, 0.5],
    );
    expect(cov[0][1]).toBeCloseTo(2, 12);
  });

  it('take weighted quantiles and judge identifiability against the prior', () => {
    expect(weightedQuantile([1, 2, 3, 4], [0.1, 0.1, 0.7, 0.1], 0.5)).toBe(3);
    const p = makePrior({ path: 'x', dist: 'uniform', min: 0, max: 10 });
    const narrow = summariseParameters([p], [[4.9], [5], [5.1]], [1 / 3, 1 / 3, 1 / 3], 1)[0];
    expect(narrow.identified).toBe('constrained');
    const rng = stream(3, 'wide');
    const wide = Array.from({ length: 400 }, () => [10 * rng()]);
    expect(summariseParameters([p], wide, new Array(400).fill(1 / 400), 1)[0].identified).toBe('not constrained');
  });

  it('check a target as met when the simulated median lies in the stated 95% interval', () => {
    const { targets } = compileTargets([{ ...base, name: 't', metric: 'a', statistic: 'mean', observed: 1, se: 0.1 }]);
    expect(checkTargets(targets, [[1.1], [1.15], [1.2]])[0].met).toBe(true);
    expect(checkTargets(targets, [[1.3], [1.4], [1.5]])[0].met).toBe(false);
  });
});

describe('targets schema', () => {
  const good = {
    name: 'x',
    scenarios: { s: { file: 'a.yaml' } },
    targets: [{ name: 't', scenario: 's', metric: 'trust_mean', observed: 0.5, se: 0.1, source: 'src' }],
    priors: [{ path: 'turnover.leaderRate', dist: 'uniform', min: 0, max: 0.2 }],
  };
  const issues = (over: Record<string, unknown>) => {
    const r = TargetsSchema.safeParse({ ...good, ...over });
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts a good file and fills in the method defaults', () => {
    const r = TargetsSchema.parse(good);
    expect(r.abc.particles).toBe(100);
    expect(r.smm.restarts).toBe(4);
  });

  it('says what each target is missing or has twice', () => {
    const t = good.targets[0];
    expect(issues({ targets: [{ ...t, scenario: 'nope' }] }).join()).toMatch(/targets.0.scenario: 'nope' is not a scenario/);
    expect(issues({ targets: [{ ...t, se: undefined }] }).join()).toMatch(/exactly one of `se` or `interval`/);
    expect(issues({ targets: [{ ...t, statistic: 'quantile', window: { from: 0, to: 1 } }] }).join()).toMatch(/needs `q`/);
    expect(issues({ targets: [{ ...t, statistic: 'contrast' }] }).join()).toMatch(/needs `versus`/);
    expect(issues({ targets: [{ ...t, q: 0.5 }] }).join()).toMatch(/`q` is only used by another statistic/);
    expect(issues({ targets: [{ ...t, statistic: 'slope', at: 2 }] }).join()).toMatch(/give a `window`, not `at`/);
    expect(issues({ targets: [t, t] }).join()).toMatch(/duplicate target name/);
    expect(issues({ priors: [{ path: 'a', dist: 'uniform', min: 1, max: 0 }] }).join()).toMatch(/max \(0\) must be above min \(1\)/);
    expect(issues({ scenarios: { s: {} } }).join()).toMatch(/exactly one of `file` or `inline`/);
  });
});
