/**
 * The observer's pass over the relationships (model/observe/edge-pass.ts):
 * what it computes, checked against a plain computation, and that cutting
 * its fixed chunks between threads (each with its own histogram and
 * union-find, joined afterwards) gives the same bits as one thread.
 */
import { describe, expect, it } from 'vitest';
import {
  addChunks,
  CHUNK_FIELDS,
  EDGE_CHUNKS,
  edgePassChunks,
  find,
  HIST_BINS,
  mergeComponents,
  relationshipPass,
  type EdgePassState,
} from '../../../src/model/observe/edge-pass.ts';
import type { EdgePassJob, EdgePassOut } from '../../../src/model/core/edges.ts';
import type { ModelState } from '../../../src/model/core/state.ts';

/** A random network: n schools with one head each, ties both ways, CSR sorted by (source, destination). */
function network(n: number, ties: number, seed: number): { st: EdgePassState; flags: Uint8Array } {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pairs = new Set<string>();
  while (pairs.size < ties) {
    const a = Math.floor(rnd() * n);
    const b = Math.floor(rnd() * n);
    if (a !== b) pairs.add(`${Math.min(a, b)},${Math.max(a, b)}`);
  }
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const p of pairs) {
    const [a, b] = p.split(',').map(Number);
    out[a].push(b);
    out[b].push(a);
  }
  out.forEach((d) => d.sort((x, y) => x - y));
  const outStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) outStart[i + 1] = outStart[i] + out[i].length;
  const m = outStart[n];
  const dst = Int32Array.from(out.flat());
  const rev = new Int32Array(m);
  for (let i = 0; i < n; i++)
    for (let e = outStart[i]; e < outStart[i + 1]; e++) {
      const j = dst[e];
      rev[e] = outStart[j] + out[j].indexOf(i);
    }
  const f32 = () => Float32Array.from({ length: m }, () => 0.01 + 0.99 * rnd());
  const st: EdgePassState = {
    edges: { outStart, dst, rev, trust: f32(), respect: f32(), regard: f32(), competence: f32(), integrity: f32() },
    leaders: { school: Int32Array.from({ length: n }, (_, i) => i) },
    schools: { mat: Int32Array.from({ length: n }, () => (rnd() < 0.4 ? -1 : Math.floor(rnd() * 5))) },
  };
  return { st, flags: Uint8Array.from({ length: m }, () => (rnd() < 0.3 ? 1 : 0)) };
}

function freshOut(n: number): EdgePassOut {
  return {
    hist: new Uint32Array(HIST_BINS),
    sums: new Float64Array(7),
    acc: new Float64Array(6),
    parent: Int32Array.from({ length: n }, (_, i) => i),
    size: new Int32Array(n).fill(1),
  };
}

/** Each school's component as the smallest school in it. */
function components(parent: Int32Array): number[] {
  const n = parent.length;
  const least = new Map<number, number>();
  for (let s = 0; s < n; s++) {
    const r = find(parent, s);
    if (!least.has(r)) least.set(r, s);
  }
  return Array.from({ length: n }, (_, s) => least.get(find(parent, s)) as number);
}

describe('the relationship pass', () => {
  const n = 300;
  const { st, flags } = network(n, 1200, 17);
  const job: EdgePassJob = { policy: true, flags, thr: 0.55 };
  const one = freshOut(n);
  relationshipPass(st as unknown as ModelState, job, one);

  it('computes the histogram, the sums and the knowledge network a plain loop computes', () => {
    const E = st.edges;
    const m = E.outStart[n];
    const hist = new Uint32Array(HIST_BINS);
    let sT = 0,
      sT2 = 0,
      high = 0,
      within = 0,
      rival = 0;
    const adj: number[][] = Array.from({ length: n }, () => []);
    for (let i = 0; i < n; i++)
      for (let e = E.outStart[i]; e < E.outStart[i + 1]; e++) {
        const t = E.trust[e];
        hist[Math.round(t * 1000)]++;
        sT += t;
        sT2 += t * t;
        if (t >= 0.7) high++;
        const j = E.dst[e];
        if (st.schools.mat[i] >= 0 && st.schools.mat[i] === st.schools.mat[j]) within++;
        if (flags[e]) rival++;
        if (0.5 * (t + E.trust[E.rev[e]]) >= job.thr) adj[i].push(j);
      }
    expect([...one.hist]).toEqual([...hist]);
    expect(one.sums[0]).toBeCloseTo(sT, 9);
    expect(one.sums[1]).toBeCloseTo(sT2, 9);
    expect(one.sums[6]).toBe(high);
    expect(one.acc[2]).toBe(within);
    expect(one.acc[0]).toBe(m - within);
    expect(one.acc[4]).toBe(rival);
    // Components by breadth-first search, labelled by their smallest school.
    const label = new Array<number>(n).fill(-1);
    for (let s = 0; s < n; s++) {
      if (label[s] >= 0) continue;
      const queue = [s];
      label[s] = s;
      while (queue.length)
        for (const j of adj[queue.pop() as number])
          if (label[j] < 0) {
            label[j] = s;
            queue.push(j);
          }
    }
    expect(components(one.parent)).toEqual(label);
  });

  it.each([2, 3, 5])('gives the same bits when its chunks are cut between %i threads', (threads) => {
    const partials = new Float64Array(EDGE_CHUNKS * CHUNK_FIELDS);
    const main = freshOut(n);
    const others = Array.from({ length: threads - 1 }, () => freshOut(n));
    for (let k = 0; k < threads; k++) {
      const o = k === 0 ? main : others[k - 1];
      const c0 = Math.floor((k * EDGE_CHUNKS) / threads);
      const c1 = Math.floor(((k + 1) * EDGE_CHUNKS) / threads);
      edgePassChunks(st, job, c0, c1, partials, o.hist, o.parent, o.size);
    }
    for (const o of others) {
      for (let b = 0; b < HIST_BINS; b++) main.hist[b] += o.hist[b];
      mergeComponents(main.parent, main.size, o.parent, n);
    }
    addChunks(partials, main);
    expect([...main.hist]).toEqual([...one.hist]);
    expect([...main.sums]).toEqual([...one.sums]);
    expect([...main.acc]).toEqual([...one.acc]);
    expect(components(main.parent)).toEqual(components(one.parent));
    const sizes = (o: EdgePassOut) => Array.from({ length: n }, (_, s) => o.size[find(o.parent, s)]);
    expect(sizes(main)).toEqual(sizes(one));
  });
});
