/**
 * School improvement (`model.improvement`). Effectiveness is the school's
 * effect on pupil attainment in pupil standard deviations (SD), measured
 * against the national distribution of school effects (national mean 0).
 * Sources for every default: docs/sources.md.
 */
import { z } from 'zod';
import { perYear, pupilSd, unit } from '../../core/params.ts';

export const ImprovementParams = z
  .strictObject({
    betweenSchoolSd: pupilSd('Standard deviation of school effects on pupil attainment across schools in England', 0.5).default(0.15),
    persistence: z
      .number()
      .min(0)
      .max(0.99)
      .default(0.8)
      .describe("Correlation of a school's effect with its effect a year earlier, in the national population."),
    stableShare: unit(
      "Share of the between-school variance that is the school's own long-run level (the rest is transient and regresses toward it). Uncertain: a prior.",
    ).default(0.5),
    headEffect: pupilSd("Rise in a school's long-run level per national SD of its head's competence").default(0.05),
    norm: z
      .number()
      .min(-0.5)
      .max(0.5)
      .default(0.004)
      .describe(
        'Improvement push (pupil SD per year) that the national status quo of collaboration gives a typical school: already inside every long-run level, so only work above or below it moves a school off that level.',
      ),
    trustGateLow: unit('Internal relational trust below which improvement work practically does not take hold (Bryk & Schneider, seed 001).').default(0.3),
    trustGateHigh: unit('Internal relational trust at which the trust gate is fully open.').default(0.75),
    improvingThreshold: pupilSd('Rise in effectiveness over a year that counts a school as improving', 0.5).default(0.05),
    internalTrustRate: perYear('Share of the gap to what the head and the staff earn that internal trust closes').default(0.5),
    capacityRate: perYear('Share of the gap to its target that improvement capacity closes').default(0.3),
    headChangeShock: unit('Share of internal trust and capacity lost when the head leaves.').default(0.2),
    headChangeCost: pupilSd("Fall in a school's effectiveness when its head leaves (disruption of the transition)").default(0.03),
    staffChurnWeight: z
      .number()
      .min(0)
      .max(5)
      .default(1)
      .describe('Relative fall in the internal trust staff can build per unit of yearly teacher leaving share (newcomers have not yet built trust).'),
    successWeight: unit('Rise in the internal trust staff can build per between-school SD of improvement over the past year (success builds trust).').default(
      0.1,
    ),
  })
  .superRefine((v, ctx) => {
    // The transient part must carry some of the year-to-year correlation: persistence = s + (1 - s) exp(-kappa).
    if (v.stableShare >= v.persistence)
      ctx.addIssue({
        code: 'custom',
        path: ['stableShare'],
        message: `stableShare (${v.stableShare}) must be below persistence (${v.persistence}): the year-to-year correlation is at least the stable share`,
      });
  })
  .prefault({})
  .describe('School improvement.');
