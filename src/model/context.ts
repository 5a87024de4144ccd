/**
 * What every rule receives: the state, the scenario (parameters), the named
 * random streams and the per-tick conversions of the yearly rates.
 */
import type { Streams } from '../engine/rng.ts';
import { perTickProbability, perTickShare } from '../engine/loop.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { ModelState } from './state.ts';

export interface PerTick {
  /** Years per tick. */
  dt: number;
  lencioniAdjust: number;
  internalTrustAdjust: number;
  capacityAdjust: number;
  planDecay: number;
  /** Teacher leaving probabilities per tick without community (all, maths). */
  teacherLeave: number;
  mathsLeave: number;
  /** Standard deviation of the effectiveness shock in one tick. */
  effectivenessNoise: number;
}

export interface Ctx {
  state: ModelState;
  scenario: Scenario;
  rng: Streams;
  perTick: PerTick;
}

export function perTickRates(s: Scenario): PerTick {
  const tpy = s.ticksPerYear;
  const M = s.model;
  const T = s.turnover;
  return {
    dt: 1 / tpy,
    lencioniAdjust: perTickShare(M.lencioni.adjustRate, tpy),
    internalTrustAdjust: perTickShare(M.improvement.internalTrustRate, tpy),
    capacityAdjust: perTickShare(M.improvement.capacityRate, tpy),
    planDecay: perTickShare(M.peerReview.planDecay, tpy),
    teacherLeave: perTickProbability(1 - Math.pow(T.teacherFiveYearRetention, 1 / 5), tpy),
    mathsLeave: perTickProbability(1 - Math.pow(T.mathsFiveYearRetention, 1 / 5), tpy),
    effectivenessNoise: M.improvement.noise * Math.sqrt(1 / tpy),
  };
}
