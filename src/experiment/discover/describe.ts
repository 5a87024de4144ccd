/**
 * Boxes in words: "x1 between 0.2 and 0.6", "leader_turnover at 0.04 or
 * 0.08", "mode hub or mat", and the one-sentence finding of the report.
 */
import { sig3 } from '../../output/report-format.ts';
import { isRestricted, type Box, type BoxStats, type Factor, type Limit } from './cases.ts';
import type { DiscoverResult, NamedBox } from './discover.ts';
import { BOX_SIGNIFICANCE } from './permutation.ts';

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** "a", "a and b", "a, b and c" (`and` may be `or`). */
export function listWords(items: readonly string[], last = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

/** One restricted limit in words; undefined when it restricts nothing. */
export function limitWords(f: Factor, lim: Limit, init: Limit): string | undefined {
  if (!isRestricted(lim, init)) return undefined;
  if (f.kind === 'categorical' && lim.kind === 'categorical') {
    return `${f.name} ${listWords(
      f.levels.filter((_, c) => lim.allowed[c]),
      'or',
    )}`;
  }
  if (f.kind !== 'numeric' || lim.kind !== 'numeric' || init.kind !== 'numeric') return undefined;
  if (f.levels) {
    const inside = f.levels.filter((v) => v >= lim.low && v <= lim.high).map(sig3);
    if (inside.length) return `${f.name} at ${listWords(inside, 'or')}`;
  }
  if (lim.low > init.low && lim.high < init.high) return `${f.name} between ${sig3(lim.low)} and ${sig3(lim.high)}`;
  return lim.low > init.low ? `${f.name} above ${sig3(lim.low)}` : `${f.name} below ${sig3(lim.high)}`;
}

/** The restrictions of a box in words, in factor order (empty when it restricts nothing). */
export function boxWords(factors: readonly Factor[], box: Box, init: Box): string[] {
  return factors.map((f, j) => limitWords(f, box[j], init[j])).filter((w): w is string => w !== undefined);
}

export interface FindingInput {
  factors: readonly Factor[];
  box: Box;
  init: Box;
  stats: BoxStats;
  baseRate: number;
  /** 'runs' or 'points'. */
  unit: string;
  /** The box's permutation test, when one was made. */
  test?: { p: number; reached: number; permutations: number };
}

/** Whether the test (if any) puts the box above chance at level `alpha`. */
function aboveChance(f: FindingInput, alpha: number): boolean {
  return !(f.test && f.test.p > alpha);
}

/**
 * "Runs with ... give the outcome in 82% of cases (against 30% overall),
 * covering 71% of all such runs."; or why there is no such finding.
 */
export function findingSentence(f: FindingInput, alpha = 0.05): string {
  const Unit = f.unit === 'points' ? 'Design points' : 'Runs';
  const words = boxWords(f.factors, f.box, f.init);
  if (!words.length) return `No region of the factors gives the outcome clearly more often than overall (${pct(f.baseRate)} of ${f.unit}).`;
  if (!aboveChance(f, alpha) && f.test)
    return `No region of the factors stands out from chance: the best box (${listWords(words)}: the outcome in ${pct(f.stats.density)} of cases against ${pct(
      f.baseRate,
    )} overall) is matched when the outcome is shuffled at random in ${f.test.reached} of ${f.test.permutations} trials (p = ${sig3(f.test.p)}).`;
  return `${Unit} with ${listWords(words)} give the outcome in ${pct(f.stats.density)} of cases (against ${pct(f.baseRate)} overall), covering ${pct(
    f.stats.coverage,
  )} of all such ${f.unit}.`;
}

/** The finding sentence of a PRIM box of a discover result. */
export function boxFinding(r: DiscoverResult, b: NamedBox): string {
  return findingSentence(
    { factors: r.cases.factors, box: b.box, init: r.init, stats: b.stats, baseRate: r.baseRate, unit: r.unit, ...(b.test ? { test: b.test } : {}) },
    BOX_SIGNIFICANCE,
  );
}
