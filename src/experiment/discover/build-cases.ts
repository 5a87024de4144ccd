/**
 * From the rows of runs.csv to the cases PRIM and CART see. Per run (the
 * default), every ok run is a case and the condition is tested on its
 * metrics. Per point, the runs of a design point (its replications) make
 * one case: the condition is tested on their mean metrics (missing values
 * left out of the mean), which asks about the expected outcome at a
 * parameter setting rather than about single noisy runs.
 */
import { SweepError } from '../errors.ts';
import type { CategoricalFactor, Cases, Factor, NumericFactor } from './cases.ts';
import { conditionMetrics, evaluate, type Condition } from './condition.ts';
import { cellNumber } from './csv-read.ts';
import type { ManifestFactor, SweepTable } from './sweep-table.ts';

export type Per = 'run' | 'point';

/** Most distinct values of a numeric factor for it to be described by its levels ("at 0.3 or 0.5"). */
export const GRID_LEVELS_MAX = 10;

export interface CaseSet {
  cases: Cases;
  per: Per;
  /** Runs (per run) or points (per point). */
  unit: 'runs' | 'points';
  notes: string[];
}

function numericFactor(mf: ManifestFactor, cells: string[]): NumericFactor {
  const values = Float64Array.from(cells, cellNumber);
  if (values.some((v) => !Number.isFinite(v))) throw new SweepError(`factor ${mf.name}: runs.csv has a value that is not a number`);
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const manifestLevels = mf.levels?.filter((v): v is number => typeof v === 'number');
  if (manifestLevels?.length) {
    min = Math.min(min, ...manifestLevels);
    max = Math.max(max, ...manifestLevels);
  }
  if (mf.min !== undefined) min = Math.min(min, mf.min);
  if (mf.max !== undefined) max = Math.max(max, mf.max);
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  const levels = manifestLevels?.length ? [...manifestLevels].sort((a, b) => a - b) : distinct.length <= GRID_LEVELS_MAX ? distinct : undefined;
  return { kind: 'numeric', name: mf.name, values, min, max, ...(levels ? { levels } : {}) };
}

function categoricalFactor(mf: ManifestFactor, cells: string[]): CategoricalFactor {
  const levels = (mf.levels ?? []).map(String);
  for (const c of cells) if (!levels.includes(c)) levels.push(c);
  const index = new Map(levels.map((l, i) => [l, i]));
  return { kind: 'categorical', name: mf.name, codes: Int32Array.from(cells, (c) => index.get(c) ?? 0), levels };
}

/** Numeric when the manifest gives a range or numeric levels, or (no levels or range) when every value is a number. */
function isNumeric(mf: ManifestFactor, cells: string[]): boolean {
  if (mf.levels?.length) return mf.levels.every((v) => typeof v === 'number');
  if (mf.min !== undefined) return true;
  return cells.every((c) => Number.isFinite(cellNumber(c)));
}

function buildFactor(mf: ManifestFactor, cells: string[]): Factor {
  return isNumeric(mf, cells) ? numericFactor(mf, cells) : categoricalFactor(mf, cells);
}

/** Row groups: one per run, or one per design point (in order of first appearance). */
function groupRows(t: SweepTable, per: Per): string[][][] {
  if (per === 'run') return t.rows.map((r) => [r]);
  const col = t.columns.indexOf('point');
  if (col < 0) throw new SweepError('runs.csv has no point column, so runs cannot be grouped by design point');
  const groups = new Map<string, string[][]>();
  for (const r of t.rows) {
    const g = groups.get(r[col]);
    if (g) g.push(r);
    else groups.set(r[col], [r]);
  }
  return [...groups.values()];
}

/** Mean of a metric over a group's runs, missing values left out (NaN when all are missing). */
function groupMean(group: string[][], col: number): number {
  let s = 0;
  let n = 0;
  for (const r of group) {
    const v = cellNumber(r[col]);
    if (Number.isFinite(v)) {
      s += v;
      n++;
    }
  }
  return n ? s / n : NaN;
}

/** The cases and their outcomes under `condition`. */
export function buildCases(t: SweepTable, condition: Condition, per: Per): CaseSet {
  const groups = groupRows(t, per);
  const unit = per === 'run' ? 'runs' : 'points';
  const factors = t.factors.map((mf) => {
    const col = t.columns.indexOf(mf.name);
    return buildFactor(
      mf,
      groups.map((g) => g[0][col]),
    );
  });
  const used = conditionMetrics(condition);
  const missing = new Map(used.map((m) => [m, 0]));
  const y = new Uint8Array(groups.length);
  groups.forEach((g, i) => {
    const values = new Map(used.map((m) => [m, groupMean(g, t.columns.indexOf(m))]));
    for (const [m, v] of values) if (Number.isNaN(v)) missing.set(m, (missing.get(m) ?? 0) + 1);
    y[i] = evaluate(condition, (m) => values.get(m) ?? NaN) ? 1 : 0;
  });
  const notes = [...missing.entries()]
    .filter(([, n]) => n > 0)
    .map(([m, n]) => `${n} of ${groups.length} ${unit} have no value of ${m}; a comparison with a missing value is false`);
  if (per === 'point') notes.push(`per point: the condition is tested on the mean over the replications of each of the ${groups.length} design points`);
  return { cases: { factors, y }, per, unit, notes };
}
