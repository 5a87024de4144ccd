/**
 * Reading a run's series table (RunOutput.series) for charts and reports:
 * one series by metric and level, its first, last and observed values, the
 * groups present, and long-format rows for Vega-Lite.
 */
import type { RunOutput } from '../engine/contract.ts';

/** What the readers below need of a run: its series table (a whole RunOutput will do). */
export type SeriesSource = Pick<RunOutput, 'series'>;
import { r6, type Row } from './chart-spec.ts';

/** An observed value and the tick it was observed at. */
export interface Obs {
  tick: number;
  value: number;
}

/** Column index of (metric, level), or -1. */
function seriesIndex(out: SeriesSource, metric: string, level: string): number {
  const keys = out.series.keys;
  for (let k = 0; k < keys.length; k++) {
    if (keys[k].metric === metric && keys[k].level === level) return k;
  }
  return -1;
}

/** Values of one series by tick (NaN where not observed), or undefined if absent. */
export function getSeries(out: SeriesSource, metric: string, level = 'all'): Float64Array | undefined {
  const k = seriesIndex(out, metric, level);
  if (k < 0) return undefined;
  const { rows, values, keys } = out.series;
  const nk = keys.length;
  const res = new Float64Array(rows);
  for (let t = 0; t < rows; t++) res[t] = values[t * nk + k];
  return res;
}

/** Last observed value of a series (NaN if none). */
export function lastValue(out: SeriesSource, metric: string, level = 'all'): number {
  const s = getSeries(out, metric, level);
  if (!s) return NaN;
  for (let t = s.length - 1; t >= 0; t--) if (!Number.isNaN(s[t])) return s[t];
  return NaN;
}

/** First and last observed values of a series. */
export function firstLast(out: SeriesSource, metric: string, level = 'all'): { first: Obs; last: Obs } | undefined {
  const s = getSeries(out, metric, level);
  if (!s) return undefined;
  let first: Obs | undefined;
  let last: Obs | undefined;
  for (let t = 0; t < s.length; t++) {
    if (Number.isNaN(s[t])) continue;
    if (!first) first = { tick: t, value: s[t] };
    last = { tick: t, value: s[t] };
  }
  return first && last ? { first, last } : undefined;
}

/** Group names from `group:<name>` levels, in order of first appearance. */
export function groupNames(out: SeriesSource): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const k of out.series.keys) {
    if (k.level.startsWith('group:')) {
      const n = k.level.slice('group:'.length);
      if (!seen.has(n)) {
        seen.add(n);
        names.push(n);
      }
    }
  }
  return names;
}

/** Simulated years covered by the run. */
export function runYears(out: SeriesSource): number {
  return Math.max(0, out.series.rows - 1) / out.series.ticksPerYear;
}

/** Long-format rows {...extra, year, value, series} for the metrics present at `level`. */
export function longRows(out: SeriesSource, metrics: readonly { metric: string; label: string }[], level = 'all', extra: Row = {}): Row[] {
  const rows: Row[] = [];
  const { ticksPerYear } = out.series;
  const present = metrics.flatMap((m) => {
    const s = getSeries(out, m.metric, level);
    return s ? [{ label: m.label, s }] : [];
  });
  for (let t = 0; t < out.series.rows; t++) {
    for (const m of present) {
      const v = m.s[t];
      if (Number.isNaN(v)) continue;
      rows.push({ ...extra, year: r6(t / ticksPerYear), value: r6(v), series: m.label });
    }
  }
  return rows;
}
