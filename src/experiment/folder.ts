/**
 * A sweep output folder as state on disk: the stored sweep definition
 * (state/sweep.json), the manifest's status, where a new or resumed sweep
 * writes, and the lock that keeps two processes out of one folder.
 */
import { hostname } from 'node:os';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../output/atomic.ts';
import { resolveSweep, storedSweep, type LoadedSweep, type SweepPosterior } from './load.ts';
import { FILES, statePaths } from './layout.ts';
import { describeShard, sameShard, type ShardSpec } from './shard.ts';
import type { FailureInfo } from './tally.ts';
import { SweepError } from './errors.ts';
import { errorCode } from '../common/errors.ts';

/** state/sweep.json: the sweep (base scenario inlined) and its identity. */
export interface StoredState {
  format: 1;
  hash: string;
  model: string;
  source: string;
  shard: ShardSpec | null;
  created_at: string;
  sweep: Record<string, unknown>;
  /** Posterior draws the sweep runs under (sweep --posterior). */
  posterior?: SweepPosterior;
}

export function readStoredState(dir: string): StoredState | null {
  const p = statePaths(dir).sweep;
  if (!existsSync(p)) return null;
  return JSON.parse(readFileSync(p, 'utf8')) as StoredState;
}

/** Write state/sweep.json for `sweep` into `dir` (its state folder must exist). */
export function writeStoredState(dir: string, sweep: LoadedSweep, shard: ShardSpec | null, createdAt: string): void {
  const st: StoredState = {
    format: 1,
    hash: sweep.hash,
    model: sweep.model.url,
    source: sweep.source,
    shard,
    created_at: createdAt,
    sweep: storedSweep(sweep),
    ...(sweep.posterior ? { posterior: sweep.posterior } : {}),
  };
  writeFileAtomicSync(statePaths(dir).sweep, `${JSON.stringify(st, null, 2)}\n`);
}

/** The parts of manifest.json read back by resume and merge. */
export interface ManifestSummary {
  status?: string;
  runs?: { ok: number; failed: number; done: number };
  failures?: FailureInfo[];
  warnings?: string[];
}

/** The folder's manifest; null when it has none (throws when it is not JSON). */
export function readManifest(dir: string): ManifestSummary | null {
  const file = join(dir, FILES.manifest);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as ManifestSummary;
}

/** Reload the sweep stored in an output folder (for merge and inspection). */
export async function loadStoredSweep(dir: string, opts: { model?: string } = {}): Promise<LoadedSweep> {
  const st = readStoredState(dir);
  if (!st) throw new SweepError(`${dir} is not a sweep output folder (no ${FILES.state}/sweep.json)`);
  const sweep = await resolveSweep(st.sweep, {
    source: st.source,
    model: opts.model ?? st.model,
    validatePoints: false,
    ...(st.posterior ? { posterior: st.posterior } : {}),
  });
  if (sweep.hash !== st.hash) {
    throw new SweepError(`${dir}: the stored sweep no longer hashes to ${st.hash.slice(0, 12)} (model or code version changed: ${sweep.model.id})`);
  }
  return sweep;
}

/** The newest unfinished folder of this sweep and shard under `root`, if any. */
function findResumable(root: string, sweep: LoadedSweep, shard: ShardSpec | null): string | null {
  if (!existsSync(root)) return null;
  const candidates = readdirSync(root)
    .filter((d) => !d.startsWith('.'))
    .sort()
    .reverse();
  for (const d of candidates) {
    const dir = join(root, d);
    try {
      const st = readStoredState(dir);
      if (!st || st.hash !== sweep.hash || !sameShard(st.shard, shard)) continue;
      const manifest = readManifest(dir);
      if (manifest && manifest.status !== 'complete') return dir;
    } catch {
      /* not a sweep folder */
    }
  }
  return null;
}

function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, '')
    .replace('T', '-');
}

function shardSuffix(shard: ShardSpec | null): string {
  return shard ? `-shard${shard.index}of${shard.count}` : '';
}

export interface FolderChoice {
  /** Explicit output folder. */
  out?: string;
  /** Root of default folders: <resultsRoot>/<stamp>-<hash>[-shardKofN]. */
  resultsRoot: string;
  /** Look for the newest unfinished folder of this sweep first. */
  resume: boolean;
}

/** The folder a sweep writes to: --out, else (resuming) its newest unfinished folder, else a new one. */
export function chooseFolder(sweep: LoadedSweep, shard: ShardSpec | null, choice: FolderChoice): string {
  if (choice.out) return choice.out;
  const found = choice.resume ? findResumable(choice.resultsRoot, sweep, shard) : null;
  if (found) return found;
  const base = join(choice.resultsRoot, `${stamp(new Date())}-${sweep.hash.slice(0, 8)}${shardSuffix(shard)}`);
  let dir = base;
  for (let i = 2; existsSync(dir); i++) dir = `${base}-${i}`;
  return dir;
}

/**
 * Check that `dir` may take this sweep: empty or absent, or (with resume)
 * holding the same sweep and shard. Returns what the folder already holds.
 */
export function checkFolder(dir: string, sweep: LoadedSweep, shard: ShardSpec | null, resume: boolean): StoredState | null {
  const existing = readStoredState(dir);
  if (existing) {
    if (existing.hash !== sweep.hash) {
      throw new SweepError(`${dir} holds a different sweep (hash ${existing.hash.slice(0, 12)}, this one ${sweep.hash.slice(0, 12)}); choose another --out`);
    }
    if (!sameShard(existing.shard, shard)) {
      throw new SweepError(`${dir} holds ${describeShard(existing.shard)} of this sweep, not ${describeShard(shard)}`);
    }
    if (!resume) {
      throw new SweepError(`${dir} already holds this sweep; add --resume to continue it, or choose another --out`);
    }
  } else if (existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).length > 0) {
    throw new SweepError(`${dir} exists and is not a sweep output folder; choose another --out`);
  }
  return existing;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errorCode(e) === 'EPERM';
  }
}

/** Take the folder's lock file (host:pid), replacing a stale one. */
export function acquireLock(file: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${hostname()}:${process.pid}\n`);
      closeSync(fd);
      return;
    } catch (e) {
      if (errorCode(e) !== 'EEXIST') throw e;
      // The lock names host and pid: a lock left by a process on another
      // host (a resubmitted cluster task) is stale, whatever pids are alive here.
      const [host, pidText] = readFileSync(file, 'utf8').trim().split(':');
      const pid = Number(pidText);
      if (host === hostname() && Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
        throw new SweepError(`another process (pid ${pid}) is writing this sweep folder (${file})`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new SweepError(`could not lock ${file}`);
}

export function releaseLock(file: string): void {
  rmSync(file, { force: true });
}
