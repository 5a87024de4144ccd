/**
 * sensitivity.csv: Sobol (S1, ST) or Morris (mu, mu*, sigma) indices of
 * every metric and factor, computed from the per-point means of a finished
 * sweep (see sensitivity.ts for the estimators).
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
