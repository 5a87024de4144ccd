/**
 * Heads' traits: drawn from the scenario's population distributions at
 * setup and again for each replacement head (turnover).
 */
import type { Rng } from '../../engine/rng.ts';
import { normal } from '../../engine/rng.ts';
import type { Scenario } from '../schema.ts';
import { clamp01, type LeaderArrays } from './state.ts';

/** One draw from a distribution truncated to [0, 1] (`TraitDist` in core/params.ts). */
export const drawTrait = (rng: Rng, d: { mean: number; sd: number }): number => clamp01(d.mean + d.sd * normal(rng));
const draw = drawTrait;

export interface TraitDraw {
  openness: number;
  candour: number;
  propensity: number;
  competitiveness: number;
  followThrough: number;
  moralPurpose: number;
  competence: number;
}

/** Draw a head's traits from the scenario's population distributions. */
export function drawLeaderTraits(rng: Rng, s: Scenario): TraitDraw {
  const L = s.leaders;
  return {
    openness: draw(rng, L.openness),
    candour: draw(rng, L.candour),
    propensity: draw(rng, L.propensityToTrust),
    competitiveness: draw(rng, L.competitiveness),
    followThrough: draw(rng, L.followThrough),
    moralPurpose: draw(rng, L.moralPurpose),
    competence: draw(rng, L.competence),
  };
}

export function setLeaderTraits(l: LeaderArrays, i: number, t: TraitDraw): void {
  l.openness[i] = t.openness;
  l.candour[i] = t.candour;
  l.propensity[i] = t.propensity;
  l.competitiveness[i] = t.competitiveness;
  l.followThrough[i] = t.followThrough;
  l.moralPurpose[i] = t.moralPurpose;
  l.competence[i] = t.competence;
}
