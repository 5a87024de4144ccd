/**
 * Prior distributions on calibrated parameters: draws, log densities (up to
 * a constant: truncation only rescales, and ABC-SMC weights use ratios) and
 * support. Draws use the engine's seeded generators and its polar-method
 * normal, so they are the same on every platform.
 */
import { normal, type Rng } from '../../engine/rng.ts';
import type { PriorSpec } from './targets-schema.ts';

export interface Prior {
  /** Parameter path in the scenario. */
  path: string;
  /** Column name in the outputs. */
  name: string;
  spec: PriorSpec;
  lo: number;
  hi: number;
  draw(rng: Rng): number;
  /** Log density up to a constant; -Infinity outside the support. */
  logPdf(x: number): number;
}

/** Marsaglia and Tsang's gamma draw (shape a, scale 1). */
function gamma(rng: Rng, a: number): number {
  if (a < 1) return gamma(rng, a + 1) * Math.pow(Math.max(rng(), 1e-300), 1 / a);
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = rng();
    if (Math.log(Math.max(u, 1e-300)) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Draw from `base` until the value is inside [lo, hi] (truncation). */
function truncated(base: (rng: Rng) => number, lo: number, hi: number): (rng: Rng) => number {
  return (rng) => {
    for (let i = 0; i < 100_000; i++) {
      const x = base(rng);
      if (x >= lo && x <= hi) return x;
    }
    throw new Error(`the prior puts almost no mass between ${lo} and ${hi}`);
  };
}

function inside(lo: number, hi: number, f: (x: number) => number): (x: number) => number {
  return (x) => (x >= lo && x <= hi && Number.isFinite(x) ? f(x) : -Infinity);
}

export function columnName(path: string): string {
  return path.replace(/\./g, '_');
}

/** Build a prior from its spec. */
export function makePrior(spec: PriorSpec): Prior {
  const path = spec.path;
  const name = spec.name ?? columnName(path);
  switch (spec.dist) {
    case 'uniform': {
      const { min: lo, max: hi } = spec;
      return { path, name, spec, lo, hi, draw: (rng) => lo + (hi - lo) * rng(), logPdf: inside(lo, hi, () => 0) };
    }
    case 'normal': {
      const lo = spec.min ?? -Infinity;
      const hi = spec.max ?? Infinity;
      const { mean, sd } = spec;
      return {
        path,
        name,
        spec,
        lo,
        hi,
        draw: truncated((rng) => mean + sd * normal(rng), lo, hi),
        logPdf: inside(lo, hi, (x) => -0.5 * ((x - mean) / sd) ** 2),
      };
    }
    case 'lognormal': {
      const lo = Math.max(spec.min ?? 0, 0);
      const hi = spec.max ?? Infinity;
      const mu = Math.log(spec.median);
      const s = spec.sigma;
      return {
        path,
        name,
        spec,
        lo,
        hi,
        draw: truncated((rng) => Math.exp(mu + s * normal(rng)), lo, hi),
        logPdf: inside(lo, hi, (x) => (x > 0 ? -Math.log(x) - 0.5 * ((Math.log(x) - mu) / s) ** 2 : -Infinity)),
      };
    }
    case 'beta': {
      const { alpha, beta, min: lo, max: hi } = spec;
      const w = hi - lo;
      return {
        path,
        name,
        spec,
        lo,
        hi,
        draw: (rng) => {
          const g1 = gamma(rng, alpha);
          const g2 = gamma(rng, beta);
          return lo + (w * g1) / (g1 + g2);
        },
        logPdf: inside(lo, hi, (x) => {
          const u = (x - lo) / w;
          return u > 0 && u < 1 ? (alpha - 1) * Math.log(u) + (beta - 1) * Math.log(1 - u) : -Infinity;
        }),
      };
    }
  }
}

/** Joint log density of independent priors. */
export function logPrior(priors: readonly Prior[], theta: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < priors.length; i++) s += priors[i].logPdf(theta[i]);
  return s;
}

/** Quantiles of a prior, from a fixed, seeded sample (the same on every call). */
export function priorQuantiles(prior: Prior, qs: readonly number[], rng: Rng, n = 20_000): number[] {
  const xs = Float64Array.from({ length: n }, () => prior.draw(rng)).sort();
  return qs.map((q) => xs[Math.min(n - 1, Math.max(0, Math.round(q * (n - 1))))]);
}

/** Words for a prior, for reports ("uniform 0.05 to 0.15"). */
export function describePrior(p: PriorSpec): string {
  switch (p.dist) {
    case 'uniform':
      return `uniform ${p.min} to ${p.max}`;
    case 'normal':
      return `normal (mean ${p.mean}, sd ${p.sd})${boundsText(p.min, p.max)}`;
    case 'lognormal':
      return `log-normal (median ${p.median}, log sd ${p.sigma})${boundsText(p.min, p.max)}`;
    case 'beta':
      return `beta (${p.alpha}, ${p.beta}) on ${p.min} to ${p.max}`;
  }
}

function boundsText(min?: number, max?: number): string {
  if (min === undefined && max === undefined) return '';
  return ` within ${min ?? '-inf'} to ${max ?? 'inf'}`;
}
