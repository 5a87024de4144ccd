/**
 * The coverage–density trade-off of the PRIM peeling trajectories as a
 * Vega-Lite chart (data inlined): one point per peeling step, coloured by
 * the number of factors restricted, a dashed line at the base rate, and
 * the final box of each PRIM run (after pasting) ringed and labelled.
 */
import { OKABE_ITO } from '../../common/palette.ts';
import { CHART_WIDTH, r6, vegaLiteSpec, type ChartDef } from '../../output/chart-spec.ts';
import type { DiscoverResult } from './discover.ts';

const RESTRICTED_COLOURS = [
  OKABE_ITO.skyBlue,
  OKABE_ITO.blue,
  OKABE_ITO.green,
  OKABE_ITO.orange,
  OKABE_ITO.vermillion,
  OKABE_ITO.purple,
  OKABE_ITO.yellow,
  OKABE_ITO.black,
];

const axis = (field: string, title: string) => ({
  field,
  type: 'quantitative',
  title,
  scale: { domain: [0, 1] },
  axis: { format: '.0%' },
});

export function tradeoffChart(r: DiscoverResult): ChartDef | undefined {
  if (!r.prim.boxes.length) return undefined;
  const steps = r.prim.boxes.flatMap((b) =>
    b.trajectory.map((t) => ({ box: `prim-${b.index}`, step: t.step, coverage: r6(t.coverage), density: r6(t.density), restricted: t.restricted })),
  );
  const finals = r.prim.boxes.map((b) => ({
    box: `prim-${b.index}`,
    coverage: r6(b.stats.coverage),
    density: r6(b.stats.density),
    label: `prim-${b.index}${b.given ? ` (step ${b.chosenStep})` : ` (step ${b.chosenStep}${b.pastes ? ', pasted' : ''})`}`,
  }));
  const xy = {
    x: axis('coverage', 'coverage (share of all cases of interest inside the box)'),
    y: axis('density', 'density (share of the box with the outcome)'),
  };
  const several = r.prim.boxes.length > 1;
  return {
    name: 'tradeoff',
    title: 'Coverage and density along the peeling trajectory',
    explanation:
      'Each point is one step of PRIM peeling: the box starts with every case (coverage 100%, density at the base rate, the dashed line) and loses a thin slice per step, trading coverage for density. The ringed point is the box reported; the colour counts the factors the box restricts, and fewer is easier to read.',
    spec: vegaLiteSpec(
      {
        text: 'Coverage and density along the peeling trajectory',
        subtitle: `Condition: ${r.condition}; base rate ${Math.round(r.baseRate * 100)}%`,
      },
      {
        width: CHART_WIDTH - 120,
        height: 340,
        layer: [
          {
            data: { values: steps },
            mark: { type: 'line', color: '#bbbbbb', strokeWidth: 1 },
            encoding: { ...xy, detail: { field: 'box' }, order: { field: 'step' } },
          },
          {
            data: { values: steps },
            mark: { type: 'point', filled: true, size: 45, opacity: 0.9 },
            encoding: {
              ...xy,
              color: {
                field: 'restricted',
                type: 'ordinal',
                title: 'factors restricted',
                scale: { range: RESTRICTED_COLOURS },
                legend: { symbolType: 'circle', symbolStrokeWidth: 0, symbolSize: 90 },
              },
              ...(several ? { shape: { field: 'box', type: 'nominal', title: 'box', legend: { symbolStrokeWidth: 1, symbolFillColor: '#777777' } } } : {}),
            },
          },
          {
            data: { values: [{ base: r6(r.baseRate) }] },
            mark: { type: 'rule', strokeDash: [5, 4], color: '#777777' },
            encoding: { y: { field: 'base', type: 'quantitative' } },
          },
          {
            data: { values: finals },
            mark: { type: 'point', filled: false, size: 320, strokeWidth: 2.5, color: OKABE_ITO.black },
            encoding: xy,
          },
          {
            data: { values: finals },
            mark: { type: 'text', align: 'right', baseline: 'top', dx: -10, dy: 10, fontSize: 12, fontWeight: 'bold' },
            encoding: { ...xy, text: { field: 'label' } },
          },
        ],
      },
    ),
  };
}
