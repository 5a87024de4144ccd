/**
 * Charts of a replicated answer: the effect over time (the paired
 * difference's mean with its 95% band, against a zero line) and, for each
 * answered metric, both arms' medians with the middle 90% of runs.
 */
import { OKABE_ITO } from '../common/palette.ts';
import type { Band, ReplicatedAnswer } from './answer-types.ts';
import { CHART_WIDTH, r6, runChartSpec, type ChartDef, type Row } from './chart-spec.ts';
import { diffText, metricLabel, metricUnit } from './metric-labels.ts';

const cap = (s: string) => s.replace(/^./, (c) => c.toUpperCase());

function bandRows(b: Band, tpy: number, series: string): Row[] {
  const rows: Row[] = [];
  for (let t = 0; t < b.mid.length; t++) {
    if (!Number.isFinite(b.mid[t])) continue;
    rows.push({ year: r6(t / tpy), series, low: r6(b.low[t]), mid: r6(b.mid[t]), high: r6(b.high[t]) });
  }
  return rows;
}

function axisTitle(metric: string): string {
  const unit = metricUnit(metric);
  return unit === 'share' ? `${cap(metricLabel(metric))} (%)` : unit ? `${cap(metricLabel(metric))} (${unit})` : cap(metricLabel(metric));
}

function yEncoding(metric: string, field: string, title: string): Record<string, unknown> {
  const share = metricUnit(metric) === 'share';
  return { field, type: 'quantitative', title, scale: { zero: false }, ...(share ? { axis: { format: '.0%' } } : {}) };
}

/** Median line and 90% band of each arm, one chart per metric. */
function armsChart(a: ReplicatedAnswer, metric: string): ChartDef | undefined {
  const tpy = a.ticksPerYear;
  const scen = a.bands.find((b) => b.metric === metric && b.arm === 'scenario');
  if (!scen) return undefined;
  const cf = a.bands.find((b) => b.metric === metric && b.arm === 'counterfactual');
  const scenLabel = 'This scenario';
  const cfLabel = a.counterfactual ? `Counterfactual: ${a.counterfactual.label}` : '';
  const rows = [...bandRows(scen, tpy, scenLabel), ...(cf ? bandRows(cf, tpy, cfLabel) : [])];
  const domain = cf ? [scenLabel, cfLabel] : [scenLabel];
  const range = cf ? [OKABE_ITO.blue, OKABE_ITO.vermillion] : [OKABE_ITO.blue];
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain, range },
    legend: { orient: 'bottom', direction: 'vertical', labelLimit: 600 },
  };
  const strokeDash = {
    field: 'series',
    type: 'nominal',
    scale: {
      domain,
      range: [
        [1, 0],
        [6, 4],
      ].slice(0, domain.length),
    },
    legend: null,
  };
  const title = cap(metricLabel(metric));
  const spec = runChartSpec(
    title,
    `Median of ${a.reps} runs (line) and the middle 90% of runs (band)${cf ? ', for this scenario and its counterfactual on the same seeds' : ''}.`,
    {
      width: CHART_WIDTH,
      height: 200,
      data: { values: rows },
      encoding: { x: { field: 'year', type: 'quantitative', title: 'Year' }, color },
      layer: [
        { mark: { type: 'area', opacity: 0.18 }, encoding: { y: yEncoding(metric, 'low', axisTitle(metric)), y2: { field: 'high' } } },
        { mark: { type: 'line', strokeWidth: 2.5 }, encoding: { y: yEncoding(metric, 'mid', axisTitle(metric)), strokeDash } },
      ],
    },
  );
  return {
    name: `answer-${metric}`,
    title,
    explanation: cf
      ? `The solid line is the median over ${a.reps} runs of this scenario, the dashed line the median of its counterfactual (${a.counterfactual!.label}) on the same seeds; the shaded bands hold the middle 90% of runs. Where the bands overlap, single runs cannot tell the two apart, though the paired difference above may still be clear.`
      : `The line is the median over ${a.reps} runs on different seeds; the band holds the middle 90% of runs, so it shows how much chance alone moves a run.`,
    spec,
  };
}

/** The paired effect over time: mean difference and its 95% interval. */
function effectChart(a: ReplicatedAnswer, metric: string): ChartDef | undefined {
  const eff = a.bands.find((b) => b.metric === metric && b.arm === 'effect');
  if (!eff || !a.counterfactual) return undefined;
  const rows = bandRows(eff, a.ticksPerYear, 'effect');
  const unit = metricUnit(metric);
  const title = `Effect on ${metricLabel(metric)} over time`;
  const yTitle = unit === 'share' ? 'Scenario minus counterfactual (points)' : `Scenario minus counterfactual${unit ? ` (${unit})` : ''}`;
  const y = (field: string) => ({ field, type: 'quantitative', title: yTitle, ...(unit === 'share' ? { axis: { format: '+.0%' } } : {}) });
  const spec = runChartSpec(
    title,
    `Mean paired difference over ${a.reps} replications (line) with its 95% confidence interval (band); the grey line is no effect.`,
    {
      width: CHART_WIDTH,
      height: 220,
      layer: [
        {
          data: { values: rows },
          mark: { type: 'area', opacity: 0.25, color: OKABE_ITO.blue },
          encoding: { x: { field: 'year', type: 'quantitative', title: 'Year' }, y: y('low'), y2: { field: 'high' } },
        },
        {
          data: { values: rows },
          mark: { type: 'line', strokeWidth: 2.5, color: OKABE_ITO.blue },
          encoding: { x: { field: 'year', type: 'quantitative' }, y: y('mid') },
        },
        {
          data: { values: [{ zero: 0 }] },
          mark: { type: 'rule', color: '#777777', strokeDash: [4, 3] },
          encoding: { y: { field: 'zero', type: 'quantitative' } },
        },
      ],
    },
  );
  const last = a.rows.find((r) => r.metric === metric);
  return {
    name: `answer-effect-${metric}`,
    title,
    explanation:
      `Each replication runs this scenario and its counterfactual (${a.counterfactual.label}) on the same seed, so chance affects both alike; the line is the mean of the differences and the band its 95% confidence interval. ` +
      `Where the band clears the grey line, the effect is distinguishable from chance${last?.effect !== undefined ? ` (at year ${a.year}: ${diffText(last.effect, unit)})` : ''}.`,
    spec,
  };
}

/** The answer's charts, in report order: the outcome's effect, then each metric's arms. */
export function answerCharts(a: ReplicatedAnswer): ChartDef[] {
  const metrics = a.rows.map((r) => r.metric);
  return [effectChart(a, a.outcome), ...metrics.map((m) => armsChart(a, m))].filter((c): c is ChartDef => c !== undefined);
}
