/**
 * The columns of the sweep tables (runs, aggregated, sensitivity,
 * timeseries) with their DuckDB types, and the choice of metric columns
 * from what the runs reported.
 */
import { csvLine, CSV_EOL } from '../output/csv.ts';
import type { FactorValue } from './designs.ts';
import type { LoadedSweep } from './load.ts';
import type { ColumnType } from './duckdb-export.ts';

export type Column = [string, ColumnType];

/** Whether the design's points carry labels (`A/3`, `t2.s1`) worth a column. */
export function hasLabels(s: LoadedSweep): boolean {
  return s.design.type === 'sobol' || s.design.type === 'morris';
}

/** DuckDB type of a factor column from the values it takes. */
function factorColumnType(values: FactorValue[]): ColumnType {
  if (values.every((v) => typeof v === 'number')) return 'DOUBLE';
  if (values.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  return 'VARCHAR';
}

function factorColumns(s: LoadedSweep): Column[] {
  return s.factors.map((f, i) => [f.name, factorColumnType(s.design.points.map((p) => p.values[i]))]);
}

export function runsColumns(s: LoadedSweep, metrics: string[]): Column[] {
  const cols: Column[] = [
    ['run', 'BIGINT'],
    ['point', 'BIGINT'],
  ];
  if (hasLabels(s)) cols.push(['label', 'VARCHAR']);
  cols.push(['rep', 'INTEGER']);
  cols.push(...factorColumns(s));
  cols.push(['seed', 'BIGINT'], ['status', 'VARCHAR'], ['error', 'VARCHAR']);
  for (const m of metrics) cols.push([m, 'DOUBLE']);
  return cols;
}

export function aggregatedColumns(s: LoadedSweep): Column[] {
  const cols: Column[] = [['point', 'BIGINT']];
  if (hasLabels(s)) cols.push(['label', 'VARCHAR']);
  cols.push(...factorColumns(s));
  cols.push(['metric', 'VARCHAR'], ['n', 'INTEGER'], ['mean', 'DOUBLE'], ['sd', 'DOUBLE'], ['ci95_low', 'DOUBLE'], ['ci95_high', 'DOUBLE']);
  return cols;
}

export const SENSITIVITY_COLUMNS: Column[] = [
  ['method', 'VARCHAR'],
  ['metric', 'VARCHAR'],
  ['factor', 'VARCHAR'],
  ['statistic', 'VARCHAR'],
  ['value', 'DOUBLE'],
  ['ci_low', 'DOUBLE'],
  ['ci_high', 'DOUBLE'],
  ['n', 'INTEGER'],
];

export const TIMESERIES_COLUMNS: Column[] = [
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

/** The CSV header line of a table. */
export function header(cols: Column[]): string {
  return csvLine(cols.map((c) => c[0])) + CSV_EOL;
}

export interface MetricChoice {
  /** Metrics kept, in column order. */
  metrics: string[];
  /** Column name of each metric in runs.csv (prefixed when a factor or fixed column has its name). */
  column: Map<string, string>;
  /** Metrics charted in the report (full mode). */
  chartNames: string[];
  /** Metrics whose per-point means are needed (charts, sensitivity). */
  meanNames: string[];
}

/** Metric columns: the order of the first successful run, then any others sorted. */
export function chooseMetrics(s: LoadedSweep, reported: { firstOkKeys: string[]; allKeys: Set<string> }, full: boolean, warnings: string[]): MetricChoice {
  const { firstOkKeys, allKeys } = reported;
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
  const column = new Map<string, string>();
  for (const m of metrics) {
    let col = m;
    while (taken.has(col)) col = `metric_${col}`;
    if (col !== m) warnings.push(`metric '${m}' is written to runs.csv as '${col}' (its name is taken by a factor or a fixed column)`);
    taken.add(col);
    column.set(m, col);
  }
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
  const meanNames = full && hasLabels(s) ? metrics : chartNames;
  return { metrics, column, chartNames, meanNames };
}
