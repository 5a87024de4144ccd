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
 * floor(u * L) (design-points.ts). Morris designs are in morris-design.ts.
 */
import { permutation } from '../engine/rng.ts';
import { sobolMatrix, SOBOL_MAX_DIMENSION } from './sobol-sequence.ts';
import { designPoints, designRng, fromUnit, type RawPoint } from './design-points.ts';
import { morrisDesign } from './morris-design.ts';

import type { Design, DesignSpec, FactorDef, FactorValue } from './design-types.ts';

export type { Design, DesignPoint, DesignSpec, DesignType, FactorDef, FactorValue, MorrisLayout, MorrisTrajectory, SaltelliLayout } from './design-types.ts';

/** The levels a factorial design crosses for one factor. */
function factorialLevels(f: FactorDef): FactorValue[] {
  if (f.levels) return f.levels;
  const min = f.min ?? NaN;
  const max = f.max ?? NaN;
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

/** Full factorial: every combination of levels; the first factor varies slowest. */
export function factorialDesign(factors: FactorDef[]): Design {
  const levels = factors.map(factorialLevels);
  const raw: RawPoint[] = [];
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
  return { type: 'factorial', factors, points: designPoints(factors, raw) };
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
  const raw: RawPoint[] = [];
  for (let i = 0; i < samples; i++) {
    raw.push({ values: factors.map((f, d) => fromUnit(f, unit[i * k + d])) });
  }
  return { type: 'lhs', factors, points: designPoints(factors, raw) };
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
  const raw: RawPoint[] = [];
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
  return { type: 'sobol', factors, points: designPoints(factors, raw), saltelli: { n: baseSamples, k } };
}

/** Explicit list of points, each giving a value for every factor by name. */
export function explicitDesign(factors: FactorDef[], points: Record<string, FactorValue>[]): Design {
  const raw = points.map((p) => ({ values: factors.map((f) => p[f.name]) }));
  return { type: 'explicit', factors, points: designPoints(factors, raw) };
}

/** Number of points a design will have, computed from its settings without building it. */
export function designSize(factors: FactorDef[], spec: DesignSpec): number {
  const k = factors.length;
  switch (spec.type) {
    case 'factorial':
      return factors.reduce((a, f) => a * (f.levels ? f.levels.length : (f.steps ?? 1)), 1);
    case 'lhs':
      return spec.samples;
    case 'sobol':
      return spec.baseSamples * (k + 2);
    case 'morris':
      return spec.trajectories * (k + 1);
    case 'explicit':
      return spec.points.length;
  }
}

/** The design a sweep's design settings ask for. */
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
