/** The classification tree on small hand-made data: split points, depth, leaf size, categories, leaves as boxes. */
import { describe, expect, it } from 'vitest';
import { allCases, initialBox, type Cases, type NumericFactor } from '../../../src/experiment/discover/cases.ts';
import { growTree, leavesOfInterest } from '../../../src/experiment/discover/cart.ts';

function num(name: string, values: number[]): NumericFactor {
  return { kind: 'numeric', name, values: Float64Array.from(values), min: Math.min(...values), max: Math.max(...values) };
}

function grow(cases: Cases, maxDepth = 3, minLeaf = 5) {
  return growTree(cases, { box: initialBox(cases), members: allCases(cases) }, { maxDepth, minLeaf });
}

const i100 = Array.from({ length: 100 }, (_, i) => i);

describe('CART', () => {
  it('splits half-way between the values that separate the outcome, and stops at pure leaves', () => {
    const cases: Cases = {
      factors: [
        num('x', i100),
        num(
          'z',
          i100.map((i) => (i * 37) % 100),
        ),
      ],
      y: Uint8Array.from(i100, (i) => (i >= 62 ? 1 : 0)),
    };
    const leaves = grow(cases);
    expect(leaves).toHaveLength(2);
    expect(leaves.map((l) => l.path)).toEqual([['x <= 61.5'], ['x > 61.5']]);
    expect(leaves.map((l) => [l.members.length, l.k, l.predicted])).toEqual([
      [62, 0, false],
      [38, 38, true],
    ]);
    expect(leavesOfInterest(leaves)[0].box[0]).toEqual({ kind: 'numeric', low: 61.5, high: 99 });
    expect(leavesOfInterest(leaves)[0].box[1]).toEqual({ kind: 'numeric', low: 0, high: 99 });
  });

  it('finds an interval in two splits, within the depth limit', () => {
    const cases: Cases = { factors: [num('x', i100)], y: Uint8Array.from(i100, (i) => (i >= 20 && i < 60 ? 1 : 0)) };
    const leaves = grow(cases);
    const good = leavesOfInterest(leaves);
    expect(good).toHaveLength(1);
    expect(good[0].box[0]).toEqual({ kind: 'numeric', low: 19.5, high: 59.5 });
    expect(grow(cases, 1)).toHaveLength(2);
  });

  it('never makes a leaf smaller than the minimum', () => {
    // Only the top 3 have the outcome; with leaves of at least 5 the purest leaf holds 95..99 (3 of 5).
    const cases: Cases = { factors: [num('x', i100)], y: Uint8Array.from(i100, (i) => (i >= 97 ? 1 : 0)) };
    const leaves = grow(cases, 3, 5);
    for (const l of leaves) expect(l.members.length).toBeGreaterThanOrEqual(5);
    const good = leavesOfInterest(leaves);
    expect(good).toHaveLength(1);
    expect(good[0]).toMatchObject({ k: 3, box: [{ kind: 'numeric', low: 94.5, high: 99 }] });
    expect(good[0].members.length).toBe(5);
    expect(leavesOfInterest(grow(cases, 3, 3))[0].box[0]).toEqual({ kind: 'numeric', low: 96.5, high: 99 });
  });

  it('groups categories by their share of the outcome', () => {
    const codes = i100.map((i) => i % 4);
    const cases: Cases = {
      factors: [{ kind: 'categorical', name: 'mode', codes: Int32Array.from(codes), levels: ['a', 'b', 'c', 'd'] }],
      y: Uint8Array.from(codes, (c) => (c === 1 || c === 3 ? 1 : 0)),
    };
    const leaves = grow(cases);
    expect(leaves.map((l) => l.path)).toEqual([['mode in {a, c}'], ['mode in {b, d}']]);
    expect(leavesOfInterest(leaves)[0].box[0]).toEqual({ kind: 'categorical', allowed: [false, true, false, true] });
  });

  it('leaves a node whole when no split lowers the impurity', () => {
    const cases: Cases = { factors: [num('x', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1])], y: Uint8Array.from([1, 0, 1, 0, 1, 1, 0, 1, 1, 1]) };
    const leaves = grow(cases, 3, 1);
    expect(leaves).toHaveLength(1);
    expect(leaves[0]).toMatchObject({ k: 7, predicted: true, path: [] });
  });
});
