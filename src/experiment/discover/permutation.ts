/**
 * Does the best box stand out from chance? Peeling looks at many slices
 * and the choice looks at every step, so even an outcome unrelated to the
 * factors yields a box that looks denser than the rest (and quasi-p values
 * that look small). The test is Kulldorff's Monte Carlo test of the scan
 * statistic: shuffle the outcome among the cases, peel again, take the
 * largest scan statistic over the new trajectory (under the same minimum
 * coverage), and count how often chance reaches the observed value:
 *
 *   p = (1 + shuffles reaching it) / (1 + shuffles)
 *
 * The shuffles are drawn from a seeded stream (engine/rng.ts), so the same
 * sweep and settings give the same p.
 */
import { shuffle, stream } from '../../engine/rng.ts';
import type { Box, Cases } from './cases.ts';
import { chooseStep, scanStatistic } from './box-choice.ts';
import { countOfInterest } from './cases.ts';
import { peelTrajectory, type PeelSettings } from './prim-peel.ts';

/** The significance level a box must reach to be reported as a finding. */
export const BOX_SIGNIFICANCE = 0.05;

export interface PermutationSettings extends PeelSettings {
  minCoverage: number;
  /** Shuffles (0: no test). */
  permutations: number;
  seed: number;
}

export interface PermutationResult {
  /** Scan statistic of the box tested. */
  observed: number;
  permutations: number;
  /** Shuffles whose best box reached the observed statistic. */
  reached: number;
  /** NaN when no test was made. */
  p: number;
}

/** The largest scan statistic over the peeling trajectory of `pool` under outcome `y`. */
export function bestScan(cases: Cases, pool: Int32Array, init: Box, s: PeelSettings & { minCoverage: number }): number {
  const steps = peelTrajectory(cases, pool, init, s);
  const counts = steps.map((st) => ({ n: st.members.length, k: countOfInterest(cases.y, st.members) }));
  const k = countOfInterest(cases.y, pool);
  const best = counts[chooseStep(counts, { n: pool.length, k }, s.minCoverage)];
  return scanStatistic(best.k, best.n, k, pool.length);
}

/** The Monte Carlo p value of a box with scan statistic `observed`, found among the cases of `pool`; `label` names the random stream. */
export function permutationTest(cases: Cases, pool: Int32Array, init: Box, observed: number, s: PermutationSettings, label: string): PermutationResult {
  if (s.permutations <= 0) return { observed, permutations: 0, reached: 0, p: NaN };
  if (!(observed > 0)) return { observed, permutations: 0, reached: 0, p: 1 };
  const rng = stream(s.seed, `discover/${label}`);
  const labels = Array.from(pool, (i) => cases.y[i]);
  const y = new Uint8Array(cases.y);
  let reached = 0;
  for (let r = 0; r < s.permutations; r++) {
    shuffle(labels, rng);
    pool.forEach((i, k) => (y[i] = labels[k]));
    if (bestScan({ factors: cases.factors, y }, pool, init, s) >= observed * (1 - 1e-12)) reached++;
  }
  return { observed, permutations: s.permutations, reached, p: (1 + reached) / (1 + s.permutations) };
}
