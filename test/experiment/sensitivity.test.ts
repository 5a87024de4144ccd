/** Sobol (Saltelli/Jansen) and Morris estimators against functions with known indices. */
import { describe, expect, it } from 'vitest';
import { saltelliDesign, type FactorDef } from '../../src/experiment/designs.ts';
import { morrisDesign } from '../../src/experiment/morris-design.ts';
import { sobolIndices, splitSaltelli, morrisIndices } from '../../src/experiment/sensitivity.ts';

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
    const order = idx
      .map((m, i) => [m.muStar, i])
      .sort((a, b) => b[0] - a[0])
      .map((e) => e[1]);
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
    const y = design.points.map((p) => (p.values as number[]).reduce((prod, x, i) => prod * ((Math.abs(4 * x - 2) + a[i]) / (1 + a[i])), 1));
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
