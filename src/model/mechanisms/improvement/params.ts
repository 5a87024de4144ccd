/** School improvement (`model.improvement`). */
import { z } from 'zod';
import { perYear, unit } from '../../core/params.ts';

export const ImprovementParams = z
  .strictObject({
    ownDrive: perYear("A school's own improvement effort at full leader competence").default(0.035),
    erosion: perYear('Pull of effectiveness toward the floor without improvement work').default(0.03),
    floor: unit('Effectiveness that erosion pulls toward.').default(0.2),
    disadvantageHeadwind: z.number().min(0).max(5).default(1).describe('Relative extra erosion per unit of disadvantaged share.'),
    noise: z.number().min(0).max(0.2).default(0.01).describe('Standard deviation of yearly random shocks to effectiveness.'),
    trustGateLow: unit('Internal relational trust below which improvement is practically impossible (Bryk & Schneider, seed 001).').default(0.3),
    trustGateHigh: unit('Internal relational trust at which the trust gate is fully open.').default(0.75),
    improvingThreshold: z.number().min(0).max(0.2).default(0.01).describe('Rise in effectiveness over a year that counts a school as improving.'),
    internalTrustRate: perYear('Share of the gap to its leader-shaped target that internal trust closes').default(0.25),
    capacityRate: perYear('Share of the gap to its target that improvement capacity closes').default(0.3),
    headChangeShock: unit('Share of internal trust and capacity lost when the head leaves.').default(0.2),
  })
  .prefault({})
  .describe('School improvement.');
