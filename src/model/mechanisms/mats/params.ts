/** Multi-academy trusts (`mats`) and the events that consolidate or open them. */
import { z } from 'zod';
import { perYear, unit, yearKey } from '../../core/params.ts';

export const MatsSchema = z
  .strictObject({
    shares: z
      .strictObject({
        singleAcademyTrust: unit('Share of schools that are single-academy trusts.').optional(),
        small: unit('Share of schools in small MATs (2-5 schools).').optional(),
        medium: unit('Share of schools in medium MATs (6-15 schools, seed 003).').optional(),
        large: unit('Share of schools in large MATs (16+ schools, seed 003).').optional(),
      })
      .prefault({})
      .describe(
        "Governance at the start; the rest are maintained schools. Default from the preset (city about half academies, town about two thirds with over 40% in medium and large MATs, shire under half of Town's medium and large share; seed 003).",
      ),
    nonLocalShare: unit(
      'Share of medium and large trusts run from outside the locality (fewer of their schools here, leadership meets less often). Default from the preset (town: "non-local medium and large MATs", seed 003).',
    ).optional(),
    openShare: unit(
      'Share of trusts that are open (let staff engage hubs and other trusts) rather than boundary-keeping (seed 003: closed MATs as "boundary keepers"). Default from the preset.',
    ).optional(),
    standardisation: unit(
      'Standardisation of CPDL inside trusts: how much professional learning the trust provides from its own best practice (seed 003: "internally coherent and consistent approaches to CPDL"). Default from the preset.',
    ).optional(),
    clustering: unit(
      'How spatially clustered a trust\'s schools are: 1 = neighbours, 0 = spread evenly (seed 003, Town: academisation "spread quite evenly across the geographic area"). Default from the preset.',
    ).optional(),
    leadershipMeetingsPerYear: z.number().min(0).max(52).default(6).describe("Meetings per year of a trust's heads (the MAT leadership group) (per year)."),
    clusterSize: z
      .number()
      .int()
      .min(2)
      .max(40)
      .default(12)
      .describe('Most heads in one leadership group; larger trusts meet in local clusters (seed 003: larger MATs "might operate multiple local hubs").'),
    nonLocalMeetingFactor: unit("Relative meeting cadence of a non-local trust's leadership group.").default(0.5),
    formalRoles: z
      .boolean()
      .default(true)
      .describe(
        "Trust leadership groups have a named lead and written roles (line management): the core model's partnership-lead and written-roles practices.",
      ),
    closedHubBarrier: unit(
      'Share of hub engagement a closed trust prevents (seed 003: closed MATs "preventing staff from engaging with the Maths Hub").',
    ).default(0.85),
    closedWithdrawal: perYear("Chance that a school in a closed trust leaves each cross-trust group (partnership, heads' network cluster, alliance)").default(
      0.4,
    ),
    cpdlGain: perYear(
      "Improvement push (pupil SD a year) per pupil SD by which the trust's most effective school is ahead, at full standardisation (through the trust gate and capacity; a prior, docs/sources.md)",
    ).default(0.12),
    strongSize: z
      .number()
      .int()
      .min(2)
      .max(200)
      .default(10)
      .describe('Smallest trust that counts as "strong" for consolidation targets (the 2022 white paper\'s strong trusts; seed 003). Modelling choice.'),
    maxSize: z.number().int().min(2).max(500).default(40).describe('Largest trust a consolidating school will join.'),
  })
  .prefault({})
  .describe('Multi-academy trusts: the starting governance mix and how trusts work (seed 003).');

export const MatConsolidationEvent = z
  .strictObject({
    event: z.literal('matConsolidation'),
    year: yearKey,
    rate: z.number().min(0).max(1).describe('Share of all schools that join a strong trust each year (per year).'),
    until: unit('Stop when this share of schools is in strong trusts (see `mats.strongSize`).').default(1),
    openness: z
      .enum(['keep', 'open', 'closed'])
      .default('keep')
      .describe('Openness of the trusts schools join: keep (as they are; new trusts open with chance `mats.openShare`), open, or closed (boundary-keeping).'),
    nonLocal: unit('Share of joiners that go to non-local trusts.').default(0),
    standardisation: unit('CPDL standardisation of the trusts schools join from now on (default: as they are).').optional(),
  })
  .describe(
    'From this year, schools join strong MATs at a yearly rate until a target share is reached (seed 003: the 2022 white paper plan for every school to join a strong trust).',
  );

export const MatOpennessEvent = z
  .strictObject({
    event: z.literal('matOpenness'),
    year: yearKey,
    open: z.boolean().describe('true: trusts open up to hubs and other trusts; false: they become boundary-keeping.'),
    share: unit('Share of trusts that change.').default(1),
  })
  .describe('Trusts open up, or close their boundaries (seed 003).');
