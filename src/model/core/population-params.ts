/**
 * Parameters of the population: the schools (`schools`) and their heads'
 * traits (`leaders`), as they are at the start of a run.
 */
import { z } from 'zod';
import { TraitDist, WEIGHT_MAX, unit } from './params.ts';

const LeaderTraitsOverride = z
  .strictObject({
    name: z.string().min(1).max(200).optional().describe('Display name of the headteacher (persona).'),
    openness: unit('Openness to vulnerability: readiness to admit weakness and ask for help (Lencioni; seed 001).').optional(),
    candour: unit('Candour: the skill and will to challenge a peer (seed 001, "from friends to critical friends").').optional(),
    propensityToTrust: unit('Propensity to extend trust to a newcomer (seed 001).').optional(),
    competitiveness: unit('Competitiveness with peers (seed 001, Lencioni; seed 003).').optional(),
    followThrough: unit('Follow-through: keeps commitments, so actions match words (integrity; Bryk & Schneider).').optional(),
    moralPurpose: unit('Moral purpose: weight on collective over own-school results (seed 001).').optional(),
    competence: unit('Leadership competence (Bryk & Schneider; seed 001).').optional(),
  })
  .describe('Explicit traits for one headteacher; omitted traits are drawn from `leaders`.');

const NamedSchool = z
  .strictObject({
    name: z.string().min(1).max(200).describe('School name.'),
    phase: z.enum(['primary', 'secondary', 'special']).optional().describe('School phase.'),
    pupils: z.number().int().min(10).max(3000).optional().describe('Number of pupils on roll.'),
    effectiveness: z.number().min(-1).max(1).optional().describe("Initial effectiveness: the school's effect on pupil attainment (pupil SD, national mean 0)."),
    internalTrust: unit('Initial staff-leader relational trust inside the school.').optional(),
    disadvantage: unit('Share of disadvantaged pupils.').optional(),
    capacity: unit('Initial improvement capacity.').optional(),
    leader: LeaderTraitsOverride.optional(),
  })
  .describe('One school given explicitly (used for workshop personas).');

const Phases = z
  .strictObject({
    primary: z.number().min(0).max(WEIGHT_MAX).default(1).describe('Relative weight of primary schools.'),
    secondary: z.number().min(0).max(WEIGHT_MAX).default(0).describe('Relative weight of secondary schools.'),
    special: z.number().min(0).max(WEIGHT_MAX).default(0).describe('Relative weight of special schools.'),
  })
  .prefault({})
  .describe('Mix of school phases (relative weights).');

export const SchoolsSchema = z
  .strictObject({
    count: z.number().int().min(2).max(50000).default(6).describe('Number of schools (ignored when `named` lists them).'),
    named: z.array(NamedSchool).max(50000).optional().describe('Schools given one by one (at least 2).'),
    phases: Phases,
    effectiveness: z
      .strictObject({
        mean: z.number().min(-1).max(1).default(0).describe('Mean initial effectiveness of these schools (pupil SD; the national mean is 0).'),
        sd: z
          .number()
          .min(0)
          .max(0.5)
          .default(0.15)
          .describe('Standard deviation of initial effectiveness across these schools (pupil SD; nationally model.improvement.betweenSchoolSd).'),
      })
      .prefault({})
      .describe("Distribution of initial effectiveness (the school's effect on pupil attainment, pupil SD) across these schools: a normal."),
    internalTrust: TraitDist(0.55, 0.1, 'initial staff-leader relational trust'),
    disadvantage: TraitDist(0.25, 0.12, 'disadvantaged pupil share'),
    capacity: TraitDist(0.5, 0.12, 'initial improvement capacity'),
    disadvantageGradient: z
      .number()
      .min(0)
      .max(2)
      .default(0.3)
      .describe(
        'Initial effectiveness lower by this much (pupil SD) per unit of disadvantaged share above the mean (schools serving more disadvantaged pupils start lower; seed 003 on disadvantage). Uncertain: a prior.',
      ),
    teachersPerSchool: z
      .strictObject({
        primary: z.number().int().min(1).max(300).default(12),
        secondary: z.number().int().min(1).max(300).default(60),
        special: z.number().int().min(1).max(300).default(15),
      })
      .prefault({})
      .describe('Teachers per school by phase.'),
    mathsShare: unit('Share of teachers who are maths specialists.').default(0.15),
  })
  .prefault({})
  .describe('The schools.');

export const LeadersSchema = z
  .strictObject({
    openness: TraitDist(0.5, 0.15, 'openness to vulnerability'),
    candour: TraitDist(0.5, 0.15, 'candour (willingness and skill to challenge)'),
    propensityToTrust: TraitDist(0.5, 0.15, 'propensity to extend trust'),
    competitiveness: TraitDist(0.4, 0.15, 'competitiveness'),
    followThrough: TraitDist(0.75, 0.12, 'follow-through (integrity)'),
    moralPurpose: TraitDist(0.6, 0.15, 'moral purpose (collective vs own results)'),
    competence: TraitDist(0.6, 0.12, 'leadership competence'),
  })
  .prefault({})
  .describe('Headteacher traits, drawn independently for each head and for each replacement.');
