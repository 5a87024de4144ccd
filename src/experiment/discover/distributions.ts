/**
 * The distributions behind the significance of a box's restrictions: the
 * upper tails P(X >= k) of the binomial and hypergeometric
 * distributions, summed term by term in log space (no cancellation, so
 * tails far below 1e-100 keep their relative precision).
 */
import { logGamma } from '../stats.ts';

/** ln of the binomial coefficient n choose k (-Infinity outside 0 <= k <= n). */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** ln Σ exp(terms), taken about the largest term. */
function logSumExp(terms: number[]): number {
  let max = -Infinity;
  for (const t of terms) if (t > max) max = t;
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (const t of terms) s += Math.exp(t - max);
  return max + Math.log(s);
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** P(X >= k) for X ~ Binomial(n, p). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  const terms: number[] = [];
  for (let i = k; i <= n; i++) terms.push(logChoose(n, i) + i * lp + (n - i) * lq);
  return clamp01(Math.exp(logSumExp(terms)));
}

/**
 * P(X >= k) for X ~ Hypergeometric: `draws` cases taken without replacement
 * from `population` cases of which `successes` have the outcome.
 */
export function hypergeometricUpperTail(k: number, population: number, successes: number, draws: number): number {
  const lo = Math.max(0, draws + successes - population);
  const hi = Math.min(draws, successes);
  if (k <= lo) return 1;
  if (k > hi) return 0;
  const denom = logChoose(population, draws);
  const terms: number[] = [];
  for (let i = k; i <= hi; i++) terms.push(logChoose(successes, i) + logChoose(population - successes, draws - i) - denom);
  return clamp01(Math.exp(logSumExp(terms)));
}
