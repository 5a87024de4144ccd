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
 */
import { availableParallelism, hostname } from 'node:os';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { csvLine, CSV_EOL } from '../output/csv.ts';
import { writeFileAtomicSync } from '../output/atomic.ts';
import { loadSweep, resolveSweep, storedSweep, type LoadedSweep } from './load.ts';
import { compactJournal, encodeNumber, JournalWriter, type RunRecord } from './journal.ts';
import { deriveSeed } from './seeding.ts';
import { WorkerPool } from './pool.ts';
import type { WorkerResult } from './worker.ts';
import { finaliseTables, type FailureInfo } from './finalise.ts';
import { buildManifest, reportFacts, writeManifest, writeSweepExtras, type ShardSpec, type SweepStatus } from './outputs.ts';
import { FILES, seriesFileName, statePaths } from './layout.ts';
import { SweepError } from './errors.ts';
import { createProgress, type Progress } from '../common/progress.ts';

export type { ShardSpec } from './outputs.ts';

/** Parse `k/N` (0-based k). */
export function parseShard(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new SweepError(`--shard must look like k/N (for example 0/4), found '${text}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) throw new SweepError(`--shard: the number of shards must be at least 1, found '${text}'`);
  if (index >= count) throw new SweepError(`--shard: shard index is 0-based and must be below ${count}, found '${text}' (use 0/${count} .. ${count - 1}/${count})`);
  return { index, count };
}

/** Whether run `run` belongs to `shard` (every run when unsharded). */
export function ownsRun(run: number, shard: ShardSpec | null | undefined): boolean {
  return !shard || run % shard.count === shard.index;
}

export interface RunEvent {
  run: number;
  point: number;
  rep: number;
  seed: number;
  status: 'ok' | 'failed';
  error?: string;
  ms: number;
}

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

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '').replace('T', '-');
}

function shardSuffix(shard: ShardSpec | null): string {
  return shard ? `-shard${shard.index}of${shard.count}` : '';
}

interface StoredState {
  format: 1;
  hash: string;
  model: string;
  source: string;
  shard: ShardSpec | null;
  created_at: string;
  sweep: Record<string, unknown>;
}

export function readStoredState(dir: string): StoredState | null {
  const p = statePaths(dir).sweep;
  if (!existsSync(p)) return null;
  return JSON.parse(readFileSync(p, 'utf8')) as StoredState;
}

/** Reload the sweep stored in an output folder (for merge and inspection). */
export async function loadStoredSweep(dir: string, opts: { model?: string } = {}): Promise<LoadedSweep> {
  const st = readStoredState(dir);
  if (!st) throw new SweepError(`${dir} is not a sweep output folder (no ${FILES.state}/sweep.json)`);
  const sweep = await resolveSweep(st.sweep, { source: st.source, model: opts.model ?? st.model, validatePoints: false });
  if (sweep.hash !== st.hash) {
    throw new SweepError(`${dir}: the stored sweep no longer hashes to ${st.hash.slice(0, 12)} (model or code version changed: ${sweep.model.id})`);
  }
  return sweep;
}

function sameShard(a: ShardSpec | null, b: ShardSpec | null): boolean {
  return (a?.index ?? -1) === (b?.index ?? -1) && (a?.count ?? -1) === (b?.count ?? -1);
}

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
      const manifest = JSON.parse(readFileSync(join(dir, FILES.manifest), 'utf8')) as { status?: string };
      if (manifest.status !== 'complete') return dir;
    } catch {
      /* not a sweep folder */
    }
  }
  return null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function acquireLock(file: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${hostname()}:${process.pid}\n`);
      closeSync(fd);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
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

async function ensureLoaded(config: LoadedSweep | string | Record<string, unknown>, model?: string): Promise<LoadedSweep> {
  if (typeof config === 'string') return loadSweep(config, { model });
  if ('design' in config && 'hash' in config && 'factors' in config && 'totalRuns' in config) return config as unknown as LoadedSweep;
  return resolveSweep(config, { model });
}

/** Format one run's time series as CSV lines (no header). */
function seriesText(run: number, point: number, rep: number, seed: number, s: NonNullable<WorkerResult['series']>): string {
  const { keys, rows, ticksPerYear, values } = s;
  const nk = keys.length;
  const parts: string[] = [];
  for (let t = 0; t < rows; t++) {
    const year = t / ticksPerYear;
    for (let k = 0; k < nk; k++) {
      const v = values[t * nk + k];
      if (Number.isNaN(v)) continue;
      parts.push(csvLine([run, point, rep, seed, t, year, keys[k].metric, keys[k].level, v]));
    }
  }
  return parts.length ? parts.join(CSV_EOL) + CSV_EOL : '';
}

/** Run a sweep (or one shard of it). See the module comment. */
export async function runSweep(config: LoadedSweep | string | Record<string, unknown>, options: RunSweepOptions = {}): Promise<SweepResult> {
  const t0 = performance.now();
  const sweep = await ensureLoaded(config, options.model);
  const shard = typeof options.shard === 'string' ? parseShard(options.shard) : (options.shard ?? null);
  if (shard && (shard.index < 0 || shard.index >= shard.count)) throw new SweepError(`invalid shard ${shard.index}/${shard.count}`);
  const log = options.log ?? (() => undefined);
  const total = sweep.totalRuns;
  const reps = sweep.replications;
  const owned = shard ? Math.floor(total / shard.count) + (shard.index < total % shard.count ? 1 : 0) : total;

  // Where to write.
  const resultsRoot = resolve(options.resultsDir ?? 'results', sweep.spec.name);
  let dir: string | null = options.out ? resolve(options.out) : null;
  if (!dir && options.resume) dir = findResumable(resultsRoot, sweep, shard);
  if (!dir) {
    const base = join(resultsRoot, `${stamp(new Date())}-${sweep.hash.slice(0, 8)}${shardSuffix(shard)}`);
    dir = base;
    for (let i = 2; existsSync(dir); i++) dir = `${base}-${i}`;
  }
  const paths = statePaths(dir);
  const existing = readStoredState(dir);
  if (existing) {
    if (existing.hash !== sweep.hash) {
      throw new SweepError(`${dir} holds a different sweep (hash ${existing.hash.slice(0, 12)}, this one ${sweep.hash.slice(0, 12)}); choose another --out`);
    }
    if (!sameShard(existing.shard, shard)) {
      const f = (x: ShardSpec | null) => (x ? `shard ${x.index}/${x.count}` : 'unsharded');
      throw new SweepError(`${dir} holds ${f(existing.shard)} of this sweep, not ${f(shard)}`);
    }
    if (!options.resume) {
      throw new SweepError(`${dir} already holds this sweep; add --resume to continue it, or choose another --out`);
    }
  } else if (existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).length > 0) {
    throw new SweepError(`${dir} exists and is not a sweep output folder; choose another --out`);
  }

  mkdirSync(paths.series, { recursive: true });
  acquireLock(paths.lock);
  const startedAt = new Date().toISOString();
  let journal: JournalWriter | null = null;
  let pool: WorkerPool | null = null;
  let progress: Progress | null = null;
  try {
    if (!existing) {
      const st: StoredState = { format: 1, hash: sweep.hash, model: sweep.model.url, source: sweep.source, shard, created_at: startedAt, sweep: storedSweep(sweep) };
      writeFileAtomicSync(paths.sweep, `${JSON.stringify(st, null, 2)}\n`);
    }
    if (existing && existsSync(join(dir, FILES.manifest))) {
      const m = JSON.parse(readFileSync(join(dir, FILES.manifest), 'utf8')) as {
        status?: string;
        runs?: { ok: number; failed: number; done: number };
        failures?: FailureInfo[];
        warnings?: string[];
      };
      if (m.status === 'complete') {
        log(`${dir}: sweep already complete; nothing to do`);
        rmSync(paths.lock, { force: true });
        const runs = m.runs ?? { ok: 0, failed: 0, done: 0 };
        return {
          dir,
          status: 'complete',
          sweepHash: sweep.hash,
          shard,
          total: owned,
          done: runs.done,
          ok: runs.ok,
          failed: runs.failed,
          failures: m.failures ?? [],
          resumedRuns: runs.done,
          executed: 0,
          elapsedSeconds: (performance.now() - t0) / 1000,
          runSeconds: 0,
          warnings: m.warnings ?? [],
        };
      }
    }

    // What is already done (resume).
    const done = new Uint8Array(total);
    let okCount = 0;
    let failedCount = 0;
    const failures: FailureInfo[] = [];
    let resumed = 0;
    if (existsSync(paths.journal)) {
      const res = compactJournal(paths.journal, (rec) => {
        if (rec.run < 0 || rec.run >= total || !ownsRun(rec.run, shard)) return false;
        const p = sweep.design.points[rec.point];
        if (!p || rec.point !== Math.floor(rec.run / reps) || rec.rep !== rec.run % reps) return false;
        if (deriveSeed(sweep.masterSeed, p.id, rec.rep) !== rec.seed) return false;
        if (rec.status === 'failed' && options.retryFailed) return false;
        if (rec.status === 'ok' && sweep.keepSeries) {
          if (!rec.series) return false;
          const f = join(paths.series, rec.series.file);
          if (!existsSync(f) || statSync(f).size !== rec.series.bytes) return false;
        }
        done[rec.run] = 1;
        resumed++;
        if (rec.status === 'ok') okCount++;
        else {
          failedCount++;
          if (failures.length < 100) failures.push({ run: rec.run, point: rec.point, rep: rec.rep, seed: rec.seed, error: rec.error ?? 'failed' });
        }
        return true;
      });
      if (res.dropped > 0) log(`resume: dropped ${res.dropped} unusable journal line(s)${res.torn ? ' (a run cut short by the interruption)' : ''}`);
    }
    if (existing) log(`resuming ${dir}: ${resumed} of ${owned} runs already finished`);
    else log(`writing sweep '${sweep.spec.name}' (${owned} runs${shard ? `, shard ${shard.index}/${shard.count} of ${total}` : ''}) to ${dir}`);

    // Runs still to do, visited lazily in index order (no list of every run in memory).
    const pendingCount = owned - resumed;
    let cursor = shard ? shard.index : 0;
    const step = shard ? shard.count : 1;
    const nextRun = (): number => {
      while (cursor < total && done[cursor]) cursor += step;
      if (cursor >= total) return -1;
      const r = cursor;
      cursor += step;
      return r;
    };

    const manifestBase = { sweep, dir, shard, owned, startedAt };
    const writeStatus = (status: SweepStatus, extra: Partial<Parameters<typeof buildManifest>[0]> = {}) =>
      writeManifest(dir, buildManifest({ ...manifestBase, status, done: okCount + failedCount, ok: okCount, failed: failedCount, failures, ...extra }));
    writeStatus('running');

    const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), Math.max(1, pendingCount)));
    let aborted = options.signal?.aborted ?? false;
    let executed = 0;
    let runSeconds = 0;
    if (options.progressStream) {
      progress = createProgress({ total: owned, label: 'runs', stream: options.progressStream, initial: resumed });
    }
    const tStart = performance.now();
    let tRuns = tStart;
    const emit = (phase: SweepProgressEvent['phase'], last?: RunEvent) => {
      const doneNow = okCount + failedCount;
      const elapsed = (performance.now() - tStart) / 1000;
      const rate = elapsed > 0 ? executed / elapsed : NaN;
      const left = owned - doneNow;
      const ev: SweepProgressEvent = { done: doneNow, total: owned, failed: failedCount, rate, etaSeconds: left <= 0 ? 0 : rate > 0 ? left / rate : NaN, elapsedSeconds: elapsed, phase, ...(last ? { last } : {}) };
      options.onProgress?.(ev);
    };

    if (pendingCount > 0 && !aborted) {
      journal = new JournalWriter(paths.journal, options.syncEveryMs ?? 1000);
      pool = new WorkerPool({
        size: workers,
        model: sweep.model.url,
        init: { type: 'init', base: sweep.baseRaw, paths: sweep.factors.map((f) => f.path), series: sweep.keepSeries, source: sweep.source },
        ...(sweep.spec.runTimeoutSeconds ? { runTimeoutMs: sweep.spec.runTimeoutSeconds * 1000 } : {}),
      });
      const onAbort = () => {
        aborted = true;
        void pool?.terminate();
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        try {
          await pool.start();
        } catch (e) {
          if (!aborted) throw e; // workers stopped by an abort while starting
        }
        if (options.signal?.aborted) aborted = true;
        tRuns = performance.now();
        const jw = journal;
        const lane = async () => {
          while (!aborted) {
            const run = nextRun();
            if (run < 0) return;
            const point = Math.floor(run / reps);
            const rep = run % reps;
            const p = sweep.design.points[point];
            const seed = deriveSeed(sweep.masterSeed, p.id, rep);
            let res: WorkerResult;
            try {
              res = await (pool as WorkerPool).exec({ point, values: p.values, seed });
            } catch (e) {
              if (aborted) return;
              throw e;
            }
            if (aborted) return; // results arriving after an abort are not recorded
            const rec: RunRecord = { run, point, rep, seed, status: res.ok ? 'ok' : 'failed', ms: Math.round(res.ms * 10) / 10 };
            if (res.ok) {
              rec.summary = (res.summary ?? []).map(([k, v]) => [k, encodeNumber(v)]);
              if (sweep.keepSeries && res.series) {
                const text = seriesText(run, point, rep, seed, res.series);
                const file = seriesFileName(run);
                const target = join(paths.series, file);
                const tmp = `${target}.tmp`;
                writeFileSync(tmp, text);
                renameSync(tmp, target);
                rec.series = { file, bytes: Buffer.byteLength(text) };
              } else if (sweep.keepSeries) {
                rec.series = { file: seriesFileName(run), bytes: 0 };
                writeFileSync(join(paths.series, rec.series.file), '');
              }
              okCount++;
            } else {
              rec.error = res.error ?? 'failed';
              failedCount++;
              if (failures.length < 100) failures.push({ run, point, rep, seed, error: rec.error });
            }
            jw.append(rec);
            executed++;
            const ev: RunEvent = { run, point, rep, seed, status: rec.status, ...(rec.error ? { error: rec.error } : {}), ms: res.ms };
            progress?.update(okCount + failedCount, failedCount ? `${failedCount} failed` : undefined);
            emit('running', ev);
          }
        };
        // One lane per task the pool can hold, so every worker has its next run queued.
        await Promise.all(Array.from({ length: pool.capacity }, lane));
        runSeconds = (performance.now() - tRuns) / 1000;
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
        await pool.terminate();
        pool = null;
        journal.close();
        journal = null;
      }
    }

    if (aborted) {
      progress?.stop();
      writeStatus('interrupted', { workers });
      rmSync(paths.lock, { force: true });
      return {
        dir,
        status: 'interrupted',
        sweepHash: sweep.hash,
        shard,
        total: owned,
        done: okCount + failedCount,
        ok: okCount,
        failed: failedCount,
        failures,
        resumedRuns: resumed,
        executed,
        elapsedSeconds: (performance.now() - t0) / 1000,
        runSeconds,
        warnings: [],
      };
    }
    progress?.done(failedCount ? `${failedCount} failed` : undefined);
    emit('finalising');

    // Tables.
    const fin = finaliseTables({
      sweep,
      sources: [{ dir, owns: (r) => ownsRun(r, shard) }],
      outDir: dir,
      expected: (r) => ownsRun(r, shard),
      mode: shard ? 'shard' : 'full',
    });
    const factsExtra: [string, string][] = [['Workers', String(workers)]];
    if (!shard && options.extras !== false) await writeSweepExtras(dir, sweep, fin, reportFacts(sweep, fin, factsExtra));
    const finishedAt = new Date().toISOString();
    writeManifest(
      dir,
      buildManifest({
        ...manifestBase,
        status: 'complete',
        done: fin.runs,
        ok: fin.ok,
        failed: fin.failed,
        failures: fin.failures,
        finishedAt,
        elapsedSeconds: (performance.now() - t0) / 1000,
        workers,
        files: fin.files,
        warnings: fin.warnings,
      }),
    );
    // Series fragments are only needed for merging shards.
    if (!shard) rmSync(paths.series, { recursive: true, force: true });
    rmSync(paths.lock, { force: true });
    emit('done');
    return {
      dir,
      status: 'complete',
      sweepHash: sweep.hash,
      shard,
      total: owned,
      done: fin.runs,
      ok: fin.ok,
      failed: fin.failed,
      failures: fin.failures,
      resumedRuns: resumed,
      executed,
      elapsedSeconds: (performance.now() - t0) / 1000,
      runSeconds,
      warnings: fin.warnings,
    };
  } catch (e) {
    progress?.stop();
    if (pool) await pool.terminate();
    journal?.close();
    rmSync(paths.lock, { force: true });
    throw e;
  }
}
