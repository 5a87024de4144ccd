/** Competition between nearby schools (`competition`) and the event that changes it. */
import { z } from 'zod';
import { perYear, unit, yearKey } from '../../core/params.ts';

export const CompetitionSchema = z
  .strictObject({
    choiceIntensity: unit(
      'How freely families choose between schools (0 = no competition). Default from the preset; 0 without a locality (seed 003: "increased choice is associated with increased competition between schools").',
    ).optional(),
    fallingRolls: z
      .number()
      .min(0)
      .max(0.3)
      .optional()
      .describe(
        'Share of pupils lost each year to a demographic fall (per year) (seed 003: "a demographic drop in pupil numbers"). Default from the preset; 0 without a locality.',
      ),
    selectiveExpansion: unit(
      'Share of the most effective schools that expand each year, drawing pupils from their neighbours (per year). Default 0.',
    ).optional(),
    radiusKm: z.number().min(0.1).max(100).default(3).describe('Schools closer than this compete for the same families (km).'),
    rollsSensitivity: z.number().min(0).max(50).default(5).describe('Rise in rivalry per unit share of empty places.'),
    trustPenalty: perYear("Drift of a rival's perceived regard and integrity toward suspicion, at full rivalry").default(0.6),
    stanceSensitivity: z
      .number()
      .min(0)
      .max(10)
      .default(1.5)
      .describe("How strongly rivalry moves a school's knowledge stance from share toward protect or sell (seed 003: protect / sell / share)."),
    stanceRate: unit('Share of schools that reconsider their knowledge stance each year (per year).').default(0.5),
  })
  .prefault({})
  .describe('Competition between nearby schools: falling rolls, parental choice and selective expansion (model brief 3.9; seed 003).');

export const CompetitionEvent = z
  .strictObject({
    event: z.literal('competition'),
    year: yearKey,
    choiceIntensity: unit('New parental choice intensity.').optional(),
    fallingRolls: z.number().min(0).max(0.3).optional().describe('New yearly fall in pupil numbers (per year).'),
    selectiveExpansion: unit('New yearly share of expanding schools (per year).').optional(),
  })
  .describe('Competition changes: choice, falling rolls or selective expansion (seed 003).');
