/**
 * A scenario's question answered over replications (experiment/answer.ts
 * computes it; answer-report.ts and answer-charts.ts present it). Arm B is
 * the scenario, arm A its counterfactual; both ran on the same seeds.
 */

/** One metric at the answer's year. */
export interface AnswerRow {
  metric: string;
  /** Short label for tables and prose. */
  label: string;
  unit: string;
  /** Year the value is read at. */
  year: number;
  /** Replications with a value (both arms, when there is a counterfactual). */
  n: number;
  /** The scenario's mean over replications and the 95% interval of that mean. */
  mean: number;
  meanLow: number;
  meanHigh: number;
  /** With a counterfactual: its mean, and the mean paired difference (scenario minus counterfactual) with its 95% t interval. */
  counterfactualMean?: number;
  effect?: number;
  effectLow?: number;
  effectHigh?: number;
  /** Standardised paired effect (effect / sd of the paired differences), and the two-sided paired t test. */
  dz?: number;
  pValue?: number;
}

/** A band over time: low, middle and high per tick (NaN where not observed). */
export interface Band {
  metric: string;
  /** 'scenario' and 'counterfactual': 5th, 50th and 95th percentiles over runs; 'effect': the paired difference's mean and 95% interval. */
  arm: 'scenario' | 'counterfactual' | 'effect';
  low: number[];
  mid: number[];
  high: number[];
}

export interface ReplicatedAnswer {
  question: string;
  /** The question's outcome metric. */
  outcome: string;
  /** Year the answer is read at. */
  year: number;
  /** Rows per year of the bands (the model's ticks per year unless recorded once a year). */
  ticksPerYear: number;
  /** Model ticks between two rows of the bands (absent: 1). */
  ticksPerRow?: number;
  reps: number;
  /** Seed of each replication (replication 1 is the run shown in detail). */
  seeds: number[];
  counterfactual?: { label: string; source: string };
  /** The outcome first, then the supporting metrics. */
  rows: AnswerRow[];
  bands: Band[];
  /** Each replication's value of every row's metric at the answer's year, per arm. */
  runs: { rep: number; seed: number; arm: 'scenario' | 'counterfactual'; values: Record<string, number> }[];
}
