/**
 * PRIM's peeling (Friedman and Fisher 1999): from the box holding every
 * case, repeatedly cut off a thin slice, the one that raises the share of
 * cases with the outcome the most (or lowers it the least), until the box
 * would hold less than the minimum mass. As in Friedman and Fisher, peeling
 * does not stop when a step fails to raise the density: a flat patch of
 * noise would end the trajectory early (the EMA Workbench stops there);
 * the choice of the box from the whole trajectory is box-choice.ts's.
 *
 * Candidate slices: for a numeric factor, the lowest or the highest alpha
 * share of the box's cases on that factor (all cases tied at the cut go
 * together, so a grid factor loses a whole level); for a categorical
 * factor, one category. The slice is chosen by the gain in density per
 * case removed, (density after - density before) / cases removed (the
 * "lenient" objective of the EMA Workbench), which does not favour the
 * big slices that ties and categories make; ties go to the box that
 * restricts fewer factors, then to factor order, lower edge first.
 */
import { countOfInterest, restrictedDims, withLimit, type Box, type Cases, type CategoricalFactor, type NumericFactor } from './cases.ts';

export interface PeelSettings {
  /** Share of the box's cases one peel removes. */
  alpha: number;
  /** Smallest share of all cases a box may hold. */
  minMass: number;
}

/** A box and the cases inside it. */
export interface BoxCases {
  box: Box;
  members: Int32Array;
}

/** Gain in density per case removed (peeling) or added (pasting). */
export function densityGain(kOld: number, nOld: number, kNew: number, nNew: number): number {
  if (nNew === 0 || nNew === nOld) return -Infinity;
  return (kNew / nNew - kOld / nOld) / Math.abs(nOld - nNew);
}

/** The members whose value of `values` lies in [low, high]. */
function within(values: Float64Array, members: Int32Array, low: number, high: number): Int32Array {
  const out = new Int32Array(members.length);
  let m = 0;
  for (let k = 0; k < members.length; k++) {
    const x = values[members[k]];
    if (x >= low && x <= high) out[m++] = members[k];
  }
  return out.slice(0, m);
}

/** Case indices of a numeric factor sorted by value, computed once per factor. */
const SORTED = new WeakMap<NumericFactor, Int32Array>();

function sortedCases(f: NumericFactor): Int32Array {
  let order = SORTED.get(f);
  if (!order) {
    const v = f.values;
    order = Int32Array.from({ length: v.length }, (_, i) => i).sort((a, b) => v[a] - v[b] || a - b);
    SORTED.set(f, order);
  }
  return order;
}

/**
 * The cut that removes at least `m` (at least 1) of the box's cases from one
 * end of factor f, and every case tied with the last one removed: half-way
 * between the last value removed and the next value kept. Walks the
 * factor's global sort order, skipping cases outside the box (`inBox`).
 * Undefined when the cut would remove every case.
 */
export function peelCut(f: NumericFactor, inBox: Uint8Array, m: number, from: 'low' | 'high'): number | undefined {
  const order = sortedCases(f);
  const v = f.values;
  const n = order.length;
  const step = from === 'low' ? 1 : -1;
  let k = from === 'low' ? 0 : n - 1;
  let seen = 0;
  let last = NaN;
  for (; k >= 0 && k < n; k += step) {
    const i = order[k];
    if (!inBox[i]) continue;
    if (seen >= Math.max(1, m) && v[i] !== last) return (last + v[i]) / 2;
    last = v[i];
    seen++;
  }
  return undefined;
}

function numericPeels(f: NumericFactor, j: number, current: BoxCases, inBox: Uint8Array, alpha: number): BoxCases[] {
  const lim = current.box[j];
  if (lim.kind !== 'numeric') return [];
  const m = Math.floor(alpha * current.members.length);
  const out: BoxCases[] = [];
  const low = peelCut(f, inBox, m, 'low');
  if (low !== undefined) out.push({ box: withLimit(current.box, j, { ...lim, low }), members: within(f.values, current.members, low, Infinity) });
  const high = peelCut(f, inBox, m, 'high');
  if (high !== undefined) out.push({ box: withLimit(current.box, j, { ...lim, high }), members: within(f.values, current.members, -Infinity, high) });
  return out;
}

function categoricalPeels(f: CategoricalFactor, j: number, current: BoxCases): BoxCases[] {
  const lim = current.box[j];
  if (lim.kind !== 'categorical') return [];
  const present = new Set(Array.from(current.members, (i) => f.codes[i]));
  if (present.size < 2) return [];
  return [...present]
    .sort((a, b) => a - b)
    .map((c) => ({
      box: withLimit(current.box, j, { kind: 'categorical', allowed: lim.allowed.map((a, k) => a && k !== c) }),
      members: current.members.filter((i) => f.codes[i] !== c),
    }));
}

/** Every candidate peel of the current box, in factor order (lower edge first). */
export function peelCandidates(cases: Cases, current: BoxCases, alpha: number): BoxCases[] {
  const inBox = new Uint8Array(cases.y.length);
  for (const i of current.members) inBox[i] = 1;
  return cases.factors.flatMap((f, j) => (f.kind === 'numeric' ? numericPeels(f, j, current, inBox, alpha) : categoricalPeels(f, j, current)));
}

/**
 * Of `candidates` (boxes grown or shrunk from `current`), the one with the
 * largest density gain, ties to fewer restricted factors; with its gain.
 */
export function bestMove(cases: Cases, init: Box, current: BoxCases, candidates: BoxCases[]): { move: BoxCases; gain: number } | undefined {
  const kOld = countOfInterest(cases.y, current.members);
  let best: { move: BoxCases; gain: number; restricted: number } | undefined;
  for (const c of candidates) {
    const gain = densityGain(kOld, current.members.length, countOfInterest(cases.y, c.members), c.members.length);
    const restricted = restrictedDims(c.box, init).length;
    if (!best || gain > best.gain || (gain === best.gain && restricted < best.restricted)) best = { move: c, gain, restricted };
  }
  return best && { move: best.move, gain: best.gain };
}

/** The peeling trajectory from the box `init` over the cases of `pool`: step 0 is `init` itself. */
export function peelTrajectory(cases: Cases, pool: Int32Array, init: Box, s: PeelSettings): BoxCases[] {
  const total = cases.y.length;
  const steps: BoxCases[] = [{ box: init, members: pool }];
  for (;;) {
    const current = steps[steps.length - 1];
    const best = bestMove(cases, init, current, peelCandidates(cases, current, s.alpha));
    if (!best || best.move.members.length / total < s.minMass) return steps;
    steps.push(best.move);
  }
}
