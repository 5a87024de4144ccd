/** The Sobol low-discrepancy sequence: known points and stratification. */
import { describe, expect, it } from 'vitest';
import { sobolPoint, sobolMatrix } from '../../src/experiment/sobol-sequence.ts';

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
