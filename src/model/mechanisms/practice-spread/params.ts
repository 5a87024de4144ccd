/** A working practice that spreads by word of mouth (`model.practice`). */
import { z } from 'zod';
import { perYear, pushPerYear, unit } from '../../core/params.ts';

export const PracticeParams = z
  .strictObject({
    seedShare: unit('Share of schools that use a working practice at the start (at least one school).').default(0.03),
    rate: perYear('Largest chance that a school adopts the practice, reached when many of the heads it trusts use it').default(1),
    halfExposure: z
      .number()
      .min(0.01)
      .max(20)
      .default(1)
      .describe('Trust-weighted number of adopting partners at which the chance of adopting is half the largest (seed 004: a "tipping point").'),
    steepness: z
      .number()
      .min(1)
      .max(8)
      .default(2)
      .describe('Steepness of the response to adopting partners (1 = simple contagion; above 1 = complex contagion with a tipping point).'),
    minSources: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(2)
      .describe(
        'Trusted heads who must use the practice before a school considers it (complex contagion: one voice is not enough; Centola & Macy 2007, Centola 2010). 1 = simple contagion.',
      ),
    works: z
      .boolean()
      .default(true)
      .describe(
        'Whether the practice visibly works: a practice that does not work is rarely recommended (seed 004: "word of mouth recommendation based upon the credibility of the success").',
      ),
    failCredibility: unit('Relative chance of adoption when the practice does not work.').default(0.1),
    effect: pushPerYear(
      'Improvement push the practice gives an adopting school (through the trust gate and capacity; 0 = a tracer that changes nothing else)',
    ).default(0),
  })
  .prefault({})
  .describe('A working practice that spreads by word of mouth along trusted ties (model brief section 7.11; seed 004).');
