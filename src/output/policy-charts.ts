/**
 * Policy-layer charts for a single run's report: hub engagement by distance,
 * trusts and the ties across their boundaries, the knowledge network and the
 * spread of a practice, equity of access to professional learning, and
 * competition. Each is a line chart over years, declared in POLICY_CHARTS;
 * charts without data in a run are left out.
 */
import { OKABE_ITO } from '../common/palette.ts';
import { CHART_WIDTH, r6, vegaLiteSpec, type ChartDef, type Row, type SeriesStyle } from './chart-spec.ts';
import { getSeries, type SeriesSource } from './run-series.ts';

interface Line extends SeriesStyle {
  metric: string;
}

/** One policy line chart. */
interface LineChartOptions {
  name: string;
  title: string;
  subtitle: string;
  explanation: string;
  lines: Line[];
  yTitle: string;
  /** Fix the y scale to 0..1 (otherwise it starts at zero and fits the data). */
  unitScale: boolean;
  /** Draw the chart only if this metric exceeds 0 at some tick. */
  onlyIfPositive?: string;
}

function lineChart(out: SeriesSource, opts: LineChartOptions): ChartDef | undefined {
  const tpy = out.series.ticksPerYear;
  const rows: Row[] = [];
  const used: Line[] = [];
  for (const l of opts.lines) {
    const s = getSeries(out, l.metric);
    if (!s || !s.some((v) => Number.isFinite(v))) continue;
    used.push(l);
    s.forEach((v, t) => {
      if (Number.isFinite(v)) rows.push({ year: r6(t / tpy), value: r6(v), series: l.label });
    });
  }
  if (used.length === 0) return undefined;
  const years = (out.series.rows - 1) / tpy;
  const { name, title, explanation } = opts;
  return {
    name,
    title,
    explanation,
    spec: vegaLiteSpec(
      { text: title, subtitle: opts.subtitle },
      {
        width: CHART_WIDTH,
        height: 240,
        data: { values: rows },
        mark: { type: 'line', strokeWidth: 2, clip: true },
        encoding: {
          x: { field: 'year', type: 'quantitative', title: 'Year', scale: { domain: [0, r6(years)], nice: false }, axis: { grid: false, tickMinStep: 1 } },
          y: { field: 'value', type: 'quantitative', title: opts.yTitle, scale: opts.unitScale ? { domain: [0, 1] } : { zero: true } },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { domain: used.map((l) => l.label), range: used.map((l) => l.color) },
            sort: used.map((l) => l.label),
            legend: { orient: 'bottom', direction: 'horizontal', columns: 2, labelLimit: 320 },
          },
        },
      },
    ),
  };
}

/** The policy charts in report order. */
const POLICY_CHARTS: LineChartOptions[] = [
  {
    name: 'hub_engagement',
    title: 'Hub engagement by distance',
    subtitle: 'Share of schools engaged with a hub or alliance, overall and by distance from the nearest hub.',
    explanation:
      'Each year schools decide whether to work with their designated hubs. Distance discourages engagement; trusted ties to heads who already engage carry a hub in; closed trusts hold their schools back. A band line is missing where no school lies at that distance.',
    lines: [
      { metric: 'hub_engagement', label: 'All schools', color: OKABE_ITO.black },
      { metric: 'hub_engagement_0_5km', label: 'Under 5 km', color: OKABE_ITO.green },
      { metric: 'hub_engagement_5_15km', label: '5 to 15 km', color: OKABE_ITO.skyBlue },
      { metric: 'hub_engagement_15_30km', label: '15 to 30 km', color: OKABE_ITO.orange },
      { metric: 'hub_engagement_30km_plus', label: '30 km or more', color: OKABE_ITO.vermillion },
    ],
    yTitle: 'Share of schools engaged',
    unitScale: true,
    onlyIfPositive: 'hub_engagement',
  },
  {
    name: 'trusts',
    title: 'Trusts and the ties across their boundaries',
    subtitle: 'Share of schools in a MAT, and relationships per head inside and across trust boundaries.',
    explanation:
      'Trust leadership groups build ties inside a trust; closed trusts withdraw from partnerships and networks that cross their boundary, so cross-trust ties thin out.',
    lines: [
      { metric: 'within_mat_ties_per_school', label: 'Ties within the trust, per head', color: OKABE_ITO.blue },
      { metric: 'cross_mat_ties_per_school', label: 'Ties across trust boundaries, per head', color: OKABE_ITO.orange },
    ],
    yTitle: 'Relationships per head',
    unitScale: false,
    onlyIfPositive: 'mat_share',
  },
  {
    name: 'trust_shares',
    title: 'Schools in trusts',
    subtitle: 'Share of schools in a MAT and in a strong trust, and share of relationships crossing a trust boundary.',
    explanation: 'A strong trust has at least mats.strongSize schools (counting its schools outside the area).',
    lines: [
      { metric: 'mat_share', label: 'In a MAT', color: OKABE_ITO.blue },
      { metric: 'strong_mat_share', label: 'In a strong MAT', color: OKABE_ITO.purple },
      { metric: 'cross_mat_tie_share', label: 'Relationships crossing a trust boundary', color: OKABE_ITO.orange },
    ],
    yTitle: 'Share',
    unitScale: true,
    onlyIfPositive: 'mat_share',
  },
  {
    name: 'knowledge_network',
    title: 'Knowledge network and the spread of practice',
    subtitle:
      'Mean reach of the knowledge network (the schools a school is linked to through ties of enough mutual trust to pass on what it knows) and the share of schools using a practice that spreads by word of mouth.',
    explanation:
      'Reach is the share of other schools a school can reach through trusted ties; it falls when the network splits into separate parts. The practice spreads from a few first users to the heads who trust them: slowly at first, then quickly once enough trusted peers use it.',
    lines: [
      { metric: 'knowledge_mean_reach', label: 'Mean reach of the knowledge network', color: OKABE_ITO.blue },
      { metric: 'knowledge_largest_share', label: 'Largest connected part', color: OKABE_ITO.skyBlue },
      { metric: 'practice_adoption', label: 'Schools using the practice', color: OKABE_ITO.green },
    ],
    yTitle: 'Share',
    unitScale: true,
  },
  {
    name: 'equity',
    title: 'Equity of access to professional learning',
    subtitle:
      'Inequality of professional learning inflow (Gini), dispersion of the expertise within reach, and the effectiveness gap of disadvantaged schools.',
    explanation: 'Access is uneven where knowledge is locked up in separate trusts and networks and where hubs do not reach. Lower is more equal.',
    lines: [
      { metric: 'pl_access_gini', label: 'Inequality of learning inflow (Gini)', color: OKABE_ITO.vermillion },
      { metric: 'pl_reach_sd', label: 'Dispersion of expertise within reach', color: OKABE_ITO.purple },
      { metric: 'effectiveness_gap', label: 'Effectiveness gap, others minus disadvantaged', color: OKABE_ITO.black },
    ],
    yTitle: 'Inequality',
    unitScale: false,
  },
  {
    name: 'competition',
    title: 'Competition, knowledge stances and trust between rivals',
    subtitle: 'Mean rivalry, the shares of schools that share, sell or protect their knowledge, and trust between schools close enough to compete.',
    explanation:
      'Falling rolls, parental choice and expanding rivals set nearby schools against each other: they move from sharing toward protecting or selling knowledge, and suspicion erodes trust between rival heads.',
    lines: [
      { metric: 'rivalry_mean', label: 'Rivalry (mean)', color: OKABE_ITO.vermillion },
      { metric: 'stance_share', label: 'Share knowledge', color: OKABE_ITO.green },
      { metric: 'stance_sell', label: 'Sell knowledge', color: OKABE_ITO.orange },
      { metric: 'stance_protect', label: 'Protect knowledge', color: OKABE_ITO.purple },
      { metric: 'rival_trust_mean', label: 'Trust between rivals', color: OKABE_ITO.blue },
    ],
    yTitle: 'Share or level (0 to 1)',
    unitScale: true,
    onlyIfPositive: 'rivalry_mean',
  },
];

const anyAbove = (out: SeriesSource, metric: string, x: number) => !!getSeries(out, metric)?.some((v) => v > x);

/** The policy-layer charts a run has data for, in report order. */
export function policyRunCharts(out: SeriesSource): ChartDef[] {
  return POLICY_CHARTS.filter((c) => c.onlyIfPositive === undefined || anyAbove(out, c.onlyIfPositive, 0)).flatMap((c) => lineChart(out, c) ?? []);
}
