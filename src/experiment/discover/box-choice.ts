/**
 * Which step of a peeling trajectory becomes the box.
 *
 * The densest step is a poor choice: deep in the trajectory boxes are
 * small, and peeling, which always cuts the slice with the fewest cases of
 * interest, lifts their density with noise. The rule is instead the step
 * whose box stands out most from the rest of the cases: the largest
 * Bernoulli scan statistic (Kulldorff 1997), the log-likelihood ratio of
 * "the share with the outcome differs inside and outside the box" against
 * "one share everywhere",
 *
 *   LLR = k ln(k/n) + (n-k) ln((n-k)/n) + (K-k) ln((K-k)/(N-n))
 *         + (N-n-K+k) ln((N-n-K+k)/(N-n)) - K ln(K/N) - (N-K) ln((N-K)/N)
 *
 * for a box of n cases, k of interest, among N cases, K of interest (0 when
 * the box's density is not above the rest's). Growing a box past a region
 * of interest adds cases without the outcome; shrinking it inside the
 * region drops cases with it; either lowers the statistic, so its maximum
 * sits at the region's edges. Ties go to the earlier, larger box. Only
 * steps keeping at least the minimum coverage compete.
 */

/** What the rule reads of each trajectory step. */
export interface StepCounts {
  /** Cases in the box, and those of them with the outcome. */
  n: number;
  k: number;
}

export const CHOICE_RULE =
  'the peeling step whose box stands out most from the other cases: the largest Bernoulli scan statistic (log-likelihood ratio of a different share of cases of interest inside and outside the box), among the steps that keep the minimum coverage';

/** x ln x, 0 at 0. */
const xlx = (x: number): number => (x > 0 ? x * Math.log(x) : 0);

/** Kulldorff's Bernoulli scan statistic of a box of n cases (k of interest) among N cases (K of interest); 0 unless the box is denser than the rest. */
export function scanStatistic(k: number, n: number, K: number, N: number): number {
  if (n === 0 || n >= N || k / n <= (K - k) / (N - n)) return 0;
  const inside = xlx(k) + xlx(n - k) - xlx(n);
  const outside = xlx(K - k) + xlx(N - n - (K - k)) - xlx(N - n);
  const all = xlx(K) + xlx(N - K) - xlx(N);
  return inside + outside - all;
}

/** Index of the chosen step among `steps` over a pool of N cases, K of interest (0, the whole space, when no box stands out). */
export function chooseStep(steps: readonly StepCounts[], pool: { n: number; k: number }, minCoverage: number): number {
  let best = 0;
  let bestValue = 0;
  steps.forEach((s, i) => {
    if (pool.k > 0 && s.k / pool.k < minCoverage - 1e-12) return;
    const v = scanStatistic(s.k, s.n, pool.k, pool.n);
    if (v > bestValue * (1 + 1e-12) + 1e-12) {
      best = i;
      bestValue = v;
    }
  });
  return best;
}
