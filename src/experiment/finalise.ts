/**
 * Building the sweep tables from run journals.
 *
 * The same code serves a finished sweep, a shard and a merge of shards, which
 * is what makes their tables byte-identical: rows are produced in canonical
 * run order (point, then replication) from the journal records, whatever
 * order the runs finished in, whichever worker or shard ran them.
 *
 * Memory stays flat: the journals are indexed (a few bytes per run), then
 * records are read back one at a time; aggregation is streamed point by point
 * because the replications of a point are consecutive runs.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { csvLine, CSV_EOL, type CsvCell } from '../output/csv.ts';
import type { FactorValue } from './designs.ts';
import type { LoadedSweep } from './load.ts';
import { readRecordAt, scanJournal, decodeNumber, type RunRecord } from './journal.ts';
import { deriveSeed } from './seeding.ts';
import { summarise } from './stats.ts';
import { sobolIndices, splitSaltelli, morrisIndices } from './sensitivity.ts';
import { AtomicWriter } from './atomic-writer.ts';
import { SweepError } from './errors.ts';
import { FILES, statePaths } from './layout.ts';
import type { ColumnType, TableExport } from './duckdb-export.ts';
import type { SensitivityRow } from './sweep-charts.ts';

export interface JournalSource {
  /** Output folder holding state/journal.ndjson and state/series/. */
  dir: string;
  /** Runs this source may hold (a shard's share); default: all. */
  owns?: (run: number) => boolean;
  /** Name used in messages (e.g. `shard 2/3`). */
  label?: string;
}

export interface FinaliseOptions {
  sweep: LoadedSweep;
  sources: JournalSource[];
  outDir: string;
  /** Runs that must be present (default: all runs of the sweep). */
  expected?: (run: number) => boolean;
  /** `full`: every table; `shard`: runs.csv and timeseries.csv of a shard's share only. */
  mode: 'full' | 'shard';
  /** Reject a run held by two sources (merge). Otherwise the first wins. */
  strict?: boolean;
}

export interface FailureInfo {
  run: number;
  point: number;
  rep: number;
  seed: number;
  error: string;
}

export interface FileInfo {
  rows: number;
  sha256?: string;
}

export interface FinaliseResult {
  runs: number;
  ok: number;
  failed: number;
  /** First failures (at most 100). */
  failures: FailureInfo[];
  metrics: string[];
  files: Record<string, FileInfo>;
  warnings: string[];
  sensitivity: SensitivityRow[];
  /** Per-point means of the chart metrics (full mode). */
  chartMetrics: { name: string; pointMeans: Float64Array }[];
  exports: TableExport[];
}

const MAX_FAILURES_LISTED = 100;

function hasLabels(s: LoadedSweep): boolean {
  return s.design.type === 'sobol' || s.design.type === 'morris';
}

function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' | ').trim();
}

/** DuckDB type of a factor column from the values it takes. */
export function factorColumnType(values: FactorValue[]): ColumnType {
  if (values.every((v) => typeof v === 'number')) return 'DOUBLE';
  if (values.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  return 'VARCHAR';
}

export function runsColumns(s: LoadedSweep, metrics: string[]): [string, ColumnType][] {
  const cols: [string, ColumnType][] = [['run', 'BIGINT'], ['point', 'BIGINT']];
  if (hasLabels(s)) cols.push(['label', 'VARCHAR']);
  cols.push(['rep', 'INTEGER']);
  s.factors.forEach((f, i) => cols.push([f.name, factorColumnType(s.design.points.map((p) => p.values[i]))]));
  cols.push(['seed', 'BIGINT'], ['status', 'VARCHAR'], ['error', 'VARCHAR']);
  for (const m of metrics) cols.push([m, 'DOUBLE']);
  return cols;
}

export function aggregatedColumns(s: LoadedSweep): [string, ColumnType][] {
  const cols: [string, ColumnType][] = [['point', 'BIGINT']];
  if (hasLabels(s)) cols.push(['label', 'VARCHAR']);
  s.factors.forEach((f, i) => cols.push([f.name, factorColumnType(s.design.points.map((p) => p.values[i]))]));
  cols.push(['metric', 'VARCHAR'], ['n', 'INTEGER'], ['mean', 'DOUBLE'], ['sd', 'DOUBLE'], ['ci95_low', 'DOUBLE'], ['ci95_high', 'DOUBLE']);
  return cols;
}

export const SENSITIVITY_COLUMNS: [string, ColumnType][] = [
  ['method', 'VARCHAR'],
  ['metric', 'VARCHAR'],
  ['factor', 'VARCHAR'],
  ['statistic', 'VARCHAR'],
  ['value', 'DOUBLE'],
  ['ci_low', 'DOUBLE'],
  ['ci_high', 'DOUBLE'],
  ['n', 'INTEGER'],
];

export const TIMESERIES_COLUMNS: [string, ColumnType][] = [
  ['run', 'BIGINT'],
  ['point', 'BIGINT'],
  ['rep', 'INTEGER'],
  ['seed', 'BIGINT'],
  ['tick', 'INTEGER'],
  ['year', 'DOUBLE'],
  ['metric', 'VARCHAR'],
  ['level', 'VARCHAR'],
  ['value', 'DOUBLE'],
];

function header(cols: [string, ColumnType][]): string {
  return csvLine(cols.map((c) => c[0])) + CSV_EOL;
}

function summaryMap(rec: RunRecord): Map<string, number> {
  const m = new Map<string, number>();
  for (const [k, v] of rec.summary ?? []) m.set(k, decodeNumber(v));
  return m;
}

function listRuns(runs: number[], reps: number): string {
  const shown = runs.slice(0, 8).map((r) => `${Math.floor(r / reps)}:${r % reps}`);
  return shown.join(', ') + (runs.length > 8 ? `, ... (${runs.length} in all)` : '');
}

/** Build the tables of `outDir` from the journals of `sources`. */
export function finaliseTables(opts: FinaliseOptions): FinaliseResult {
  const s = opts.sweep;
  const total = s.totalRuns;
  const reps = s.replications;
  const expected = opts.expected ?? (() => true);
  const warnings: string[] = [];

  // 1. Index every journal.
  const srcOf = new Int32Array(total).fill(-1);
  const offsetOf = new Float64Array(total);
  const lengthOf = new Int32Array(total);
  const duplicates: number[] = [];
  const foreign: { run: number; source: string }[] = [];
  let firstOk = Infinity;
  let firstOkKeys: string[] = [];
  const allKeys = new Set<string>();
  opts.sources.forEach((src, si) => {
    const journal = statePaths(src.dir).journal;
    const scan = scanJournal(journal, ({ rec, offset, length }) => {
      const belongs =
        rec.run >= 0 && rec.run < total && rec.point === Math.floor(rec.run / reps) && rec.rep === rec.run % reps && (src.owns ? src.owns(rec.run) : true);
      if (!belongs) {
        foreign.push({ run: rec.run, source: src.label ?? src.dir });
        return;
      }
      if (srcOf[rec.run] >= 0) {
        duplicates.push(rec.run);
        return;
      }
      srcOf[rec.run] = si;
      offsetOf[rec.run] = offset;
      lengthOf[rec.run] = length;
      if (rec.status === 'ok' && rec.summary) {
        for (const [k] of rec.summary) allKeys.add(k);
        if (rec.run < firstOk) {
          firstOk = rec.run;
          firstOkKeys = rec.summary.map(([k]) => k);
        }
      }
    });
    if (scan.invalid > 0 || scan.tailBytes > 0) {
      const msg = `${src.label ?? src.dir}: ${scan.invalid + (scan.tailBytes > 0 ? 1 : 0)} damaged journal line(s) ignored`;
      if (opts.strict) throw new SweepError(`${msg}; resume that sweep (--resume) to repair it before merging`);
      warnings.push(msg);
    }
  });
  if (foreign.length) {
    throw new SweepError(
      `${foreign.length} journal record(s) do not belong where they were found (first: run ${foreign[0].run} in ${foreign[0].source}); the folders are from a different sweep or sharding`,
    );
  }
  if (duplicates.length && opts.strict) {
    throw new SweepError(`duplicated runs: ${listRuns(duplicates, reps)} appear more than once`);
  }
  const missing: number[] = [];
  for (let r = 0; r < total; r++) if (expected(r) && srcOf[r] < 0) missing.push(r);
  if (missing.length) throw new SweepError(`missing runs (point:rep): ${listRuns(missing, reps)}`);

  // 2. Metric columns: the order of the first successful run, then any others sorted.
  let metrics: string[] = [];
  if (s.keepFinal) {
    const found = [...firstOkKeys, ...[...allKeys].filter((k) => !firstOkKeys.includes(k)).sort()];
    if (s.spec.metrics) {
      const absent = s.spec.metrics.filter((m) => !allKeys.has(m));
      if (absent.length && allKeys.size > 0) warnings.push(`metrics not reported by any run: ${absent.join(', ')} (available: ${found.join(', ')})`);
      metrics = s.spec.metrics.filter((m) => allKeys.has(m) || allKeys.size === 0);
    } else metrics = found;
  }
  // A metric named like a factor or a fixed column would give runs.csv two columns of the same name.
  const taken = new Set([...runsColumns(s, []).map((c) => c[0])]);
  const metricColumn = new Map<string, string>();
  for (const m of metrics) {
    let col = m;
    while (taken.has(col)) col = `metric_${col}`;
    if (col !== m) warnings.push(`metric '${m}' is written to runs.csv as '${col}' (its name is taken by a factor or a fixed column)`);
    taken.add(col);
    metricColumn.set(m, col);
  }
  const full = opts.mode === 'full';
  let chartNames: string[] = [];
  if (full && metrics.length) {
    const wanted = s.spec.report.metrics;
    if (wanted) {
      const absent = wanted.filter((m) => !metrics.includes(m));
      if (absent.length) warnings.push(`report metrics not among the kept metrics: ${absent.join(', ')}`);
      chartNames = wanted.filter((m) => metrics.includes(m));
    }
    if (chartNames.length === 0) chartNames = metrics.slice(0, 3);
  }
  const needAllMeans = full && (s.design.type === 'sobol' || s.design.type === 'morris');
  const meanNames = needAllMeans ? metrics : chartNames;
  const nPoints = s.design.points.length;
  const means = new Map<string, Float64Array>(meanNames.map((m) => [m, new Float64Array(nPoints).fill(NaN)]));

  // 3. Stream the tables.
  mkdirSync(opts.outDir, { recursive: true });
  const rCols = runsColumns(s, metrics.map((m) => metricColumn.get(m) as string));
  const aCols = aggregatedColumns(s);
  const runsW = new AtomicWriter(join(opts.outDir, FILES.runs));
  const aggW = full && metrics.length ? new AtomicWriter(join(opts.outDir, FILES.aggregated)) : null;
  const tsW = s.keepSeries ? new AtomicWriter(join(opts.outDir, FILES.timeseries)) : null;
  const fds = opts.sources.map((src) => openSync(statePaths(src.dir).journal, 'r'));
  const labels = hasLabels(s);
  let ok = 0;
  let failed = 0;
  let rows = 0;
  const failures: FailureInfo[] = [];
  try {
    runsW.write(header(rCols));
    aggW?.write(header(aCols));
    tsW?.write(header(TIMESERIES_COLUMNS));
    let curPoint = -1;
    let acc: number[][] = metrics.map(() => []);
    const flushPoint = () => {
      if (curPoint < 0 || !aggW) return;
      const p = s.design.points[curPoint];
      const lead: CsvCell[] = [p.index, ...(labels ? [p.label ?? ''] : []), ...p.values];
      metrics.forEach((m, mi) => {
        const sm = summarise(acc[mi]);
        aggW.write(csvLine([...lead, m, sm.n, sm.mean, sm.sd, sm.ciLow, sm.ciHigh]) + CSV_EOL);
        const arr = means.get(m);
        if (arr) arr[curPoint] = sm.mean;
      });
    };
    for (let run = 0; run < total; run++) {
      if (!expected(run)) continue;
      const si = srcOf[run];
      const rec = readRecordAt(fds[si], offsetOf[run], lengthOf[run]);
      const p = s.design.points[rec.point];
      const seed = deriveSeed(s.masterSeed, p.id, rec.rep);
      if (seed !== rec.seed) {
        throw new SweepError(`run ${rec.point}:${rec.rep} was recorded with seed ${rec.seed} but this sweep gives it seed ${seed}; the journal belongs to a different sweep`);
      }
      if (rec.point !== curPoint) {
        flushPoint();
        curPoint = rec.point;
        acc = metrics.map(() => []);
      }
      const isOk = rec.status === 'ok';
      const sm = isOk ? summaryMap(rec) : null;
      const vals = metrics.map((m) => (sm ? (sm.get(m) ?? NaN) : null));
      if (isOk) {
        ok++;
        vals.forEach((v, mi) => acc[mi].push(v as number));
      } else {
        failed++;
        if (failures.length < MAX_FAILURES_LISTED) failures.push({ run, point: rec.point, rep: rec.rep, seed: rec.seed, error: oneLine(rec.error ?? 'failed') });
      }
      runsW.write(
        csvLine([run, p.index, ...(labels ? [p.label ?? ''] : []), rec.rep, ...p.values, rec.seed, rec.status, isOk ? '' : oneLine(rec.error ?? 'failed'), ...vals]) + CSV_EOL,
      );
      rows++;
      if (tsW && isOk && rec.series) {
        const file = join(statePaths(opts.sources[si].dir).series, rec.series.file);
        if (!existsSync(file) || statSync(file).size !== rec.series.bytes) {
          throw new SweepError(`time series of run ${rec.point}:${rec.rep} is missing or damaged (${file}); resume the sweep to re-run it`);
        }
        tsW.writeBytes(readFileSync(file));
      }
    }
    flushPoint();
  } catch (e) {
    runsW.abort();
    aggW?.abort();
    tsW?.abort();
    throw e;
  } finally {
    for (const fd of fds) closeSync(fd);
  }
  const files: Record<string, FileInfo> = {};
  files[FILES.runs] = { rows, sha256: runsW.commit() };
  if (aggW) files[FILES.aggregated] = { rows: aggW.lines - 1, sha256: aggW.commit() };
  if (tsW) files[FILES.timeseries] = { rows: tsW.lines - 1, sha256: tsW.commit() };

  // 4. Sensitivity.
  const sensitivity: SensitivityRow[] = [];
  if (full && metrics.length && s.design.type === 'sobol' && s.design.saltelli) {
    const d = s.spec.design as { bootstrap: number; confidence: number };
    const partial: string[] = [];
    for (const m of metrics) {
      const split = splitSaltelli(means.get(m) as Float64Array, s.design.saltelli);
      // Metrics with no value anywhere (e.g. peer-review metrics without peer review) are simply empty.
      if (split.dropped && split.dropped < s.design.saltelli.n) partial.push(`${m} (${split.dropped} of ${s.design.saltelli.n})`);
      const n = split.yA.length;
      const idx = n >= 2 ? sobolIndices(split.yA, split.yB, split.yAB, { bootstrap: d.bootstrap, confidence: d.confidence, seed: `${s.masterSeed}/${m}` }) : [];
      s.factors.forEach((f, i) => {
        const e = idx[i];
        sensitivity.push({ method: 'sobol', metric: m, factor: f.name, index: 'S1', value: e?.S1 ?? NaN, ciLow: e?.S1Low ?? NaN, ciHigh: e?.S1High ?? NaN, n });
        sensitivity.push({ method: 'sobol', metric: m, factor: f.name, index: 'ST', value: e?.ST ?? NaN, ciLow: e?.STLow ?? NaN, ciHigh: e?.STHigh ?? NaN, n });
      });
    }
    if (partial.length) warnings.push(`Sobol indices leave out base samples where a metric has no value at one of their points: ${partial.join(', ')}`);
  } else if (full && metrics.length && s.design.type === 'morris' && s.design.morris) {
    const d = s.spec.design as { bootstrap: number; confidence: number };
    for (const m of metrics) {
      const idx = morrisIndices(means.get(m) as Float64Array, s.design.morris, s.factors.length, {
        bootstrap: d.bootstrap,
        confidence: d.confidence,
        seed: `${s.masterSeed}/${m}`,
      });
      s.factors.forEach((f, i) => {
        const e = idx[i];
        sensitivity.push({ method: 'morris', metric: m, factor: f.name, index: 'mu', value: e.mu, ciLow: NaN, ciHigh: NaN, n: e.r });
        sensitivity.push({ method: 'morris', metric: m, factor: f.name, index: 'mu_star', value: e.muStar, ciLow: e.muStarLow, ciHigh: e.muStarHigh, n: e.r });
        sensitivity.push({ method: 'morris', metric: m, factor: f.name, index: 'sigma', value: e.sigma, ciLow: NaN, ciHigh: NaN, n: e.r });
      });
    }
  }
  if (full && (s.design.type === 'sobol' || s.design.type === 'morris') && metrics.length) {
    const w = new AtomicWriter(join(opts.outDir, FILES.sensitivity));
    w.write(header(SENSITIVITY_COLUMNS));
    for (const r of sensitivity) w.write(csvLine([r.method, r.metric, r.factor, r.index, r.value, r.ciLow, r.ciHigh, r.n]) + CSV_EOL);
    files[FILES.sensitivity] = { rows: sensitivity.length, sha256: w.commit() };
  }

  const exports: TableExport[] = [];
  if (full) {
    exports.push({ name: 'runs', csv: join(opts.outDir, FILES.runs), columns: rCols });
    if (files[FILES.aggregated]) exports.push({ name: 'aggregated', csv: join(opts.outDir, FILES.aggregated), columns: aCols });
    if (files[FILES.sensitivity]) exports.push({ name: 'sensitivity', csv: join(opts.outDir, FILES.sensitivity), columns: SENSITIVITY_COLUMNS });
    if (files[FILES.timeseries]) exports.push({ name: 'timeseries', csv: join(opts.outDir, FILES.timeseries), columns: TIMESERIES_COLUMNS });
  }
  return {
    runs: rows,
    ok,
    failed,
    failures,
    metrics,
    files,
    warnings,
    sensitivity,
    chartMetrics: chartNames.map((name) => ({ name, pointMeans: means.get(name) as Float64Array })),
    exports,
  };
}
