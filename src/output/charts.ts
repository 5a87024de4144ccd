/**
 * The Vega-Lite (v6) charts of one run, in report order: relational trust,
 * the Lencioni pyramid (lencioni-charts.ts), improvement, turnover and peer
 * review.
 *
 * Each builder returns a plain JSON object with the data inlined, so a spec
 * can be saved as `<name>.vl.json`, opened in the Vega editor, or rendered to
 * SVG offline (see render.ts). Metrics that a run does not report are simply
 * left out; a chart with nothing to show is not produced at all.
 */
import { OKABE_ITO } from '../common/palette.ts';
import type { RunOutput } from '../engine/contract.ts';
import { CHART_WIDTH, r6, runChartSpec, chartSource, type ChartDef, type ChartSource, type Row, type SeriesStyle } from './chart-spec.ts';
import { lencioniByGroupChart, lencioniPyramidChart, lencioniTimeChart } from './lencioni-charts.ts';
import { colorEnc, presentScale, xYear } from './run-encodings.ts';
import { getSeries, longRows } from './run-series.ts';

/** Neutral grey for bands (not a data colour). */
const BAND_GREY = '#999999';

// ---------------------------------------------------------------------------
// (a) Relational trust

/** Bryk–Schneider parts of relational trust. */
const TRUST_PARTS = [
  { metric: 'respect_mean', label: 'Respect', color: OKABE_ITO.orange },
  { metric: 'regard_mean', label: 'Personal regard', color: OKABE_ITO.skyBlue },
  { metric: 'competence_mean', label: 'Competence', color: OKABE_ITO.green },
  { metric: 'integrity_mean', label: 'Integrity', color: OKABE_ITO.vermillion },
] as const;

const TRUST_MEAN_LABEL = 'Trust (mean)';
const TRUST_BAND_LABEL = 'Trust, 10th to 90th percentile';

/** Rows {year, lo, hi} of the 10th to 90th percentile band of trust. */
function trustBandRows(out: ChartSource): Row[] {
  const p10 = getSeries(out, 'trust_p10');
  const p90 = getSeries(out, 'trust_p90');
  const rows: Row[] = [];
  if (!p10 || !p90) return rows;
  for (let t = 0; t < out.series.rows; t++) {
    if (Number.isNaN(p10[t]) || Number.isNaN(p90[t])) continue;
    rows.push({ year: r6(t / out.series.ticksPerYear), lo: r6(p10[t]), hi: r6(p90[t]), series: TRUST_BAND_LABEL });
  }
  return rows;
}

function trustChart(out: ChartSource): ChartDef | undefined {
  const bandRows = trustBandRows(out);
  const meanRows = longRows(out, [{ metric: 'trust_mean', label: TRUST_MEAN_LABEL }]);
  const partRows = longRows(out, TRUST_PARTS);
  if (bandRows.length + meanRows.length + partRows.length === 0) return undefined;

  const allSeries = [{ label: TRUST_MEAN_LABEL, color: OKABE_ITO.black }, { label: TRUST_BAND_LABEL, color: BAND_GREY }, ...TRUST_PARTS];
  const scale = presentScale([...bandRows, ...meanRows, ...partRows], allSeries);
  const x = xYear(out);
  const y = { field: 'value', type: 'quantitative', title: 'Trust (0 to 1 scale)', scale: { domain: [0, 1] } };
  const color = colorEnc(scale);
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
    layer.push({ data: { values: partRows }, mark: { type: 'line', strokeWidth: 2, clip: true }, encoding: { x, y, color } });
  }
  if (meanRows.length) {
    layer.push({ data: { values: meanRows }, mark: { type: 'line', strokeWidth: 3.5, clip: true }, encoding: { x, y, color } });
  }
  const title = 'Relational trust over time';
  return {
    name: 'trust',
    title,
    explanation:
      'The thick black line is the average trust between headteachers who work together; the grey band covers the middle 80% of relationships, so a wide band means trust is uneven. ' +
      'The coloured lines are the four parts of relational trust in Bryk and Schneider\u2019s account: respect, personal regard, belief in the other\u2019s competence, and integrity. ' +
      'A part that lags the others is the one holding trust back.',
    spec: runChartSpec(title, 'Mean trust between partner headteachers, the spread of relationships (10th to 90th percentile), and its four parts.', {
      width: CHART_WIDTH,
      height: 300,
      layer,
    }),
  };
}

// ---------------------------------------------------------------------------
// Stacked line panels (improvement, turnover)

interface PanelOptions {
  rows: Row[];
  /** Every series the panel may show, in legend order. */
  series: readonly SeriesStyle[];
  /** Extra properties of the y encoding (title, scale, axis). */
  y: Record<string, unknown>;
  /** Plot height in pixels (default 200). */
  height?: number;
}

function panel(out: ChartSource, opts: PanelOptions): Record<string, unknown> {
  const { rows } = opts;
  const scale = presentScale(rows, opts.series);
  // Mark individual observations only while they are few enough to read.
  const perSeries = rows.length / Math.max(1, scale.domain.length);
  return {
    width: CHART_WIDTH,
    height: opts.height ?? 200,
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 2.5, clip: true, point: perSeries <= 25 ? { size: 30 } : false },
    encoding: { x: xYear(out), y: { field: 'value', type: 'quantitative', ...opts.y }, color: colorEnc(scale) },
  };
}

/** The panels that have rows, one above the other; undefined when none has. */
function stacked(out: ChartSource, title: string, subtitle: string, panels: PanelOptions[]): Record<string, unknown> | undefined {
  const specs = panels.filter((p) => p.rows.length > 0).map((p) => panel(out, p));
  if (specs.length === 0) return undefined;
  if (specs.length === 1) return runChartSpec(title, subtitle, specs[0]);
  return runChartSpec(title, subtitle, {
    vconcat: specs,
    spacing: 24,
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
  });
}

// ---------------------------------------------------------------------------
// (c) Improvement

const IMPROVEMENT_SERIES = [
  { metric: 'effectiveness_mean', label: 'Mean school effectiveness', color: OKABE_ITO.blue },
  { metric: 'effectiveness_gap', label: 'Gap: other schools minus disadvantaged', color: OKABE_ITO.vermillion },
] as const;
const SHARE_IMPROVING = [{ metric: 'share_improving', label: 'Schools improving on a year earlier', color: OKABE_ITO.green }] as const;

function improvementChart(out: ChartSource): ChartDef | undefined {
  const title = 'School improvement';
  const spec = stacked(out, title, 'Average school effectiveness, the gap between disadvantaged schools and the rest, and the share of schools improving.', [
    { rows: longRows(out, IMPROVEMENT_SERIES), series: IMPROVEMENT_SERIES, y: { title: 'Effectiveness (pupil SD)' } },
    {
      // A school has a year's history to improve on from year 1.
      rows: longRows(out, SHARE_IMPROVING).filter((r) => Number(r.year) >= 1),
      series: SHARE_IMPROVING,
      y: { title: 'Schools improving (% of schools)', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
      height: 160,
    },
  ]);
  if (!spec) return undefined;
  return {
    name: 'improvement',
    title,
    explanation:
      'Effectiveness is a school\u2019s effect on pupil attainment in pupil standard deviations (SD), measured against the national distribution of school effects (national average 0; schools in England differ by about 0.15 SD). The blue line is its average over all schools; the red line is the gap, the rest\u2019s average minus that of the most disadvantaged third: above zero disadvantaged schools are behind, below zero they are ahead, and a line moving towards zero means the gap is closing. Whole-school programmes move it by hundredths of an SD. ' +
      'The lower panel shows the share of schools whose effectiveness is higher than a year before.',
    spec,
  };
}

// ---------------------------------------------------------------------------
// (d) Turnover

const LEADER_TURNOVER = [{ metric: 'leader_turnover_rate', label: 'Heads who left in the past year', color: OKABE_ITO.vermillion }] as const;

/**
 * Heads who left over the past year as a share of all heads, from year 1: a
 * rolling year, so one departure among a few heads is not drawn as a spike
 * of an annualised per-tick rate.
 */
function pastYearTurnoverRows(out: ChartSource): Row[] {
  const dep = getSeries(out, 'leader_departures');
  const heads = out.schoolCount;
  if (!dep || heads === 0) return [];
  const tpy = out.series.ticksPerYear;
  const rows: Row[] = [];
  for (let t = tpy; t < dep.length; t++) {
    let sum = 0;
    for (let k = t - tpy + 1; k <= t; k++) if (!Number.isNaN(dep[k])) sum += dep[k];
    rows.push({ year: r6(t / tpy), value: r6(sum / heads), series: LEADER_TURNOVER[0].label });
  }
  return rows;
}
const RETENTION = [
  { metric: 'teacher_retention', label: 'All teachers', color: OKABE_ITO.blue },
  { metric: 'teacher_retention_maths', label: 'Maths teachers', color: OKABE_ITO.orange },
] as const;

function turnoverChart(out: ChartSource): ChartDef | undefined {
  const title = 'Leader turnover and teacher retention';
  const spec = stacked(out, title, 'Headteachers who left over the past year, and the share of the starting teacher cohort still in post (all and maths).', [
    {
      rows: pastYearTurnoverRows(out),
      series: LEADER_TURNOVER,
      y: { title: 'Heads leaving (% per year)', axis: { format: '.0%' } },
      height: 160,
    },
    {
      rows: longRows(out, RETENTION),
      series: RETENTION,
      y: { title: 'Still in post (% of starting cohort)', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
    },
  ]);
  if (!spec) return undefined;
  return {
    name: 'turnover',
    title,
    explanation:
      'The upper panel is the share of headteachers who left their posts over the past year (a rolling year, from year 1); each departure resets the relationships that leader had built. ' +
      'The lower panel follows the teachers in post at the start of the run and shows what share of them are still there, for all teachers and for maths teachers, a shortage subject.',
    spec,
  };
}

// ---------------------------------------------------------------------------
// (e) Peer review (observed only at review ticks)

const PEER_REVIEW = [
  { metric: 'peer_review_honesty', label: 'Honesty of feedback', color: OKABE_ITO.blue },
  { metric: 'peer_review_rigour', label: 'Rigour of review', color: OKABE_ITO.orange },
] as const;

function peerReviewChart(out: ChartSource): ChartDef | undefined {
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
    spec: runChartSpec(title, 'Honesty and rigour of peer review at each review round (0 to 1 scale).', {
      width: CHART_WIDTH,
      height: 220,
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 2, clip: true, point: { size: 50, filled: true } },
      encoding: {
        x: xYear(out),
        y: { field: 'value', type: 'quantitative', title: 'Review quality (0 to 1 scale)', scale: { domain: [0, 1] } },
        color: colorEnc(scale),
      },
    }),
  };
}

// ---------------------------------------------------------------------------

/** All charts for a run, in report order; charts without data are omitted. */
export function runCharts(run: RunOutput | ChartSource): ChartDef[] {
  const out = chartSource(run);
  const builders = [trustChart, lencioniTimeChart, lencioniByGroupChart, lencioniPyramidChart, improvementChart, turnoverChart, peerReviewChart];
  return builders.flatMap((build) => build(out) ?? []);
}
