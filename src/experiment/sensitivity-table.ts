/**
 * sensitivity.csv: Sobol (S1, ST) or Morris (mu, mu*, sigma) indices of
 * every metric and factor, computed from the per-point means of a finished
 * sweep (see sensitivity.ts for the estimators).
 *
 * A Sobol design too small for its indices is said so, from the indices' own
 * bootstrap intervals (sobolAdequacy): an interval wider than
 * SOBOL_MAX_CI_WIDTH, a first-order index below 0 beyond its interval, or an
 * index estimated above 1 means the estimates are mostly sampling noise. The
 * intervals narrow about as 1/sqrt(N), so the base samples that would bring
 * the widest interval under the threshold are N * (width / threshold)^2,
 * rounded up to a power of two (Sobol sequences are balanced at powers of
 * two). The warning goes to the manifest, the command's output and the report.
 */
import { join } from 'node:path';
import { csvLine, CSV_EOL } from '../output/csv.ts';
import { AtomicWriter } from '../output/atomic.ts';
import type { LoadedSweep } from './load.ts';
import type { MorrisLayout, SaltelliLayout } from './designs.ts';
import { sobolIndices, splitSaltelli, morrisIndices } from './sensitivity.ts';
import { FILES, type FileInfo } from './layout.ts';
import { header, SENSITIVITY_COLUMNS } from './table-columns.ts';
import type { SensitivityRow } from './sweep-charts.ts';

interface Bootstrap {
  bootstrap: number;
  confidence: number;
}

function bootstrapSettings(s: LoadedSweep): Bootstrap {
  const d = s.spec.design;
  return d.type === 'sobol' || d.type === 'morris' ? { bootstrap: d.bootstrap, confidence: d.confidence } : { bootstrap: 0, confidence: 0.95 };
}

function meansOf(means: Map<string, Float64Array>, metric: string): Float64Array {
  const m = means.get(metric);
  if (!m) throw new Error(`no per-point means for metric ${metric}`);
  return m;
}

/** Widest bootstrap interval a Sobol index may have for the design to count as large enough to read. */
export const SOBOL_MAX_CI_WIDTH = 0.2;

/** Whether a Sobol design's indices can be read, and if not why and how many base samples would do. */
export interface SobolAdequacy {
  /** Base samples the indices were estimated from. */
  n: number;
  enough: boolean;
  /** The widest interval among the indices judged (undefined without intervals). */
  widest?: { metric: string; factor: string; index: string; width: number };
  /** First-order indices whose whole interval is below 0. */
  negativeS1: SensitivityRow[];
  /** Indices estimated above 1. */
  aboveOne: SensitivityRow[];
  /** Base samples suggested (a power of two) when not enough. */
  suggested?: number;
  /** The warning in words (when not enough). */
  text?: string;
}

const nextPow2 = (x: number) => 2 ** Math.ceil(Math.log2(Math.max(1, x)));

/** Judge Sobol indices (of the metrics the report is about) by their own intervals; `runsPerSample` = (k + 2) x replications. */
export function sobolAdequacy(rows: SensitivityRow[], runsPerSample: number): SobolAdequacy {
  const sobol = rows.filter((r) => r.method === 'sobol' && Number.isFinite(r.value));
  const n = Math.max(0, ...sobol.map((r) => r.n));
  let widest: SobolAdequacy['widest'];
  for (const r of sobol) {
    const width = r.ciHigh - r.ciLow;
    if (Number.isFinite(width) && (!widest || width > widest.width)) widest = { metric: r.metric, factor: r.factor, index: r.index, width };
  }
  const negativeS1 = sobol.filter((r) => r.index === 'S1' && r.ciHigh < 0);
  const aboveOne = sobol.filter((r) => r.value > 1);
  const wide = widest !== undefined && widest.width > SOBOL_MAX_CI_WIDTH;
  if (!wide && !negativeS1.length && !aboveOne.length) return { n, enough: true, ...(widest ? { widest } : {}), negativeS1, aboveOne };
  const factor = wide ? (widest!.width / SOBOL_MAX_CI_WIDTH) ** 2 : 4;
  const suggested = Math.max(2 * n, nextPow2(Math.ceil(n * factor)));
  const why: string[] = [];
  if (widest) why.push(`the widest 95% interval is ${widest.width.toFixed(2)} wide (${widest.index} of ${widest.factor} for ${widest.metric})`);
  if (negativeS1.length)
    why.push(
      `${negativeS1.length} first-order ${negativeS1.length === 1 ? 'index is' : 'indices are'} below 0 beyond ${negativeS1.length === 1 ? 'its interval' : 'their intervals'}`,
    );
  if (aboveOne.length) why.push(`${aboveOne.length} ${aboveOne.length === 1 ? 'index is' : 'indices are'} estimated above 1`);
  const text =
    `Sobol indices are too uncertain to read at N = ${n} base samples: ${why.join(', ')}; an index lies between 0 and 1, and intervals wider than ${SOBOL_MAX_CI_WIDTH} cannot rank the factors. ` +
    `Intervals narrow about as 1/\u221aN: set design.baseSamples to ${suggested} (about ${(suggested * runsPerSample).toLocaleString('en-GB')} runs) to bring them under ${SOBOL_MAX_CI_WIDTH}.`;
  return { n, enough: false, ...(widest ? { widest } : {}), negativeS1, aboveOne, suggested, text };
}

/** The metrics a sweep's report is about: its report.metrics that were kept, else the first three. */
export function reportedMetrics(s: LoadedSweep, metrics: string[]): string[] {
  const wanted = s.spec.report.metrics?.filter((m) => metrics.includes(m));
  return wanted?.length ? wanted : metrics.slice(0, 3);
}

function sobolRows(s: LoadedSweep, layout: SaltelliLayout, metrics: string[], means: Map<string, Float64Array>, warnings: string[]): SensitivityRow[] {
  const d = bootstrapSettings(s);
  const rows: SensitivityRow[] = [];
  const partial: string[] = [];
  for (const m of metrics) {
    const split = splitSaltelli(meansOf(means, m), layout);
    // Metrics with no value anywhere (e.g. peer-review metrics without peer review) are simply empty.
    if (split.dropped && split.dropped < layout.n) partial.push(`${m} (${split.dropped} of ${layout.n})`);
    const n = split.yA.length;
    const idx = n >= 2 ? sobolIndices(split.yA, split.yB, split.yAB, { bootstrap: d.bootstrap, confidence: d.confidence, seed: `${s.masterSeed}/${m}` }) : [];
    s.factors.forEach((f, i) => {
      const e = idx[i];
      rows.push({ method: 'sobol', metric: m, factor: f.name, index: 'S1', value: e?.S1 ?? NaN, ciLow: e?.S1Low ?? NaN, ciHigh: e?.S1High ?? NaN, n });
      rows.push({ method: 'sobol', metric: m, factor: f.name, index: 'ST', value: e?.ST ?? NaN, ciLow: e?.STLow ?? NaN, ciHigh: e?.STHigh ?? NaN, n });
    });
  }
  if (partial.length) warnings.push(`Sobol indices leave out base samples where a metric has no value at one of their points: ${partial.join(', ')}`);
  const focus = new Set(reportedMetrics(s, metrics));
  const judged = sobolAdequacy(
    rows.filter((r) => focus.has(r.metric)),
    (layout.k + 2) * s.replications,
  );
  if (judged.text) warnings.push(judged.text);
  return rows;
}

function morrisRows(s: LoadedSweep, layout: MorrisLayout, metrics: string[], means: Map<string, Float64Array>): SensitivityRow[] {
  const d = bootstrapSettings(s);
  const rows: SensitivityRow[] = [];
  for (const m of metrics) {
    const idx = morrisIndices(meansOf(means, m), layout, s.factors.length, {
      bootstrap: d.bootstrap,
      confidence: d.confidence,
      seed: `${s.masterSeed}/${m}`,
    });
    s.factors.forEach((f, i) => {
      const e = idx[i];
      rows.push({ method: 'morris', metric: m, factor: f.name, index: 'mu', value: e.mu, ciLow: NaN, ciHigh: NaN, n: e.r });
      rows.push({ method: 'morris', metric: m, factor: f.name, index: 'mu_star', value: e.muStar, ciLow: e.muStarLow, ciHigh: e.muStarHigh, n: e.r });
      rows.push({ method: 'morris', metric: m, factor: f.name, index: 'sigma', value: e.sigma, ciLow: NaN, ciHigh: NaN, n: e.r });
    });
  }
  return rows;
}

/** The sensitivity indices of a Sobol or Morris sweep (none for other designs). */
export function sensitivityRows(s: LoadedSweep, metrics: string[], means: Map<string, Float64Array>, warnings: string[]): SensitivityRow[] {
  if (!metrics.length) return [];
  if (s.design.type === 'sobol' && s.design.saltelli) return sobolRows(s, s.design.saltelli, metrics, means, warnings);
  if (s.design.type === 'morris' && s.design.morris) return morrisRows(s, s.design.morris, metrics, means);
  return [];
}

/** Write sensitivity.csv. */
export function writeSensitivityTable(outDir: string, rows: SensitivityRow[]): FileInfo {
  const w = new AtomicWriter(join(outDir, FILES.sensitivity));
  w.write(header(SENSITIVITY_COLUMNS));
  for (const r of rows) w.write(csvLine([r.method, r.metric, r.factor, r.index, r.value, r.ciLow, r.ciHigh, r.n]) + CSV_EOL);
  return { rows: rows.length, sha256: w.commit() };
}
