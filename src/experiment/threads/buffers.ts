/**
 * A team's shared outputs and scratch (team.ts), in SharedArrayBuffers sized
 * to the model and made again when it outgrows them: each head's knowledge
 * flow; for the observer's pass over the relationships the chunks' sums, and
 * each thread's histogram and union-find (views made once here, so a pass
 * allocates nothing); a copy of the rivalry flags of the edge set; and each
 * group's Lencioni results level at full precision; each school's shock
 * of the tick's improvement, and its chance of adopting the practice; and
 * the heads replaced in the tick (a copy of the turnover rule's list).
 */
import { CHUNK_FIELDS, EDGE_CHUNKS, HIST_BINS } from '../../model/observe/edge-pass.ts';
import type { ReplacedHeads } from '../../model/core/context.ts';

export interface TeamBuffers {
  threads: number;
  /** Schools each union-find has room for. */
  schools: number;
  flows: Float64Array;
  partials: Float64Array;
  /** Thread k's histogram, union-find parents and component sizes. */
  hist: Uint32Array[];
  parent: Int32Array[];
  size: Int32Array[];
  flags: Uint8Array;
  results: Float64Array;
  shocks: Float64Array;
  exposure: Float64Array;
  /** Room for every head: the list of the tick's replaced heads, their assimilation, and the mark by slot. */
  replaced: Omit<ReplacedHeads, 'count'>;
}

function sharedOf<T>(Ctor: new (b: SharedArrayBuffer) => T, bytes: number): T {
  return new Ctor(new SharedArrayBuffer(bytes));
}

export function teamBuffers(leaders: number, schools: number, edges: number, groups: number, threads: number): TeamBuffers {
  const hists = sharedOf(Uint32Array, threads * HIST_BINS * 4);
  const parents = sharedOf(Int32Array, threads * schools * 4);
  const sizes = sharedOf(Int32Array, threads * schools * 4);
  const part = <T extends Uint32Array | Int32Array>(a: T, len: number) => Array.from({ length: threads }, (_, k) => a.subarray(k * len, (k + 1) * len) as T);
  return {
    threads,
    schools,
    flows: sharedOf(Float64Array, leaders * 8),
    partials: sharedOf(Float64Array, EDGE_CHUNKS * CHUNK_FIELDS * 8),
    hist: part(hists, HIST_BINS),
    parent: part(parents, schools),
    size: part(sizes, schools),
    flags: sharedOf(Uint8Array, edges),
    results: sharedOf(Float64Array, groups * 8),
    shocks: sharedOf(Float64Array, schools * 8),
    exposure: sharedOf(Float64Array, schools * 8),
    replaced: { heads: sharedOf(Int32Array, leaders * 4), assimilating: sharedOf(Uint8Array, leaders), replaced: sharedOf(Uint8Array, leaders) },
  };
}

/** Part k of n of `count` items of equal cost (schools, the relationship pass's fixed chunks): [from, to). */
export function evenSlice(count: number, k: number, n: number): [number, number] {
  return [Math.floor((k * count) / n), Math.floor(((k + 1) * count) / n)];
}
