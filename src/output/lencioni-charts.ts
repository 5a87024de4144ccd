/**
 * Run charts of Lencioni's team pyramid: the five levels over time, the same
 * by group (small multiples), and the pyramid at the end of the run.
 */
import { LENCIONI_LEVELS } from '../common/palette.ts';
import { CHART_WIDTH, r6, runChartSpec, type ChartDef, type Row } from './chart-spec.ts';
import { facetLayout, presentScale, xYear } from './run-encodings.ts';
import { groupNames, lastValue, longRows, type SeriesSource } from './run-series.ts';

/** Small multiples are shown only for this many groups. */
const MIN_GROUPS_FOR_FACETS = 2;
const MAX_GROUPS_FOR_FACETS = 12;

/** Label of the whole-system panel in the pyramid chart. */
const ALL_GROUPS_PANEL = 'All groups (mean)';

/** Pyramid order for legends and bars: top of the pyramid first. */
const LENCIONI_TOP_DOWN = [...LENCIONI_LEVELS].reverse();

function lencioniLegendScale(rows: Row[]) {
  return presentScale(rows, LENCIONI_TOP_DOWN);
}

function facetGroups(out: SeriesSource): string[] | undefined {
  const groups = groupNames(out);
  if (groups.length < MIN_GROUPS_FOR_FACETS || groups.length > MAX_GROUPS_FOR_FACETS) return undefined;
  return groups;
}

export function lencioniTimeChart(out: SeriesSource): ChartDef | undefined {
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
    spec: runChartSpec(title, 'Health of each level of the team pyramid (mean over groups); each level is capped by the one beneath it.', {
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
    }),
  };
}

export function lencioniByGroupChart(out: SeriesSource): ChartDef | undefined {
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
    spec: runChartSpec(title, 'Each panel is one group; lines are the five pyramid levels on a 0 to 1 scale.', {
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

/** Final level scores as centred bars, one panel for the whole system and one per group. */
function pyramidRows(out: SeriesSource): { rows: Row[]; panels: string[] } {
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
  const shown = panels.map((p) => p.panel).filter((p) => rows.some((r) => r.panel === p));
  return { rows, panels: shown };
}

/** Bars centred on 0 with the score printed at their right edge. */
function pyramidLayer(scale: { domain: string[]; range: string[] }, faceted: boolean): Record<string, unknown>[] {
  return [
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
}

export function lencioniPyramidChart(out: SeriesSource): ChartDef | undefined {
  const { rows, panels } = pyramidRows(out);
  if (rows.length === 0) return undefined;
  const faceted = panels.length > 1;
  const { columns, width } = faceted ? facetLayout(panels.length) : { columns: 1, width: CHART_WIDTH };
  const layer = pyramidLayer(lencioniLegendScale(rows), faceted);
  const title = 'Lencioni pyramid at the end of the run';
  const subtitle = faceted
    ? 'Final score of each pyramid level as a centred bar (trust at the base), for the whole system and for each group.'
    : 'Final score of each pyramid level as a centred bar, with trust at the base and results at the top.';
  const body: Record<string, unknown> = faceted
    ? {
        data: { values: rows },
        facet: { field: 'panel', type: 'nominal', title: null, sort: panels },
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
    spec: runChartSpec(title, subtitle, body),
  };
}
