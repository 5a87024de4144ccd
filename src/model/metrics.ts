/**
 * Observation (model brief 3.10 and section 6): the per-tick metrics this
 * layer can produce, recorded into a preallocated SeriesRecorder without
 * allocating in the tick loop.
 */
import { SeriesRecorder } from '../engine/series.ts';
import type { SeriesKey } from '../engine/contract.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { ModelState } from './state.ts';
import { POLICY_METRICS, observePolicy } from './policy/metrics.ts';

export interface MetricDef {
  name: string;
  unit: string;
  description: string;
}

/** Metrics at level `all`. */
export const METRICS: MetricDef[] = [
  { name: 'trust_mean', unit: '0..1', description: 'Mean relational trust over all directed leader-to-leader relationships.' },
  { name: 'trust_sd', unit: '0..1', description: 'Standard deviation of relational trust over relationships.' },
  { name: 'trust_p10', unit: '0..1', description: '10th percentile of relational trust (resolution 0.001).' },
  { name: 'trust_p50', unit: '0..1', description: 'Median relational trust.' },
  { name: 'trust_p90', unit: '0..1', description: '90th percentile of relational trust.' },
  { name: 'respect_mean', unit: '0..1', description: 'Mean perceived respect (Bryk & Schneider).' },
  { name: 'regard_mean', unit: '0..1', description: 'Mean perceived personal regard.' },
  { name: 'competence_mean', unit: '0..1', description: 'Mean perceived competence.' },
  { name: 'integrity_mean', unit: '0..1', description: 'Mean perceived integrity.' },
  { name: 'high_trust_share', unit: 'share', description: 'Share of relationships with trust of at least 0.7 (density of high-trust ties among existing ties).' },
  { name: 'lencioni_trust', unit: '0..1', description: 'Lencioni level 1 (trust), mean over groups.' },
  { name: 'lencioni_conflict', unit: '0..1', description: 'Lencioni level 2 (healthy conflict), mean over groups.' },
  { name: 'lencioni_commitment', unit: '0..1', description: 'Lencioni level 3 (commitment), mean over groups.' },
  { name: 'lencioni_accountability', unit: '0..1', description: 'Lencioni level 4 (accountability), mean over groups.' },
  { name: 'lencioni_results', unit: '0..1', description: 'Lencioni level 5 (attention to collective results), mean over groups.' },
  { name: 'effectiveness_mean', unit: '0..1', description: 'Mean school effectiveness (latent quality).' },
  { name: 'effectiveness_gap', unit: '0..1', description: 'Mean effectiveness of other schools minus that of the most disadvantaged third.' },
  { name: 'share_improving', unit: 'share', description: 'Share of schools whose effectiveness rose by more than the threshold over the past year.' },
  { name: 'share_good_or_better', unit: 'share', description: 'Share of schools in the Good or Outstanding band.' },
  { name: 'internal_trust_mean', unit: '0..1', description: 'Mean staff-leader relational trust inside schools.' },
  { name: 'capacity_mean', unit: '0..1', description: 'Mean improvement capacity.' },
  { name: 'knowledge_flow', unit: 'per year', description: 'Mean knowledge inflow per school (effectiveness push per year).' },
  { name: 'leader_departures', unit: 'heads', description: 'Heads who left in the tick.' },
  { name: 'leader_turnover_rate', unit: 'per year', description: 'Heads leaving in the tick as an annual share of all heads.' },
  { name: 'teacher_retention', unit: 'share', description: 'Share of the starting cohort of teachers still in post.' },
  { name: 'teacher_retention_maths', unit: 'share', description: 'The same for maths specialists.' },
  { name: 'community_mean', unit: '0..1', description: 'Mean strength of the professional community schools belong to.' },
  { name: 'challenge_acceptance', unit: 'share', description: 'Share of challenges in the tick that were accepted rather than taken as an attack.' },
  { name: 'peer_review_honesty', unit: '0..1', description: 'Mean host disclosure at review visits (empty outside visit ticks).' },
  { name: 'peer_review_rigour', unit: '0..1', description: 'Mean reviewer rigour at review visits (empty outside visit ticks).' },
  // Policy layer metrics (src/model/policy/metrics.ts).
  ...POLICY_METRICS,
];

export const GROUP_METRICS = ['lencioni_trust', 'lencioni_conflict', 'lencioni_commitment', 'lencioni_accountability', 'lencioni_results'] as const;

export class Observer {
  readonly rec: SeriesRecorder;
  private readonly hist = new Uint32Array(1001);
  private readonly cols: Record<string, number> = {};
  private readonly groupCols: Int32Array;
  /** Per-group series column by group name: the policy layer can rebuild groups mid-run. */
  private readonly groupColByName = new Map<string, number>();
  private readonly setPolicy: (name: string, v: number) => void;

  constructor(private readonly state: ModelState, private readonly scenario: Scenario, ticks: number) {
    const keys: SeriesKey[] = METRICS.map((m) => ({ metric: m.name, level: 'all' }));
    const G = state.groups;
    const perGroup = scenario.output.groupSeries && G.n <= scenario.output.maxGroupSeries;
    if (perGroup) for (let g = 0; g < G.n; g++) for (const m of GROUP_METRICS) keys.push({ metric: m, level: `group:${G.names[g]}` });
    this.rec = new SeriesRecorder(keys, ticks + 1, state.ticksPerYear);
    for (const m of METRICS) this.cols[m.name] = this.rec.col(m.name);
    this.groupCols = new Int32Array(perGroup ? G.n : 0);
    for (let g = 0; g < this.groupCols.length; g++) this.groupCols[g] = this.rec.col('lencioni_trust', `group:${G.names[g]}`);
    for (let g = 0; g < this.groupCols.length; g++) this.groupColByName.set(G.names[g], this.groupCols[g]);
    this.setPolicy = (name, v) => this.rec.set(this.row, this.cols[name], v);
  }

  private row = 0;

  observe(row: number): void {
    const { state, rec, cols, hist } = this;
    const { edges: E, groups: G, schools: S, leaders: L, tallies } = state;
    const set = (name: string, v: number) => rec.set(row, cols[name], v);

    // Relationships.
    hist.fill(0);
    let sT = 0, sT2 = 0, sR = 0, sP = 0, sC = 0, sI = 0, high = 0;
    for (let e = 0; e < E.n; e++) {
      const t = E.trust[e];
      sT += t;
      sT2 += t * t;
      sR += E.respect[e];
      sP += E.regard[e];
      sC += E.competence[e];
      sI += E.integrity[e];
      if (t >= 0.7) high++;
      hist[(t * 1000 + 0.5) | 0]++;
    }
    const nE = E.n;
    if (nE > 0) {
      const mean = sT / nE;
      set('trust_mean', mean);
      set('trust_sd', Math.sqrt(Math.max(0, sT2 / nE - mean * mean)));
      set('trust_p10', this.quantile(0.1, nE));
      set('trust_p50', this.quantile(0.5, nE));
      set('trust_p90', this.quantile(0.9, nE));
      set('respect_mean', sR / nE);
      set('regard_mean', sP / nE);
      set('competence_mean', sC / nE);
      set('integrity_mean', sI / nE);
      set('high_trust_share', high / nE);
    }

    // Groups.
    if (G.n > 0) {
      let a = 0, b = 0, c = 0, d = 0, f = 0;
      for (let g = 0; g < G.n; g++) {
        a += G.lTrust[g];
        b += G.lConflict[g];
        c += G.lCommitment[g];
        d += G.lAccountability[g];
        f += G.lResults[g];
      }
      set('lencioni_trust', a / G.n);
      set('lencioni_conflict', b / G.n);
      set('lencioni_commitment', c / G.n);
      set('lencioni_accountability', d / G.n);
      set('lencioni_results', f / G.n);
      for (let g = 0; g < (this.groupColByName.size ? G.n : 0); g++) {
        const c0 = this.groupColByName.get(G.names[g]);
        if (c0 === undefined) continue;
        rec.set(row, c0, G.lTrust[g]);
        rec.set(row, c0 + 1, G.lConflict[g]);
        rec.set(row, c0 + 2, G.lCommitment[g]);
        rec.set(row, c0 + 3, G.lAccountability[g]);
        rec.set(row, c0 + 4, G.lResults[g]);
      }
    }

    // Schools.
    let eSum = 0, eDis = 0, nDis = 0, imp = 0, good = 0, it = 0, cap = 0, flow = 0, com = 0;
    let cohort = 0, cohortLeft = 0, maths = 0, mathsLeft = 0;
    for (let s = 0; s < S.n; s++) {
      const e = S.effectiveness[s];
      eSum += e;
      if (S.disadvantaged[s]) {
        eDis += e;
        nDis++;
      }
      imp += S.improving[s];
      if (S.grade[s] >= 2) good++;
      it += S.internalTrust[s];
      cap += S.capacity[s];
      flow += S.learning[s];
      com += S.community[s];
      cohort += S.cohortStart[s];
      cohortLeft += S.cohortLeft[s];
      maths += S.mathsStart[s];
      mathsLeft += S.mathsLeft[s];
    }
    const n = S.n;
    set('effectiveness_mean', eSum / n);
    set('effectiveness_gap', nDis > 0 && nDis < n ? (eSum - eDis) / (n - nDis) - eDis / nDis : 0);
    set('share_improving', row === 0 ? NaN : imp / n);
    set('share_good_or_better', good / n);
    set('internal_trust_mean', it / n);
    set('capacity_mean', cap / n);
    set('knowledge_flow', row === 0 ? NaN : flow / n);
    set('community_mean', com / n);
    set('teacher_retention', cohort ? cohortLeft / cohort : NaN);
    set('teacher_retention_maths', maths ? mathsLeft / maths : NaN);
    set('leader_departures', row === 0 ? NaN : tallies.departuresThisTick);
    set('leader_turnover_rate', row === 0 ? NaN : (tallies.departuresThisTick / L.n) * state.ticksPerYear);
    set('challenge_acceptance', tallies.challenges ? tallies.challengesAccepted / tallies.challenges : NaN);
    if (tallies.reviewCount > 0) {
      set('peer_review_honesty', tallies.reviewHonestySum / tallies.reviewCount);
      set('peer_review_rigour', tallies.reviewRigourSum / tallies.reviewCount);
    }
    // Policy layer metrics.
    this.row = row;
    observePolicy(state, this.scenario, row, this.setPolicy);
  }

  private quantile(q: number, n: number): number {
    const target = q * n;
    let cum = 0;
    for (let b = 0; b < this.hist.length; b++) {
      cum += this.hist[b];
      if (cum >= target) return b / 1000;
    }
    return 1;
  }
}
