/**
 * What a finished calibration hands to its writers (outputs.ts, report.ts).
 */
import type { LoadedTargets } from './load.ts';
import type { AbcResult } from './abc-smc.ts';
import type { SmmResult } from './smm.ts';
import type { ParameterSummary, TargetCheck } from './summary.ts';

export interface CalibrationOutcome {
  parameters: ParameterSummary[];
  checks: TargetCheck[];
  correlations: { a: string; b: string; r: number }[];
  stopped: string;
}

export interface OutputInput {
  loaded: LoadedTargets;
  method: 'abc-smc' | 'smm';
  abc?: AbcResult;
  smm?: SmmResult;
  /** Simulated targets of each predictive draw. */
  checks: number[][];
  seed: number;
  report: boolean;
  runs: { executed: number; replayed: number };
}
