/**
 * Simulated method of moments: minimise J(theta) = sum_k z_k^2, the squared
 * z-scores of the targets (weights 1 / uncertainty^2), with common random
 * numbers (every evaluation uses the same seeds, so J is a deterministic,
 * piecewise smooth function of theta and differences between evaluations are
 * differences of parameters, not of luck).
 *
 * The optimiser is Nelder-Mead (reflection 1, expansion 2, contraction 0.5,
 * shrink 0.5) in the unit cube of the priors' ranges (bounds, or the 0.1%
 * and 99.9% points of an unbounded prior), clamped to the cube, with
 * restarts: the first at the prior medians, the others at prior draws. The
 * restarts run side by side on the pool; each follows its own evaluations
 * only, so the result does not depend on the worker count.
 *
 * Standard errors at the optimum: with G the Jacobian of the simulated
 * targets (central differences, 2% of each range) and W = diag(1 /
 * uncertainty^2), Var(theta) = (1 + 1/R) (G' W G)^-1 (Gourieroux, Monfort &
 * Renault 1993; the 1/R term is the simulation noise of R replications).
 */
import { stream } from '../../engine/rng.ts';
import { deriveSeed } from '../seeding.ts';
import { priorQuantiles, type Prior } from './priors.ts';
import { invertSpd } from './linalg.ts';
import type { CompiledTarget } from './statistics.ts';
import type { SetResult, SetTask } from './evaluate.ts';

export interface SmmSettings {
  restarts: number;
  evaluations: number;
  tolerance: number;
  replications: number;
  seed: number;
}

export interface SmmEvaluation {
  restart: number;
  evaluation: number;
  theta: number[];
  objective: number;
}

export interface SmmResult {
  theta: number[];
  objective: number;
  simulated: number[];
  /** Standard errors (NaN when the Jacobian is singular: a parameter the targets do not move). */
  se: number[];
  restarts: { restart: number; objective: number; evaluations: number; converged: boolean }[];
  trace: SmmEvaluation[];
}

type Simulate = (sets: SetTask[]) => Promise<SetResult[]>;

/** The common seeds of every SMM evaluation. */
export function smmSeeds(seed: number, replications: number): number[] {
  return Array.from({ length: replications }, (_, r) => deriveSeed(seed, 'smm', r));
}

export function objective(targets: readonly CompiledTarget[], simulated: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < targets.length; i++) {
    const z = (simulated[i] - targets[i].spec.observed) / targets[i].uncertainty;
    s += z * z;
  }
  return Number.isFinite(s) ? s : Infinity;
}

/** Each prior's range as [lo, hi]: its bounds, or its 0.1% and 99.9% points. */
export function cubeRanges(priors: readonly Prior[], seed: number): [number, number][] {
  return priors.map((p) => {
    const q = priorQuantiles(p, [0.001, 0.5, 0.999], stream(seed, `range|${p.path}`), 4000);
    return [Number.isFinite(p.lo) ? p.lo : q[0], Number.isFinite(p.hi) ? p.hi : q[2]];
  });
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

interface Vertex {
  u: number[];
  f: number;
}

async function nelderMead(
  f: (u: number[]) => Promise<number>,
  start: number[],
  s: SmmSettings,
): Promise<{ best: Vertex; evaluations: number; converged: boolean }> {
  const k = start.length;
  let evaluations = 0;
  const evalAt = async (u: number[]): Promise<Vertex> => {
    evaluations++;
    const v = u.map(clamp01);
    return { u: v, f: await f(v) };
  };
  const initial = [start, ...start.map((_, i) => start.map((x, j) => (j === i ? (x + 0.1 <= 1 ? x + 0.1 : x - 0.1) : x)))];
  let simplex = await Promise.all(initial.map(evalAt));
  const order = () => simplex.sort((a, b) => a.f - b.f);
  order();
  while (evaluations < s.evaluations) {
    const best = simplex[0];
    const worst = simplex[k];
    if (Math.abs(worst.f - best.f) <= s.tolerance) return { best, evaluations, converged: true };
    const centroid = start.map((_, j) => simplex.slice(0, k).reduce((a, v) => a + v.u[j], 0) / k);
    const toward = (t: number) => centroid.map((c, j) => c + t * (worst.u[j] - c));
    const r = await evalAt(toward(-1));
    if (r.f < best.f) {
      const e = await evalAt(toward(-2));
      simplex[k] = e.f < r.f ? e : r;
    } else if (r.f < simplex[k - 1].f) {
      simplex[k] = r;
    } else {
      const c = await evalAt(r.f < worst.f ? toward(-0.5) : toward(0.5));
      if (c.f < Math.min(r.f, worst.f)) simplex[k] = c;
      else simplex = [best, ...(await Promise.all(simplex.slice(1).map((v) => evalAt(v.u.map((x, j) => best.u[j] + 0.5 * (x - best.u[j]))))))];
    }
    order();
  }
  return { best: simplex[0], evaluations, converged: false };
}

function jacobianSe(theta: number[], sims: { plus: number[]; minus: number[]; h: number }[], targets: readonly CompiledTarget[], reps: number): number[] {
  const p = theta.length;
  const g = sims.map((s) => s.plus.map((x, k) => (x - s.minus[k]) / (2 * s.h)));
  const info = Array.from({ length: p }, (_, a) =>
    Array.from({ length: p }, (__, b) => targets.reduce((acc, t, k) => acc + (g[a][k] * g[b][k]) / (t.uncertainty * t.uncertainty), 0)),
  );
  const inv = invertSpd(info);
  return theta.map((_, i) => (inv && inv[i][i] > 0 ? Math.sqrt((1 + 1 / reps) * inv[i][i]) : NaN));
}

/** Run the simulated method of moments. */
export async function smm(s: SmmSettings, priors: readonly Prior[], targets: readonly CompiledTarget[], simulate: Simulate): Promise<SmmResult> {
  const ranges = cubeRanges(priors, s.seed);
  const toTheta = (u: number[]) => u.map((x, i) => ranges[i][0] + x * (ranges[i][1] - ranges[i][0]));
  const seeds = smmSeeds(s.seed, s.replications);
  const trace: SmmEvaluation[] = [];
  const runRestart = async (restart: number) => {
    let evaluation = 0;
    const f = async (u: number[]) => {
      const index = evaluation++;
      const theta = toTheta(u);
      const [res] = await simulate([{ theta, seeds }]);
      const value = objective(targets, res.simulated);
      trace.push({ restart, evaluation: index, theta, objective: value });
      return value;
    };
    const rng = stream(s.seed, `smm|start|${restart}`);
    const start =
      restart === 0
        ? priors.map((p, i) => clamp01((priorQuantiles(p, [0.5], stream(s.seed, `median|${p.path}`), 4000)[0] - ranges[i][0]) / (ranges[i][1] - ranges[i][0])))
        : priors.map((p, i) => clamp01((p.draw(rng) - ranges[i][0]) / (ranges[i][1] - ranges[i][0])));
    const r = await nelderMead(f, start, s);
    return { restart, ...r };
  };
  const runs = await Promise.all(Array.from({ length: s.restarts }, (_, i) => runRestart(i)));
  const best = [...runs].sort((a, b) => a.best.f - b.best.f || a.restart - b.restart)[0];
  const theta = toTheta(best.best.u);
  const steps = ranges.map(([lo, hi]) => 0.02 * (hi - lo));
  const probes: SetTask[] = [{ theta, seeds }];
  theta.forEach((_, i) => {
    for (const sign of [1, -1]) probes.push({ theta: theta.map((x, j) => (j === i ? x + sign * steps[i] : x)), seeds });
  });
  const sims = await simulate(probes);
  const pairs = theta.map((_, i) => ({ plus: sims[1 + 2 * i].simulated, minus: sims[2 + 2 * i].simulated, h: steps[i] }));
  trace.sort((a, b) => a.restart - b.restart || a.evaluation - b.evaluation);
  return {
    theta,
    objective: best.best.f,
    simulated: sims[0].simulated,
    se: jacobianSe(theta, pairs, targets, s.replications),
    restarts: runs.map((r) => ({ restart: r.restart, objective: r.best.f, evaluations: r.evaluations, converged: r.converged })),
    trace,
  };
}

/** Runs the SMM costs at most: restarts x (evaluations + simplex) plus the Jacobian, per set. */
export function smmMaxSets(s: SmmSettings, parameters: number): number {
  return s.restarts * (s.evaluations + parameters + 2) + 1 + 2 * parameters;
}
