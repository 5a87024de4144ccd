/**
 * Shards: a sweep split into N parts by run index (`run % N == k`), so any
 * shard can run anywhere and their folders merge into the unsharded result.
 */
import { SweepError } from './errors.ts';

export interface ShardSpec {
  /** 0-based shard index. */
  index: number;
  count: number;
}

/** Parse `k/N` (0-based k). */
export function parseShard(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new SweepError(`--shard must look like k/N (for example 0/4), found '${text}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) throw new SweepError(`--shard: the number of shards must be at least 1, found '${text}'`);
  if (index >= count)
    throw new SweepError(`--shard: shard index is 0-based and must be below ${count}, found '${text}' (use 0/${count} .. ${count - 1}/${count})`);
  return { index, count };
}

/** Whether run `run` belongs to `shard` (every run when unsharded). */
export function ownsRun(run: number, shard: ShardSpec | null | undefined): boolean {
  return !shard || run % shard.count === shard.index;
}

/** How many of `total` runs belong to `shard`. */
export function ownedRuns(total: number, shard: ShardSpec | null): number {
  return shard ? Math.floor(total / shard.count) + (shard.index < total % shard.count ? 1 : 0) : total;
}

export function sameShard(a: ShardSpec | null, b: ShardSpec | null): boolean {
  return (a?.index ?? -1) === (b?.index ?? -1) && (a?.count ?? -1) === (b?.count ?? -1);
}

/** `shard 2/4`, or `unsharded`. */
export function describeShard(shard: ShardSpec | null): string {
  return shard ? `shard ${shard.index}/${shard.count}` : 'unsharded';
}
