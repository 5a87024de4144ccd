/**
 * The observer's one pass over every relationship per tick when the policy
 * layer is on: the relationship sums and trust histogram (observer.ts), trust
 * within and across trusts, between rivals, and the knowledge network's
 * components (union-find over ties trusted both ways).
 */
import type { EdgeArrays } from '../core/state.ts';

export function find(parent: Int32Array, a: number): number {
  while (parent[a] !== a) {
    parent[a] = parent[parent[a]];
    a = parent[a];
  }
  return a;
}

/**
 * One pass over all relationships: sums by trust boundary and rivalry into
 * EDGE_ACC, and the union-find of the knowledge network into parent/size.
 * A function of its own, with every array passed in, so that V8 optimises it
 * once and keeps it (the loop inside the large observePolicy was compiled
 * on-stack and thrown away on every call).
 *
 * Edges are stored source-sorted, so walking each leader's out-edges visits
 * them in index order (the sums add up in the same order as a plain loop over
 * e) while the source's school, trust and root are looked up once per leader.
 * The components do not depend on the order of the unions.
 */
/** The policy layer's part of the pass (absent without the policy layer). */
export interface PolicyEdgeInput {
  school: Int32Array;
  mat: Int32Array;
  flags: Uint8Array;
  thr: number;
  parent: Int32Array;
  size: Int32Array;
  acc: Float64Array;
}

export interface EdgePassInput {
  E: EdgeArrays;
  /**
   * Out: the trust histogram (1,001 bins of 0.001) and the sums over all
   * relationships: trust, trust squared, respect, regard, competence,
   * integrity, and the count with trust at least 0.7.
   */
  hist: Uint32Array;
  sums: Float64Array;
  policy?: PolicyEdgeInput;
}

const NONE_I32 = new Int32Array(1);
const NONE_U8 = new Uint8Array(0);
const NONE_F64 = new Float64Array(6);

// eslint-disable-next-line max-lines-per-function -- one pass over every relationship for every edge metric at once (docs/ARCHITECTURE.md, "Exceptions")
export function edgePass(input: EdgePassInput): void {
  const { E, hist, sums } = input;
  const on = input.policy !== undefined;
  const { school, mat, flags, thr, parent, size, acc } = input.policy ?? {
    school: NONE_I32,
    mat: NONE_I32,
    flags: NONE_U8,
    thr: 0,
    parent: NONE_I32,
    size: NONE_I32,
    acc: NONE_F64,
  };
  const nL = E.outStart.length - 1,
    outStart = E.outStart,
    dst = E.dst,
    rev = E.rev,
    trust = E.trust,
    respect = E.respect,
    regard = E.regard,
    competence = E.competence,
    integrity = E.integrity;
  hist.fill(0);
  let sT = 0,
    sT2 = 0,
    sR = 0,
    sP = 0,
    sC = 0,
    sI = 0,
    high = 0;
  let cross = 0,
    crossT = 0,
    within = 0,
    withinT = 0,
    rival = 0,
    rivalT = 0;
  for (let i = 0; i < nL; i++) {
    const e0 = outStart[i];
    const e1 = outStart[i + 1];
    if (e0 === e1) continue;
    let a = 0,
      ma = -1,
      ra = 0;
    if (on) {
      a = school[i];
      ma = mat[a];
      // Root of a's component, kept current as unions are made below.
      ra = a;
      while (parent[ra] !== ra) {
        parent[ra] = parent[parent[ra]];
        ra = parent[ra];
      }
    }
    for (let e = e0; e < e1; e++) {
      const t = trust[e];
      sT += t;
      sT2 += t * t;
      sR += respect[e];
      sP += regard[e];
      sC += competence[e];
      sI += integrity[e];
      if (t >= 0.7) high++;
      hist[(t * 1000 + 0.5) | 0]++;
      if (!on) continue;
      const b = school[dst[e]];
      if (ma >= 0 && ma === mat[b]) {
        within++;
        withinT += t;
      } else {
        cross++;
        crossT += t;
      }
      if (flags[e] !== 0) {
        rival++;
        rivalT += t;
      }
      if (a < b && 0.5 * (t + trust[rev[e]]) >= thr) {
        let rb = b;
        while (parent[rb] !== rb) {
          parent[rb] = parent[parent[rb]];
          rb = parent[rb];
        }
        if (ra !== rb) {
          if (size[ra] < size[rb]) {
            parent[ra] = rb;
            size[rb] += size[ra];
            ra = rb;
          } else {
            parent[rb] = ra;
            size[ra] += size[rb];
          }
        }
      }
    }
  }
  acc[0] = cross;
  acc[1] = crossT;
  acc[2] = within;
  acc[3] = withinT;
  acc[4] = rival;
  acc[5] = rivalT;
  sums[0] = sT;
  sums[1] = sT2;
  sums[2] = sR;
  sums[3] = sP;
  sums[4] = sC;
  sums[5] = sI;
  sums[6] = high;
}
