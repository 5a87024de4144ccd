/** Look-ups in the relationship network (CSR edges sorted by source, then destination). */
import type { EdgeArrays, ModelState } from './state.ts';

/**
 * The edge i -> j of a CSR edge set sorted by (src, dst), by binary search
 * over i's destinations; -1 if there is none.
 */
export function findEdge(outStart: Int32Array, dst: Int32Array, i: number, j: number): number {
  let lo = outStart[i];
  let hi = outStart[i + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = dst[mid];
    if (d < j) lo = mid + 1;
    else if (d > j) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/**
 * Per-relationship facts that change only when the network is rebuilt:
 * which relationships join two schools within the rivalry radius `R` (km)
 * of each other (school positions are fixed at setup). Kept per edge set
 * (installGroups makes a new one), so the distance is computed once per
 * rebuild, not every tick; rivalry and the observer's pass both read the
 * flags, and rivalry walks the list of pairs.
 */
export interface RivalPairs {
  /** The edges within the radius in edge order, the source head of each, and its closeness 1 - distance / R. */
  count: number;
  edges: Int32Array;
  sources: Int32Array;
  closeness: Float64Array;
}
interface EdgeFacts {
  radius: number;
  km: number;
  /** By edge: 1 within the radius. */
  flags: Uint8Array;
  /** Made when rivalry first asks (the observer needs the flags alone). */
  pairs?: RivalPairs;
}
const FACTS = new WeakMap<EdgeArrays, EdgeFacts>();

/** By edge, 1 where the two schools are within the rivalry radius `R`. */
export function rivalFlags(state: ModelState, R: number, km: number): Uint8Array {
  return edgeFacts(state, R, km).flags;
}

/** Distance in km between schools a and b (positions in map units, `km` per unit), as rivalry has always computed it (not distance.ts `hypot`: see there). */
function pairKm(x: Float32Array, y: Float32Array, a: number, b: number, km: number): number {
  const dx = x[a] - x[b];
  const dy = y[a] - y[b];
  return Math.sqrt(dx * dx + dy * dy) * km;
}

function edgeFacts(state: ModelState, R: number, km: number): EdgeFacts {
  const E = state.edges;
  const f = FACTS.get(E);
  if (f && f.radius === R && f.km === km) return f;
  const { schools: S, leaders: L } = state;
  const flags = new Uint8Array(E.n);
  const dst = E.dst,
    outStart = E.outStart,
    school = L.school,
    x = S.x,
    y = S.y;
  for (let i = 0; i < outStart.length - 1; i++) {
    const a = school[i];
    for (let e = outStart[i]; e < outStart[i + 1]; e++) {
      if (pairKm(x, y, a, school[dst[e]], km) < R) flags[e] = 1;
    }
  }
  const facts: EdgeFacts = { radius: R, km, flags };
  FACTS.set(E, facts);
  return facts;
}

/** The relationships within the rivalry radius as a list (RivalPairs), made once per edge set, radius and scale. */
export function rivalPairs(state: ModelState, R: number, km: number): RivalPairs {
  const facts = edgeFacts(state, R, km);
  if (facts.pairs) return facts.pairs;
  const E = state.edges;
  const flags = facts.flags;
  let count = 0;
  for (let e = 0; e < E.n; e++) count += flags[e];
  const edges = new Int32Array(count),
    sources = new Int32Array(count),
    closeness = new Float64Array(count);
  const { schools: S, leaders: L } = state;
  const dst = E.dst,
    outStart = E.outStart,
    school = L.school,
    x = S.x,
    y = S.y;
  let k = 0;
  for (let i = 0; i < outStart.length - 1; i++) {
    const a = school[i];
    for (let e = outStart[i]; e < outStart[i + 1]; e++) {
      if (flags[e] === 0) continue;
      edges[k] = e;
      sources[k] = i;
      closeness[k++] = 1 - pairKm(x, y, a, school[dst[e]], km) / R;
    }
  }
  const pairs: RivalPairs = { count, edges, sources, closeness };
  facts.pairs = pairs;
  return pairs;
}

/** The source of every edge (the state keeps only the CSR offsets): for the workshop's snapshots and for tests. */
export function edgeSources(E: Pick<EdgeArrays, 'n' | 'outStart'>): Int32Array {
  const src = new Int32Array(E.n);
  for (let i = 0; i < E.outStart.length - 1; i++) src.fill(i, E.outStart[i], E.outStart[i + 1]);
  return src;
}

/**
 * First position p in [a, b] where the running total `prefix` has reached
 * `share` of its rise over [a, b]: prefix[p] - prefix[a] >= share * (prefix[b] - prefix[a])
 * (b when share is 1). How work is cut into equal shares for threads.
 */
export function prefixCut(prefix: ArrayLike<number>, a: number, b: number, share: number): number {
  if (share >= 1) return b;
  const target = prefix[a] + share * (prefix[b] - prefix[a]);
  let lo = a,
    hi = b;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (prefix[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Part k of n of the items of a CSR (heads by their relationships,
 * `outStart`; groups by theirs, `edgeStart`): cut where the offsets cross
 * k / n of all, so each part has about the same number of relationships.
 */
export function offsetSlice(offsets: Int32Array, k: number, n: number): [number, number] {
  const items = offsets.length - 1;
  return [prefixCut(offsets, 0, items, k / n), prefixCut(offsets, 0, items, (k + 1) / n)];
}

/** What the observer's pass over the relationships is asked for (observe/edge-pass.ts). */
export interface EdgePassJob {
  /** The policy layer's part: trust within and across trusts, between rivals, and the knowledge network's components. */
  policy: boolean;
  /** rivalFlags of the edge set (empty without the policy layer). */
  flags: Uint8Array;
  /** Mean trust both ways at which a tie joins the knowledge network. */
  thr: number;
}

/** Where the pass puts its results. */
export interface EdgePassOut {
  /** The trust histogram: 1,001 bins of 0.001. */
  hist: Uint32Array;
  /** Sums over all relationships: trust, trust squared, respect, regard, competence, integrity, and the count with trust at least 0.7. */
  sums: Float64Array;
  /** The policy part: cross, crossT, within, withinT, rival, rivalT. */
  acc: Float64Array;
  /** The knowledge network's union-find over schools (identity on entry), with component sizes. */
  parent: Int32Array;
  size: Int32Array;
}
