/**
 * A measurement aid, not part of the engine: renumber a built model's heads
 * in the order groups list them (so co-members get neighbouring ids and
 * their relationships neighbouring edge indices) and rebuild the edge and
 * group arrays to match. The meeting kernel visits groups and their edges in
 * the same order, so it draws the same random numbers and produces the same
 * values, only stored at other indices: the difference in its speed is
 * purely memory locality.
 */
import type { SchoolModel } from '../../src/model/model.ts';
import { edgeSources } from '../../src/model/core/edges.ts';

export function renumberForLocality(model: SchoolModel): { edgeMap: Int32Array } {
  const st = model.state;
  const { leaders: L, edges: E, groups: G } = st;
  const nL = L.n;
  const newId = new Int32Array(nL).fill(-1);
  let next = 0;
  for (let k = 0; k < G.members.length; k++) if (newId[G.members[k]] < 0) newId[G.members[k]] = next++;
  for (let i = 0; i < nL; i++) if (newId[i] < 0) newId[i] = next++;
  // Leaders.
  for (const key of Object.keys(L) as (keyof typeof L)[]) {
    const v = L[key] as unknown;
    if (ArrayBuffer.isView(v) && (v as unknown as { length: number }).length === nL) {
      const a = v as unknown as Float32Array;
      const b = a.slice();
      for (let i = 0; i < nL; i++) a[newId[i]] = b[i];
    }
  }
  for (let s = 0; s < st.schools.n; s++) st.schools.leader[s] = newId[st.schools.leader[s]];
  // Edges, sorted by (new source, new destination).
  const nE = E.n;
  const src = edgeSources(E);
  const order = Array.from({ length: nE }, (_, e) => e).sort((x, y) => newId[src[x]] - newId[src[y]] || newId[E.dst[x]] - newId[E.dst[y]]);
  const edgeMap = new Int32Array(nE);
  order.forEach((e, q) => (edgeMap[e] = q));
  const perm = <T extends Float32Array | Int32Array | Uint8Array>(a: T): void => {
    const b = a.slice();
    for (let e = 0; e < nE; e++) a[edgeMap[e]] = b[e];
  };
  for (const a of [E.respect, E.regard, E.competence, E.integrity, E.trust, E.interactions]) perm(a);
  const dst = E.dst.slice(), rev = E.rev.slice();
  for (let e = 0; e < nE; e++) {
    E.dst[edgeMap[e]] = newId[dst[e]];
    E.rev[edgeMap[e]] = edgeMap[rev[e]];
  }
  E.outStart.fill(0);
  for (let e = 0; e < nE; e++) E.outStart[newId[src[e]] + 1]++;
  for (let i = 0; i < nL; i++) E.outStart[i + 1] += E.outStart[i];
  for (let k = 0; k < G.edges.length; k++) G.edges[k] = edgeMap[G.edges[k]];
  for (let k = 0; k < G.members.length; k++) G.members[k] = newId[G.members[k]];
  return { edgeMap };
}
