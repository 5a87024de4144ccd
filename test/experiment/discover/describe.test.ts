/** Boxes in words and the report's one-sentence finding. */
import { describe, expect, it } from 'vitest';
import type { Box, Factor } from '../../../src/experiment/discover/cases.ts';
import { boxWords, findingSentence, listWords } from '../../../src/experiment/discover/describe.ts';

const factors: Factor[] = [
  { kind: 'numeric', name: 'x1', values: new Float64Array(0), min: 0, max: 1 },
  { kind: 'numeric', name: 'x2', values: new Float64Array(0), min: 0, max: 1 },
  { kind: 'numeric', name: 'leader_turnover', values: new Float64Array(0), min: 0.04, max: 0.24, levels: [0.04, 0.08, 0.16, 0.24] },
  { kind: 'categorical', name: 'mode', codes: new Int32Array(0), levels: ['hub', 'mat', 'none'] },
];
const init: Box = [
  { kind: 'numeric', low: 0, high: 1 },
  { kind: 'numeric', low: 0, high: 1 },
  { kind: 'numeric', low: 0.04, high: 0.24 },
  { kind: 'categorical', allowed: [true, true, true] },
];
const box: Box = [
  { kind: 'numeric', low: 0.2004, high: 0.6 },
  { kind: 'numeric', low: 0, high: 0.3 },
  { kind: 'numeric', low: 0.04, high: 0.12 },
  { kind: 'categorical', allowed: [true, true, false] },
];
const stats = { n: 100, k: 82, coverage: 0.714, density: 0.82, mass: 0.1, restricted: 4 };

describe('box words', () => {
  it('words each kind of restriction', () => {
    expect(boxWords(factors, box, init)).toEqual(['x1 between 0.2 and 0.6', 'x2 below 0.3', 'leader_turnover at 0.04 or 0.08', 'mode hub or mat']);
    expect(boxWords(factors, init, init)).toEqual([]);
    expect(listWords(['a'])).toBe('a');
    expect(listWords(['a', 'b', 'c'], 'or')).toBe('a, b or c');
  });

  it('gives the finding in one sentence', () => {
    const two: Box = [box[0], { kind: 'numeric', low: 0.7, high: 1 }, init[2], init[3]];
    expect(findingSentence({ factors, box: two, init, stats, baseRate: 0.3, unit: 'runs' })).toBe(
      'Runs with x1 between 0.2 and 0.6 and x2 above 0.7 give the outcome in 82% of cases (against 30% overall), covering 71% of all such runs.',
    );
    expect(findingSentence({ factors, box: init, init, stats, baseRate: 0.3, unit: 'points' })).toBe(
      'No region of the factors gives the outcome clearly more often than overall (30% of points).',
    );
    expect(findingSentence({ factors, box: two, init, stats, baseRate: 0.3, unit: 'runs', test: { p: 0.2, reached: 19, permutations: 99 } })).toMatch(
      /^No region of the factors stands out from chance: the best box \(x1 between 0\.2 and 0\.6 and x2 above 0\.7: .*in 19 of 99 trials \(p = 0\.2\)\.$/,
    );
  });
});
