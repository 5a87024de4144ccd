/** Knowledge exchange between partners (`model.knowledge`) and the knowledge network (`model.network`). */
import { z } from 'zod';
import { perYear, unit } from '../../core/params.ts';

export const KnowledgeParams = z
  .strictObject({
    rate: perYear('Rate at which a school learns from a more effective, fully trusted partner, per unit of effectiveness gap').default(0.25),
    challengeInsight: perYear(
      'Effectiveness push from accepted challenges when every partner in the group has challenged once and been heard (shared out over the partners)',
    ).default(0.2),
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
