/**
 * Files of a sweep output folder.
 *
 *   manifest.json        what ran, status, counts, table hashes
 *   runs.csv             one row per run
 *   aggregated.csv       one row per design point and metric
 *   sensitivity.csv      Sobol or Morris indices (sobol / morris designs)
 *   timeseries.csv       long-format time series (when kept)
 *   sweep.duckdb         the tables in a DuckDB database
 *   parquet/*.parquet    the tables as Parquet
 *   charts/*.vl.json     Vega-Lite specs (and .svg renderings)
 *   report.html          self-contained report
 *   state/sweep.json     the sweep (base scenario inlined) and its hash
 *   state/journal.ndjson one checked line per finished run
 *   state/series/        per-run time-series fragments (until finalised)
 *   state/lock           pid of the process writing the folder
 */
import { join } from 'node:path';

export const FILES = {
  manifest: 'manifest.json',
  runs: 'runs.csv',
  aggregated: 'aggregated.csv',
  sensitivity: 'sensitivity.csv',
  timeseries: 'timeseries.csv',
  duckdb: 'sweep.duckdb',
  parquet: 'parquet',
  charts: 'charts',
  report: 'report.html',
  state: 'state',
} as const;

/** What the manifest records of each output file. */
export interface FileInfo {
  rows: number;
  sha256?: string;
}

export function statePaths(dir: string) {
  const state = join(dir, FILES.state);
  return {
    state,
    sweep: join(state, 'sweep.json'),
    journal: join(state, 'journal.ndjson'),
    series: join(state, 'series'),
    lock: join(state, 'lock'),
  };
}

export function seriesFileName(run: number): string {
  return `${run}.csv`;
}
