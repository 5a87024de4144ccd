/**
 * The two charts of a comparison: the difference in each key metric with its
 * 95% interval (in pooled standard deviations), and the mean time series of
 * both scenarios.
 */
import { OKABE_ITO } from '../common/palette.ts';
import { r6, vegaLiteSpec } from '../output/chart-spec.ts';
import { COMPARE_METRICS, isClear, type Comparison } from './compare.ts';
import { changeSize, rowKind } from './compare-findings.ts';

/** One side of a comparison. */
export type Side = 'a' | 'b';

/** Both sides, A first. */
export const SIDES: readonly Side[] = ['a', 'b'];

/** Ticks per year of one side's scenario. */
export function ticksPerYear(c: Comparison, side: Side): number {
  return side === 'a' ? c.ticksPerYearA : c.ticksPerYearB;
}

/** Model ticks between two rows of a side's series (1 unless it is recorded once a year). */
export function ticksPerRowOf(c: Comparison, side: Side): number {
  return (side === 'a' ? c.ticksPerRowA : c.ticksPerRowB) ?? 1;
}

/** `A: <name>` or `B: <name>`. */
const sideLabel = (c: Comparison, side: Side) => `${side.toUpperCase()}: ${c[side].name}`;

/**
 * Dot and 95% interval per metric, in pooled standard deviations of the two
 * scenarios, largest change first; metrics that do not vary between seeds
 * (unchanged, or set by the scenarios) are left out.
 */
export function differencesChart(c: Comparison): Record<string, unknown> | undefined {
  const values: Record<string, unknown>[] = [];
  const rows = c.rows.filter((r) => rowKind(c, r) === 'varies').sort((x, y) => changeSize(y) - changeSize(x) || (x.metric < y.metric ? -1 : 1));
  for (const r of rows) {
    const sp = Math.sqrt((r.sdA * r.sdA + r.sdB * r.sdB) / 2);
    if (!(sp > 1e-12) || !Number.isFinite(r.ciLow)) continue;
    values.push({
      label: r.label,
      d: r6(r.diff / sp),
      lo: r6(r.ciLow / sp),
      hi: r6(r.ciHigh / sp),
      clear: isClear(r) ? '95% interval excludes 0' : '95% interval includes 0',
    });
  }
  if (values.length === 0) return undefined;
  const order = values.map((v) => v.label);
  const y = { field: 'label', type: 'nominal', title: null, sort: order, axis: { labelLimit: 360 } };
  const title = {
    text: `${sideLabel(c, 'b')} versus ${sideLabel(c, 'a')}`,
    subtitle: `Difference in final means (B \u2212 A) in pooled standard deviations, with 95% confidence intervals; ${c.reps} paired seeds, ${c.years} years.`,
  };
  return vegaLiteSpec(title, {
    width: 380,
    height: { step: 22 },
    data: { values },
    layer: [
      { mark: { type: 'rule', color: '#888888', strokeDash: [4, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          y,
          x: { field: 'lo', type: 'quantitative', title: 'B \u2212 A (pooled standard deviations)' },
          x2: { field: 'hi' },
          color: {
            field: 'clear',
            type: 'nominal',
            title: null,
            scale: { domain: ['95% interval excludes 0', '95% interval includes 0'], range: [OKABE_ITO.blue, '#aaaaaa'] },
          },
        },
      },
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          y,
          x: { field: 'd', type: 'quantitative' },
          color: { field: 'clear', type: 'nominal', legend: { orient: 'bottom' } },
        },
      },
    ],
  });
}

/** Mean time series of key metrics for both scenarios. */
export function seriesChart(c: Comparison): Record<string, unknown> | undefined {
  const labelOf = new Map(COMPARE_METRICS.map((m) => [m.metric, m.label]));
  const values: Record<string, unknown>[] = [];
  for (const s of c.series)
    for (const side of SIDES) {
      const tpy = ticksPerYear(c, side);
      s[side].forEach((v, t) => {
        if (Number.isFinite(v)) values.push({ metric: labelOf.get(s.metric) ?? s.metric, scenario: sideLabel(c, side), year: r6(t / tpy), value: r6(v) });
      });
    }
  if (values.length === 0) return undefined;
  return vegaLiteSpec(
    { text: 'How the two scenarios unfold', subtitle: `Mean over ${c.reps} seeds of each metric, by year.` },
    {
      data: { values },
      facet: { field: 'metric', type: 'nominal', title: null, sort: c.series.map((s) => labelOf.get(s.metric) ?? s.metric) },
      columns: 2,
      spec: {
        width: 260,
        height: 150,
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x: { field: 'year', type: 'quantitative', title: 'Year' },
          y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
          color: { field: 'scenario', type: 'nominal', title: null, scale: { range: [OKABE_ITO.orange, OKABE_ITO.blue] }, legend: { orient: 'bottom' } },
        },
      },
      resolve: { scale: { y: 'independent' } },
    },
  );
}
