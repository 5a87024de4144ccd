/**
 * Scales and encodings shared by the run charts (charts.ts and
 * lencioni-charts.ts): the year axis, colour by series with only the series
 * that have data, and the layout of small multiples.
 */
import { CHART_WIDTH, r6, type Row, type SeriesStyle } from './chart-spec.ts';
import { runYears, type SeriesSource } from './run-series.ts';

/** Labels and colours of the series that actually have data. */
export function presentScale(rows: Row[], all: readonly SeriesStyle[]): { domain: string[]; range: string[] } {
  const have = new Set(rows.map((r) => r.series));
  const used = all.filter((s) => have.has(s.label));
  return { domain: used.map((s) => s.label), range: used.map((s) => s.color) };
}

/** The x encoding in simulated years, from 0 to the end of the run. */
export function xYear(out: SeriesSource): Record<string, unknown> {
  const axis: Record<string, unknown> = { title: 'Year', grid: false };
  if (runYears(out) >= 2) axis.tickMinStep = 1;
  return {
    field: 'year',
    type: 'quantitative',
    title: 'Year',
    axis,
    scale: { domain: [0, r6(runYears(out))], nice: false },
  };
}

/** Colour by `series` with the given scale, untitled, with a legend below the chart. */
export function colorEnc(scale: { domain: string[]; range: string[] }) {
  return {
    field: 'series',
    type: 'nominal',
    title: null,
    scale,
    sort: scale.domain,
    legend: { orient: 'bottom', direction: 'horizontal', columns: 3 },
  };
}

/** Facet columns and panel width so that a grid stays about CHART_WIDTH wide. */
export function facetLayout(n: number): { columns: number; width: number } {
  const columns = Math.min(3, n);
  const width = Math.floor((CHART_WIDTH - (columns - 1) * 24) / columns);
  return { columns, width };
}
