/**
 * ABC-SMC: approximate Bayesian computation by sequential Monte Carlo
 * (population Monte Carlo, Beaumont, Cornuet, Marin & Robert 2009; Toni et
 * al. 2009), written so that its result is a function of the run results
 * only, never of their order:
 *
 * - Generation 0 proposes M = N / acceptance parameter sets from the prior.
 * - Generation t > 0 proposes M sets, each by picking a particle of
 *   generation t-1 by its weight and moving it with a normal kernel whose
 *   covariance is twice the weighted covariance of generation t-1 (the
 *   adaptive kernel of Beaumont et al.); a move outside the prior's support
 *   is drawn again (counted, not simulated).
 * - Every proposal is simulated (replications x scenarios runs) and its
 *   distance to the targets computed (statistics.ts: the root mean square of
 *   z-scores). The N closest are kept (ties by proposal index); the
 *   tolerance of the generation is the distance of the N-th. Keeping a
 *   fixed share of a batch makes the tolerance schedule adaptive (it is
 *   the acceptance quantile of each batch) without a sequential
 *   accept-until-N loop, whose outcome would depend on which run finished
 *   first.
 * - Weights: w_i proportional to prior(theta_i) / sum_j W_j K(theta_i |
 *   theta_j), normalised (uniform in generation 0).
 * - Stop when the tolerance reaches `minTolerance`, when a generation lowers
 *   it by less than `minDecrease`, after `generations`, or when the budget
 *   cannot pay for another generation.
 *
 * Every random choice uses a stream named after (generation, proposal), so
 * it does not depend on how many workers there are.
 */
import { normal, stream, type Rng } from '../../engine/rng.ts';
import { deriveSeed } from '../seeding.ts';
import { logPrior, type Prior } from './priors.ts';
import { choleskyJitter, kernelLog, logSumExp, lowerTimes, weightedCov, type Matrix } from './linalg.ts';
import { distance, type CompiledTarget } from './statistics.ts';
import type { SetResult, SetTask } from './evaluate.ts';

export interface Particle {
  /** Index of the proposal within its generation. */
  index: number;
  theta: number[];
  weight: number;
  distance: number;
  simulated: number[];
}

export interface GenerationDiagnostics {
  generation: number;
  tolerance: number;
  proposals: number;
  kept: number;
  acceptance: number;
  ess: number;
  /** Kernel moves drawn again because they left the prior's support. */
  redrawn: number;
  /** Proposals with a failed run (distance infinite). */
  failed: number;
  /** Model runs the generation cost. */
  runs: number;
}

export interface AbcSettings {
  particles: number;
  acceptance: number;
  generations: number;
  minTolerance: number;
  minDecrease: number;
  replications: number;
  seed: number;
  /** Most model runs for all generations. */
  budgetRuns: number;
  /** Runs one parameter set costs. */
  runsPerSet: number;
}

export interface AbcResult {
  generations: GenerationDiagnostics[];
  /** The final population. */
  population: Particle[];
  /** Every generation's kept particles, in order. */
  history: Particle[][];
  /** Why it stopped, in words. */
  stopped: string;
}

type Simulate = (sets: SetTask[], generation: number) => Promise<SetResult[]>;

/** Seeds of a proposal: hashed from the master seed, generation and index. */
export function proposalSeeds(seed: number, generation: number, index: number, replications: number): number[] {
  return Array.from({ length: replications }, (_, r) => deriveSeed(seed, `abc|${generation}|${index}`, r));
}

function pickByWeight(rng: Rng, pop: readonly Particle[]): Particle {
  let u = rng();
  for (const p of pop) {
    u -= p.weight;
    if (u <= 0) return p;
  }
  return pop[pop.length - 1];
}

interface Kernel {
  chol: Matrix;
}

function makeKernel(pop: readonly Particle[], priors: readonly Prior[]): Kernel {
  const cov = weightedCov(
    pop.map((p) => p.theta),
    pop.map((p) => p.weight),
  ).map((row) => row.map((v) => 2 * v));
  // A floor keeps the kernel from collapsing when every particle sits on one value.
  const floor = priors.map((p) => (Number.isFinite(p.hi - p.lo) ? ((p.hi - p.lo) * 1e-4) ** 2 : 1e-12));
  return { chol: choleskyJitter(cov, floor) };
}

function propose(
  s: AbcSettings,
  priors: readonly Prior[],
  gen: number,
  index: number,
  prev: readonly Particle[] | null,
  kernel: Kernel | null,
): { theta: number[]; redrawn: number } {
  const rng = stream(s.seed, `abc|propose|${gen}|${index}`);
  if (!prev || !kernel) return { theta: priors.map((p) => p.draw(rng)), redrawn: 0 };
  for (let tries = 0; tries < 1000; tries++) {
    const parent = pickByWeight(rng, prev);
    const step = lowerTimes(
      kernel.chol,
      priors.map(() => normal(rng)),
    );
    const theta = parent.theta.map((x, i) => x + step[i]);
    if (logPrior(priors, theta) > -Infinity) return { theta, redrawn: tries };
  }
  throw new Error('the perturbation kernel left the prior support 1000 times in a row');
}

function importanceWeights(kept: readonly { theta: number[] }[], priors: readonly Prior[], prev: readonly Particle[] | null, kernel: Kernel | null): number[] {
  if (!prev || !kernel) return kept.map(() => 1 / kept.length);
  const logW = kept.map((p) => {
    const terms = prev.map(
      (q) =>
        Math.log(q.weight) +
        kernelLog(
          kernel.chol,
          p.theta.map((x, i) => x - q.theta[i]),
        ),
    );
    return logPrior(priors, p.theta) - logSumExp(terms);
  });
  const z = logSumExp(logW);
  return logW.map((l) => Math.exp(l - z));
}

function ess(pop: readonly Particle[]): number {
  let s = 0;
  for (const p of pop) s += p.weight * p.weight;
  return s > 0 ? 1 / s : 0;
}

function stopReason(s: AbcSettings, gens: GenerationDiagnostics[], perGeneration: number, spent: number): string | null {
  const last = gens[gens.length - 1];
  if (last.tolerance <= s.minTolerance) return `the tolerance ${last.tolerance.toFixed(3)} reached the target of ${s.minTolerance}`;
  if (gens.length >= 2) {
    const before = gens[gens.length - 2].tolerance;
    if ((before - last.tolerance) / before < s.minDecrease) {
      return `the tolerance fell by less than ${(s.minDecrease * 100).toFixed(0)}% in the last generation (${before.toFixed(3)} to ${last.tolerance.toFixed(3)})`;
    }
  }
  if (gens.length >= s.generations) return `${s.generations} generations were run (the most allowed)`;
  if (spent + perGeneration > s.budgetRuns) return `the budget of ${s.budgetRuns} runs cannot pay for another generation (${perGeneration} runs)`;
  return null;
}

/** Run ABC-SMC. `simulate` runs the proposal sets of a generation. */
export async function abcSmc(
  s: AbcSettings,
  priors: readonly Prior[],
  targets: readonly CompiledTarget[],
  simulate: Simulate,
  onGeneration?: (g: GenerationDiagnostics) => void,
): Promise<AbcResult> {
  const m = Math.ceil(s.particles / s.acceptance);
  const perGeneration = m * s.runsPerSet;
  const gens: GenerationDiagnostics[] = [];
  let prev: Particle[] | null = null;
  const history: Particle[][] = [];
  let spent = 0;
  for (let gen = 0; ; gen++) {
    const kernel: Kernel | null = prev ? makeKernel(prev, priors) : null;
    const proposals = Array.from({ length: m }, (_, i) => propose(s, priors, gen, i, prev, kernel));
    const sets = proposals.map((p, i) => ({ theta: p.theta, seeds: proposalSeeds(s.seed, gen, i, s.replications) }));
    const results = await simulate(sets, gen);
    const scored: Particle[] = proposals.map((p, i) => ({
      index: i,
      theta: p.theta,
      simulated: results[i].simulated,
      distance: distance(targets, results[i].simulated),
      weight: 0,
    }));
    const failed = results.filter((r) => r.failedRuns > 0).length;
    const sorted = [...scored].sort((a, b) => a.distance - b.distance || a.index - b.index);
    const kept = sorted.slice(0, s.particles);
    if (!Number.isFinite(kept[kept.length - 1].distance)) {
      throw new Error(
        `generation ${gen}: only ${scored.filter((x) => Number.isFinite(x.distance)).length} of ${m} parameter sets gave every target a value (${failed} had failed runs); the calibration cannot keep ${s.particles}`,
      );
    }
    const w = importanceWeights(kept, priors, prev, kernel);
    kept.forEach((p, i) => (p.weight = w[i]));
    kept.sort((a, b) => a.index - b.index);
    spent += perGeneration;
    const diag: GenerationDiagnostics = {
      generation: gen,
      tolerance: sorted[s.particles - 1].distance,
      proposals: m,
      kept: s.particles,
      acceptance: s.particles / m,
      ess: ess(kept),
      redrawn: proposals.reduce((a, p) => a + p.redrawn, 0),
      failed,
      runs: perGeneration,
    };
    gens.push(diag);
    onGeneration?.(diag);
    prev = kept;
    history.push(kept);
    const why = stopReason(s, gens, perGeneration, spent);
    if (why) return { generations: gens, population: kept, history, stopped: why };
  }
}

/** Runs one generation costs, so callers can check a budget before starting. */
export function generationRuns(s: Pick<AbcSettings, 'particles' | 'acceptance' | 'runsPerSet'>): number {
  return Math.ceil(s.particles / s.acceptance) * s.runsPerSet;
}
