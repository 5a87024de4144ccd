/**
 * School inspections (model brief 3.8; the inspection cycle of England's
 * framework). A school judged Good or Outstanding is seen about every
 * goodCycleYears (a short inspection that converts to a full one when the
 * evidence points to a different judgement); a school judged Requires
 * improvement or Inadequate gets a full inspection within weakCycleYears.
 *
 * An inspection reads the school's effectiveness with an error of SD
 * judgementNoise and places it against fixed cut-points on the national
 * scale, set so that the national population (mean 0, SD betweenSchoolSd)
 * gets the published shares of judgements. A judgement below Good, or any
 * downgrade, is a poor inspection: for a year it adds to the head's stress
 * (mechanisms/turnover/). A school's own drift never changes its grade
 * between inspections.
 */
import { probit } from 'simple-statistics';
import type { Ctx } from '../../core/context.ts';
import type { Rng } from '../../../engine/rng.ts';
import { normal } from '../../../engine/rng.ts';
import type { Scenario } from '../../schema.ts';

const GOOD = 2;

/** Cut-points (pupil SD) between Inadequate | RI | Good | Outstanding for the scenario's parameters. */
export function cutPoints(s: Scenario): [number, number, number] {
  const P = s.model.inspection;
  const b = s.model.improvement.betweenSchoolSd;
  const sd = Math.sqrt(b * b + P.judgementNoise * P.judgementNoise);
  const q1 = P.shares.inadequate;
  const q2 = q1 + P.shares.requiresImprovement;
  const q3 = q2 + P.shares.good;
  const at = (q: number) => sd * probit(q <= 1e-6 ? 1e-6 : q >= 1 - 1e-6 ? 1 - 1e-6 : q);
  return [at(q1), at(q2), at(q3)];
}

/** The judgement (index into GRADE_BANDS) of a school with effectiveness e. */
export function judge(e: number, cuts: readonly number[], noise: number, rng: Rng): number {
  const seen = e + noise * normal(rng);
  let g = 0;
  while (g < 3 && seen >= cuts[g]) g++;
  return g;
}

function cycleYears(s: Scenario, grade: number): number {
  return grade >= GOOD ? s.model.inspection.goodCycleYears : s.model.inspection.weakCycleYears;
}

/**
 * A judgement given outside the cycle (an `inspectionDowngrade` event): the
 * school holds it, it counts as a poor inspection, and the next inspection
 * follows the cycle for the new grade from now (within weakCycleYears for a
 * judgement below Good) unless one was due sooner.
 */
export function judgedNow(ctx: Ctx, s: number, grade: number): void {
  const { state, scenario } = ctx;
  const S = state.schools;
  const now = state.tick / state.ticksPerYear;
  S.grade[s] = grade;
  S.poorInspectionAt[s] = now;
  const next = now + cycleYears(scenario, grade);
  if (next < S.nextInspection[s]) S.nextInspection[s] = next;
}

/** At the start: every school holds a judgement from its last inspection, which fell at a random point of its cycle. */
export function initialInspections(ctx: Ctx): void {
  const { state, scenario, rng } = ctx;
  const S = state.schools;
  const cuts = cutPoints(scenario);
  const r = rng.inspection;
  for (let s = 0; s < S.n; s++) {
    S.grade[s] = judge(S.effectiveness[s], cuts, scenario.model.inspection.judgementNoise, r);
    S.nextInspection[s] = r() * cycleYears(scenario, S.grade[s]);
    S.poorInspectionAt[s] = -Infinity;
  }
}

export function inspections(ctx: Ctx): void {
  const { state, scenario, rng } = ctx;
  if (!scenario.model.inspection.enabled) return;
  const S = state.schools;
  const now = state.tick / state.ticksPerYear;
  const noise = scenario.model.inspection.judgementNoise;
  let cuts: [number, number, number] | undefined;
  for (let s = 0; s < S.n; s++) {
    if (S.nextInspection[s] > now + 1e-9) continue;
    cuts ??= cutPoints(scenario);
    const g = judge(S.effectiveness[s], cuts, noise, rng.inspection);
    if (g < S.grade[s] || g < GOOD) S.poorInspectionAt[s] = now;
    S.grade[s] = g;
    S.nextInspection[s] += cycleYears(scenario, g);
  }
}
