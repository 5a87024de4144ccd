/**
 * Shared pieces of every Vega-Lite (v6) chart spec the project writes: the
 * schema, the common look (CHART_CONFIG), the chart definition handed to the
 * writers and compact number rounding.
 *
 * Colours come from the Okabe–Ito palette (common/palette.ts), which stays
 * distinguishable under the common forms of colour blindness.
 */
import type { RunOutput } from '../engine/contract.ts';
import { wrapText } from './text-metrics.ts';

/**
 * What a run's charts are drawn from: its series and its number of schools,
 * both known as soon as the model stops, before the school and group rows
 * are collected (so the charts can be drawn while they are).
 */
export interface ChartSource extends Pick<RunOutput, 'series'> {
  readonly schoolCount: number;
}

/** The chart source of a whole run output (or the source itself). */
export function chartSource(out: RunOutput | ChartSource): ChartSource {
  return 'schoolCount' in out ? out : { series: out.series, schoolCount: out.schools.length };
}

/** A chart ready to render: `spec` is a Vega-Lite spec (plain JSON). */
export interface ChartDef {
  /** File-name-safe identifier, e.g. `trust`. */
  name: string;
  title: string;
  /** A few sentences for the report on what the chart shows and how to read it. */
  explanation: string;
  spec: Record<string, unknown>;
}

/** A row of inlined chart data. */
export type Row = Record<string, string | number>;

/** A labelled, coloured series in a legend. */
export interface SeriesStyle {
  label: string;
  color: string;
}

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Full chart width in pixels. */
export const CHART_WIDTH = 600;

/** Shared look: large readable type, light grid, no frame. */
export const CHART_CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  background: 'white',
  padding: 8,
  view: { stroke: null },
  title: {
    anchor: 'start',
    fontSize: 18,
    fontWeight: 'bold',
    subtitleFontSize: 13,
    subtitleColor: '#444444',
    subtitlePadding: 6,
    offset: 12,
  },
  axis: {
    labelFontSize: 12,
    titleFontSize: 13,
    titleFontWeight: 'normal',
    gridColor: '#e5e5e5',
    domainColor: '#888888',
    tickColor: '#888888',
  },
  legend: {
    labelFontSize: 12,
    titleFontSize: 13,
    labelLimit: 320,
    symbolType: 'stroke',
    symbolStrokeWidth: 4,
    symbolOpacity: 1,
    symbolSize: 250,
  },
  header: { labelFontSize: 13, labelFontWeight: 'bold', titleFontSize: 13 },
  line: { strokeWidth: 2 },
} as const;

/** Round to 6 significant digits to keep inlined data compact and stable. */
export function r6(x: number): number {
  return Number(x.toPrecision(6));
}

/** A top-level spec: schema, title, the shared config, then `body`. */
export function vegaLiteSpec(title: { text: string; subtitle: string | string[] }, body: Record<string, unknown>): Record<string, unknown> {
  return { $schema: VEGA_LITE_SCHEMA, title, config: CHART_CONFIG, ...body };
}

/** Subtitle as one string if it fits the chart width, else as wrapped lines. */
function wrapSubtitle(subtitle: string): string | string[] {
  const lines = wrapText(subtitle, CHART_WIDTH, CHART_CONFIG.title.subtitleFontSize);
  return lines.length === 1 ? lines[0] : lines;
}

/** A run chart's top-level spec, its subtitle wrapped to the chart width. */
export function runChartSpec(title: string, subtitle: string, body: Record<string, unknown>): Record<string, unknown> {
  return vegaLiteSpec({ text: title, subtitle: wrapSubtitle(subtitle) }, body);
}
