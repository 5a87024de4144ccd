/**
 * Streaming the run tables of a sweep folder: runs.csv, aggregated.csv
 * (per point and metric, streamed because a point's replications are
 * consecutive runs) and timeseries.csv (the runs' series fragments
 * concatenated), each written atomically, in canonical run order.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { csvLine, CSV_EOL, type CsvCell } from '../output/csv.ts';
import { AtomicWriter } from '../output/atomic.ts';
import type { LoadedSweep } from './load.ts';
import { readRecordAt, decodeNumber, type RunRecord } from './journal.ts';
import { deriveSeed } from './seeding.ts';
import { summarise } from './stats.ts';
import { SweepError } from './errors.ts';
import { FILES, statePaths, type FileInfo } from './layout.ts';
import { aggregatedColumns, hasLabels, header, TIMESERIES_COLUMNS, type Column } from './table-columns.ts';
import type { JournalIndex, JournalSource } from './journal-index.ts';
import { MAX_FAILURES_KEPT, type FailureInfo } from './tally.ts';

export interface TableJob {
  sweep: LoadedSweep;
  sources: JournalSource[];
  index: JournalIndex;
  outDir: string;
  expected: (run: number) => boolean;
  metrics: string[];
  runsCols: Column[];
  /** Write aggregated.csv. */
  aggregate: boolean;
  /** Per-point means filled in for these metrics. */
  means: Map<string, Float64Array>;
  /** Per-point standard deviations and run counts filled in for these metrics (the report's intervals). */
  spreads?: Map<string, { sd: Float64Array; n: Float64Array }>;
}

export interface TableCounts {
  rows: number;
  ok: number;
  failed: number;
  /** First failures (at most MAX_FAILURES_KEPT). */
  failures: FailureInfo[];
  files: Record<string, FileInfo>;
}

function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' | ').trim();
}

function summaryMap(rec: RunRecord): Map<string, number> {
  const m = new Map<string, number>();
  for (const [k, v] of rec.summary ?? []) m.set(k, decodeNumber(v));
  return m;
}

/** Per-point aggregation: collects a point's values and writes its rows when the next point starts. */
function pointAggregator(s: LoadedSweep, metrics: string[], out: AtomicWriter | null, job: Pick<TableJob, 'means' | 'spreads'>) {
  const labels = hasLabels(s);
  let curPoint = -1;
  let acc: number[][] = metrics.map(() => []);
  const flush = () => {
    if (curPoint < 0 || !out) return;
    const p = s.design.points[curPoint];
    const lead: CsvCell[] = [p.index, ...(labels ? [p.label ?? ''] : []), ...p.values];
    metrics.forEach((m, mi) => {
      const sm = summarise(acc[mi]);
      out.write(csvLine([...lead, m, sm.n, sm.mean, sm.sd, sm.ciLow, sm.ciHigh]) + CSV_EOL);
      const arr = job.means.get(m);
      if (arr) arr[curPoint] = sm.mean;
      const sp = job.spreads?.get(m);
      if (sp) {
        sp.sd[curPoint] = sm.sd;
        sp.n[curPoint] = sm.n;
      }
    });
  };
  return {
    /** Values of one run of `point` (null for a failed run). */
    add(point: number, values: number[] | null): void {
      if (point !== curPoint) {
        flush();
        curPoint = point;
        acc = metrics.map(() => []);
      }
      values?.forEach((v, mi) => acc[mi].push(v));
    },
    flush,
  };
}

function readChecked(s: LoadedSweep, fd: number, index: JournalIndex, run: number): RunRecord {
  const rec = readRecordAt(fd, index.offsetOf[run], index.lengthOf[run]);
  const seed = deriveSeed(s.masterSeed, s.design.points[rec.point].id, rec.rep);
  if (seed !== rec.seed) {
    throw new SweepError(
      `run ${rec.point}:${rec.rep} was recorded with seed ${rec.seed} but this sweep gives it seed ${seed}; the journal belongs to a different sweep`,
    );
  }
  return rec;
}

function seriesFragment(source: JournalSource, rec: RunRecord, series: { file: string; bytes: number }): Buffer {
  const file = join(statePaths(source.dir).series, series.file);
  if (!existsSync(file) || statSync(file).size !== series.bytes) {
    throw new SweepError(`time series of run ${rec.point}:${rec.rep} is missing or damaged (${file}); resume the sweep to re-run it`);
  }
  return readFileSync(file);
}

/** Write runs.csv, aggregated.csv and timeseries.csv from the indexed journals. */
export function writeRunTables(job: TableJob): TableCounts {
  const { sweep: s, index, metrics } = job;
  mkdirSync(job.outDir, { recursive: true });
  const runsW = new AtomicWriter(join(job.outDir, FILES.runs));
  const aggW = job.aggregate ? new AtomicWriter(join(job.outDir, FILES.aggregated)) : null;
  const tsW = s.keepSeries ? new AtomicWriter(join(job.outDir, FILES.timeseries)) : null;
  const fds = job.sources.map((src) => openSync(statePaths(src.dir).journal, 'r'));
  const labels = hasLabels(s);
  const counts: TableCounts = { rows: 0, ok: 0, failed: 0, failures: [], files: {} };
  try {
    runsW.write(header(job.runsCols));
    aggW?.write(header(aggregatedColumns(s)));
    tsW?.write(header(TIMESERIES_COLUMNS));
    const agg = pointAggregator(s, metrics, aggW, job);
    for (let run = 0; run < s.totalRuns; run++) {
      if (!job.expected(run)) continue;
      const si = index.srcOf[run];
      const rec = readChecked(s, fds[si], index, run);
      const p = s.design.points[rec.point];
      const sm = rec.status === 'ok' ? summaryMap(rec) : null;
      const values = sm ? metrics.map((m) => sm.get(m) ?? NaN) : null;
      agg.add(rec.point, values);
      if (values) counts.ok++;
      else {
        counts.failed++;
        if (counts.failures.length < MAX_FAILURES_KEPT)
          counts.failures.push({ run, point: rec.point, rep: rec.rep, seed: rec.seed, error: oneLine(rec.error ?? 'failed') });
      }
      const cells = values ?? metrics.map(() => null);
      runsW.write(
        csvLine([
          run,
          p.index,
          ...(labels ? [p.label ?? ''] : []),
          rec.rep,
          ...p.values,
          rec.seed,
          rec.status,
          values ? '' : oneLine(rec.error ?? 'failed'),
          ...cells,
        ]) + CSV_EOL,
      );
      counts.rows++;
      if (tsW && values && rec.series) tsW.writeBytes(seriesFragment(job.sources[si], rec, rec.series));
    }
    agg.flush();
  } catch (e) {
    runsW.abort();
    aggW?.abort();
    tsW?.abort();
    throw e;
  } finally {
    for (const fd of fds) closeSync(fd);
  }
  counts.files[FILES.runs] = { rows: counts.rows, sha256: runsW.commit() };
  if (aggW) counts.files[FILES.aggregated] = { rows: aggW.lines - 1, sha256: aggW.commit() };
  if (tsW) counts.files[FILES.timeseries] = { rows: tsW.lines - 1, sha256: tsW.commit() };
  return counts;
}
