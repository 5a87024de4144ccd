/**
 * The peer-review programme (`partnerships.peerReview`), the effects of a
 * review (`model.peerReview`), and the event that starts or stops it.
 */
import { z } from 'zod';
import { YEAR_MAX, perYear, unit } from '../../core/params.ts';

export const PeerReviewSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe(
        'Whether partnerships run the annual peer-review cycle: self-review, review visit, improvement workshop, 90-day follow-up (seed 001, Schools Partnership Programme).',
      ),
    startYear: z.number().min(0).max(YEAR_MAX).default(0).describe('Year in which the first cycle starts.'),
    reviewersPerVisit: z.number().int().min(1).max(6).default(2).describe('Number of partner heads on each review visit.'),
    trainingQuality: unit('Quality of reviewer training (scales the rigour a reviewer can bring).').default(0.7),
    followUp: z.boolean().default(true).describe('Whether the 90-day follow-up visit happens (holds the host to its improvement plan).'),
  })
  .prefault({})
  .describe('The peer-review programme.');

export const PeerReviewEffects = z
  .strictObject({
    gain: z
      .number()
      .min(0)
      .max(2)
      .default(0.15)
      .describe('Improvement push (pupil SD a year) from the plan of a fully honest and fully rigorous review, before it lapses.'),
    planDecay: perYear('Share of an improvement plan that lapses').default(0.6),
    collusion: z
      .number()
      .min(0)
      .max(2)
      .default(0.05)
      .describe(
        'Complacency (pupil SD a year, subtracted from the push) from a fully trusting review that lacks all challenge ("collusion in mediocrity", seed 001), before it lapses.',
      ),
    damage: unit("Share of the host's regard and respect for its reviewers lost to a fully rigorous review it does not trust (defensiveness).").default(0.35),
  })
  .prefault({})
  .describe('Peer-review cycle effects.');

export const PeerReviewEvent = z
  .strictObject({
    event: z.literal('peerReview'),
    year: z.number().min(0).max(YEAR_MAX),
    enabled: z.boolean().default(true),
    trainingQuality: unit('Reviewer training quality from now on.').optional(),
  })
  .describe('The peer-review programme starts (or stops).');
