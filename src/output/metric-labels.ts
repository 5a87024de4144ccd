/**
 * Short labels of metrics for prose and tables (a reader should never meet a
 * metric's column name in a sentence), and how to write a value and a
 * difference in the metric's unit.
 */
import { METRICS } from '../model/observe/observer.ts';

const LABELS: Record<string, string> = {
  trust_mean: 'mean relational trust',
  trust_sd: 'spread of relational trust',
  high_trust_share: 'share of high-trust relationships',
  respect_mean: 'respect',
  regard_mean: 'personal regard',
  competence_mean: 'belief in competence',
  integrity_mean: 'integrity',
  lencioni_trust: 'Lencioni trust level',
  lencioni_conflict: 'productive conflict',
  lencioni_commitment: 'commitment',
  lencioni_accountability: 'accountability',
  lencioni_results: 'attention to collective results',
  effectiveness_mean: 'mean school effectiveness',
  effectiveness_sd: 'spread of school effectiveness',
  effectiveness_persistence: 'persistence of school effectiveness',
  effectiveness_gap: 'effectiveness gap of disadvantaged schools',
  share_improving: 'share of schools improving on a year earlier',
  share_good_or_better: 'share of schools judged Good or better',
  share_outstanding: 'share of schools judged Outstanding',
  internal_trust_mean: 'staff trust in their head',
  capacity_mean: 'improvement capacity',
  knowledge_flow: 'knowledge flowing into schools',
  leader_departures: 'headteacher departures',
  leader_departures_total: 'headteacher departures over the run',
  leader_turnover_rate: 'headteacher turnover',
  teacher_retention: 'teachers of the starting cohort still in post',
  teacher_retention_maths: 'maths teachers still in post',
  community_mean: 'strength of teachers\u2019 professional community',
  challenge_acceptance: 'share of challenges accepted',
  pl_access_mean: 'access to professional learning',
  pl_access_gini: 'inequality of access to professional learning',
  mat_share: 'share of schools in a trust',
  cross_mat_tie_share: 'share of relationships crossing a trust boundary',
  hub_engagement: 'share of schools engaged with a hub',
  knowledge_mean_reach: 'reach of the knowledge network',
  knowledge_components: 'separate parts of the knowledge network',
  practice_adoption: 'share of schools using the spreading practice',
  stance_share: 'share of schools whose stance is to share',
  rival_trust_mean: 'trust between nearby rivals',
  spanners: 'boundary spanners',
};

/** A short label for prose: the metric's own, else its description's first clause, never its column name alone. */
export function metricLabel(metric: string): string {
  const own = LABELS[metric];
  if (own) return own;
  const d = METRICS.find((m) => m.name === metric)?.description;
  if (d) return d.replace(/[.(:].*$/s, '').replace(/^./, (c) => c.toLowerCase());
  return metric.replace(/_/g, ' ');
}

/** The unit of a metric (from METRICS; run-level totals have their own). */
export function metricUnit(metric: string): string {
  if (metric === 'leader_departures_total') return 'heads';
  return METRICS.find((m) => m.name === metric)?.unit ?? '';
}

const SHARE_UNITS = new Set(['share']);

/** A value in its unit: shares as percentages, pupil SD with three decimals. */
export function valueText(x: number, unit: string): string {
  if (!Number.isFinite(x)) return '\u2013';
  if (SHARE_UNITS.has(unit)) return `${(100 * x).toFixed(Math.abs(x) < 0.1 ? 1 : 0)}%`;
  if (unit === 'pupil SD') return `${x.toFixed(3)} pupil SD`;
  if (unit === 'heads' || unit === 'components' || unit === 'ties') return x.toFixed(1);
  return x.toFixed(3);
}

/** A difference in its unit, signed: shares in percentage points. */
export function diffText(x: number, unit: string): string {
  if (!Number.isFinite(x)) return '\u2013';
  const sign = x > 0 ? '+' : x < 0 ? '\u2212' : '\u00b1';
  const a = Math.abs(x);
  if (SHARE_UNITS.has(unit)) return `${sign}${(100 * a).toFixed(a < 0.1 ? 1 : 0)} points`;
  if (unit === 'pupil SD') return `${sign}${a.toFixed(3)} pupil SD`;
  if (unit === 'heads' || unit === 'components' || unit === 'ties') return `${sign}${a.toFixed(1)}`;
  return `${sign}${a.toFixed(3)}`;
}
