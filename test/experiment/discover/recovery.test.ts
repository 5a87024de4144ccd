/**
 * Recovery of a planted region from a synthetic sweep folder
 * (synthetic-sweep.ts: 2,000 runs, four uniform factors, outcome in
 * x1 in [0.2, 0.6] and x2 > 0.7, 10% of labels flipped).
 *
 * Tolerance 0.05 on every edge, in the factors' units (their range is
 * [0, 1]). Near the final box one peel moves an edge by about alpha times
 * the box's width (0.05 x 0.4 = 0.02 on x1), and the flipped labels move
 * the edges a little more; over 40 seeds of this design the worst edge was
 * 0.017 away (0.029 with three factors). 0.05 is one peel of the whole range: an edge a full peel off,
 * a missing restriction or one on x3 or x4 fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discover, DISCOVER_DEFAULTS, type NamedBox } from '../../../src/experiment/discover/discover.ts';
import { isRestricted, type Limit } from '../../../src/experiment/discover/cases.ts';
import { boxFinding } from '../../../src/experiment/discover/describe.ts';
import { PLANTED, writeSyntheticSweep } from './synthetic-sweep.ts';

const TOLERANCE = 0.05;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'collabsim-discover-'));
  writeSyntheticSweep(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function numeric(lim: Limit): { low: number; high: number } {
  if (lim.kind !== 'numeric') throw new Error('expected a numeric limit');
  return lim;
}

function expectPlanted(b: NamedBox, init: Limit[]): void {
  const [x1, x2, x3, x4] = b.box.map(numeric);
  expect(Math.abs(x1.low - PLANTED.x1[0]), `x1 low ${x1.low}`).toBeLessThan(TOLERANCE);
  expect(Math.abs(x1.high - PLANTED.x1[1]), `x1 high ${x1.high}`).toBeLessThan(TOLERANCE);
  expect(Math.abs(x2.low - PLANTED.x2[0]), `x2 low ${x2.low}`).toBeLessThan(TOLERANCE);
  expect(x2.high, 'x2 high').toBeGreaterThan(1 - TOLERANCE);
  expect(isRestricted(b.box[2], init[2]), `x3 restricted: ${x3.low}..${x3.high}`).toBe(false);
  expect(isRestricted(b.box[3], init[3]), `x4 restricted: ${x4.low}..${x4.high}`).toBe(false);
}

describe('discover on a planted box', () => {
  const settings = { ...DISCOVER_DEFAULTS, where: 'trust_mean > 0.5' };

  it('drops the failed runs with a note and finds the base rate', () => {
    const r = discover(dir, settings);
    expect(r.n).toBe(2000);
    expect(r.notes.join('\n')).toMatch(/2 of 2002 runs dropped because their status is not ok \(2 failed\)/);
    // Expected share: 0.12 x 0.9 + 0.88 x 0.1 = 0.196.
    expect(r.baseRate).toBeGreaterThan(0.17);
    expect(r.baseRate).toBeLessThan(0.22);
  });

  it('PRIM recovers the edges and leaves x3 and x4 unrestricted', () => {
    const r = discover(dir, settings);
    expect(r.primBoxes).toHaveLength(1);
    const b = r.primBoxes[0];
    expectPlanted(b, r.init);
    // Inside the planted box 90% of runs have the outcome; it holds about 0.108 / 0.196 = 55% of them.
    expect(b.stats.density).toBeGreaterThan(0.8);
    expect(b.stats.coverage).toBeGreaterThan(0.45);
    expect(b.pValues[0]).toBeLessThan(1e-10);
    expect(b.pValues[1]).toBeLessThan(1e-10);
    expect(b.pValues[2]).toBeNaN();
  });

  it('CART finds the same region in its leaf that predicts the outcome', () => {
    const r = discover(dir, settings);
    const predicted = r.leaves.filter((l) => l.predicted);
    expect(predicted).toHaveLength(1);
    expectPlanted(predicted[0], r.init);
  });

  it('a second box after covering is not reported when the rest is noise', () => {
    const r = discover(dir, { ...settings, boxes: 3 });
    expect(r.primBoxes).toHaveLength(1);
    expect(r.notes.join('\n')).toMatch(/PRIM stopped after 1 box/);
  });

  it('reports no finding when the outcome is pure noise', () => {
    // effectiveness_mean is drawn independently of every factor.
    const r = discover(dir, { ...settings, where: 'effectiveness_mean > 0' });
    const b = r.prim.boxes[0];
    expect(r.k).toBeGreaterThan(800);
    expect(b.test.permutations).toBe(99);
    expect(b.test.p).toBeGreaterThan(0.05);
    expect(boxFinding(r, r.primBoxes[0])).toMatch(/^No region of the factors stands out from chance/);
  });

  it('the planted box stands out from chance', () => {
    const r = discover(dir, settings);
    expect(r.prim.boxes[0].test.reached).toBe(0);
    expect(r.prim.boxes[0].test.p).toBeCloseTo(0.01, 12);
    expect(boxFinding(r, r.primBoxes[0])).toMatch(
      /^Runs with x1 between 0\.\d+ and 0\.\d+ and x2 above 0\.\d+ give the outcome in \d+% of cases \(against 20% overall\), covering \d+% of all such runs\.$/,
    );
  });
});
