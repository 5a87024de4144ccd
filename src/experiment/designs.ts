/**
 * Experimental designs: the list of design points a sweep runs.
 *
 * Every design is a pure function of the factor definitions, the design
 * settings and the master seed, so the same sweep always gives the same
 * points in the same order. Point `index` is the position in that list and is
 * the point's identity in run keys (`point:rep`) and in every output table.
 *
 * Continuous designs (Latin hypercube, Sobol/Saltelli, Morris) first draw
 * points in the unit hypercube and then map each coordinate to a factor value:
 * a range factor maps linearly to [min, max] (rounded to an integer for
 * `integer` factors, otherwise to 6 significant digits so the value in the
 * tables is exactly the value that was run); a level factor picks level
 * floor(u * L).
 */
import seedrandom from 'seedrandom';
import { permutation } from '../engine/rng.ts';
import { pointIdentity } from './seeding.ts';
import { sobolMatrix, SOBOL_MAX_DIMENSION } from './sobol-sequence.ts';

/** A factor's value in a design point: a number, a category or a switch. */
export type FactorValue = number | string | boolean;

export interface FactorDef {
  /** Column name in the output tables. */
  name: string;
  /** Dotted key path into the scenario, e.g. `turnover.leaderRate`. */
  path: string;
  /** Discrete levels (factorial: the levels crossed; sampling designs: chosen uniformly). */
  levels?: FactorValue[];
  /** Continuous range. */
  min?: number;
  max?: number;
  /** Number of evenly spaced levels taken from the range by a factorial design. */
  steps?: number;
  /** Round sampled values to whole numbers. */
  integer?: boolean;
}

export type DesignSpec =
  | { type: 'factorial' }
  | { type: 'lhs'; samples: number }
  | { type: 'sobol'; baseSamples: number; bootstrap?: number; confidence?: number }
  | { type: 'morris'; trajectories: number; levels?: number; candidates?: number; bootstrap?: number; confidence?: number }
  | { type: 'explicit'; points: Record<string, FactorValue>[] };

export type DesignType = DesignSpec['type'];

export interface DesignPoint {
  index: number;
  values: FactorValue[];
  /** Position in the design's own structure: `A/12`, `AB3/12`, `B/12` (Sobol), `t2.s3` (Morris). */
  label?: string;
  /** Canonical identity used for seeding. */
  id: string;
}

export interface SaltelliLayout {
  /** Number of base samples N. */
  n: number;
  /** Number of factors k. Point j*(k+2)+0 is A_j, +i (1..k) is AB_i,j, +k+1 is B_j. */
  k: number;
}

export interface MorrisTrajectory {
  /** Index of the trajectory's first point; its k+1 points are consecutive. */
  start: number;
  /** Factor moved at each step (length k). */
  order: number[];
  /** Signed step in unit coordinates for each step (+delta or -delta). */
  steps: number[];
}

export interface MorrisLayout {
  levels: number;
  delta: number;
  trajectories: MorrisTrajectory[];
}

export interface Design {
  type: DesignType;
  factors: FactorDef[];
  points: DesignPoint[];
  saltelli?: SaltelliLayout;
  morris?: MorrisLayout;
}

/** Seeded generator for design construction (independent of run seeds). */
export function designRng(masterSeed: number, purpose: string): () => number {
  const prng = seedrandom.alea(`collabsim-design/${masterSeed >>> 0}/${purpose}`);
  return () => prng();
}

/** Round to 6 significant digits (the precision of the CSV tables). */
export function roundSignificant(x: number, digits = 6): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const r = Number(x.toPrecision(digits));
  return Object.is(r, -0) ? 0 : r;
}

/** Map a unit coordinate to a factor value. */
export function fromUnit(f: FactorDef, u: number): FactorValue {
  if (f.levels) {
    const l = f.levels.length;
    return f.levels[Math.min(l - 1, Math.max(0, Math.floor(u * l)))];
  }
  const min = f.min as number;
  const max = f.max as number;
  const x = min + u * (max - min);
  if (f.integer) return Math.round(x);
  return roundSignificant(x);
}

/** The levels a factorial design crosses for one factor. */
export function factorialLevels(f: FactorDef): FactorValue[] {
  if (f.levels) return f.levels;
  const min = f.min as number;
  const max = f.max as number;
  const steps = f.steps ?? 0;
  if (steps < 1) throw new Error(`factor ${f.name}: a factorial design needs levels or range.steps`);
  if (steps === 1) return [f.integer ? Math.round(min) : min];
  const out: FactorValue[] = [];
  for (let i = 0; i < steps; i++) {
    const x = min + ((max - min) * i) / (steps - 1);
    out.push(f.integer ? Math.round(x) : Number(x.toPrecision(12)));
  }
  return out;
}

function finish(factors: FactorDef[], raw: { values: FactorValue[]; label?: string; tag?: string }[]): DesignPoint[] {
  const names = factors.map((f) => f.name);
  return raw.map((p, index) => ({
    index,
    values: p.values,
    ...(p.label !== undefined ? { label: p.label } : {}),
    id: pointIdentity(names, p.values, p.tag),
  }));
}

/** Full factorial: every combination of levels; the first factor varies slowest. */
export function factorialDesign(factors: FactorDef[]): Design {
  const levels = factors.map(factorialLevels);
  const raw: { values: FactorValue[] }[] = [];
  const total = levels.reduce((a, l) => a * l.length, 1);
  for (let i = 0; i < total; i++) {
    const values: FactorValue[] = new Array(factors.length);
    let rest = i;
    for (let f = factors.length - 1; f >= 0; f--) {
      const n = levels[f].length;
      values[f] = levels[f][rest % n];
      rest = Math.floor(rest / n);
    }
    raw.push({ values });
  }
  return { type: 'factorial', factors, points: finish(factors, raw) };
}

/** Latin hypercube with `samples` points: each factor's range is cut into `samples` equal strata, each used once. */
export function lhsDesign(factors: FactorDef[], samples: number, masterSeed: number): Design {
  const rng = designRng(masterSeed, 'lhs');
  const k = factors.length;
  const unit = new Float64Array(samples * k);
  for (let d = 0; d < k; d++) {
    const perm = permutation(samples, rng);
    for (let i = 0; i < samples; i++) unit[i * k + d] = (perm[i] + rng()) / samples;
  }
  const raw = [];
  for (let i = 0; i < samples; i++) {
    raw.push({ values: factors.map((f, d) => fromUnit(f, unit[i * k + d])) });
  }
  return { type: 'lhs', factors, points: finish(factors, raw) };
}

/**
 * Saltelli (2010) design for first-order and total Sobol indices: matrices A
 * and B are the first and last k columns of N points of a 2k-dimensional
 * Sobol sequence (the origin skipped); AB_i is A with column i taken from B.
 * Points are grouped per base sample j: A_j, AB_1,j .. AB_k,j, B_j, giving
 * N (k + 2) points.
 */
export function saltelliDesign(factors: FactorDef[], baseSamples: number): Design {
  const k = factors.length;
  if (2 * k > SOBOL_MAX_DIMENSION) {
    throw new Error(`a Sobol design supports at most ${Math.floor(SOBOL_MAX_DIMENSION / 2)} factors, got ${k}`);
  }
  const m = sobolMatrix(baseSamples, 2 * k, 1);
  const raw: { values: FactorValue[]; label: string; tag: string }[] = [];
  for (let j = 0; j < baseSamples; j++) {
    const a = Array.from({ length: k }, (_, d) => m[j * 2 * k + d]);
    const b = Array.from({ length: k }, (_, d) => m[j * 2 * k + k + d]);
    const toValues = (u: number[]) => factors.map((f, d) => fromUnit(f, u[d]));
    raw.push({ values: toValues(a), label: `A/${j}`, tag: `A/${j}` });
    for (let i = 0; i < k; i++) {
      const ab = a.slice();
      ab[i] = b[i];
      raw.push({ values: toValues(ab), label: `AB${i + 1}/${j}`, tag: `AB${i + 1}/${j}` });
    }
    raw.push({ values: toValues(b), label: `B/${j}`, tag: `B/${j}` });
  }
  return { type: 'sobol', factors, points: finish(factors, raw), saltelli: { n: baseSamples, k } };
}

interface UnitTrajectory {
  /** Level indices (0..p-1) of each point, (k+1) x k. */
  levels: number[][];
  order: number[];
  dirs: number[];
}

function trajectoryDistance(a: UnitTrajectory, b: UnitTrajectory, p: number): number {
  let sum = 0;
  for (const x of a.levels) {
    for (const y of b.levels) {
      let s = 0;
      for (let d = 0; d < x.length; d++) {
        const diff = (x[d] - y[d]) / (p - 1);
        s += diff * diff;
      }
      sum += Math.sqrt(s);
    }
  }
  return sum;
}

/**
 * Morris elementary-effects design with Campolongo et al. (2007) trajectory
 * selection: `candidates` random one-at-a-time trajectories on a p-level grid
 * (step delta = p / (2 (p - 1))), of which the `trajectories` most spread out
 * (largest sum of pairwise point distances) are kept. The selection is greedy
 * (best pair first, then the candidate adding most distance), a standard
 * approximation of the exhaustive search.
 */
export function morrisDesign(
  factors: FactorDef[],
  opts: { trajectories: number; levels?: number; candidates?: number },
  masterSeed: number,
): Design {
  const k = factors.length;
  const p = opts.levels ?? 4;
  if (p < 2 || p % 2 !== 0) throw new Error(`a Morris design needs an even number of levels >= 2, got ${p}`);
  const r = opts.trajectories;
  const m = Math.max(r, opts.candidates ?? Math.min(10 * r, Math.max(r, 200)));
  const jump = p / 2; // delta in level units
  const rng = designRng(masterSeed, 'morris');
  const candidates: UnitTrajectory[] = [];
  for (let c = 0; c < m; c++) {
    const start: number[] = [];
    const dirs: number[] = [];
    for (let d = 0; d < k; d++) {
      const base = Math.floor(rng() * jump); // 0 .. p/2-1
      const dir = rng() < 0.5 ? 1 : -1;
      dirs.push(dir);
      start.push(dir === 1 ? base : base + jump);
    }
    const order = permutation(k, rng);
    const levels = [start];
    let cur = start;
    for (const d of order) {
      cur = cur.slice();
      cur[d] += dirs[d] * jump;
      levels.push(cur);
    }
    candidates.push({ levels, order, dirs });
  }
  let chosen: number[];
  if (m === r) {
    chosen = candidates.map((_, i) => i);
  } else {
    const dist: Float64Array[] = candidates.map(() => new Float64Array(m));
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) {
        const d = trajectoryDistance(candidates[i], candidates[j], p);
        dist[i][j] = d;
        dist[j][i] = d;
      }
    }
    let best = [0, 1];
    let bestD = -1;
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) {
        if (dist[i][j] > bestD) {
          bestD = dist[i][j];
          best = [i, j];
        }
      }
    }
    chosen = r === 1 ? [best[0]] : best;
    const inSet = new Set(chosen);
    const score = new Float64Array(m);
    for (let i = 0; i < m; i++) for (const c of chosen) score[i] += dist[i][c];
    while (chosen.length < r) {
      let pick = -1;
      for (let i = 0; i < m; i++) {
        if (inSet.has(i)) continue;
        if (pick < 0 || score[i] > score[pick]) pick = i;
      }
      chosen.push(pick);
      inSet.add(pick);
      for (let i = 0; i < m; i++) score[i] += dist[i][pick];
    }
    chosen.sort((a, b) => a - b);
  }
  const delta = jump / (p - 1);
  const raw: { values: FactorValue[]; label: string }[] = [];
  const trajectories: MorrisTrajectory[] = [];
  chosen.forEach((ci, t) => {
    const cand = candidates[ci];
    trajectories.push({
      start: t * (k + 1),
      order: cand.order,
      steps: cand.order.map((d) => cand.dirs[d] * delta),
    });
    cand.levels.forEach((lv, s) => {
      raw.push({ values: factors.map((f, d) => fromUnit(f, lv[d] / (p - 1))), label: `t${t + 1}.s${s}` });
    });
  });
  return { type: 'morris', factors, points: finish(factors, raw), morris: { levels: p, delta, trajectories } };
}

/** Explicit list of points, each giving a value for every factor by name. */
export function explicitDesign(factors: FactorDef[], points: Record<string, FactorValue>[]): Design {
  const raw = points.map((p) => ({ values: factors.map((f) => p[f.name]) }));
  return { type: 'explicit', factors, points: finish(factors, raw) };
}

export function buildDesign(factors: FactorDef[], spec: DesignSpec, masterSeed: number): Design {
  switch (spec.type) {
    case 'factorial':
      return factorialDesign(factors);
    case 'lhs':
      return lhsDesign(factors, spec.samples, masterSeed);
    case 'sobol':
      return saltelliDesign(factors, spec.baseSamples);
    case 'morris':
      return morrisDesign(factors, spec, masterSeed);
    case 'explicit':
      return explicitDesign(factors, spec.points);
  }
}

