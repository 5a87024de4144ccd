/**
 * The tables of a discover folder, tidy CSV through output/csv.ts:
 *
 * - boxes.csv: one row per box and factor: its limits in the box, whether
 *   the box restricts it, and the quasi-p value of the restriction;
 * - box-summary.csv: one row per box: cases, coverage, density, mass, and
 *   for PRIM boxes the permutation p value (permutation.ts);
 * - trajectory.csv: one row per PRIM peeling step, and a `final` row per
 *   box for the box after pasting and freeing.
 */
import { recordsCsv, type CsvCell } from '../../output/csv.ts';
import { isRestricted } from './cases.ts';
import { scanStatistic } from './box-choice.ts';
import { boxWords } from './describe.ts';
import type { DiscoverResult, NamedBox } from './discover.ts';

export const BOXES_COLUMNS = ['box', 'method', 'factor', 'restricted', 'low', 'high', 'levels', 'p_value'];
export const SUMMARY_COLUMNS = [
  'box',
  'method',
  'step',
  'predicted',
  'n',
  'n_of_interest',
  'coverage',
  'density',
  'mass',
  'lift',
  'restricted',
  'permutation_p',
  'rule',
];
export const TRAJECTORY_COLUMNS = ['box', 'step', 'phase', 'n', 'n_of_interest', 'coverage', 'density', 'mass', 'restricted', 'scan_statistic', 'chosen'];

/** The boxes the tables list: every PRIM box and the CART leaves that predict the outcome. */
export function reportedBoxes(r: DiscoverResult): NamedBox[] {
  return [...r.primBoxes, ...r.leaves.filter((l) => l.predicted)];
}

export function boxesCsv(r: DiscoverResult): string {
  const rows: Record<string, CsvCell>[] = [];
  for (const b of reportedBoxes(r)) {
    r.cases.factors.forEach((f, j) => {
      const lim = b.box[j];
      rows.push({
        box: b.id,
        method: b.method,
        factor: f.name,
        restricted: isRestricted(lim, r.init[j]),
        low: lim.kind === 'numeric' ? lim.low : null,
        high: lim.kind === 'numeric' ? lim.high : null,
        levels: f.kind === 'categorical' && lim.kind === 'categorical' ? f.levels.filter((_, c) => lim.allowed[c]).join('|') : null,
        p_value: b.pValues[j],
      });
    });
  }
  return recordsCsv(rows, BOXES_COLUMNS);
}

export function summaryCsv(r: DiscoverResult): string {
  const rows = reportedBoxes(r).map((b) => ({
    box: b.id,
    method: b.method,
    step: b.step ?? null,
    predicted: b.method === 'cart' ? (b.predicted ?? false) : null,
    n: b.stats.n,
    n_of_interest: b.stats.k,
    coverage: b.stats.coverage,
    density: b.stats.density,
    mass: b.stats.mass,
    lift: r.baseRate > 0 ? b.stats.density / r.baseRate : null,
    restricted: b.stats.restricted,
    permutation_p: b.test?.p ?? null,
    rule: boxWords(r.cases.factors, b.box, r.init).join('; '),
  }));
  return recordsCsv(rows, SUMMARY_COLUMNS);
}

export function trajectoryCsv(r: DiscoverResult): string {
  const rows: Record<string, CsvCell>[] = [];
  for (const b of r.prim.boxes) {
    const id = `prim-${b.index}`;
    for (const t of b.trajectory) {
      rows.push({
        box: id,
        step: t.step,
        phase: 'peel',
        n: t.n,
        n_of_interest: t.k,
        coverage: t.coverage,
        density: t.density,
        mass: t.mass,
        restricted: t.restricted,
        scan_statistic: scanStatistic(t.k, t.n, b.pool.k, b.pool.n),
        chosen: t.step === b.chosenStep,
      });
    }
    const s = b.stats;
    rows.push({
      box: id,
      step: b.chosenStep,
      phase: 'final',
      n: s.n,
      n_of_interest: s.k,
      coverage: s.coverage,
      density: s.density,
      mass: s.mass,
      restricted: s.restricted,
      scan_statistic: scanStatistic(s.k, s.n, b.pool.k, b.pool.n),
      chosen: true,
    });
  }
  return recordsCsv(rows, TRAJECTORY_COLUMNS);
}
