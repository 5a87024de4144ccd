/**
 * What PRIM and CART work on: the sweep's factors as columns (numeric
 * values, or category codes) and a 0/1 outcome per case; and boxes, one
 * limit per factor (a closed interval, or the set of categories allowed).
 *
 * Numeric box edges are cut points half-way between two neighbouring
 * values in the data, so whether a case is inside never hangs on equality.
 */

export interface NumericFactor {
  kind: 'numeric';
  name: string;
  values: Float64Array;
  /** The factor's whole range (the sweep's range, widened to the data). */
  min: number;
  max: number;
  /** The levels of a grid factor, ascending (for words: "at 0.3 or 0.5"). */
  levels?: number[];
}

export interface CategoricalFactor {
  kind: 'categorical';
  name: string;
  /** Index into `levels` of every case. */
  codes: Int32Array;
  levels: string[];
}

export type Factor = NumericFactor | CategoricalFactor;

export interface Cases {
  factors: Factor[];
  /** 1 when the case has the outcome of interest. */
  y: Uint8Array;
}

export type Limit = { kind: 'numeric'; low: number; high: number } | { kind: 'categorical'; allowed: boolean[] };

/** One limit per factor, in the order of `Cases.factors`. */
export type Box = Limit[];

/** The box that holds every case: each factor's whole range, every category. */
export function initialBox(cases: Cases): Box {
  return cases.factors.map((f) =>
    f.kind === 'numeric' ? { kind: 'numeric', low: f.min, high: f.max } : { kind: 'categorical', allowed: f.levels.map(() => true) },
  );
}

/** Whether case i lies inside limit `lim` of factor `f`. */
export function withinLimit(f: Factor, lim: Limit, i: number): boolean {
  if (f.kind === 'numeric' && lim.kind === 'numeric') {
    const x = f.values[i];
    return x >= lim.low && x <= lim.high;
  }
  if (f.kind === 'categorical' && lim.kind === 'categorical') return lim.allowed[f.codes[i]];
  throw new Error(`box limit of ${f.name} does not match the factor's kind`);
}

/** The cases of `pool` inside `box` (ignoring factor `skip`, when given). */
export function membersOf(cases: Cases, box: Box, pool: Int32Array, skip = -1): Int32Array {
  const out: number[] = [];
  const fs = cases.factors;
  for (const i of pool) {
    let inside = true;
    for (let j = 0; j < fs.length && inside; j++) if (j !== skip) inside = withinLimit(fs[j], box[j], i);
    if (inside) out.push(i);
  }
  return Int32Array.from(out);
}

/** Whether a limit excludes part of the initial one. */
export function isRestricted(lim: Limit, init: Limit): boolean {
  if (lim.kind === 'numeric' && init.kind === 'numeric') return lim.low > init.low || lim.high < init.high;
  if (lim.kind === 'categorical' && init.kind === 'categorical') return lim.allowed.some((a, c) => !a && init.allowed[c]);
  return false;
}

/** Indices of the factors a box restricts. */
export function restrictedDims(box: Box, init: Box): number[] {
  const out: number[] = [];
  box.forEach((lim, j) => {
    if (isRestricted(lim, init[j])) out.push(j);
  });
  return out;
}

/** A copy of `box` with factor j's limit replaced. */
export function withLimit(box: Box, j: number, lim: Limit): Box {
  return box.map((l, k) => (k === j ? lim : l));
}

/** How many of `members` have the outcome. */
export function countOfInterest(y: Uint8Array, members: Int32Array): number {
  let k = 0;
  for (const i of members) k += y[i];
  return k;
}

/** Every case index, 0 .. n-1. */
export function allCases(cases: Cases): Int32Array {
  return Int32Array.from({ length: cases.y.length }, (_, i) => i);
}

export interface BoxStats {
  /** Cases in the box. */
  n: number;
  /** Cases in the box with the outcome. */
  k: number;
  /** Share of all cases with the outcome that the box holds. */
  coverage: number;
  /** Share of the box's cases that have the outcome. */
  density: number;
  /** Share of all cases in the box. */
  mass: number;
  /** Factors restricted. */
  restricted: number;
}

/** Coverage, density and mass of `members` against all cases. */
export function boxStats(cases: Cases, box: Box, init: Box, members: Int32Array): BoxStats {
  const total = cases.y.length;
  const positives = countOfInterest(cases.y, allCases(cases));
  const k = countOfInterest(cases.y, members);
  return {
    n: members.length,
    k,
    coverage: positives ? k / positives : NaN,
    density: members.length ? k / members.length : NaN,
    mass: total ? members.length / total : NaN,
    restricted: restrictedDims(box, init).length,
  };
}
