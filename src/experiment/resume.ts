/**
 * Resuming a sweep folder: keep the journal records that still belong to
 * this sweep and shard (right point, replication and seed, series fragment
 * intact), drop the rest, and visit the runs still to do in index order.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedSweep } from './load.ts';
import { compactJournal, type RunRecord } from './journal.ts';
import { deriveSeed } from './seeding.ts';
import type { statePaths } from './layout.ts';
import { ownsRun, type ShardSpec } from './shard.ts';
import type { RunTally } from './tally.ts';

export interface ReplayOptions {
  sweep: LoadedSweep;
  shard: ShardSpec | null;
  paths: ReturnType<typeof statePaths>;
  /** Treat failed runs as not done (run them again). */
  retryFailed: boolean;
  /** Counts of the runs found finished are added here. */
  tally: RunTally;
  log: (line: string) => void;
}

export interface Replayed {
  /** 1 for every run already finished. */
  done: Uint8Array;
  /** How many runs were found finished. */
  resumed: number;
}

/** Whether a journal record is a usable finished run of this sweep and shard. */
function usable(rec: RunRecord, o: ReplayOptions): boolean {
  const { sweep, shard } = o;
  const reps = sweep.replications;
  if (rec.run < 0 || rec.run >= sweep.totalRuns || !ownsRun(rec.run, shard)) return false;
  const p = sweep.design.points[rec.point];
  if (!p || rec.point !== Math.floor(rec.run / reps) || rec.rep !== rec.run % reps) return false;
  if (deriveSeed(sweep.masterSeed, p.id, rec.rep) !== rec.seed) return false;
  if (rec.status === 'failed' && o.retryFailed) return false;
  if (rec.status === 'ok' && sweep.keepSeries) {
    if (!rec.series) return false;
    const f = join(o.paths.series, rec.series.file);
    if (!existsSync(f) || statSync(f).size !== rec.series.bytes) return false;
  }
  return true;
}

/** Compact the folder's journal to its usable records and count them. */
export function replayJournal(o: ReplayOptions): Replayed {
  const done = new Uint8Array(o.sweep.totalRuns);
  let resumed = 0;
  if (!existsSync(o.paths.journal)) return { done, resumed };
  const res = compactJournal(o.paths.journal, (rec) => {
    if (!usable(rec, o)) return false;
    done[rec.run] = 1;
    resumed++;
    if (rec.status === 'ok') o.tally.addOk();
    else o.tally.addFailed({ run: rec.run, point: rec.point, rep: rec.rep, seed: rec.seed, error: rec.error ?? 'failed' });
    return true;
  });
  if (res.dropped > 0) o.log(`resume: dropped ${res.dropped} unusable journal line(s)${res.torn ? ' (a run cut short by the interruption)' : ''}`);
  return { done, resumed };
}

/** The runs of `shard` not marked done, visited lazily in index order (no list of every run in memory); -1 when none is left. */
export function pendingRuns(done: Uint8Array, shard: ShardSpec | null): () => number {
  const total = done.length;
  let cursor = shard ? shard.index : 0;
  const step = shard ? shard.count : 1;
  return () => {
    while (cursor < total && done[cursor]) cursor += step;
    if (cursor >= total) return -1;
    const r = cursor;
    cursor += step;
    return r;
  };
}
