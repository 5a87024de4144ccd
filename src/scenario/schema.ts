/**
 * The scenario schema: the single source of truth for scenario files.
 * TypeScript types, defaults, validation, the exported JSON Schema
 * (schema/scenario.schema.json) and the reference docs (docs/scenarios.md)
 * all come from this file.
 *
 * Every parameter is documented here with its unit and, where one exists,
 * the source document it is drawn from (see docs/ODD.md for the equations).
 */
import { z } from 'zod';

const unit = (d: string) => z.number().min(0).max(1).describe(d);

/** A trait or state distributed over agents: a normal truncated to [0, 1]. */
export const TraitDist = (mean: number, sd: number, what: string) =>
  z
    .strictObject({
      mean: unit(`Mean of ${what} (0..1).`).default(mean),
      sd: z.number().min(0).max(0.5).default(sd).describe(`Standard deviation of ${what} across agents (clipped to 0..1).`),
    })
    .prefault({})
    .describe(`Distribution of ${what} across agents: mean and standard deviation, truncated to 0..1.`);

const perYear = (d: string) => z.number().min(0).describe(`${d} (per year)`);

const LeaderTraitsOverride = z
  .strictObject({
    name: z.string().min(1).optional().describe('Display name of the headteacher (persona).'),
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
    name: z.string().min(1).describe('School name.'),
    phase: z.enum(['primary', 'secondary', 'special']).optional().describe('School phase.'),
    pupils: z.number().int().min(10).max(3000).optional().describe('Number of pupils on roll.'),
    effectiveness: unit('Initial effectiveness (latent quality 0..1).').optional(),
    internalTrust: unit('Initial staff-leader relational trust inside the school.').optional(),
    disadvantage: unit('Share of disadvantaged pupils.').optional(),
    capacity: unit('Initial improvement capacity.').optional(),
    leader: LeaderTraitsOverride.optional(),
  })
  .describe('One school given explicitly (used for workshop personas).');

export const PracticesSchema = z
  .strictObject({
    codeOfConduct: z.boolean().default(false).describe('An agreed code of conduct: newcomers are assimilated faster and challenge is less often taken as an attack (seed 001, Thanet and Barnet).'),
    partnershipLead: z.boolean().default(false).describe('A named partnership lead who keeps meetings happening (seed 001, Gratton on clear roles; seed 004 key message on senior champions).'),
    informalTime: z.boolean().default(false).describe('Protected informal time: more occasions to show vulnerability and personal regard (seed 001).'),
    writtenRoles: z.boolean().default(false).describe('A written partnership agreement with roles: commitments are explicit, so integrity is observed more often and commitment is easier (seed 001).'),
  })
  .prefault({})
  .describe('Structural practices of partnerships.');

export const PeerReviewSchema = z
  .strictObject({
    enabled: z.boolean().default(false).describe('Whether partnerships run the annual peer-review cycle: self-review, review visit, improvement workshop, 90-day follow-up (seed 001, Schools Partnership Programme).'),
    startYear: z.number().min(0).default(0).describe('Year in which the first cycle starts.'),
    reviewersPerVisit: z.number().int().min(1).max(6).default(2).describe('Number of partner heads on each review visit.'),
    trainingQuality: unit('Quality of reviewer training (scales the rigour a reviewer can bring).').default(0.7),
    followUp: z.boolean().default(true).describe('Whether the 90-day follow-up visit happens (holds the host to its improvement plan).'),
  })
  .prefault({})
  .describe('The peer-review programme.');

const Phases = z
  .strictObject({
    primary: z.number().min(0).default(1).describe('Relative weight of primary schools.'),
    secondary: z.number().min(0).default(0).describe('Relative weight of secondary schools.'),
    special: z.number().min(0).default(0).describe('Relative weight of special schools.'),
  })
  .prefault({})
  .describe('Mix of school phases (relative weights).');

export const ModelParamsSchema = z
  .strictObject({
    trust: z
      .strictObject({
        buildRate: unit('Share of the gap to a better observation closed per meeting: trust is slow to build (seed 001, "you have to constantly rebuild trust").').default(0.06),
        loseRate: unit('Share of the gap to a worse observation closed per meeting: trust is quick to lose.').default(0.25),
        observationNoise: z.number().min(0).max(0.5).default(0.12).describe('Half-width of the uniform noise on each observed behaviour.'),
        newcomerBase: unit('Baseline perception of a stranger for a leader with zero propensity to trust.').default(0.25),
        newcomerSpan: unit('Extra baseline perception per unit of propensity to trust.').default(0.4),
        assimilation: unit('Extra newcomer baseline in a group with a code of conduct (norms that assimilate newcomers).').default(0.1),
        challengeCushion: unit('Share of defensive reactions to challenge that a code of conduct prevents.').default(0.4),
        informalVulnerabilityBoost: z.number().min(0).max(2).default(0.5).describe('Relative increase in vulnerability shown when partnerships protect informal time.'),
        noLeadMeetingChance: unit('Chance that a scheduled meeting actually happens without a named partnership lead.').default(0.7),
        commitmentChance: unit('Chance per meeting that a partner makes a commitment whose keeping can be observed, without written roles.').default(0.35),
        rolesCommitmentChance: unit('The same chance with a written agreement and roles.').default(0.7),
      })
      .prefault({})
      .describe('Bryk & Schneider relational trust between leaders.'),
    lencioni: z
      .strictObject({
        adjustRate: unit('Share of the gap to its target that each Lencioni level closes in a year.').default(0.85),
        commitmentBase: unit('Commitment reachable from aired conflict without clarity of roles (Lencioni level 3).').default(0.6),
        collectiveGain: perYear('Effectiveness push a partnership gives each member at full attention to collective results').default(0.05),
      })
      .prefault({})
      .describe("Lencioni's five-level cascade in each group."),
    peerReview: z
      .strictObject({
        gain: perYear('Improvement push from a fully honest and fully rigorous review').default(0.1),
        planDecay: perYear('Share of an improvement plan that lapses').default(0.6),
        collusion: perYear('Complacency from a trusting review that lacks challenge ("collusion in mediocrity", seed 001)').default(0.05),
        damage: unit('Share of the host\'s regard and respect for its reviewers lost to a fully rigorous review it does not trust (defensiveness).').default(0.35),
      })
      .prefault({})
      .describe('Peer-review cycle effects.'),
    knowledge: z
      .strictObject({
        rate: perYear('Rate at which a school learns from a more effective, fully trusted partner, per unit of effectiveness gap').default(0.25),
        challengeInsight: perYear('Effectiveness push from a challenge that was accepted').default(0.04),
      })
      .prefault({})
      .describe('Knowledge exchange between partners.'),
    improvement: z
      .strictObject({
        ownDrive: perYear('A school\'s own improvement effort at full leader competence').default(0.035),
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
      .describe('School improvement.'),
  })
  .prefault({})
  .describe('Model parameters (rates per year; the engine converts them to the tick length).');

export const TimelineEventSchema = z.discriminatedUnion('event', [
  z
    .strictObject({
      event: z.literal('leaderLeaves'),
      year: z.number().min(0).describe('When the event happens (years from the start).'),
      school: z.union([z.string(), z.number().int().min(0)]).describe('School name or index whose head leaves.'),
    })
    .describe('A head leaves and a newcomer arrives: relationships restart (seed 001).'),
  z
    .strictObject({
      event: z.literal('turnoverShock'),
      year: z.number().min(0),
      share: unit('Share of heads who leave at once.'),
    })
    .describe('Many heads leave at once (a turnover shock).'),
  z
    .strictObject({
      event: z.literal('inspectionDowngrade'),
      year: z.number().min(0),
      school: z.union([z.string(), z.number().int().min(0)]),
      drop: unit('Fall in effectiveness perceived by partners and in internal trust.').default(0.15),
    })
    .describe('An inspection downgrade: the school\'s grade falls, staff trust and the head\'s standing suffer.'),
  z
    .strictObject({
      event: z.literal('hiddenAgenda'),
      year: z.number().min(0),
      school: z.union([z.string(), z.number().int().min(0)]),
    })
    .describe("A head's hidden agenda comes out: partners' integrity perceptions of that head collapse (Covey: create transparency; seed 001)."),
  z
    .strictObject({
      event: z.literal('practices'),
      year: z.number().min(0),
      codeOfConduct: z.boolean().optional(),
      partnershipLead: z.boolean().optional(),
      informalTime: z.boolean().optional(),
      writtenRoles: z.boolean().optional(),
    })
    .describe('Partnerships adopt (true) or drop (false) structural practices.'),
  z
    .strictObject({
      event: z.literal('peerReview'),
      year: z.number().min(0),
      enabled: z.boolean().default(true),
      trainingQuality: unit('Reviewer training quality from now on.').optional(),
    })
    .describe('The peer-review programme starts (or stops).'),
  z
    .strictObject({
      event: z.literal('leaderRate'),
      year: z.number().min(0),
      rate: z.number().min(0).max(1).describe('New annual leader turnover hazard.'),
    })
    .describe('The background rate of leader turnover changes.'),
]);

export const ScenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Optional path to the JSON Schema, for editors.'),
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, dot, dash or underscore, starting with a letter or digit')
      .default('scenario')
      .describe('Scenario name: used for the output folder.'),
    question: z.string().default('').describe('The question this scenario answers (shown at the top of the report).'),
    description: z.string().default('').describe('What the scenario sets up and why.'),
    seed: z.number().int().min(0).max(4294967295).default(1).describe('Run seed (overridden by --seed).'),
    years: z.number().min(0.5).max(100).default(5).describe('Simulated time in years (overridden by --years).'),
    ticksPerYear: z.number().int().min(1).max(52).default(6).describe('Ticks per year: 6 = half a school term (the default), 52 = weekly.'),
    schools: z
      .strictObject({
        count: z.number().int().min(2).max(50000).default(6).describe('Number of schools (ignored when `named` lists them).'),
        named: z.array(NamedSchool).optional().describe('Schools given one by one (at least 2).'),
        phases: Phases,
        effectiveness: TraitDist(0.55, 0.1, 'initial school effectiveness'),
        internalTrust: TraitDist(0.6, 0.12, 'initial staff-leader relational trust'),
        disadvantage: TraitDist(0.25, 0.12, 'disadvantaged pupil share'),
        capacity: TraitDist(0.5, 0.12, 'initial improvement capacity'),
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
      .describe('The schools.'),
    leaders: z
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
      .describe('Headteacher traits, drawn independently for each head and for each replacement.'),
    partnerships: z
      .strictObject({
        size: z.number().int().min(2).max(12).default(6).describe('Schools per partnership (the last one may be smaller).'),
        coverage: unit('Share of schools that belong to a partnership.').default(1),
        meetingsPerYear: z.number().min(0).max(52).default(6).describe('Meetings of heads per year (per year).'),
        initialTrust: z
          .strictObject({
            mean: unit('Mean initial perception (0..1).'),
            sd: z.number().min(0).max(0.5).default(0.1).describe('Standard deviation of initial perceptions.'),
          })
          .optional()
          .describe('If given, partnerships start with this history of trust (each perception drawn from it) instead of as strangers.'),
        practices: PracticesSchema,
        peerReview: PeerReviewSchema,
      })
      .prefault({})
      .describe('Partnerships of schools (groups of heads).'),
    turnover: z
      .strictObject({
        leaderRate: z.number().min(0).max(1).default(0.08).describe('Annual hazard that a head leaves, before stress (per year).'),
        stressWeight: z.number().min(0).max(5).default(1).describe('Relative rise in the hazard under full stress (a falling grade, low staff trust).'),
        teacherFiveYearRetention: unit('Share of teachers still in post after five years without a professional community (seed 002: 60%).').default(0.6),
        mathsFiveYearRetention: unit('The same for maths and physics specialists (seed 002: 50%).').default(0.5),
        communityEffect: unit('Largest relative cut in the teacher leaving hazard from belonging to an active professional community (seed 002).').default(0.35),
        communityCadence: z.number().min(0.1).max(52).default(6).describe('Meetings per year at which a community counts as fully active (seed 000: monthly workshops).'),
      })
      .prefault({})
      .describe('Leader turnover and teacher retention.'),
    model: ModelParamsSchema,
    timeline: z.array(TimelineEventSchema).default([]).describe('Scheduled events, applied at the start of the tick nearest their year.'),
    output: z
      .strictObject({
        groupSeries: z.boolean().default(true).describe('Record Lencioni levels per group as well as overall.'),
        maxGroupSeries: z.number().int().min(0).max(1000).default(40).describe('Record per-group series only when there are at most this many groups.'),
      })
      .prefault({})
      .describe('What the run records.'),
  })
  .describe('A collabsim scenario.');

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type ModelParams = z.output<typeof ModelParamsSchema>;
export type TimelineEvent = z.output<typeof TimelineEventSchema>;
export type Practices = z.output<typeof PracticesSchema>;
