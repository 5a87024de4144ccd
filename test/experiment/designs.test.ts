/** Experimental designs: factorial crossing and Latin hypercube strata. */
import { describe, expect, it } from 'vitest';
import { buildDesign, designSize, lhsDesign, factorialDesign, type DesignSpec } from '../../src/experiment/designs.ts';

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

  it('the size computed from the settings is the number of points the design builds, for every type', () => {
    const factors = [
      { name: 'a', path: 'a', levels: [1, 2, 3] },
      { name: 'b', path: 'b', min: 0, max: 1, steps: 4 },
      { name: 'c', path: 'c', min: 0, max: 2, steps: 2 },
    ];
    const specs: DesignSpec[] = [
      { type: 'factorial' },
      { type: 'lhs', samples: 17 },
      { type: 'sobol', baseSamples: 8 },
      { type: 'morris', trajectories: 5 },
      {
        type: 'explicit',
        points: [
          { a: 1, b: 0, c: 0 },
          { a: 2, b: 1, c: 2 },
        ],
      },
    ];
    for (const spec of specs) expect(designSize(factors, spec), spec.type).toBe(buildDesign(factors, spec, 3).points.length);
  });
});
