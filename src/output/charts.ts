/**
 * Vega-Lite (v6) chart specs for one run.
 *
 * Each builder returns a plain JSON object with the data inlined, so a spec
 * can be saved as `<name>.vl.json`, opened in the Vega editor, or rendered to
 * SVG offline (see render.ts). Metrics that a run does not report are simply
 * left out; a chart with nothing to show is not produced at all.
 *
 * Colours come from the Okabe–Ito palette, which stays distinguishable under
 * the common forms of colour blindness.
 */
import type { RunOutput } from '../engine/contract.ts';
import { LENCIONI_LEVELS, OKABE_ITO } from '../common/palette.ts';
import { wrapText } from './text-metrics.ts';

export { LENCIONI_LEVELS, OKABE_ITO };

/** A chart ready to render: `spec` is a Vega-Lite spec (plain JSON). */
export interface ChartDef {
  /** File-name-safe identifier, e.g. `trust`. */
  name: string;
  title: string;
  /** A few sentences for the report on what the chart shows and how to read it. */
  explanation: string;
  spec: Record<string, unknown>;
}

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Neutral grey for bands (not a data colour). */
const BAND_GREY = '#999999';

/** Full chart width in pixels. */
export const CHART_WIDTH = 600;
/** Small multiples are shown only for this many groups. */
export const MIN_GROUPS_FOR_FACETS = 2;
export const MAX_GROUPS_FOR_FACETS = 12;

/** Bryk–Schneider parts of relational trust. */
export const TRUST_PARTS = [
  { metric: 'respect_mean', label: 'Respect', color: OKABE_ITO.orange },
  { metric: 'regard_mean', label: 'Personal regard', color: OKABE_ITO.skyBlue },
  { metric: 'competence_mean', label: 'Competence', color: OKABE_ITO.green },
  { metric: 'integrity_mean', label: 'Integrity', color: OKABE_ITO.vermillion },
] as const;

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

// ---------------------------------------------------------------------------
// Reading the series table

type Row = Record<string, string | number>;

/** Round to 6 significant digits to keep inlined data compact and stable. */
function r6(x: number): number {
  return Number(x.toPrecision(6));
}

/** Column index of (metric, level), or -1. */
export function seriesIndex(out: RunOutput, metric: string, level = 'all'): number {
  const keys = out.series.keys;
  for (let k = 0; k < keys.length; k++) {
    if (keys[k].metric === metric && keys[k].level === level) return k;
  }
  return -1;
}

/** Values of one series by tick (NaN where not observed), or undefined if absent. */
export function getSeries(out: RunOutput, metric: string, level = 'all'): Float64Array | undefined {
  const k = seriesIndex(out, metric, level);
  if (k < 0) return undefined;
  const { rows, values, keys } = out.series;
  const nk = keys.length;
  const res = new Float64Array(rows);
  for (let t = 0; t < rows; t++) res[t] = values[t * nk + k];
  return res;
}

/** True if the series exists and has at least one observed value. */
export function hasData(out: RunOutput, metric: string, level = 'all'): boolean {
  const s = getSeries(out, metric, level);
  return !!s && s.some((v) => !Number.isNaN(v));
}

/** Last observed value of a series (NaN if none). */
export function lastValue(out: RunOutput, metric: string, level = 'all'): number {
  const s = getSeries(out, metric, level);
  if (!s) return NaN;
  for (let t = s.length - 1; t >= 0; t--) if (!Number.isNaN(s[t])) return s[t];
  return NaN;
}

/** Group names from `group:<name>` levels, in order of first appearance. */
export function groupNames(out: RunOutput): string[] {
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
export function runYears(out: RunOutput): number {
  return Math.max(0, out.series.rows - 1) / out.series.ticksPerYear;
}

/** Long-format rows {year, value, series} for the metrics present at `level`. */
function longRows(
  out: RunOutput,
  metrics: readonly { metric: string; label: string }[],
  level = 'all',
  extra: Row = {},
): Row[] {
  const rows: Row[] = [];
  const { ticksPerYear } = out.series;
  const present = metrics
    .map((m) => ({ ...m, s: getSeries(out, m.metric, level) }))
    .filter((m) => m.s !== undefined);
  for (let t = 0; t < out.series.rows; t++) {
    for (const m of present) {
      const v = m.s![t];
      if (Number.isNaN(v)) continue;
      rows.push({ ...extra, year: r6(t / ticksPerYear), value: r6(v), series: m.label });
    }
  }
  return rows;
}

/** Labels and colours of the series that actually have data. */
function presentScale(
  rows: Row[],
  all: readonly { label: string; color: string }[],
): { domain: string[]; range: string[] } {
  const have = new Set(rows.map((r) => r.series));
  const used = all.filter((s) => have.has(s.label));
  return { domain: used.map((s) => s.label), range: used.map((s) => s.color) };
}

// ---------------------------------------------------------------------------
// Spec helpers

function xYear(out: RunOutput): Record<string, unknown> {
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

/** Subtitle as one string if it fits the chart width, else as wrapped lines. */
function wrapSubtitle(subtitle: string): string | string[] {
  const lines = wrapText(subtitle, CHART_WIDTH, CHART_CONFIG.title.subtitleFontSize);
  return lines.length === 1 ? lines[0] : lines;
}

function topLevel(title: string, subtitle: string, body: Record<string, unknown>): Record<string, unknown> {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle: wrapSubtitle(subtitle) },
    config: CHART_CONFIG,
    ...body,
  };
}

function colorEnc(scale: { domain: string[]; range: string[] }, title: string | null, legend: Record<string, unknown> = {}) {
  return {
    field: 'series',
    type: 'nominal',
    title,
    scale,
    sort: scale.domain,
    legend: { orient: 'bottom', direction: 'horizontal', columns: 3, ...legend },
  };
}

/** Facet columns and panel width so that a grid stays about CHART_WIDTH wide. */
function facetLayout(n: number): { columns: number; width: number } {
  const columns = Math.min(3, n);
  const width = Math.floor((CHART_WIDTH - (columns - 1) * 24) / columns);
  return { columns, width };
}

// ---------------------------------------------------------------------------
// (a) Relational trust

const TRUST_MEAN_LABEL = 'Trust (mean)';
const TRUST_BAND_LABEL = 'Trust, 10th to 90th percentile';

export function trustChart(out: RunOutput): ChartDef | undefined {
  const p10 = getSeries(out, 'trust_p10');
  const p90 = getSeries(out, 'trust_p90');
  const bandRows: Row[] = [];
  if (p10 && p90) {
    for (let t = 0; t < out.series.rows; t++) {
      if (Number.isNaN(p10[t]) || Number.isNaN(p90[t])) continue;
      bandRows.push({ year: r6(t / out.series.ticksPerYear), lo: r6(p10[t]), hi: r6(p90[t]), series: TRUST_BAND_LABEL });
    }
  }
  const meanRows = longRows(out, [{ metric: 'trust_mean', label: TRUST_MEAN_LABEL }]);
  const partRows = longRows(out, TRUST_PARTS);
  if (bandRows.length + meanRows.length + partRows.length === 0) return undefined;

  const allSeries = [
    { label: TRUST_MEAN_LABEL, color: OKABE_ITO.black },
    { label: TRUST_BAND_LABEL, color: BAND_GREY },
    ...TRUST_PARTS,
  ];
  const scale = presentScale([...bandRows, ...meanRows, ...partRows], allSeries);
  const x = xYear(out);
  const y = { field: 'value', type: 'quantitative', title: 'Trust (0 to 1 scale)', scale: { domain: [0, 1] } };
  const color = colorEnc(scale, null);
  const layer: Record<string, unknown>[] = [];
  if (bandRows.length) {
    layer.push({
      data: { values: bandRows },
      mark: { type: 'area', opacity: 0.3, clip: true },
      encoding: {
        x,
        y: { field: 'lo', type: 'quantitative', title: y.title, scale: y.scale },
        y2: { field: 'hi' },
        color,
      },
    });
  }
  if (partRows.length) {
    layer.push({
      data: { values: partRows },
      mark: { type: 'line', strokeWidth: 2, clip: true },
      encoding: { x, y, color },
    });
  }
  if (meanRows.length) {
    layer.push({
      data: { values: meanRows },
      mark: { type: 'line', strokeWidth: 3.5, clip: true },
      encoding: { x, y, color },
    });
  }
  const title = 'Relational trust over time';
  return {
    name: 'trust',
    title,
    explanation:
      'The thick black line is the average trust between headteachers who work together; the grey band covers the middle 80% of relationships, so a wide band means trust is uneven. ' +
      'The coloured lines are the four parts of relational trust in Bryk and Schneider\u2019s account: respect, personal regard, belief in the other\u2019s competence, and integrity. ' +
      'A part that lags the others is the one holding trust back.',
    spec: topLevel(
      title,
      'Mean trust between partner headteachers, the spread of relationships (10th to 90th percentile), and its four parts.',
      { width: CHART_WIDTH, height: 300, layer },
    ),
  };
}

// ---------------------------------------------------------------------------
// (b) Lencioni pyramid

/** Pyramid order for legends and bars: top of the pyramid first. */
const LENCIONI_TOP_DOWN = [...LENCIONI_LEVELS].reverse();

function lencioniLegendScale(rows: Row[]) {
  return presentScale(rows, LENCIONI_TOP_DOWN);
}

export function lencioniTimeChart(out: RunOutput): ChartDef | undefined {
  const rows = longRows(out, LENCIONI_LEVELS);
  if (rows.length === 0) return undefined;
  const scale = lencioniLegendScale(rows);
  const title = 'Lencioni pyramid over time';
  return {
    name: 'lencioni',
    title,
    explanation:
      'Each line is one level of Lencioni\u2019s team pyramid, averaged over groups: trust at the base, then productive conflict, commitment, accountability and a shared focus on results at the top. ' +
      'In the model a level cannot rise above the one beneath it, so the lines should stack with trust highest; a gap between two neighbouring lines shows where groups are stuck.',
    spec: topLevel(
      title,
      'Health of each level of the team pyramid (mean over groups); each level is capped by the one beneath it.',
      {
        width: CHART_WIDTH,
        height: 300,
        data: { values: rows },
        mark: { type: 'line', strokeWidth: 2.5, clip: true },
        encoding: {
          x: xYear(out),
          y: { field: 'value', type: 'quantitative', title: 'Level score (0 to 1 scale)', scale: { domain: [0, 1] } },
          color: {
            field: 'series',
            type: 'nominal',
            title: 'Pyramid level',
            scale,
            sort: scale.domain,
            legend: { orient: 'right' },
          },
        },
      },
    ),
  };
}

function facetGroups(out: RunOutput): string[] | undefined {
  const groups = groupNames(out);
  if (groups.length < MIN_GROUPS_FOR_FACETS || groups.length > MAX_GROUPS_FOR_FACETS) return undefined;
  return groups;
}

export function lencioniByGroupChart(out: RunOutput): ChartDef | undefined {
  const groups = facetGroups(out);
  if (!groups) return undefined;
  const rows = groups.flatMap((g) => longRows(out, LENCIONI_LEVELS, `group:${g}`, { group: g }));
  if (rows.length === 0) return undefined;
  const shown = groups.filter((g) => rows.some((r) => r.group === g));
  const scale = lencioniLegendScale(rows);
  const { columns, width } = facetLayout(shown.length);
  const title = 'Lencioni pyramid over time, by group';
  return {
    name: 'lencioni_by_group',
    title,
    explanation:
      'The same five levels drawn separately for each group, on the same scales, so groups can be compared directly. ' +
      'Look for groups whose upper levels stay low even when trust is high: trust is necessary for the levels above it but does not guarantee them.',
    spec: topLevel(title, 'Each panel is one group; lines are the five pyramid levels on a 0 to 1 scale.', {
      data: { values: rows },
      facet: { field: 'group', type: 'nominal', title: null, sort: shown },
      columns,
      spec: {
        width,
        height: 160,
        mark: { type: 'line', strokeWidth: 2, clip: true },
        encoding: {
          x: xYear(out),
          y: { field: 'value', type: 'quantitative', title: 'Level score (0 to 1)', scale: { domain: [0, 1] } },
          color: {
            field: 'series',
            type: 'nominal',
            title: 'Pyramid level',
            scale,
            sort: scale.domain,
            legend: { orient: 'bottom', direction: 'horizontal', columns: 5 },
          },
        },
      },
    }),
  };
}

/** Label of the whole-system panel in the pyramid chart. */
export const ALL_GROUPS_PANEL = 'All groups (mean)';

export function lencioniPyramidChart(out: RunOutput): ChartDef | undefined {
  const groups = facetGroups(out);
  const panels: { panel: string; level: string }[] = [{ panel: ALL_GROUPS_PANEL, level: 'all' }];
  if (groups) for (const g of groups) panels.push({ panel: g, level: `group:${g}` });
  const rows: Row[] = [];
  for (const p of panels) {
    for (const l of LENCIONI_LEVELS) {
      const v = lastValue(out, l.metric, p.level);
      if (Number.isNaN(v)) continue;
      const w = r6(Math.max(0, Math.min(1, v)));
      rows.push({ panel: p.panel, series: l.label, value: r6(v), lo: r6(-w / 2), hi: r6(w / 2) });
    }
  }
  if (rows.length === 0) return undefined;
  const shownPanels = panels.map((p) => p.panel).filter((p) => rows.some((r) => r.panel === p));
  const scale = lencioniLegendScale(rows);
  const faceted = shownPanels.length > 1;
  const { columns, width } = faceted ? facetLayout(shownPanels.length) : { columns: 1, width: CHART_WIDTH };
  const layer = [
    {
      mark: { type: 'bar', height: { band: 0.8 } },
      encoding: {
        y: {
          field: 'series',
          type: 'nominal',
          sort: scale.domain,
          title: faceted ? null : 'Pyramid level',
          axis: { labelLimit: 160, ticks: false, domain: false },
        },
        x: {
          field: 'lo',
          type: 'quantitative',
          title: faceted ? 'Score (0 to 1)' : 'Level score (0 to 1), read at either edge of the bar',
          scale: { domain: [-0.5, 0.5] },
          axis: { values: [-0.5, -0.25, 0, 0.25, 0.5], labelExpr: "format(abs(datum.value) * 2, '.1f')", grid: true },
        },
        x2: { field: 'hi' },
        color: { field: 'series', type: 'nominal', scale, legend: null },
      },
    },
    {
      mark: { type: 'text', align: 'left', dx: 4, fontSize: 12 },
      encoding: {
        y: { field: 'series', type: 'nominal', sort: scale.domain },
        x: { field: 'hi', type: 'quantitative' },
        text: { field: 'value', type: 'quantitative', format: '.2f' },
      },
    },
  ];
  const title = 'Lencioni pyramid at the end of the run';
  const subtitle = faceted
    ? 'Final score of each pyramid level as a centred bar (trust at the base), for the whole system and for each group.'
    : 'Final score of each pyramid level as a centred bar, with trust at the base and results at the top.';
  const body: Record<string, unknown> = faceted
    ? {
        data: { values: rows },
        facet: { field: 'panel', type: 'nominal', title: null, sort: shownPanels },
        columns,
        spec: { width, height: 150, layer },
      }
    : { data: { values: rows }, width, height: 220, layer };
  return {
    name: 'lencioni_pyramid',
    title,
    explanation:
      'The pyramid at the final tick: each bar\u2019s width is the level\u2019s score, so a healthy team looks like a broad, solid pyramid and a struggling one tapers quickly. ' +
      'Because each level is capped by the one beneath it, the bars can only narrow going up; a sudden narrowing marks the level where the team gets stuck.',
    spec: topLevel(title, subtitle, body),
  };
}

// ---------------------------------------------------------------------------
// (c) Improvement

const IMPROVEMENT_SERIES = [
  { metric: 'effectiveness_mean', label: 'Mean school effectiveness', color: OKABE_ITO.blue },
  { metric: 'effectiveness_gap', label: 'Gap: other schools minus disadvantaged', color: OKABE_ITO.vermillion },
] as const;
const SHARE_IMPROVING = [{ metric: 'share_improving', label: 'Schools improving on a year earlier', color: OKABE_ITO.green }] as const;

function panel(
  out: RunOutput,
  rows: Row[],
  all: readonly { label: string; color: string }[],
  y: Record<string, unknown>,
  height = 200,
): Record<string, unknown> {
  const scale = presentScale(rows, all);
  // Mark individual observations only while they are few enough to read.
  const perSeries = rows.length / Math.max(1, scale.domain.length);
  return {
    width: CHART_WIDTH,
    height,
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 2.5, clip: true, point: perSeries <= 25 ? { size: 30 } : false },
    encoding: { x: xYear(out), y: { field: 'value', type: 'quantitative', ...y }, color: colorEnc(scale, null) },
  };
}

function stacked(title: string, subtitle: string, panels: Record<string, unknown>[]): Record<string, unknown> {
  if (panels.length === 1) return topLevel(title, subtitle, panels[0]);
  return topLevel(title, subtitle, {
    vconcat: panels,
    spacing: 24,
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
  });
}

export function improvementChart(out: RunOutput): ChartDef | undefined {
  const effRows = longRows(out, IMPROVEMENT_SERIES);
  const shareRows = longRows(out, SHARE_IMPROVING);
  const panels: Record<string, unknown>[] = [];
  if (effRows.length) {
    panels.push(panel(out, effRows, IMPROVEMENT_SERIES, { title: 'Effectiveness (0 to 1 scale)' }));
  }
  if (shareRows.length) {
    panels.push(
      panel(out, shareRows, SHARE_IMPROVING, {
        title: 'Schools improving (% of schools)',
        scale: { domain: [0, 1] },
        axis: { format: '.0%' },
      }, 160),
    );
  }
  if (panels.length === 0) return undefined;
  const title = 'School improvement';
  return {
    name: 'improvement',
    title,
    explanation:
      'Effectiveness is the model\u2019s latent measure of school quality on a 0 to 1 scale. The blue line is its average over all schools; the red line is how far disadvantaged schools sit behind the rest, so a falling red line means the gap is closing. ' +
      'The lower panel shows the share of schools whose effectiveness is higher than a year before.',
    spec: stacked(
      title,
      'Average school effectiveness, the gap between disadvantaged schools and the rest, and the share of schools improving.',
      panels,
    ),
  };
}

// ---------------------------------------------------------------------------
// (d) Turnover

const LEADER_TURNOVER = [{ metric: 'leader_turnover_rate', label: 'Headteachers leaving (annualised)', color: OKABE_ITO.vermillion }] as const;
const RETENTION = [
  { metric: 'teacher_retention', label: 'All teachers', color: OKABE_ITO.blue },
  { metric: 'teacher_retention_maths', label: 'Maths teachers', color: OKABE_ITO.orange },
] as const;

export function turnoverChart(out: RunOutput): ChartDef | undefined {
  const leaderRows = longRows(out, LEADER_TURNOVER);
  const retentionRows = longRows(out, RETENTION);
  const panels: Record<string, unknown>[] = [];
  if (leaderRows.length) {
    panels.push(
      panel(out, leaderRows, LEADER_TURNOVER, { title: 'Heads leaving (% per year)', axis: { format: '.0%' } }, 160),
    );
  }
  if (retentionRows.length) {
    panels.push(
      panel(out, retentionRows, RETENTION, {
        title: 'Still in post (% of starting cohort)',
        scale: { domain: [0, 1] },
        axis: { format: '.0%' },
      }),
    );
  }
  if (panels.length === 0) return undefined;
  const title = 'Leader turnover and teacher retention';
  return {
    name: 'turnover',
    title,
    explanation:
      'The upper panel is the annualised rate at which headteachers leave their posts; each departure resets the relationships that leader had built. ' +
      'The lower panel follows the teachers in post at the start of the run and shows what share of them are still there, for all teachers and for maths teachers, a shortage subject.',
    spec: stacked(
      title,
      'Annualised headteacher turnover, and the share of the starting teacher cohort still in post (all and maths).',
      panels,
    ),
  };
}

// ---------------------------------------------------------------------------
// (e) Peer review (observed only at review ticks)

const PEER_REVIEW = [
  { metric: 'peer_review_honesty', label: 'Honesty of feedback', color: OKABE_ITO.blue },
  { metric: 'peer_review_rigour', label: 'Rigour of review', color: OKABE_ITO.orange },
] as const;

export function peerReviewChart(out: RunOutput): ChartDef | undefined {
  const rows = longRows(out, PEER_REVIEW);
  if (rows.length === 0) return undefined;
  const title = 'Peer review quality';
  const scale = presentScale(rows, PEER_REVIEW);
  return {
    name: 'peer_review',
    title,
    explanation:
      'Peer reviews happen only at certain ticks, so each point is one review round. Honesty is how candid reviewers were about weaknesses; rigour is how searching the review was. ' +
      'Both tend to need trust: reviewers hold back when they fear damaging a relationship.',
    spec: topLevel(title, 'Honesty and rigour of peer review at each review round (0 to 1 scale).', {
      width: CHART_WIDTH,
      height: 220,
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 2, clip: true, point: { size: 50, filled: true } },
      encoding: {
        x: xYear(out),
        y: { field: 'value', type: 'quantitative', title: 'Review quality (0 to 1 scale)', scale: { domain: [0, 1] } },
        color: colorEnc(scale, null),
      },
    }),
  };
}

// ---------------------------------------------------------------------------

/** All charts for a run, in report order; charts without data are omitted. */
export function runCharts(out: RunOutput): ChartDef[] {
  const builders = [
    trustChart,
    lencioniTimeChart,
    lencioniByGroupChart,
    lencioniPyramidChart,
    improvementChart,
    turnoverChart,
    peerReviewChart,
  ];
  const charts: ChartDef[] = [];
  for (const b of builders) {
    const c = b(out);
    if (c) charts.push(c);
  }
  return charts;
}
