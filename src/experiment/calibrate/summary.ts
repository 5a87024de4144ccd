/**
 * What a calibration says about each parameter: weighted quantiles of the
 * posterior, the prior's own interval for comparison, and whether the
 * targets constrain the parameter at all (identifiability); and what it
 * says about each target (posterior predictive checks).
 */
import { stream } from '../../engine/rng.ts';
import { priorQuantiles, describePrior, type Prior } from './priors.ts';
import type { CompiledTarget } from './statistics.ts';
import { zQuantile } from '../stats.ts';

export interface ParameterSummary {
  name: string;
  path: string;
  prior: string;
  /** Posterior median (or the SMM estimate). */
  median: number;
  mean: number;
  sd: number;
  q05: number;
  q95: number;
  priorQ05: number;
  priorQ95: number;
  /** Width of the 90% posterior interval over the prior's. */
  widthRatio: number;
  /** constrained (ratio below 0.5), weakly constrained (below 0.8) or not constrained. */
  identified: 'constrained' | 'weakly constrained' | 'not constrained';
}

/** Quantile q of values with weights (summing to 1): the first value whose cumulative weight reaches q. */
export function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  const idx = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  let c = 0;
  for (const i of idx) {
    c += weights[i];
    if (c >= q - 1e-12) return values[i];
  }
  return values[idx[idx.length - 1]];
}

export function identifiedWord(ratio: number): ParameterSummary['identified'] {
  if (ratio < 0.5) return 'constrained';
  if (ratio < 0.8) return 'weakly constrained';
  return 'not constrained';
}

type Estimate = Pick<ParameterSummary, 'median' | 'mean' | 'sd' | 'q05' | 'q95'>;

/** A parameter's estimate set against its prior's 90% interval. */
function againstPrior(p: Prior, seed: number, est: Estimate): ParameterSummary {
  const [priorQ05, priorQ95] = priorQuantiles(p, [0.05, 0.95], stream(seed, `summary|${p.path}`));
  const widthRatio = (est.q95 - est.q05) / (priorQ95 - priorQ05);
  return { name: p.name, path: p.path, prior: describePrior(p.spec), ...est, priorQ05, priorQ95, widthRatio, identified: identifiedWord(widthRatio) };
}

/** Summary of each parameter from weighted draws (theta rows, weights summing to 1). */
export function summariseParameters(priors: readonly Prior[], thetas: readonly number[][], weights: readonly number[], seed: number): ParameterSummary[] {
  return priors.map((p, j) => {
    const xs = thetas.map((t) => t[j]);
    const mean = xs.reduce((a, x, i) => a + weights[i] * x, 0);
    const sd = Math.sqrt(xs.reduce((a, x, i) => a + weights[i] * (x - mean) ** 2, 0));
    const q = (at: number) => weightedQuantile(xs, weights, at);
    return againstPrior(p, seed, { median: q(0.5), mean, sd, q05: q(0.05), q95: q(0.95) });
  });
}

/** Summary of SMM estimates: a normal interval of +/- 1.645 standard errors, cut at the prior's support (not constrained when the standard error is unknown). */
export function summariseEstimate(priors: readonly Prior[], theta: readonly number[], se: readonly number[], seed: number): ParameterSummary[] {
  const z = zQuantile(0.95);
  return priors.map((p, j) =>
    againstPrior(p, seed, {
      median: theta[j],
      mean: theta[j],
      sd: se[j],
      q05: Math.max(p.lo, theta[j] - z * se[j]),
      q95: Math.min(p.hi, theta[j] + z * se[j]),
    }),
  );
}

/** Pairs of parameters whose posterior correlation is strong (|r| >= 0.6): the targets pin a combination, not each. */
export function strongCorrelations(priors: readonly Prior[], thetas: readonly number[][], weights: readonly number[]): { a: string; b: string; r: number }[] {
  const k = priors.length;
  const mean = priors.map((_, j) => thetas.reduce((acc, t, i) => acc + weights[i] * t[j], 0));
  const cov = (a: number, b: number) => thetas.reduce((acc, t, i) => acc + weights[i] * (t[a] - mean[a]) * (t[b] - mean[b]), 0);
  const out: { a: string; b: string; r: number }[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const r = cov(a, b) / Math.sqrt(cov(a, a) * cov(b, b));
      if (Math.abs(r) >= 0.6) out.push({ a: priors[a].name, b: priors[b].name, r });
    }
  }
  return out.sort((x, y) => Math.abs(y.r) - Math.abs(x.r));
}

export interface TargetCheck {
  name: string;
  metric: string;
  statistic: string;
  observed: number;
  uncertainty: number;
  /** The stated 95% interval of the observation (observed +/- 1.96 uncertainty). */
  low: number;
  high: number;
  /** Posterior predictive median and 90% interval of the simulated value. */
  median: number;
  q05: number;
  q95: number;
  /** (median - observed) / uncertainty. */
  z: number;
  /** The simulated median lies inside the stated 95% interval. */
  met: boolean;
  source: string;
}

/** Posterior predictive checks: each target's simulated values over the draws against its observation. */
export function checkTargets(targets: readonly CompiledTarget[], simulated: readonly number[][]): TargetCheck[] {
  const z95 = zQuantile(0.975);
  return targets.map((t, k) => {
    const xs = simulated.map((s) => s[k]).filter(Number.isFinite);
    const w = xs.map(() => 1 / xs.length);
    const median = xs.length ? weightedQuantile(xs, w, 0.5) : NaN;
    const obs = t.spec.observed;
    const low = obs - z95 * t.uncertainty;
    const high = obs + z95 * t.uncertainty;
    return {
      name: t.spec.name,
      metric: t.spec.metric,
      statistic: t.spec.statistic,
      observed: obs,
      uncertainty: t.uncertainty,
      low,
      high,
      median,
      q05: xs.length ? weightedQuantile(xs, w, 0.05) : NaN,
      q95: xs.length ? weightedQuantile(xs, w, 0.95) : NaN,
      z: (median - obs) / t.uncertainty,
      met: median >= low && median <= high,
      source: t.spec.source,
    };
  });
}
