/**
 * Partnerships of schools (`partnerships`): size, coverage, cadence, their
 * structural practices, and the event that changes those practices.
 */
import { z } from 'zod';
import { YEAR_MAX, unit } from '../../core/params.ts';
import { PeerReviewSchema } from '../peer-review/params.ts';

export const PracticesSchema = z
  .strictObject({
    codeOfConduct: z
      .boolean()
      .default(false)
      .describe('An agreed code of conduct: newcomers are assimilated faster and challenge is less often taken as an attack (seed 001, Thanet and Barnet).'),
    partnershipLead: z
      .boolean()
      .default(false)
      .describe('A named partnership lead who keeps meetings happening (seed 001, Gratton on clear roles; seed 004 key message on senior champions).'),
    informalTime: z.boolean().default(false).describe('Protected informal time: more occasions to show vulnerability and personal regard (seed 001).'),
    writtenRoles: z
      .boolean()
      .default(false)
      .describe(
        'A written partnership agreement with roles: commitments are explicit, so integrity is observed more often and commitment is easier (seed 001).',
      ),
  })
  .prefault({})
  .describe('Structural practices of partnerships.');

export const PartnershipsSchema = z
  .strictObject({
    size: z.number().int().min(2).max(12).default(6).describe('Schools per partnership (the last one may be smaller).'),
    coverage: unit('Share of schools that belong to a partnership.').default(1),
    meetingsPerYear: z.number().min(0).max(52).default(6).describe('Meetings of heads per year (per year).'),
    initialTrust: z
      .strictObject({
        mean: unit('Mean initial perception (0..1).'),
        sd: z.number().min(0).max(0.5).default(0.1).describe('Standard deviation of initial perceptions.'),
      })
      .optional()
      .describe('If given, partnerships start with this history of trust (each perception drawn from it) instead of as strangers.'),
    practices: PracticesSchema,
    peerReview: PeerReviewSchema,
  })
  .prefault({})
  .describe('Partnerships of schools (groups of heads).');

export const PracticesEvent = z
  .strictObject({
    event: z.literal('practices'),
    year: z.number().min(0).max(YEAR_MAX),
    codeOfConduct: z.boolean().optional(),
    partnershipLead: z.boolean().optional(),
    informalTime: z.boolean().optional(),
    writtenRoles: z.boolean().optional(),
  })
  .describe('Partnerships adopt (true) or drop (false) structural practices.');
