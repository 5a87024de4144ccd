/**
 * School inspections (`model.inspection`): how often schools are inspected,
 * how noisily a judgement reads a school's effectiveness, and the national
 * distribution of judgements the cut-points are set to reproduce.
 * Sources: docs/sources.md.
 */
import { z } from 'zod';
import { unit } from '../../core/params.ts';

export const InspectionParams = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Whether schools are inspected (judgements, and the stress a poor one puts on the head).'),
    goodCycleYears: z
      .number()
      .min(0.5)
      .max(20)
      .default(4)
      .describe('Years between inspections of a school judged Good or Outstanding (a short, ungraded inspection about every four years).'),
    weakCycleYears: z
      .number()
      .min(0.5)
      .max(20)
      .default(2.5)
      .describe('Years between inspections of a school judged Requires improvement or Inadequate (a full, graded inspection within 30 months).'),
    judgementNoise: z
      .number()
      .min(0)
      .max(1)
      .default(0.1)
      .describe(
        "Standard deviation of an inspection's error in reading the school's effectiveness (pupil SD): judgements weigh more than attainment. Uncertain: a prior.",
      ),
    shares: z
      .strictObject({
        inadequate: unit('Share of schools judged Inadequate nationally.').default(0.02),
        requiresImprovement: unit('Share judged Requires improvement.').default(0.09),
        good: unit('Share judged Good.').default(0.72),
      })
      .prefault({})
      .describe('National shares of the latest judgements that the cut-points reproduce (the rest are Outstanding).'),
  })
  .prefault({})
  .describe('School inspections.');
