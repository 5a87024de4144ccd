/**
 * PRIM on small hand-made data: the cut of one peel (ties go together),
 * the peeling trajectory, categorical peeling, pasting, the quasi-p values
 * and the freeing of insignificant restrictions, the scan-statistic choice
 * of a step, covering, and the permutation test.
 */
import { describe, expect, it } from 'vitest';
import { allCases, initialBox, membersOf, type Box, type Cases, type NumericFactor } from '../../../src/experiment/discover/cases.ts';
import { peelCut, peelTrajectory } from '../../../src/experiment/discover/prim-peel.ts';
import { pasteBox } from '../../../src/experiment/discover/prim-paste.ts';
import { dropInsignificant, restrictionPValues } from '../../../src/experiment/discover/significance.ts';
import { chooseStep, scanStatistic } from '../../../src/experiment/discover/box-choice.ts';
import { runPrim } from '../../../src/experiment/discover/prim.ts';
import { permutationTest } from '../../../src/experiment/discover/permutation.ts';

function num(name: string, values: number[]): NumericFactor {
  return { kind: 'numeric', name, values: Float64Array.from(values), min: Math.min(...values), max: Math.max(...values) };
}

/** x = 0..99, outcome where `good(x)`. */
function line(good: (x: number) => boolean): Cases {
  const xs = Array.from({ length: 100 }, (_, i) => i);
  return { factors: [num('x', xs)], y: Uint8Array.from(xs, (x) => (good(x) ? 1 : 0)) };
}

/** A 20 x 20 grid of (x1, x2) = (i mod 20, floor(i / 20)). */
function grid(good: (x1: number, x2: number) => boolean): Cases {
  const i = Array.from({ length: 400 }, (_, k) => k);
  return {
    factors: [
      num(
        'x1',
        i.map((k) => k % 20),
      ),
      num(
        'x2',
        i.map((k) => Math.floor(k / 20)),
      ),
    ],
    y: Uint8Array.from(i, (k) => (good(k % 20, Math.floor(k / 20)) ? 1 : 0)),
  };
}

const numericLimits = (box: Box) => box.map((l) => (l.kind === 'numeric' ? [l.low, l.high] : []));
const settings = { alpha: 0.1, minMass: 0.05, minCoverage: 0, maxP: 0.01, boxes: 1, permutations: 0, seed: 1 };

describe('one peel', () => {
  it('cuts half-way, taking every tied value with the last one removed', () => {
    const f = num('x', [2, 1, 3, 1, 2, 1]);
    const all = new Uint8Array(6).fill(1);
    expect(peelCut(f, all, 1, 'low')).toBe(1.5);
    expect(peelCut(f, all, 0, 'low')).toBe(1.5);
    expect(peelCut(f, all, 4, 'low')).toBe(2.5);
    expect(peelCut(f, all, 1, 'high')).toBe(2.5);
    expect(peelCut(f, all, 2, 'high')).toBe(1.5);
    expect(peelCut(f, all, 6, 'low')).toBeUndefined();
    // Cases outside the box are skipped: without the three 1s, the lowest is a 2.
    expect(peelCut(f, Uint8Array.from([1, 0, 1, 0, 1, 0]), 1, 'low')).toBe(2.5);
    expect(peelCut(num('c', [4, 4, 4]), new Uint8Array(3).fill(1), 1, 'low')).toBeUndefined();
  });
});

describe('peeling', () => {
  it('peels the side without the outcome, alpha of the box at a time, down to the minimum mass', () => {
    const cases = line((x) => x >= 50);
    const steps = peelTrajectory(cases, allCases(cases), initialBox(cases), settings);
    expect(numericLimits(steps[0].box)).toEqual([[0, 99]]);
    expect(numericLimits(steps[1].box)).toEqual([[9.5, 99]]);
    expect(steps.map((s) => s.members.length).slice(0, 5)).toEqual([100, 90, 81, 73, 66]);
    for (const s of steps) expect(s.members.length).toBeGreaterThanOrEqual(5);
    // Once only cases with the outcome remain, peeling goes on (from either end) until the minimum mass.
    expect(steps[steps.length - 1].members.length).toBeLessThan(10);
    const chosen = chooseStep(
      steps.map((s) => ({ n: s.members.length, k: s.members.filter((i) => cases.y[i]).length })),
      { n: 100, k: 50 },
      0,
    );
    expect(numericLimits(steps[chosen].box)).toEqual([[50.5, 99]]);
  });

  it('drops one category at a time', () => {
    const codes = Array.from({ length: 90 }, (_, i) => i % 3);
    const cases: Cases = {
      factors: [
        num(
          'x',
          codes.map((_, i) => i),
        ),
        { kind: 'categorical', name: 'c', codes: Int32Array.from(codes), levels: ['a', 'b', 'c'] },
      ],
      y: Uint8Array.from(codes, (c) => (c === 0 ? 1 : 0)),
    };
    const r = runPrim(cases, settings);
    expect(r.boxes[0].box[1]).toEqual({ kind: 'categorical', allowed: [true, false, false] });
    expect(r.boxes[0].box[0]).toEqual(r.init[0]);
    expect(r.boxes[0].stats).toMatchObject({ n: 30, k: 30, coverage: 1, density: 1 });
    expect(r.boxes[0].trajectory[1].restricted).toBe(1);
  });
});

describe('pasting', () => {
  it('pushes a restricted edge back out while that raises the density', () => {
    // Outcome on 30..69 except at 50; the box starts too narrow at [45.5, 69.5].
    const cases = line((x) => x >= 30 && x < 70 && x !== 50);
    const init = initialBox(cases);
    const box: Box = [{ kind: 'numeric', low: 45.5, high: 69.5 }];
    const start = { box, members: membersOf(cases, box, allCases(cases)) };
    const { result, pastes } = pasteBox(cases, allCases(cases), start, init, 0.1);
    // Slices of 2, 2, 2, 3, 3, 3 cases (a tenth of the box); the next would take in 29 and 28.
    expect(pastes).toBe(6);
    expect(numericLimits(result.box)).toEqual([[30.5, 69.5]]);
  });

  it('leaves a pure box alone', () => {
    const cases = line((x) => x >= 30 && x < 70);
    const box: Box = [{ kind: 'numeric', low: 45.5, high: 69.5 }];
    const start = { box, members: membersOf(cases, box, allCases(cases)) };
    expect(pasteBox(cases, allCases(cases), start, initialBox(cases), 0.1).pastes).toBe(0);
  });
});

describe('significance of restrictions', () => {
  const cases = grid((x1) => x1 >= 10);
  const init = initialBox(cases);
  const box: Box = [
    { kind: 'numeric', low: 9.5, high: 19 },
    { kind: 'numeric', low: 4.5, high: 19 },
  ];
  const bc = { box, members: membersOf(cases, box, allCases(cases)) };

  it('gives the hypergeometric chance of the density gain of each restriction', () => {
    const p = restrictionPValues(cases, allCases(cases), bc, init);
    // Without the x1 restriction the box has 300 cases, 150 with the outcome; all 150 drawn have it: 1 / C(300, 150).
    expect(p[0]).toBeGreaterThan(0);
    expect(Math.log10(p[0])).toBeCloseTo(-88.97, 1);
    // Without the x2 restriction every case has the outcome: restricting x2 gains nothing.
    expect(p[1]).toBe(1);
    expect(restrictionPValues(cases, allCases(cases), { box: init, members: allCases(cases) }, init).every(Number.isNaN)).toBe(true);
  });

  it('frees the restriction that does not earn its place', () => {
    const { result, dropped } = dropInsignificant(cases, allCases(cases), bc, init, 0.01);
    expect(dropped).toEqual([1]);
    expect(numericLimits(result.box)).toEqual([
      [9.5, 19],
      [0, 19],
    ]);
    expect(result.members.length).toBe(200);
  });
});

describe('choice of the step', () => {
  it('computes the Bernoulli scan statistic', () => {
    // A box holding exactly the 50 cases of interest among 100: LLR = 100 ln 2.
    expect(scanStatistic(50, 50, 50, 100)).toBeCloseTo(100 * Math.LN2, 12);
    expect(scanStatistic(10, 20, 50, 100)).toBe(0);
    expect(scanStatistic(50, 100, 50, 100)).toBe(0);
    expect(scanStatistic(45, 60, 50, 100)).toBeCloseTo(
      45 * Math.log(0.75) + 15 * Math.log(0.25) + 5 * Math.log(5 / 40) + 35 * Math.log(35 / 40) + 100 * Math.LN2,
      12,
    );
  });

  it('takes the step that stands out most, among those keeping the minimum coverage', () => {
    const steps = [
      { n: 100, k: 50 },
      { n: 60, k: 45 },
      { n: 25, k: 25 },
      { n: 10, k: 10 },
    ];
    expect(chooseStep(steps, { n: 100, k: 50 }, 0)).toBe(2);
    expect(chooseStep(steps, { n: 100, k: 50 }, 0.6)).toBe(1);
    expect(chooseStep([{ n: 100, k: 50 }], { n: 100, k: 50 }, 0)).toBe(0);
  });
});

describe('covering and the permutation test', () => {
  it('finds two separate regions one after the other', () => {
    const cases = grid((x1, x2) => (x1 < 5 && x2 < 5) || (x1 >= 15 && x2 >= 15));
    const r = runPrim(cases, { ...settings, alpha: 0.05, boxes: 3, permutations: 19 });
    expect(r.boxes).toHaveLength(2);
    const found = r.boxes.map((b) => numericLimits(b.box)).sort((a, b) => a[0][0] - b[0][0]);
    expect(found).toEqual([
      [
        [0, 4.5],
        [0, 4.5],
      ],
      [
        [14.5, 19],
        [14.5, 19],
      ],
    ]);
    expect(r.boxes[1].stats.coverage).toBe(0.5);
    expect(r.boxes.every((b) => b.test.p === 0.05 && b.test.reached === 0)).toBe(true);
    expect(r.notes.join()).toMatch(/stopped after 2 box/);
  });

  it('counts how often shuffled outcomes give a box that stands out as much, reproducibly', () => {
    const cases = grid((x1, x2) => (x1 * 7 + x2 * 13) % 5 === 0);
    const init = initialBox(cases);
    const s = { ...settings, permutations: 39, seed: 3 };
    const t = permutationTest(cases, allCases(cases), init, 5, s, 'test');
    expect(t.permutations).toBe(39);
    expect(t.p).toBe((1 + t.reached) / 40);
    expect(permutationTest(cases, allCases(cases), init, 5, s, 'test')).toEqual(t);
    expect(permutationTest(cases, allCases(cases), init, 1e6, s, 'test').reached).toBe(0);
    expect(permutationTest(cases, allCases(cases), init, 0, s, 'test').reached).toBe(0);
    expect(permutationTest(cases, allCases(cases), init, 0, s, 'test').p).toBe(1);
    expect(permutationTest(cases, allCases(cases), init, 5, { ...s, permutations: 0 }, 'test').p).toBeNaN();
  });
});
