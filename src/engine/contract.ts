/**
 * The contract between the simulation core and the layers that consume a run
 * (output writers, the experiment runner, the workshop app).
 *
 * A run produces a tidy time series (one value per tick per metric per level),
 * a final state row per school and a summary of final metrics.
 */

/** One series in the time series: a metric observed at one level of aggregation. */
export interface SeriesKey {
  /** Metric name, snake_case, e.g. `trust_mean`. See METRICS in src/model/observe/observer.ts. */
  metric: string;
  /** `all` for the whole system, `group:<name>` for one group, `mat:<id>` etc. */
  level: string;
}

export interface SeriesTable {
  keys: SeriesKey[];
  /** Number of observations: tick 0 (initial state) .. the last tick, one row every `ticksPerRow` ticks. */
  rows: number;
  /** Rows per year: row r is at year r / ticksPerYear (the model's ticks per year when every tick is recorded). */
  ticksPerYear: number;
  /** Model ticks between two rows (absent: 1, every tick); row r is the state after tick r * ticksPerRow (rowTick). */
  ticksPerRow?: number;
  /** Row-major: values[row * keys.length + k]. NaN means "not observed at this tick". */
  values: Float64Array;
}

export type Cell = string | number | boolean;

/** What a run gives those who read only its series and final metrics (sweeps, comparisons, replications). */
export interface RunSummary {
  scenarioName: string;
  seed: number;
  series: SeriesTable;
  /** Final metrics (level `all` at the last tick plus run-level aggregates). Stable key order. */
  summary: Record<string, number>;
}

/** A whole run: its series and final metrics, and its final state row by row. */
export interface RunOutput extends RunSummary {
  /** Final state, one row per school, columns in a stable order. */
  schools: Record<string, Cell>[];
  /** Per-group final state rows (Lencioni levels, practices, maturity). */
  groups: Record<string, Cell>[];
}

/** The model tick a series row records: row * ticksPerRow. */
export function rowTick(series: Pick<SeriesTable, 'ticksPerRow'>, row: number): number {
  return row * (series.ticksPerRow ?? 1);
}
