/** Knowledge exchange between partners (`model.knowledge`) and the knowledge network (`model.network`). */
import { z } from 'zod';
import { perYear, unit } from '../../core/params.ts';

export const KnowledgeParams = z
  .strictObject({
    rate: perYear(
      'Improvement push (pupil SD a year) a school draws from a fully trusted, sharing partner per pupil SD by which that partner is more effective',
    ).default(0.1),
    challengeInsight: z
      .number()
      .min(0)
      .max(1)
      .default(0.015)
      .describe(
        'Improvement impulse (pupil SD) a school gets when every partner in its group has challenged it once in a meeting and been heard, at full commitment (shared out over the partners; an event, not a rate).',
      ),
  })
  .prefault({})
  .describe('Knowledge exchange between partners.');

export const KnowledgeNetworkParams = z
  .strictObject({
    tieTrust: unit(
      'Trust (mean of both directions) a relationship needs to count as a knowledge tie, for network fragmentation, and for word of mouth.',
    ).default(0.5),
  })
  .prefault({})
  .describe('The knowledge network: relationships trusted enough to carry knowledge.');
