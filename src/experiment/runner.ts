/**
 * runSweep: run every (design point, replication) of a sweep on a pool of
 * worker threads, journal each finished run, and build the output tables.
 *
 * - Seeds come from seeding.ts (master seed, point identity, replication):
 *   never from the order runs are queued, the worker or the shard.
 * - Finished runs go to the journal as they arrive (memory stays flat);
 *   the tables are built from the journal at the end, in canonical order.
 * - A run that throws is journaled as failed and the sweep goes on.
 * - Aborting (options.signal) stops dispatching, stops the workers, flushes
 *   the journal and leaves the folder resumable.
 * - `resume` continues a folder: valid journal records are kept (a torn last
 *   line from a crash is dropped), everything else is run.
 * - `shard` runs only the runs with index % count == index.
 *
 * The steps live in their own modules: folder.ts (where to write, lock,
 * stored state), resume.ts (what is done), execute.ts (the run loop),
 * finalise.ts (tables) and outputs.ts (manifest, exports, report).
 */
import { availableParallelism } from 'node:os';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadSweep, resolveSweep, type LoadedSweep } from './load.ts';
import { finaliseTables, type FailureInfo } from './finalise.ts';
import { buildManifest, reportFacts, writeManifest, writeSweepExtras, type ManifestInput, type SweepStatus } from './outputs.ts';
import { statePaths } from './layout.ts';
import { SweepError } from './errors.ts';
import { createProgress, type Progress } from '../common/progress.ts';
import { ownedRuns, ownsRun, parseShard, type ShardSpec } from './shard.ts';
import { removeStaleTemporaries } from '../output/atomic.ts';
import { acquireLock, checkFolder, chooseFolder, readManifest, releaseLock, writeStoredState } from './folder.ts';
import { pendingRuns, replayJournal } from './resume.ts';
import { executeRuns, type RunEvent } from './execute.ts';
import { RunTally } from './tally.ts';

export type { ShardSpec } from './shard.ts';
export type { RunEvent } from './execute.ts';

export interface SweepProgressEvent {
  /** Runs finished in this folder (including those done before a resume). */
  done: number;
  /** Runs this folder is responsible for (the shard's share). */
  total: number;
  failed: number;
  /** Runs per second in this session. */
  rate: number;
  etaSeconds: number;
  elapsedSeconds: number;
  last?: RunEvent;
  phase: 'running' | 'finalising' | 'done';
}

export interface RunSweepOptions {
  /** Worker threads (default: one per core). */
  workers?: number;
  /** Run only this shard (`k/N`, 0-based k, or an object). */
  shard?: ShardSpec | string | null;
  /** Continue an existing folder instead of refusing it. */
  resume?: boolean;
  /** Re-run failed runs on resume (default false: a failed run counts as finished). */
  retryFailed?: boolean;
  /** Output folder (default results/<sweep-name>/<id>/). */
  out?: string;
  /** Root of default output folders (default `results`). */
  resultsDir?: string;
  /** Model module, for sweeps loaded from a file or object here (default collabsim). */
  model?: string;
  /** Stop cleanly when aborted. */
  signal?: AbortSignal;
  /** Called after every finished run and at phase changes. */
  onProgress?: (e: SweepProgressEvent) => void;
  /** Draw a progress bar / lines on this stream (default: none). */
  progressStream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Informational messages (where the output goes, resume counts). */
  log?: (line: string) => void;
  /** Build DuckDB/Parquet, charts and report (default true). */
  extras?: boolean;
  /** fsync the journal at most this often (ms, default 1000). */
  syncEveryMs?: number;
}

export interface SweepResult {
  dir: string;
  status: Exclude<SweepStatus, 'running'>;
  sweepHash: string;
  shard: ShardSpec | null;
  /** Runs this folder is responsible for. */
  total: number;
  done: number;
  ok: number;
  failed: number;
  failures: FailureInfo[];
  /** Runs found finished in the journal when resuming. */
  resumedRuns: number;
  /** Runs executed by this call. */
  executed: number;
  elapsedSeconds: number;
  /** Seconds from the first dispatch to the last result (throughput). */
  runSeconds: number;
  warnings: string[];
}

type SweepConfig = LoadedSweep | string | Record<string, unknown>;

function isLoadedSweep(config: LoadedSweep | Record<string, unknown>): config is LoadedSweep {
  return 'design' in config && 'hash' in config && 'factors' in config && 'totalRuns' in config;
}

async function ensureLoaded(config: SweepConfig, model?: string): Promise<LoadedSweep> {
  if (typeof config === 'string') return loadSweep(config, { model });
  if (isLoadedSweep(config)) return config;
  return resolveSweep(config, { model });
}

function resolveShard(option: RunSweepOptions['shard']): ShardSpec | null {
  const shard = typeof option === 'string' ? parseShard(option) : (option ?? null);
  if (shard && (shard.index < 0 || shard.index >= shard.count)) throw new SweepError(`invalid shard ${shard.index}/${shard.count}`);
  return shard;
}

/** One sweep (or shard) being written into one locked folder. */
interface SweepContext {
  sweep: LoadedSweep;
  shard: ShardSpec | null;
  dir: string;
  paths: ReturnType<typeof statePaths>;
  /** Runs this folder is responsible for. */
  owned: number;
  /** The folder already held this sweep (resume). */
  resuming: boolean;
  startedAt: string;
  t0: number;
  log: (line: string) => void;
}

function manifestBase(ctx: SweepContext): Pick<ManifestInput, 'sweep' | 'dir' | 'shard' | 'owned' | 'startedAt'> {
  return { sweep: ctx.sweep, dir: ctx.dir, shard: ctx.shard, owned: ctx.owned, startedAt: ctx.startedAt };
}

type Outcome = Omit<SweepResult, 'dir' | 'sweepHash' | 'shard' | 'total' | 'elapsedSeconds'>;

function sweepResult(ctx: SweepContext, o: Outcome): SweepResult {
  return {
    dir: ctx.dir,
    status: o.status,
    sweepHash: ctx.sweep.hash,
    shard: ctx.shard,
    total: ctx.owned,
    done: o.done,
    ok: o.ok,
    failed: o.failed,
    failures: o.failures,
    resumedRuns: o.resumedRuns,
    executed: o.executed,
    elapsedSeconds: (performance.now() - ctx.t0) / 1000,
    runSeconds: o.runSeconds,
    warnings: o.warnings,
  };
}

/** The result for a folder whose manifest already says complete; null otherwise. */
function completedResult(ctx: SweepContext, retryFailed: boolean): SweepResult | null {
  const m = readManifest(ctx.dir);
  if (m?.status !== 'complete') return null;
  // --retry-failed on a finished sweep with failures: run them again and finalise anew.
  if (retryFailed && (m.runs?.failed ?? 0) > 0) return null;
  ctx.log(`${ctx.dir}: sweep already complete; nothing to do`);
  releaseLock(ctx.paths.lock);
  const runs = m.runs ?? { ok: 0, failed: 0, done: 0 };
  return sweepResult(ctx, {
    status: 'complete',
    done: runs.done,
    ok: runs.ok,
    failed: runs.failed,
    failures: m.failures ?? [],
    resumedRuns: runs.done,
    executed: 0,
    runSeconds: 0,
    warnings: m.warnings ?? [],
  });
}

type Emit = (phase: SweepProgressEvent['phase'], last?: RunEvent) => void;

/** Progress events for options.onProgress; the rate counts runs executed since this call. */
function progressEmitter(onProgress: RunSweepOptions['onProgress'], owned: number, tally: RunTally): Emit {
  const tStart = performance.now();
  return (phase, last) => {
    const doneNow = tally.done;
    const elapsed = (performance.now() - tStart) / 1000;
    const rate = elapsed > 0 ? tally.executed / elapsed : NaN;
    const left = owned - doneNow;
    const ev: SweepProgressEvent = {
      done: doneNow,
      total: owned,
      failed: tally.failed,
      rate,
      etaSeconds: left <= 0 ? 0 : rate > 0 ? left / rate : NaN,
      elapsedSeconds: elapsed,
      phase,
      ...(last ? { last } : {}),
    };
    onProgress?.(ev);
  };
}

/** Build the tables (and, unsharded, the extras), write the final manifest and release the folder. */
async function finish(
  ctx: SweepContext,
  options: RunSweepOptions,
  run: { workers: number; resumed: number; executed: number; runSeconds: number; emit: Emit },
): Promise<SweepResult> {
  const { sweep, shard, dir } = ctx;
  const fin = finaliseTables({
    sweep,
    sources: [{ dir, owns: (r) => ownsRun(r, shard) }],
    outDir: dir,
    expected: (r) => ownsRun(r, shard),
    mode: shard ? 'shard' : 'full',
  });
  const factsExtra: [string, string][] = [['Workers', String(run.workers)]];
  if (!shard && options.extras !== false) await writeSweepExtras(dir, sweep, fin, reportFacts(sweep, fin, factsExtra));
  const finishedAt = new Date().toISOString();
  writeManifest(
    dir,
    buildManifest({
      ...manifestBase(ctx),
      status: 'complete',
      done: fin.runs,
      ok: fin.ok,
      failed: fin.failed,
      failures: fin.failures,
      finishedAt,
      elapsedSeconds: (performance.now() - ctx.t0) / 1000,
      workers: run.workers,
      files: fin.files,
      warnings: fin.warnings,
    }),
  );
  // Series fragments are only needed for merging shards.
  if (!shard) rmSync(ctx.paths.series, { recursive: true, force: true });
  releaseLock(ctx.paths.lock);
  run.emit('done');
  return sweepResult(ctx, {
    status: 'complete',
    done: fin.runs,
    ok: fin.ok,
    failed: fin.failed,
    failures: fin.failures,
    resumedRuns: run.resumed,
    executed: run.executed,
    runSeconds: run.runSeconds,
    warnings: fin.warnings,
  });
}

/** Everything after the folder is locked: resume scan, runs, tables. `live` holds the progress bar for the caller's cleanup. */
async function runInFolder(ctx: SweepContext, options: RunSweepOptions, live: { progress?: Progress }): Promise<SweepResult> {
  const { sweep, shard, dir, owned } = ctx;
  const tally = new RunTally();
  const { done, resumed } = replayJournal({ sweep, shard, paths: ctx.paths, retryFailed: Boolean(options.retryFailed), tally, log: ctx.log });
  if (ctx.resuming) ctx.log(`resuming ${dir}: ${resumed} of ${owned} runs already finished`);
  else ctx.log(`writing sweep '${sweep.spec.name}' (${owned} runs${shard ? `, shard ${shard.index}/${shard.count} of ${sweep.totalRuns}` : ''}) to ${dir}`);

  const pendingCount = owned - resumed;
  const writeStatus = (status: SweepStatus, extra: Partial<ManifestInput> = {}) =>
    writeManifest(
      dir,
      buildManifest({ ...manifestBase(ctx), status, done: tally.done, ok: tally.ok, failed: tally.failed, failures: tally.failures, ...extra }),
    );
  writeStatus('running');

  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), Math.max(1, pendingCount)));
  if (options.progressStream) {
    live.progress = createProgress({ total: owned, label: 'runs', stream: options.progressStream, initial: resumed });
  }
  const emit = progressEmitter(options.onProgress, owned, tally);
  let aborted = options.signal?.aborted ?? false;
  let runSeconds = 0;
  if (pendingCount > 0 && !aborted) {
    ({ aborted, runSeconds } = await executeRuns({
      sweep,
      paths: ctx.paths,
      workers,
      nextRun: pendingRuns(done, shard),
      tally,
      signal: options.signal,
      syncEveryMs: options.syncEveryMs ?? 1000,
      onRun: (ev) => {
        live.progress?.update(tally.done, tally.failed ? `${tally.failed} failed` : undefined);
        emit('running', ev);
      },
    }));
  }

  if (aborted) {
    live.progress?.stop();
    writeStatus('interrupted', { workers });
    releaseLock(ctx.paths.lock);
    return sweepResult(ctx, {
      status: 'interrupted',
      done: tally.done,
      ok: tally.ok,
      failed: tally.failed,
      failures: tally.failures,
      resumedRuns: resumed,
      executed: tally.executed,
      runSeconds,
      warnings: [],
    });
  }
  live.progress?.done(tally.failed ? `${tally.failed} failed` : undefined);
  emit('finalising');
  return finish(ctx, options, { workers, resumed, executed: tally.executed, runSeconds, emit });
}

/** Run a sweep (or one shard of it). See the module comment. */
export async function runSweep(config: SweepConfig, options: RunSweepOptions = {}): Promise<SweepResult> {
  const t0 = performance.now();
  const sweep = await ensureLoaded(config, options.model);
  const shard = resolveShard(options.shard);
  const resume = Boolean(options.resume);
  const dir = chooseFolder(sweep, shard, {
    out: options.out ? resolve(options.out) : undefined,
    resultsRoot: resolve(options.resultsDir ?? 'results', sweep.spec.name),
    resume,
  });
  const existing = checkFolder(dir, sweep, shard, resume);
  const paths = statePaths(dir);
  mkdirSync(paths.series, { recursive: true });
  acquireLock(paths.lock);
  const ctx: SweepContext = {
    sweep,
    shard,
    dir,
    paths,
    owned: ownedRuns(sweep.totalRuns, shard),
    resuming: existing !== null,
    startedAt: new Date().toISOString(),
    t0,
    log: options.log ?? (() => undefined),
  };
  const live: { progress?: Progress } = {};
  try {
    if (existing) {
      // Temporaries of a finalisation that was killed (tables, DuckDB, Parquet): ours to remove, as we hold the lock.
      const stale = removeStaleTemporaries(dir);
      if (stale) ctx.log(`removed ${stale} temporary file${stale === 1 ? '' : 's'} left by an interrupted finalisation`);
    } else writeStoredState(dir, sweep, shard, ctx.startedAt);
    const complete = existing ? completedResult(ctx, Boolean(options.retryFailed)) : null;
    if (complete) return complete;
    return await runInFolder(ctx, options, live);
  } catch (e) {
    live.progress?.stop();
    releaseLock(paths.lock);
    throw e;
  }
}
