/**
 * Observation (model brief 3.10 and section 6): the per-tick metrics this
 * layer can produce, recorded into a preallocated SeriesRecorder without
 * allocating in the tick loop.
 */
import { SeriesRecorder } from '../../engine/series.ts';
import type { SeriesKey } from '../../engine/contract.ts';
import type { Scenario } from '../schema.ts';
import type { ModelState } from '../core/state.ts';
import { POLICY_METRICS, observePolicy } from './policy-metrics.ts';
import { HIST_BINS, relationshipPass } from './edge-pass.ts';
import type { ParallelWork } from '../core/context.ts';
import type { MetricDef } from './metric-def.ts';
import { PersistenceTracker } from './persistence.ts';
import { ticksPerRow } from '../recording.ts';

export type { MetricDef };

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
  {
    name: 'high_trust_share',
    unit: 'share',
    description: 'Share of relationships with trust of at least 0.7 (density of high-trust ties among existing ties).',
  },
  { name: 'lencioni_trust', unit: '0..1', description: 'Lencioni level 1 (trust), mean over groups.' },
  { name: 'lencioni_conflict', unit: '0..1', description: 'Lencioni level 2 (healthy conflict), mean over groups.' },
  { name: 'lencioni_commitment', unit: '0..1', description: 'Lencioni level 3 (commitment), mean over groups.' },
  { name: 'lencioni_accountability', unit: '0..1', description: 'Lencioni level 4 (accountability), mean over groups.' },
  { name: 'lencioni_results', unit: '0..1', description: 'Lencioni level 5 (attention to collective results), mean over groups.' },
  {
    name: 'effectiveness_mean',
    unit: 'pupil SD',
    description: "Mean school effectiveness: a school's effect on pupil attainment in pupil standard deviations (national mean 0 at the start).",
  },
  { name: 'effectiveness_sd', unit: 'pupil SD', description: 'Standard deviation of school effectiveness across schools.' },
  {
    name: 'effectiveness_persistence',
    unit: 'correlation',
    description: "Correlation across schools between each school's effectiveness now and three years earlier (whole years from year 3; empty otherwise).",
  },
  {
    name: 'effectiveness_gap',
    unit: 'pupil SD',
    description: 'Mean effectiveness of other schools minus that of the most disadvantaged third (positive: disadvantaged schools are behind).',
  },
  { name: 'share_improving', unit: 'share', description: 'Share of schools whose effectiveness rose by more than the threshold over the past year.' },
  { name: 'share_good_or_better', unit: 'share', description: 'Share of schools whose latest inspection judgement is Good or Outstanding.' },
  { name: 'share_outstanding', unit: 'share', description: 'Share of schools whose latest inspection judgement is Outstanding.' },
  { name: 'internal_trust_mean', unit: '0..1', description: 'Mean staff-leader relational trust inside schools.' },
  { name: 'capacity_mean', unit: '0..1', description: 'Mean improvement capacity.' },
  {
    name: 'knowledge_flow',
    unit: 'pupil SD per year',
    description: 'Mean learning inflow per school (improvement push before the trust gate); recorded once a year, its mean over the year.',
  },
  {
    name: 'leader_departures',
    unit: 'heads',
    description:
      "Heads who left in the tick, or in the year when the series is recorded once a year (in summary.json and a sweep's final values: in the final year).",
  },
  {
    name: 'leader_turnover_rate',
    unit: 'per year',
    description:
      "Heads leaving in the tick (or the year, when recorded once a year) as an annual share of all heads (in summary.json and a sweep's final values: the share who left in the final year).",
  },
  { name: 'teacher_retention', unit: 'share', description: 'Share of the starting cohort of teachers still in post.' },
  { name: 'teacher_retention_maths', unit: 'share', description: 'The same for maths specialists.' },
  { name: 'community_mean', unit: '0..1', description: 'Mean strength of the professional community schools belong to.' },
  {
    name: 'challenge_acceptance',
    unit: 'share',
    description: 'Share of challenges in the tick (or the year, when recorded once a year) that were accepted rather than taken as an attack.',
  },
  {
    name: 'peer_review_honesty',
    unit: '0..1',
    description: 'Mean host disclosure at review visits (empty outside visit ticks; recorded once a year, over the visits of the year).',
  },
  {
    name: 'peer_review_rigour',
    unit: '0..1',
    description: 'Mean reviewer rigour at review visits (empty outside visit ticks; recorded once a year, over the visits of the year).',
  },
  // Policy layer metrics (policy-metrics.ts).
  ...POLICY_METRICS,
];

export const GROUP_METRICS = ['lencioni_trust', 'lencioni_conflict', 'lencioni_commitment', 'lencioni_accountability', 'lencioni_results'] as const;

/** Column of an all-level metric: the recorder's first keys are METRICS, in order. */
const col = (name: string): number => {
  const i = METRICS.findIndex((m) => m.name === name);
  if (i < 0) throw new Error(`unknown metric ${name}`);
  return i;
};
const C_TRUST_MEAN = col('trust_mean');
const C_TRUST_SD = col('trust_sd');
const C_TRUST_P10 = col('trust_p10');
const C_TRUST_P50 = col('trust_p50');
const C_TRUST_P90 = col('trust_p90');
const C_RESPECT = col('respect_mean');
const C_REGARD = col('regard_mean');
const C_COMPETENCE = col('competence_mean');
const C_INTEGRITY = col('integrity_mean');
const C_HIGH = col('high_trust_share');
const C_L_TRUST = col('lencioni_trust');
const C_L_CONFLICT = col('lencioni_conflict');
const C_L_COMMITMENT = col('lencioni_commitment');
const C_L_ACCOUNTABILITY = col('lencioni_accountability');
const C_L_RESULTS = col('lencioni_results');
const C_EFF_MEAN = col('effectiveness_mean');
const C_EFF_GAP = col('effectiveness_gap');
const C_EFF_SD = col('effectiveness_sd');
const C_EFF_PERSIST = col('effectiveness_persistence');
const C_OUTSTANDING = col('share_outstanding');
const C_IMPROVING = col('share_improving');
const C_GOOD = col('share_good_or_better');
const C_INTERNAL = col('internal_trust_mean');
const C_CAPACITY = col('capacity_mean');
const C_FLOW = col('knowledge_flow');
const C_COMMUNITY = col('community_mean');
const C_RETENTION = col('teacher_retention');
const C_RETENTION_MATHS = col('teacher_retention_maths');
const C_DEPARTURES = col('leader_departures');
const C_TURNOVER = col('leader_turnover_rate');
const C_CHALLENGE = col('challenge_acceptance');
const C_HONESTY = col('peer_review_honesty');
const C_RIGOUR = col('peer_review_rigour');

/** Sums over schools into out, in the order of the assignments below. */
function schoolSums(S: ModelState['schools'], out: Float64Array): void {
  const n = S.n;
  const eff = S.effectiveness,
    dis = S.disadvantaged,
    improving = S.improving,
    grade = S.grade,
    internal = S.internalTrust,
    capacity = S.capacity;
  const learning = S.learning,
    community = S.community,
    cStart = S.cohortStart,
    cLeft = S.cohortLeft,
    mStart = S.mathsStart,
    mLeft = S.mathsLeft;
  let eSum = 0,
    eDis = 0,
    nDis = 0,
    imp = 0,
    good = 0,
    it = 0,
    cap = 0,
    flow = 0,
    com = 0,
    eSq = 0,
    outstanding = 0;
  let cohort = 0,
    cohortLeft = 0,
    maths = 0,
    mathsLeft = 0;
  for (let s = 0; s < n; s++) {
    const e = eff[s];
    eSum += e;
    eSq += e * e;
    if (grade[s] === 3) outstanding++;
    if (dis[s]) {
      eDis += e;
      nDis++;
    }
    imp += improving[s];
    if (grade[s] >= 2) good++;
    it += internal[s];
    cap += capacity[s];
    flow += learning[s];
    com += community[s];
    cohort += cStart[s];
    cohortLeft += cLeft[s];
    maths += mStart[s];
    mathsLeft += mLeft[s];
  }
  out[0] = eSum;
  out[1] = eDis;
  out[2] = nDis;
  out[3] = imp;
  out[4] = good;
  out[5] = it;
  out[6] = cap;
  out[7] = flow;
  out[8] = com;
  out[9] = cohort;
  out[10] = cohortLeft;
  out[11] = maths;
  out[12] = mathsLeft;
  out[13] = eSq;
  out[14] = outstanding;
}

/** The learning inflow summed over schools, in school order (as schoolSums adds it). */
function learningSum(S: ModelState['schools']): number {
  const learning = S.learning;
  let flow = 0;
  for (let s = 0; s < S.n; s++) flow += learning[s];
  return flow;
}

/** The relationship pass without the policy layer's part. */
const NO_POLICY = { policy: false, flags: new Uint8Array(0), thr: 0 };
const NONE = new Int32Array(0);

export class Observer {
  readonly rec: SeriesRecorder;
  private readonly hist = new Uint32Array(HIST_BINS);
  private readonly sums = new Float64Array(16);
  private readonly cols: Record<string, number> = {};
  /** Per-group series column by group name: the policy layer can rebuild groups mid-run. */
  private readonly groupColByName = new Map<string, number>();
  private readonly setPolicy: (name: string, v: number) => void;
  private readonly persistence: PersistenceTracker;

  /** Where the relationship pass without the policy layer puts its results (its policy part unused). */
  private readonly passOut = { hist: this.hist, sums: this.sums, acc: new Float64Array(6), parent: NONE, size: NONE };

  /**
   * `keys`: the series of a run restored from a saved state (its groups at setup); by default those of `state`'s groups now.
   * `parallel`: the threads the run shares its work with now (the pass over the relationships is shared too).
   */
  constructor(
    private readonly state: ModelState,
    private readonly scenario: Scenario,
    ticks: number,
    keys: SeriesKey[] = seriesKeys(state, scenario),
    private readonly parallel: () => ParallelWork | undefined = () => undefined,
  ) {
    const every = ticksPerRow(scenario);
    if (ticks % every !== 0) throw new Error(`a run recorded once a year lasts whole years: ${ticks} ticks at ${every} a year`);
    this.rec = new SeriesRecorder(keys, ticks / every + 1, state.ticksPerYear / every, every);
    for (const m of METRICS) this.cols[m.name] = this.rec.col(m.name);
    for (const k of keys)
      if (k.metric === GROUP_METRICS[0] && k.level.startsWith('group:')) this.groupColByName.set(k.level.slice(6), this.rec.col(k.metric, k.level));
    // The policy layer reports by name (a few dozen values per tick, outside any loop).
    this.setPolicy = (name, v) => this.rec.set(this.row, this.cols[name], v);
    this.persistence = new PersistenceTracker(state.schools.n, this.rec.ticksPerYear);
  }

  /** The knowledge flow summed over schools at each tick since the last row (a run recorded less often than every tick). */
  private flowBetween = 0;
  /** Ticks summed into flowBetween. */
  private ticksBetween = 0;

  /**
   * After model tick t (t = 0: the initial state): records row t / ticksPerRow when t falls on a row; between rows it
   * only keeps the knowledge flow, so that the row gives its mean over the ticks since the last one (the other flows
   * are summed in the state's tallies, schedule.ts).
   */
  afterTick(t: number): void {
    const every = this.rec.ticksPerRow;
    if (every === 1) this.observe(t);
    else if (t % every === 0) this.observe(t / every);
    else {
      this.flowBetween += learningSum(this.state.schools);
      this.ticksBetween++;
    }
  }

  private row = 0;

  /** The arrays a saved run keeps and restores (state-file.ts): the recorded series and the persistence snapshots, live. */
  savedArrays(): { series: Float64Array; persistence: Float64Array } {
    return { series: this.rec.values, persistence: this.persistence.ring };
  }

  observe(row: number): void {
    const v = this.rec.values;
    const base = row * this.rec.keys.length;
    // Policy layer metrics first: with the policy layer on, its pass over the relationships
    // also makes the relationship sums (one pass, edge-pass.ts); without it, the pass runs without its policy part.
    this.row = row;
    const { hist, sums } = this;
    const parallel = this.parallel();
    observePolicy(this.state, this.scenario, row, this.setPolicy, { hist, sums, parallel });
    if (!this.state.policy) relationshipPass(this.state, NO_POLICY, this.passOut, parallel);
    this.observeRelationships(v, base);
    this.observeGroups(v, base);
    this.observeSchools(v, base, row);
  }

  /** Trust and its four parts over all relationships (from the sums of this row's pass). */
  private observeRelationships(v: Float64Array, base: number): void {
    const { state, hist, sums } = this;
    const E = state.edges;
    const nE = E.n;
    if (nE > 0) {
      const mean = sums[0] / nE;
      v[base + C_TRUST_MEAN] = mean;
      v[base + C_TRUST_SD] = Math.sqrt(Math.max(0, sums[1] / nE - mean * mean));
      v[base + C_TRUST_P10] = quantile(hist, 0.1, nE);
      v[base + C_TRUST_P50] = quantile(hist, 0.5, nE);
      v[base + C_TRUST_P90] = quantile(hist, 0.9, nE);
      v[base + C_RESPECT] = sums[2] / nE;
      v[base + C_REGARD] = sums[3] / nE;
      v[base + C_COMPETENCE] = sums[4] / nE;
      v[base + C_INTEGRITY] = sums[5] / nE;
      v[base + C_HIGH] = sums[6] / nE;
    }
  }

  /** Lencioni levels, overall and per group. */
  private observeGroups(v: Float64Array, base: number): void {
    const G = this.state.groups;
    const nG = G.n;
    if (nG > 0) {
      const lT = G.lTrust,
        lC = G.lConflict,
        lM = G.lCommitment,
        lA = G.lAccountability,
        lR = G.lResults;
      let a = 0,
        b = 0,
        c = 0,
        d = 0,
        f = 0;
      for (let g = 0; g < nG; g++) {
        a += lT[g];
        b += lC[g];
        c += lM[g];
        d += lA[g];
        f += lR[g];
      }
      v[base + C_L_TRUST] = a / nG;
      v[base + C_L_CONFLICT] = b / nG;
      v[base + C_L_COMMITMENT] = c / nG;
      v[base + C_L_ACCOUNTABILITY] = d / nG;
      v[base + C_L_RESULTS] = f / nG;
      const byName = this.groupColByName;
      if (byName.size > 0)
        for (let g = 0; g < nG; g++) {
          const c0 = byName.get(G.names[g]);
          if (c0 === undefined) continue;
          v[base + c0] = lT[g];
          v[base + c0 + 1] = lC[g];
          v[base + c0 + 2] = lM[g];
          v[base + c0 + 3] = lA[g];
          v[base + c0 + 4] = lR[g];
        }
    }
  }

  /** Effectiveness, improvement, staff and turnover over schools. */
  private observeSchools(v: Float64Array, base: number, row: number): void {
    const { state, sums } = this;
    const { schools: S, leaders: L, tallies } = state;
    schoolSums(S, sums);
    const eSum = sums[0],
      eDis = sums[1],
      nDis = sums[2],
      imp = sums[3],
      good = sums[4],
      it = sums[5],
      cap = sums[6];
    const flow = sums[7],
      com = sums[8],
      cohort = sums[9],
      cohortLeft = sums[10],
      maths = sums[11],
      mathsLeft = sums[12];
    const n = S.n;
    v[base + C_EFF_MEAN] = eSum / n;
    v[base + C_EFF_GAP] = nDis > 0 && nDis < n ? (eSum - eDis) / (n - nDis) - eDis / nDis : 0;
    v[base + C_IMPROVING] = row === 0 ? NaN : imp / n;
    v[base + C_GOOD] = good / n;
    v[base + C_OUTSTANDING] = sums[14] / n;
    v[base + C_EFF_SD] = Math.sqrt(Math.max(0, sums[13] / n - (eSum / n) * (eSum / n)));
    v[base + C_EFF_PERSIST] = this.persistence.observe(row, S.effectiveness);
    v[base + C_INTERNAL] = it / n;
    v[base + C_CAPACITY] = cap / n;
    // The mean over the row's ticks (this tick alone when every tick is recorded: (0 + flow) / 1 is flow, to the bit).
    v[base + C_FLOW] = row === 0 ? NaN : (this.flowBetween + flow) / (this.ticksBetween + 1) / n;
    this.flowBetween = 0;
    this.ticksBetween = 0;
    v[base + C_COMMUNITY] = com / n;
    v[base + C_RETENTION] = cohort ? cohortLeft / cohort : NaN;
    v[base + C_RETENTION_MATHS] = maths ? mathsLeft / maths : NaN;
    v[base + C_DEPARTURES] = row === 0 ? NaN : tallies.departuresThisTick;
    v[base + C_TURNOVER] = row === 0 ? NaN : (tallies.departuresThisTick / L.n) * this.rec.ticksPerYear;
    v[base + C_CHALLENGE] = tallies.challenges ? tallies.challengesAccepted / tallies.challenges : NaN;
    if (tallies.reviewCount > 0) {
      v[base + C_HONESTY] = tallies.reviewHonestySum / tallies.reviewCount;
      v[base + C_RIGOUR] = tallies.reviewRigourSum / tallies.reviewCount;
    }
  }
}

/** The series a run records: every metric at level `all`, then the Lencioni levels of each group at setup when there are few enough. */
function seriesKeys(state: ModelState, scenario: Scenario): SeriesKey[] {
  const keys: SeriesKey[] = METRICS.map((m) => ({ metric: m.name, level: 'all' }));
  const G = state.groups;
  const perGroup = scenario.output.groupSeries && G.n <= scenario.output.maxGroupSeries;
  if (perGroup) for (let g = 0; g < G.n; g++) for (const m of GROUP_METRICS) keys.push({ metric: m, level: `group:${G.names[g]}` });
  return keys;
}

function quantile(hist: Uint32Array, q: number, n: number): number {
  const target = q * n;
  let cum = 0;
  for (let b = 0; b < hist.length; b++) {
    cum += hist[b];
    if (cum >= target) return b / 1000;
  }
  return 1;
}
