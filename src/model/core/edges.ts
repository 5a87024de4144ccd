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
 * 1 where the two schools lie within the rivalry radius `R` (km) of each
 * other (school positions are fixed at setup). Kept per edge set
 * (installGroups makes a new one), so the distance is computed once per
 * rebuild, not every tick; rivalry and the observer's pass both read it.
 */
interface EdgeFacts {
  radius: number;
  km: number;
  flags: Uint8Array;
}
const FACTS = new WeakMap<EdgeArrays, EdgeFacts>();

export function rivalFlags(state: ModelState, R: number, km: number): Uint8Array {
  const E = state.edges;
  const f = FACTS.get(E);
  if (f && f.radius === R && f.km === km) return f.flags;
  const { schools: S, leaders: L } = state;
  const flags = new Uint8Array(E.n);
  const src = E.src,
    dst = E.dst,
    school = L.school,
    x = S.x,
    y = S.y;
  for (let e = 0; e < E.n; e++) {
    const a = school[src[e]];
    const b = school[dst[e]];
    const dx = x[a] - x[b];
    const dy = y[a] - y[b];
    if (Math.sqrt(dx * dx + dy * dy) * km < R) flags[e] = 1;
  }
  FACTS.set(E, { radius: R, km, flags });
  return flags;
}
