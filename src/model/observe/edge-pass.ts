/**
 * The observer's one pass over every relationship per tick: the relationship
 * sums and trust histogram (observer.ts) and, with the policy layer, trust
 * within and across trusts, between rivals, and the knowledge network's
 * components (union-find over ties trusted both ways).
 *
 * The pass is cut into EDGE_CHUNKS chunks of heads with equal numbers of
 * relationships, whatever the number of threads; each chunk's sums are kept
 * apart and added up in chunk order, the histogram and the counts are whole
 * numbers, and the components do not depend on the order of the unions. So
 * the results are the same, to the bit, on one thread or shared over several
 * (ParallelWork.relationships, experiment/threads/team.ts).
 */
import type { EdgeArrays, LeaderArrays, ModelState, SchoolArrays, StatePart } from '../core/state.ts';
import { offsetSlice, type EdgePassJob, type EdgePassOut } from '../core/edges.ts';
import type { ParallelWork } from '../core/context.ts';

export function find(parent: Int32Array, a: number): number {
  while (parent[a] !== a) {
    parent[a] = parent[parent[a]];
    a = parent[a];
  }
  return a;
}

/** The arrays the pass reads, by part of the state: what a thread that runs it needs to share. */
export const EDGE_PASS_ARRAYS = {
  edges: ['outStart', 'dst', 'rev', 'trust', 'respect', 'regard', 'competence', 'integrity'],
  leaders: ['school'],
  schools: ['mat'],
} as const;

/** The state the pass reads: the arrays of EDGE_PASS_ARRAYS. */
export interface EdgePassState {
  edges: StatePart<EdgeArrays, typeof EDGE_PASS_ARRAYS.edges>;
  leaders: StatePart<LeaderArrays, typeof EDGE_PASS_ARRAYS.leaders>;
  schools: StatePart<SchoolArrays, typeof EDGE_PASS_ARRAYS.schools>;
}

/** Chunks of the pass (fixed: the order in which sums are added must not depend on the threads). */
export const EDGE_CHUNKS = 64;
/** Per chunk: trust, trust squared, respect, regard, competence, integrity, high-trust count; cross, crossT, within, withinT, rival, rivalT. */
export const CHUNK_FIELDS = 13;
export const HIST_BINS = 1001;

/** The chunks' sums, on one thread. */
const PARTIALS = new Float64Array(EDGE_CHUNKS * CHUNK_FIELDS);

/**
 * The whole pass into `out` (its union-find arrays hold the identity on
 * entry): shared over threads when `parallel` is given, else here.
 * `meanwhile`, if given, runs once on this thread: on a team while the
 * other threads start the pass, else before it. It must neither read what
 * the pass writes nor write what the pass reads.
 */
export function relationshipPass(state: ModelState, job: EdgePassJob, out: EdgePassOut, parallel?: ParallelWork, meanwhile?: () => void): void {
  if (parallel) parallel.relationships(state, job, out, meanwhile);
  else {
    meanwhile?.();
    passOnOneThread(state, job, out, PARTIALS);
  }
}

/** Every chunk on this thread, with `partials` for the chunks' sums. */
export function passOnOneThread(st: EdgePassState, job: EdgePassJob, out: EdgePassOut, partials: Float64Array): void {
  out.hist.fill(0);
  edgePassChunks(st, job, 0, EDGE_CHUNKS, partials, out.hist, out.parent, out.size);
  addChunks(partials, out);
}

/** Chunks c0 .. c1 - 1: their sums into `partials`, their histogram added into `hist`, their unions into parent/size. */
// eslint-disable-next-line max-params -- the pass's inputs and its four outputs, passed as they are to threads
export function edgePassChunks(
  st: EdgePassState,
  job: EdgePassJob,
  c0: number,
  c1: number,
  partials: Float64Array,
  hist: Uint32Array,
  parent: Int32Array,
  size: Int32Array,
): void {
  const bounds = chunkBounds(st.edges.outStart);
  for (let c = c0; c < c1; c++) edgePassRange(st, job, bounds[c], bounds[c + 1], partials, c * CHUNK_FIELDS, hist, parent, size);
}

/** The heads where each chunk starts (and the end), per edge set: made once, not every tick. */
const BOUNDS = new WeakMap<Int32Array, Int32Array>();

function chunkBounds(outStart: Int32Array): Int32Array {
  let b = BOUNDS.get(outStart);
  if (!b) {
    b = new Int32Array(EDGE_CHUNKS + 1);
    for (let c = 0; c < EDGE_CHUNKS; c++) b[c] = offsetSlice(outStart, c, EDGE_CHUNKS)[0];
    b[EDGE_CHUNKS] = outStart.length - 1;
    BOUNDS.set(outStart, b);
  }
  return b;
}

/** The chunks' sums added up in chunk order into out.sums and out.acc. */
export function addChunks(partials: Float64Array, out: EdgePassOut): void {
  const { sums, acc } = out;
  sums.fill(0, 0, 7);
  acc.fill(0, 0, 6);
  for (let c = 0; c < EDGE_CHUNKS; c++) {
    const at = c * CHUNK_FIELDS;
    for (let k = 0; k < 7; k++) sums[k] += partials[at + k];
    for (let k = 0; k < 6; k++) acc[k] += partials[at + 7 + k];
  }
}

/** Join the components of two different roots, the smaller under the larger; returns the new root. */
function unite(parent: Int32Array, size: Int32Array, ra: number, rb: number): number {
  if (size[ra] < size[rb]) {
    parent[ra] = rb;
    size[rb] += size[ra];
    return rb;
  }
  parent[rb] = ra;
  size[ra] += size[rb];
  return ra;
}

/** Join into parent/size every component of another union-find over the same schools (a thread's). */
export function mergeComponents(parent: Int32Array, size: Int32Array, other: Int32Array, n: number): void {
  for (let s = 0; s < n; s++) {
    const r = find(other, s);
    if (r === s) continue;
    const ra = find(parent, s);
    const rb = find(parent, r);
    if (ra !== rb) unite(parent, size, ra, rb);
  }
}

/**
 * Heads from .. to - 1: sums into partials[at ..], the histogram, and the
 * union-find of the knowledge network. A function of its own, with every
 * array passed in, so that V8 optimises it once and keeps it.
 *
 * Edges are stored source-sorted, so walking each leader's out-edges visits
 * them in index order while the source's school, trust and root are looked
 * up once per leader.
 */
// eslint-disable-next-line max-lines-per-function, max-params -- one pass over every relationship for every edge metric at once (docs/ARCHITECTURE.md, "Exceptions")
function edgePassRange(
  st: EdgePassState,
  job: EdgePassJob,
  from: number,
  to: number,
  partials: Float64Array,
  at: number,
  hist: Uint32Array,
  parent: Int32Array,
  size: Int32Array,
): void {
  const E = st.edges;
  const on = job.policy;
  const school = st.leaders.school,
    mat = st.schools.mat,
    flags = job.flags,
    thr = job.thr;
  const outStart = E.outStart,
    dst = E.dst,
    rev = E.rev,
    trust = E.trust,
    respect = E.respect,
    regard = E.regard,
    competence = E.competence,
    integrity = E.integrity;
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
  for (let i = from; i < to; i++) {
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
        if (ra !== rb) ra = unite(parent, size, ra, rb);
      }
    }
  }
  partials[at] = sT;
  partials[at + 1] = sT2;
  partials[at + 2] = sR;
  partials[at + 3] = sP;
  partials[at + 4] = sC;
  partials[at + 5] = sI;
  partials[at + 6] = high;
  partials[at + 7] = cross;
  partials[at + 8] = crossT;
  partials[at + 9] = within;
  partials[at + 10] = withinT;
  partials[at + 11] = rival;
  partials[at + 12] = rivalT;
}
