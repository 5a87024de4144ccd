/** Experimental designs: factorial crossing and Latin hypercube strata. */
import { describe, expect, it } from 'vitest';
import { lhsDesign, factorialDesign } from '../../src/experiment/designs.ts';

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
