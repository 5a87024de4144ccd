/**
 * Building the sweep tables from run journals.
 *
 * The same code serves a finished sweep, a shard and a merge of shards, which
 * is what makes their tables byte-identical: rows are produced in canonical
 * run order (point, then replication) from the journal records, whatever
 * order the runs finished in, whichever worker or shard ran them.
 *
 * Memory stays flat: the journals are indexed (a few bytes per run,
 * journal-index.ts), then records are read back one at a time
 * (table-writer.ts); aggregation is streamed point by point because the
 * replications of a point are consecutive runs. Sensitivity indices come
 * last (sensitivity-table.ts).
 */
import { join } from 'node:path';
import type { LoadedSweep } from './load.ts';
import { FILES, type FileInfo } from './layout.ts';
import type { FailureInfo } from './tally.ts';
import type { TableExport } from './duckdb-export.ts';
import type { SensitivityRow } from './sweep-charts.ts';
import { indexJournals, type JournalSource } from './journal-index.ts';
import { aggregatedColumns, chooseMetrics, hasLabels, runsColumns, SENSITIVITY_COLUMNS, TIMESERIES_COLUMNS, type Column } from './table-columns.ts';
import { writeRunTables } from './table-writer.ts';
import { sensitivityRows, writeSensitivityTable } from './sensitivity-table.ts';

export type { JournalSource } from './journal-index.ts';

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

export type { FailureInfo } from './tally.ts';
export type { FileInfo } from './layout.ts';

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
  /** Per-point means of the chart metrics (full mode), with the standard deviation and count of their runs. */
  chartMetrics: { name: string; pointMeans: Float64Array; pointSds: Float64Array; pointNs: Float64Array }[];
  exports: TableExport[];
}

/** The tables DuckDB and Parquet get (full mode). */
function tableExports(s: LoadedSweep, outDir: string, files: Record<string, FileInfo>, runsCols: Column[]): TableExport[] {
  const exports: TableExport[] = [{ name: 'runs', csv: join(outDir, FILES.runs), columns: runsCols }];
  if (files[FILES.aggregated]) exports.push({ name: 'aggregated', csv: join(outDir, FILES.aggregated), columns: aggregatedColumns(s) });
  if (files[FILES.sensitivity]) exports.push({ name: 'sensitivity', csv: join(outDir, FILES.sensitivity), columns: SENSITIVITY_COLUMNS });
  if (files[FILES.timeseries]) exports.push({ name: 'timeseries', csv: join(outDir, FILES.timeseries), columns: TIMESERIES_COLUMNS });
  return exports;
}

/** Build the tables of `outDir` from the journals of `sources`. */
export function finaliseTables(opts: FinaliseOptions): FinaliseResult {
  const s = opts.sweep;
  const expected = opts.expected ?? (() => true);
  const full = opts.mode === 'full';
  const warnings: string[] = [];
  const index = indexJournals({ sweep: s, sources: opts.sources, expected, strict: opts.strict, warnings });
  const choice = chooseMetrics(s, index, full, warnings);
  const { metrics } = choice;
  const nPoints = s.design.points.length;
  const means = new Map<string, Float64Array>(choice.meanNames.map((m) => [m, new Float64Array(nPoints).fill(NaN)]));
  const blank = () => ({ sd: new Float64Array(nPoints).fill(NaN), n: new Float64Array(nPoints) });
  const spreads = new Map(choice.chartNames.map((m) => [m, blank()]));
  const runsCols = runsColumns(
    s,
    metrics.map((m) => choice.column.get(m) ?? m),
  );
  const counts = writeRunTables({
    sweep: s,
    sources: opts.sources,
    index,
    outDir: opts.outDir,
    expected,
    metrics,
    runsCols,
    aggregate: full && metrics.length > 0,
    means,
    spreads,
  });
  const files = counts.files;
  const sensitivity = full ? sensitivityRows(s, metrics, means, warnings) : [];
  if (full && hasLabels(s) && metrics.length) files[FILES.sensitivity] = writeSensitivityTable(opts.outDir, sensitivity);
  return {
    runs: counts.rows,
    ok: counts.ok,
    failed: counts.failed,
    failures: counts.failures,
    metrics,
    files,
    warnings,
    sensitivity,
    chartMetrics: choice.chartNames.map((name) => {
      const sp = spreads.get(name) ?? blank();
      return { name, pointMeans: means.get(name) ?? new Float64Array(nPoints).fill(NaN), pointSds: sp.sd, pointNs: sp.n };
    }),
    exports: full ? tableExports(s, opts.outDir, files, runsCols) : [],
  };
}
