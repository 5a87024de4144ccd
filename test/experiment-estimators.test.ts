import { describe, expect, it } from 'vitest';
import { saltelliDesign, morrisDesign, lhsDesign, factorialDesign, type FactorDef } from '../src/experiment/designs.ts';
import { sobolIndices, splitSaltelli, morrisIndices } from '../src/experiment/sensitivity.ts';
import { sobolPoint, sobolMatrix } from '../src/experiment/sobol-sequence.ts';
import { tQuantile, summarise } from '../src/experiment/stats.ts';
import { deriveSeed, pointIdentity } from '../src/experiment/seeding.ts';

const PI = Math.PI;

/** Ishigami function, inputs in [-pi, pi]. */
function ishigami(x: number[], a = 7, b = 0.1): number {
  return Math.sin(x[0]) + a * Math.sin(x[1]) ** 2 + b * x[2] ** 4 * Math.sin(x[0]);
}

/** Analytic Sobol indices of the Ishigami function. */
function ishigamiAnalytic(a = 7, b = 0.1) {
  const v1 = 0.5 * (1 + (b * PI ** 4) / 5) ** 2;
  const v2 = a ** 2 / 8;
  const v13 = b ** 2 * PI ** 8 * (1 / 18 - 1 / 50);
  const v = v1 + v2 + v13;
  return { S1: [v1 / v, v2 / v, 0], ST: [(v1 + v13) / v, v2 / v, v13 / v] };
}

describe('Sobol sequence', () => {
  it('matches the known first points of the unscrambled sequence', () => {
    const first = [
      [0, 0, 0],
      [0.5, 0.5, 0.5],
      [0.75, 0.25, 0.25],
      [0.25, 0.75, 0.75],
      [0.375, 0.375, 0.625],
      [0.875, 0.875, 0.125],
      [0.625, 0.125, 0.875],
      [0.125, 0.625, 0.375],
    ];
    for (let i = 0; i < first.length; i++) for (let d = 0; d < 3; d++) expect(sobolPoint(i, d)).toBe(first[i][d]);
  });

  it('stratifies every dimension: each block of 2^m points hits every interval of width 2^-m once', () => {
    const m = 8;
    const n = 2 ** m;
    const dims = 53;
    const pts = sobolMatrix(n, dims, 0);
    for (let d = 0; d < dims; d++) {
      const seen = new Set<number>();
      for (let i = 0; i < n; i++) seen.add(Math.floor(pts[i * dims + d] * n));
      expect(seen.size).toBe(n);
    }
  });

  it('gives (0,m,2)-net stratification for pairs of low dimensions', () => {
    // 2^6 points, every 8x8 grid of elementary boxes of area 1/64 holds one point.
    const n = 64;
    const pts = sobolMatrix(n, 6, 0);
    for (const [d1, d2] of [
      [0, 1],
      [2, 3],
      [4, 5],
    ]) {
      const cells = new Set<number>();
      for (let i = 0; i < n; i++) cells.add(Math.floor(pts[i * 6 + d1] * 8) * 8 + Math.floor(pts[i * 6 + d2] * 8));
      expect(cells.size).toBe(64);
    }
  });
});

describe('Sobol indices (Saltelli 2010 / Jansen)', () => {
  // Tolerance: 0.03 absolute on every index with N = 8192 base samples.
  const TOL = 0.03;
  it('recovers the analytic indices of the Ishigami function (a=7, b=0.1)', () => {
    const factors: FactorDef[] = ['x1', 'x2', 'x3'].map((name) => ({ name, path: name, min: -PI, max: PI }));
    const design = saltelliDesign(factors, 8192);
    expect(design.points.length).toBe(8192 * 5);
    const y = design.points.map((p) => ishigami(p.values as number[]));
    const { yA, yB, yAB, dropped } = splitSaltelli(y, design.saltelli!);
    expect(dropped).toBe(0);
    const idx = sobolIndices(yA, yB, yAB, { bootstrap: 200, seed: 1 });
    const exact = ishigamiAnalytic();
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(idx[i].S1 - exact.S1[i])).toBeLessThan(TOL);
      expect(Math.abs(idx[i].ST - exact.ST[i])).toBeLessThan(TOL);
      // The bootstrap interval brackets the estimate.
      expect(idx[i].S1Low).toBeLessThanOrEqual(idx[i].S1);
      expect(idx[i].S1High).toBeGreaterThanOrEqual(idx[i].S1);
      expect(idx[i].STLow).toBeLessThanOrEqual(idx[i].ST);
      expect(idx[i].STHigh).toBeGreaterThanOrEqual(idx[i].ST);
    }
  });

  it('gives reproducible bootstrap intervals for the same seed', () => {
    const factors: FactorDef[] = ['x1', 'x2', 'x3'].map((name) => ({ name, path: name, min: -PI, max: PI }));
    const design = saltelliDesign(factors, 256);
    const y = design.points.map((p) => ishigami(p.values as number[]));
    const s = splitSaltelli(y, design.saltelli!);
    const a = sobolIndices(s.yA, s.yB, s.yAB, { bootstrap: 100, seed: 7 });
    const b = sobolIndices(s.yA, s.yB, s.yAB, { bootstrap: 100, seed: 7 });
    expect(a).toEqual(b);
  });

  it('drops base samples with a missing output', () => {
    const factors: FactorDef[] = ['x1', 'x2'].map((name) => ({ name, path: name, min: 0, max: 1 }));
    const design = saltelliDesign(factors, 16);
    const y = design.points.map((p, i) => (i === 5 ? NaN : (p.values[0] as number)));
    const s = splitSaltelli(y, design.saltelli!);
    expect(s.dropped).toBe(1);
    expect(s.yA.length).toBe(15);
  });
});

describe('Morris elementary effects', () => {
  it('ranks the factors of a function with known importance correctly', () => {
    // y = 10 x1 + 5 x2 + 2 x3 + 0.5 x4 + 0 x5 + x1*x2 (interaction): mu* order x1 > x2 > x3 > x4 > x5.
    const coeffs = [10, 5, 2, 0.5, 0];
    const factors: FactorDef[] = coeffs.map((_, i) => ({ name: `x${i + 1}`, path: `x${i + 1}`, min: 0, max: 1 }));
    const design = morrisDesign(factors, { trajectories: 20, levels: 4 }, 42);
    expect(design.points.length).toBe(20 * 6);
    const y = design.points.map((p) => {
      const x = p.values as number[];
      return coeffs.reduce((s, c, i) => s + c * x[i], 0) + x[0] * x[1];
    });
    const idx = morrisIndices(y, design.morris!, factors.length, { bootstrap: 100, seed: 3 });
    const order = idx.map((m, i) => [m.muStar, i]).sort((a, b) => b[0] - a[0]).map((e) => e[1]);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    // Linear terms: mu* of x3 is exactly its coefficient, sigma is zero.
    expect(idx[2].muStar).toBeCloseTo(2, 4); // values are kept to 6 significant digits
    expect(idx[2].sigma).toBeCloseTo(0, 4);
    expect(idx[4].muStar).toBe(0);
    // The interaction gives x1 and x2 a spread of effects.
    expect(idx[0].sigma).toBeGreaterThan(0);
  });

  it('ranks the Sobol g-function factors by their a_i', () => {
    const a = [0, 1, 4.5, 9, 99, 99];
    const factors: FactorDef[] = a.map((_, i) => ({ name: `x${i + 1}`, path: `x${i + 1}`, min: 0, max: 1 }));
    const design = morrisDesign(factors, { trajectories: 30, levels: 6, candidates: 150 }, 11);
    const y = design.points.map((p) =>
      (p.values as number[]).reduce((prod, x, i) => prod * ((Math.abs(4 * x - 2) + a[i]) / (1 + a[i])), 1),
    );
    const idx = morrisIndices(y, design.morris!, factors.length, { bootstrap: 0 });
    for (let i = 0; i < 3; i++) expect(idx[i].muStar).toBeGreaterThan(idx[i + 1].muStar);
    expect(idx[4].muStar).toBeLessThan(0.1 * idx[0].muStar);
  });

  it('moves exactly one factor per step by +/- delta on the grid', () => {
    const factors: FactorDef[] = [0, 1, 2].map((i) => ({ name: `x${i}`, path: `x${i}`, min: 0, max: 1 }));
    const design = morrisDesign(factors, { trajectories: 5, levels: 4, candidates: 20 }, 1);
    for (const tr of design.morris!.trajectories) {
      for (let s = 0; s < 3; s++) {
        const a = design.points[tr.start + s].values as number[];
        const b = design.points[tr.start + s + 1].values as number[];
        const changed = a.map((v, i) => (v !== b[i] ? i : -1)).filter((i) => i >= 0);
        expect(changed).toEqual([tr.order[s]]);
        expect(b[tr.order[s]] - a[tr.order[s]]).toBeCloseTo(tr.steps[s], 5);
      }
    }
  });
});

describe('designs', () => {
  it('factorial crosses levels with the first factor slowest', () => {
    const d = factorialDesign([
      { name: 'a', path: 'a', levels: [1, 2] },
      { name: 'b', path: 'b', min: 0, max: 1, steps: 3 },
    ]);
    expect(d.points.map((p) => p.values)).toEqual([
      [1, 0],
      [1, 0.5],
      [1, 1],
      [2, 0],
      [2, 0.5],
      [2, 1],
    ]);
  });

  it('Latin hypercube puts exactly one point in each stratum of each factor', () => {
    const n = 50;
    const d = lhsDesign(
      [
        { name: 'a', path: 'a', min: 0, max: 1 },
        { name: 'b', path: 'b', min: 10, max: 20 },
      ],
      n,
      5,
    );
    const sa = new Set(d.points.map((p) => Math.floor((p.values[0] as number) * n)));
    const sb = new Set(d.points.map((p) => Math.floor((((p.values[1] as number) - 10) / 10) * n)));
    expect(sa.size).toBe(n);
    expect(sb.size).toBe(n);
    // Same master seed, same design.
    expect(lhsDesign(d.factors, n, 5).points).toEqual(d.points);
    expect(lhsDesign(d.factors, n, 6).points).not.toEqual(d.points);
  });
});

describe('seeding', () => {
  it('depends on master seed, point identity and replication only', () => {
    const id = pointIdentity(['b', 'a'], [0.5, 'x']);
    expect(id).toBe(pointIdentity(['a', 'b'], ['x', 0.5]));
    const s = deriveSeed(1, id, 0);
    expect(s).toBe(deriveSeed(1, id, 0));
    expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
    expect(deriveSeed(1, id, 1)).not.toBe(s);
    expect(deriveSeed(2, id, 0)).not.toBe(s);
    expect(pointIdentity(['a'], [1], 'A/0')).not.toBe(pointIdentity(['a'], [1], 'B/0'));
  });
});

describe('statistics', () => {
  it('computes Student t quantiles', () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.7764, 4);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.0423, 4);
    expect(tQuantile(0.975, 1e6)).toBeCloseTo(1.96, 2);
    expect(tQuantile(0.025, 10)).toBeCloseTo(-2.2281, 4);
  });

  it('summarises with a t interval', () => {
    const s = summarise([1, 2, 3, 4, 5]);
    expect(s.n).toBe(5);
    expect(s.mean).toBe(3);
    expect(s.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    const half = (2.7764451 * Math.sqrt(2.5)) / Math.sqrt(5);
    expect(s.ciLow).toBeCloseTo(3 - half, 5);
    expect(s.ciHigh).toBeCloseTo(3 + half, 5);
    expect(summarise([2]).sd).toBeNaN();
    expect(summarise([NaN, 1, 3]).n).toBe(2);
  });
});
