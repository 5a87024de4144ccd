/**
 * The run loop of a sweep: a pool of worker threads fed lazily with the
 * pending runs, each finished run journaled (and its time-series fragment
 * written) as it arrives. Seeds come from seeding.ts, never from queue
 * order. A run that throws is journaled as failed and the loop goes on; an
 * abort stops dispatching and stops the workers.
 */
import { join } from 'node:path';
import { csvLine, CSV_EOL } from '../output/csv.ts';
import { rowTick } from '../engine/contract.ts';
import { writeFileAtomicSync } from '../output/atomic.ts';
import type { LoadedSweep } from './load.ts';
import { encodeNumber, JournalWriter, type RunRecord } from './journal.ts';
import { deriveSeed } from './seeding.ts';
import { WorkerPool } from './pool.ts';
import type { WorkerResult } from './worker.ts';
import { seriesFileName, type statePaths } from './layout.ts';
import type { RunTally } from './tally.ts';

export interface RunEvent {
  run: number;
  point: number;
  rep: number;
  seed: number;
  status: 'ok' | 'failed';
  error?: string;
  ms: number;
}

interface RunKey {
  run: number;
  point: number;
  rep: number;
  seed: number;
}

type SeriesPayload = NonNullable<WorkerResult['series']>;

/** Format one run's time series as CSV lines (no header). */
function seriesText(key: RunKey, s: SeriesPayload): string {
  const { keys, rows, ticksPerYear, values } = s;
  const nk = keys.length;
  const parts: string[] = [];
  for (let t = 0; t < rows; t++) {
    const year = t / ticksPerYear;
    const tick = rowTick(s, t);
    for (let k = 0; k < nk; k++) {
      const v = values[t * nk + k];
      if (Number.isNaN(v)) continue;
      parts.push(csvLine([key.run, key.point, key.rep, key.seed, tick, year, keys[k].metric, keys[k].level, v]));
    }
  }
  return parts.length ? parts.join(CSV_EOL) + CSV_EOL : '';
}

export interface ExecuteOptions {
  sweep: LoadedSweep;
  paths: ReturnType<typeof statePaths>;
  workers: number;
  /** Next run to do, -1 when none is left (see resume.ts pendingRuns). */
  nextRun: () => number;
  /** Counts are added here as runs finish. */
  tally: RunTally;
  signal?: AbortSignal;
  /** fsync the journal at most this often (ms). */
  syncEveryMs: number;
  /** Called after each run is journaled. */
  onRun: (ev: RunEvent) => void;
}

export interface ExecuteResult {
  aborted: boolean;
  /** Seconds from the first dispatch to the last result. */
  runSeconds: number;
}

/** Journal one finished run (writing its series fragment first) and count it. */
function recordResult(o: ExecuteOptions, journal: JournalWriter, key: RunKey, res: WorkerResult): RunEvent {
  const { sweep, tally } = o;
  const rec: RunRecord = { ...key, status: res.ok ? 'ok' : 'failed', ms: Math.round(res.ms * 10) / 10 };
  if (res.ok) {
    rec.summary = (res.summary ?? []).map(([k, v]) => [k, encodeNumber(v)]);
    if (sweep.keepSeries) {
      const text = res.series ? seriesText(key, res.series) : '';
      const file = seriesFileName(key.run);
      writeFileAtomicSync(join(o.paths.series, file), text, { durable: false });
      rec.series = { file, bytes: Buffer.byteLength(text) };
    }
    tally.addOk();
  } else {
    rec.error = res.error ?? 'failed';
    tally.addFailed({ ...key, error: rec.error });
  }
  journal.append(rec);
  tally.executed++;
  return { ...key, status: rec.status, ...(rec.error ? { error: rec.error } : {}), ms: res.ms };
}

/** Run every pending run on a fresh worker pool; stops early on abort. */
export async function executeRuns(o: ExecuteOptions): Promise<ExecuteResult> {
  const { sweep } = o;
  const reps = sweep.replications;
  const pool = new WorkerPool({
    size: o.workers,
    model: sweep.model.url,
    // Posterior draws are set before the factors, so a factor on the same path wins.
    init: {
      type: 'init',
      base: sweep.baseRaw,
      paths: [...(sweep.posterior?.paths ?? []), ...sweep.factors.map((f) => f.path)],
      series: sweep.keepSeries,
      source: sweep.source,
    },
    ...(sweep.spec.runTimeoutSeconds ? { runTimeoutMs: sweep.spec.runTimeoutSeconds * 1000 } : {}),
  });
  const journal = new JournalWriter(o.paths.journal, o.syncEveryMs);
  let aborted = false;
  const onAbort = () => {
    aborted = true;
    void pool.terminate();
  };
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    try {
      await pool.start();
    } catch (e) {
      if (!aborted) throw e; // workers stopped by an abort while starting
    }
    if (o.signal?.aborted) aborted = true;
    const tRuns = performance.now();
    const lane = async () => {
      while (!aborted) {
        const run = o.nextRun();
        if (run < 0) return;
        const point = Math.floor(run / reps);
        const rep = run % reps;
        const p = sweep.design.points[point];
        const seed = deriveSeed(sweep.masterSeed, p.id, rep);
        let res: WorkerResult;
        try {
          const draw = sweep.posterior ? sweep.posterior.draws[rep % sweep.posterior.draws.length] : [];
          res = await pool.exec({ point, values: [...draw, ...p.values], seed });
        } catch (e) {
          if (aborted) return;
          throw e;
        }
        if (aborted) return; // results arriving after an abort are not recorded
        o.onRun(recordResult(o, journal, { run, point, rep, seed }, res));
      }
    };
    // One lane per task the pool can hold, so every worker has its next run queued.
    await Promise.all(Array.from({ length: pool.capacity }, lane));
    return { aborted, runSeconds: (performance.now() - tRuns) / 1000 };
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    await pool.terminate();
    journal.close();
  }
}
