/**
 * Writing a comparison folder: comparison.csv, runs.csv, series.csv,
 * comparison.json, the charts (Vega-Lite spec and SVG), report.html and
 * manifest.json, published atomically.
 */
import * as path from 'node:path';
import { stableJson } from '../common/json.ts';
import { publishFolder } from '../output/atomic.ts';
import { r6 } from '../output/chart-spec.ts';
import { toCsv } from '../output/csv.ts';
import { renderSvg, type RenderOptions } from '../output/render.ts';
import { COMPARE_METRICS, type Comparison } from './compare.ts';
import { differencesChart, seriesChart, SIDES, ticksPerRowOf, ticksPerYear } from './compare-charts.ts';
import { comparisonReport, type ComparisonChart } from './compare-report.ts';

/** Columns of comparison.csv. */
const COMPARISON_COLUMNS = [
  'metric',
  'label',
  'unit',
  'better',
  'n',
  'mean_a',
  'mean_b',
  'difference',
  'ci_low',
  'ci_high',
  'sd_difference',
  'cohen_dz',
  'hedges_g',
  'p_value',
] as const;

/** The table of paired statistics, one row per key metric. */
function comparisonCsv(c: Comparison): string {
  return toCsv(
    COMPARISON_COLUMNS,
    c.rows.map((r) => [r.metric, r.label, r.unit, r.better, r.n, r.meanA, r.meanB, r.diff, r.ciLow, r.ciHigh, r.sdDiff, r.dz, r.hedgesG, r.pValue]),
  );
}

/** The effect of each key metric over posterior draws (compare --posterior). */
function posteriorCsv(c: Comparison): string {
  return toCsv(
    ['metric', 'label', 'unit', 'effect', 'low95', 'high95', 'seed_ci_low', 'seed_ci_high', 'prob_positive', 'draws', 'seeds_per_draw'],
    (c.posterior?.rows ?? []).map((r) => [
      r.metric,
      r.label,
      r.unit,
      r.effect,
      r.low,
      r.high,
      r.seedLow,
      r.seedHigh,
      r.probPositive,
      c.posterior!.draws,
      c.posterior!.seedsPerDraw,
    ]),
  );
}

/** Final value of every key metric in every run. */
function runsCsv(c: Comparison): string {
  const rows: (string | number)[][] = [];
  for (const r of c.runs)
    for (const side of SIDES) for (const m of COMPARE_METRICS) rows.push([r.rep, r.seed, side, c[side].name, m.metric, r[side][m.metric]]);
  return toCsv(['rep', 'seed', 'side', 'scenario', 'metric', 'value'], rows);
}

/** Mean time series of both scenarios, one row per side, metric and recorded row (its model tick and year). */
function seriesCsv(c: Comparison): string {
  const rows: (string | number)[][] = [];
  for (const s of c.series)
    for (const side of SIDES) {
      const tpy = ticksPerYear(c, side);
      const every = ticksPerRowOf(c, side);
      s[side].forEach((v, t) => rows.push([side, c[side].name, s.metric, t * every, r6(t / tpy), v]));
    }
  return toCsv(['side', 'scenario', 'metric', 'tick', 'year', 'mean_value'], rows);
}

export interface WriteComparisonOptions {
  render?: (spec: object, opts: RenderOptions) => Promise<string>;
  /** Extra provenance for manifest.json (command line, timings). */
  manifest?: Record<string, unknown>;
}

/** Write a comparison folder atomically; returns the files written (sorted). */
export async function writeComparison(c: Comparison, finalDir: string, opts: WriteComparisonOptions = {}): Promise<string[]> {
  const dir = path.resolve(finalDir);
  const render = opts.render ?? renderSvg;
  return publishFolder(dir, async (put) => {
    put('comparison.csv', comparisonCsv(c));
    put('runs.csv', runsCsv(c));
    put('series.csv', seriesCsv(c));
    if (c.posterior) put('posterior-effects.csv', posteriorCsv(c));
    put('comparison.json', stableJson(c));
    const charts: ComparisonChart[] = [];
    const defs = [
      {
        name: 'differences',
        title: 'Differences with 95% confidence intervals',
        caption:
          'Each dot is the difference in the mean final value (B minus A) in pooled standard deviations of the two scenarios (Hedges\u2019 g before its small-sample correction), largest first; the bar is its 95% confidence interval from the paired seeds. Blue: the interval excludes zero. Metrics that do not vary between seeds (unchanged, or set by the scenarios) are not drawn.',
        spec: differencesChart(c),
      },
      {
        name: 'series',
        title: 'How the two scenarios unfold',
        caption: 'Mean over the seeds of each metric, year by year, for A and B.',
        spec: seriesChart(c),
      },
    ];
    for (const d of defs) {
      if (!d.spec) continue;
      put(`charts/${d.name}.vl.json`, stableJson(d.spec));
      const svg = await render(d.spec, { idPrefix: d.name });
      put(`charts/${d.name}.svg`, svg.endsWith('\n') ? svg : `${svg}\n`);
      charts.push({ name: d.name, title: d.title, caption: d.caption, svg });
    }
    put('report.html', comparisonReport(c, charts));
    put(
      'manifest.json',
      stableJson(
        {
          tool: 'collabsim compare',
          a: c.a,
          b: c.b,
          reps: c.reps,
          master_seed: c.masterSeed,
          years: c.years,
          seeds: c.seeds,
          ...opts.manifest,
        },
        { sortKeys: true },
      ),
    );
  });
}
