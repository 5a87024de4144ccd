/** The shapes of an experimental design: factors, points, and the layouts Sobol and Morris estimators need. */
import type { FactorValue } from './factor-value.ts';

export type { FactorValue };

export interface FactorDef {
  /** Column name in the output tables. */
  name: string;
  /** Dotted key path into the scenario, e.g. `turnover.leaderRate`. */
  path: string;
  /** Discrete levels (factorial: the levels crossed; sampling designs: chosen uniformly). */
  levels?: FactorValue[];
  /** Continuous range. */
  min?: number;
  max?: number;
  /** Number of evenly spaced levels taken from the range by a factorial design. */
  steps?: number;
  /** Round sampled values to whole numbers. */
  integer?: boolean;
}

export type DesignSpec =
  | { type: 'factorial' }
  | { type: 'lhs'; samples: number }
  | { type: 'sobol'; baseSamples: number; bootstrap?: number; confidence?: number }
  | { type: 'morris'; trajectories: number; levels?: number; candidates?: number; bootstrap?: number; confidence?: number }
  | { type: 'explicit'; points: Record<string, FactorValue>[] };

export type DesignType = DesignSpec['type'];

export interface DesignPoint {
  index: number;
  values: FactorValue[];
  /** Position in the design's own structure: `A/12`, `AB3/12`, `B/12` (Sobol), `t2.s3` (Morris). */
  label?: string;
  /** Canonical identity used for seeding. */
  id: string;
}

export interface SaltelliLayout {
  /** Number of base samples N. */
  n: number;
  /** Number of factors k. Point j*(k+2)+0 is A_j, +i (1..k) is AB_i,j, +k+1 is B_j. */
  k: number;
}

export interface MorrisTrajectory {
  /** Index of the trajectory's first point; its k+1 points are consecutive. */
  start: number;
  /** Factor moved at each step (length k). */
  order: number[];
  /** Signed step in unit coordinates for each step (+delta or -delta). */
  steps: number[];
}

export interface MorrisLayout {
  levels: number;
  delta: number;
  trajectories: MorrisTrajectory[];
}

export interface Design {
  type: DesignType;
  factors: FactorDef[];
  points: DesignPoint[];
  saltelli?: SaltelliLayout;
  morris?: MorrisLayout;
}
