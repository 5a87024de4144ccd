/**
 * Parameters of relational trust between heads (`model.trust`), and the
 * timeline events that shock it (an inspection downgrade, a hidden agenda).
 */
import { z } from 'zod';
import { YEAR_MAX, unit } from '../../core/params.ts';

export const TrustParams = z
  .strictObject({
    buildRate: unit(
      'Share of the gap to a better observation closed per meeting: trust is slow to build (seed 001, "you have to constantly rebuild trust").',
    ).default(0.06),
    loseRate: unit('Share of the gap to a worse observation closed per meeting: trust is quick to lose.').default(0.25),
    observationNoise: z.number().min(0).max(0.5).default(0.12).describe('Half-width of the uniform noise on each observed behaviour.'),
    newcomerBase: unit('Baseline perception of a stranger for a leader with zero propensity to trust.').default(0.25),
    newcomerSpan: unit('Extra baseline perception per unit of propensity to trust.').default(0.4),
    assimilation: unit('Extra newcomer baseline in a group with a code of conduct (norms that assimilate newcomers).').default(0.1),
    challengeCushion: unit('Share of defensive reactions to challenge that a code of conduct prevents.').default(0.4),
    informalVulnerabilityBoost: z
      .number()
      .min(0)
      .max(2)
      .default(0.5)
      .describe('Relative increase in vulnerability shown when partnerships protect informal time.'),
    noLeadMeetingChance: unit('Chance that a scheduled meeting actually happens without a named partnership lead.').default(0.7),
    commitmentChance: unit('Chance per meeting that a partner makes a commitment whose keeping can be observed, without written roles.').default(0.35),
    rolesCommitmentChance: unit('The same chance with a written agreement and roles.').default(0.7),
    tableSize: z
      .number()
      .int()
      .min(2)
      .max(1000)
      .default(8)
      .describe(
        'Most heads who all interact at one meeting. A larger group meets at tables (drawn afresh each meeting, sizes differing by at most one), and a head observes, confides in and challenges only the heads at its table. A prior (range 4-12), no direct source.',
      ),
  })
  .prefault({})
  .describe('Bryk & Schneider relational trust between leaders.');

export const InspectionDowngradeEvent = z
  .strictObject({
    event: z.literal('inspectionDowngrade'),
    year: z.number().min(0).max(YEAR_MAX),
    school: z.union([z.string(), z.number().int().min(0)]),
    drop: unit("Share of partners' view of the head's competence lost, and fall in internal trust.").default(0.15),
  })
  .describe("An inspection downgrade: the school's judgement falls a grade (a poor inspection), staff trust and the head's standing suffer.");

export const HiddenAgendaEvent = z
  .strictObject({
    event: z.literal('hiddenAgenda'),
    year: z.number().min(0).max(YEAR_MAX),
    school: z.union([z.string(), z.number().int().min(0)]),
  })
  .describe("A head's hidden agenda comes out: partners' integrity perceptions of that head collapse (Covey: create transparency; seed 001).");
