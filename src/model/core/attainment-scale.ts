/**
 * The pupil-attainment scale of school effectiveness: the national
 * distribution of school effects (mean 0, SD betweenSchoolSd), how fast a
 * school's transient part regresses toward its long-run level, and a
 * school's standing (its national percentile) for rules that need a 0..1
 * reading of how good a school is.
 */
import { errorFunction } from 'simple-statistics';

/** The parts of `model.improvement` that define the scale (mechanisms/improvement/params.ts). */
interface Improvement {
  betweenSchoolSd: number;
  persistence: number;
  stableShare: number;
  headEffect: number;
}

/** National reference for head competence (the `leaders.competence` default): a head at the mean adds nothing to the long-run level. */
export const NATIONAL_COMPETENCE = { mean: 0.6, sd: 0.12 } as const;

/**
 * Regression rate kappa (per year) of the transient part: with a stable share s of the
 * variance, the year-to-year correlation is s + (1 - s) exp(-kappa) = persistence.
 */
export function regressionRate(I: Improvement): number {
  const s = I.stableShare >= 0.999 ? 0.999 : I.stableShare;
  const ratio = (I.persistence - s) / (1 - s);
  return -Math.log(ratio < 0.01 ? 0.01 : ratio);
}

/** Per-tick constants of the improvement rule (an exact discretisation of a yearly process, so no result depends on the tick length). */
export interface ImprovementStep {
  /** Share of the transient part kept over one tick: exp(-kappa dt). */
  keep: number;
  /** Effect of one year's push sustained over one tick: (1 - keep) / kappa. */
  pushGain: number;
  /** SD of the random change in one tick, keeping the transient variance at (1 - s) * sd^2. */
  shock: number;
}

export function improvementStep(I: Improvement, dt: number): ImprovementStep {
  const kappa = regressionRate(I);
  const keep = Math.exp(-kappa * dt);
  return {
    keep,
    pushGain: (1 - keep) / kappa,
    shock: I.betweenSchoolSd * Math.sqrt((1 - I.stableShare) * (1 - keep * keep)),
  };
}

/** A head's contribution to the long-run level of the school (pupil SD). */
export function headContribution(I: Pick<Improvement, 'headEffect'>, competence: number): number {
  return (I.headEffect * (competence - NATIONAL_COMPETENCE.mean)) / NATIONAL_COMPETENCE.sd;
}

/** National percentile (0..1) of a school effect e. */
export function standingOf(e: number, sd: number): number {
  return 0.5 * (1 + errorFunction(e / (sd * Math.SQRT2)));
}
