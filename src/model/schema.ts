/**
 * The scenario schema: the single source of truth for scenario files.
 * TypeScript types, defaults, validation, the exported JSON Schema
 * (schema/scenario.schema.json) and the reference docs (docs/scenarios.md)
 * all come from it.
 *
 * Each mechanism owns its parameters (its `params.ts` beside its rules);
 * this file only composes them, in the order the keys appear in a file.
 * Every parameter is documented with its unit and, where one exists, the
 * source document it is drawn from (see docs/ODD.md for the equations).
 */
import { z } from 'zod';
import { LeadersSchema, SchoolsSchema } from './core/population-params.ts';
import { checkTimeline } from './timeline-check.ts';
import { checkRecording } from './recording.ts';
import { CompetitionEvent, CompetitionSchema } from './mechanisms/competition/params.ts';
import { HubsSchema, LoseDesignationEvent, ReplaceAlliancesByHubsEvent } from './mechanisms/hubs/params.ts';
import { ImprovementParams } from './mechanisms/improvement/params.ts';
import { InspectionParams } from './mechanisms/inspection/params.ts';
import { KnowledgeNetworkParams, KnowledgeParams } from './mechanisms/knowledge/params.ts';
import { LencioniParams } from './mechanisms/lencioni/params.ts';
import { LocalitySchema } from './mechanisms/locality/params.ts';
import { MatConsolidationEvent, MatOpennessEvent, MatsSchema } from './mechanisms/mats/params.ts';
import { PartnershipsSchema, PracticesEvent, type PracticesSchema } from './mechanisms/partnerships/params.ts';
import { PeerReviewEffects, PeerReviewEvent } from './mechanisms/peer-review/params.ts';
import { PracticeParams } from './mechanisms/practice-spread/params.ts';
import { TeacherRetentionFields } from './mechanisms/retention/params.ts';
import { SpannersJoinEvent, SpannersLeaveEvent, SpannersSchema } from './mechanisms/spanners/params.ts';
import { HiddenAgendaEvent, InspectionDowngradeEvent, TrustParams } from './mechanisms/trust/params.ts';
import { LeaderLeavesEvent, LeaderRateEvent, LeaderTurnoverFields, TurnoverShockEvent } from './mechanisms/turnover/params.ts';

/**
 * Default burn-in (years): the no-policy locality's mean trust and capacity
 * settle within about this long (measured in docs/ODD.md, Initialisation).
 */
export const BURN_IN_YEARS = 6;

export const ModelParamsSchema = z
  .strictObject({
    trust: TrustParams,
    lencioni: LencioniParams,
    peerReview: PeerReviewEffects,
    knowledge: KnowledgeParams,
    improvement: ImprovementParams,
    inspection: InspectionParams,
    // Policy layer (practice spread, knowledge network).
    practice: PracticeParams,
    network: KnowledgeNetworkParams,
  })
  .prefault({})
  .describe('Model parameters (rates per year; the engine converts them to the tick length).');

/** Timeline events of the policy layer (model brief section 4; seed 003). */
export const POLICY_EVENTS = [
  MatConsolidationEvent,
  MatOpennessEvent,
  ReplaceAlliancesByHubsEvent,
  LoseDesignationEvent,
  SpannersLeaveEvent,
  SpannersJoinEvent,
  CompetitionEvent,
] as const;

export const TimelineEventSchema = z.discriminatedUnion('event', [
  LeaderLeavesEvent,
  TurnoverShockEvent,
  InspectionDowngradeEvent,
  HiddenAgendaEvent,
  PracticesEvent,
  PeerReviewEvent,
  LeaderRateEvent,
  // Policy layer events.
  ...POLICY_EVENTS,
]);

/**
 * What a scenario asks and against what (`collabsim run` answers it): the
 * outcome the question is about, the year it is read at, supporting outcomes,
 * and the counterfactual the scenario is compared with. The model never reads
 * this block; the scenario loader resolves the counterfactual
 * (scenario/counterfactual.ts) and checks the metric names.
 */
export const AnswerSchema = z
  .strictObject({
    outcome: z
      .string()
      .max(100)
      .default('effectiveness_mean')
      .describe('The metric the question is about (a name from docs/outputs.md); default mean school effectiveness in pupil SD.'),
    at: z.number().min(0).max(100).optional().describe('Year at which the effect is read (default: the end of the run).'),
    also: z.array(z.string().max(100)).max(8).default([]).describe('Supporting metrics reported beside the outcome, in this order.'),
    counterfactual: z
      .strictObject({
        label: z.string().min(1).max(200).describe('What the counterfactual is, in words ("without peer review"), used in the report.'),
        file: z
          .string()
          .min(1)
          .max(1000)
          .optional()
          .describe('Another scenario file (relative to this one) to compare with. Without it: this scenario with the changes below.'),
        set: z
          .record(z.string().max(200), z.union([z.number(), z.string().max(1000), z.boolean()]))
          .optional()
          .describe('Scenario keys (dot paths) to change in the counterfactual, for example `partnerships.peerReview.enabled: false`.'),
        timeline: z.array(TimelineEventSchema).max(10000).optional().describe("The counterfactual's timeline, replacing this scenario's (`[]` for none)."),
      })
      .optional()
      .describe('The scenario this one is compared with: the world without the policy. Omit for a scenario that describes rather than compares.'),
  })
  .describe("The question's outcome and counterfactual, which `collabsim run` answers over replications.");

const TurnoverSchema = z
  .strictObject({ ...LeaderTurnoverFields, ...TeacherRetentionFields })
  .prefault({})
  .describe('Leader turnover and teacher retention.');

// Policy layer: localities, MATs, hubs, competition, boundary spanners
// (model brief sections 4 and 5; seed 003 EQuaLLS above all, seeds 001 and 004).
// Keys marked "from the locality preset" have no fixed default: the preset
// named in `locality.preset` supplies it (see mechanisms/locality/presets.ts),
// and without a locality the structure is absent (no MATs, hubs or spanners).

export const ScenarioSchema = z
  .strictObject({
    $schema: z.string().max(1000).optional().describe('Optional path to the JSON Schema, for editors.'),
    name: z
      .string()
      .max(100)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, dot, dash or underscore, starting with a letter or digit')
      .default('scenario')
      .describe('Scenario name: used for the output folder.'),
    question: z.string().max(5000).default('').describe('The question this scenario answers (shown at the top of the report).'),
    description: z.string().max(20000).default('').describe('What the scenario sets up and why.'),
    answer: AnswerSchema.optional(),
    seed: z.number().int().min(0).max(4294967295).default(1).describe('Run seed (overridden by --seed).'),
    years: z.number().min(0.5).max(100).default(5).describe('Simulated time in years (overridden by --years).'),
    ticksPerYear: z.number().int().min(1).max(52).default(6).describe('Ticks per year: 6 = half a school term (the default), 52 = weekly.'),
    burnInYears: z
      .number()
      .int()
      .min(0)
      .max(50)
      .default(BURN_IN_YEARS)
      .describe(
        'Years the model runs before year 0, under the starting structure with no timeline events, peer-review cycle or spreading practice and nothing recorded, so that trust, team levels, capacity and hub engagement start settled rather than from strangers (docs/ODD.md, Initialisation). 0 starts from the drawn initial state: a partnership that is new at year 0.',
      ),
    schools: SchoolsSchema,
    leaders: LeadersSchema,
    partnerships: PartnershipsSchema,
    turnover: TurnoverSchema,
    // Policy layer (see the comment above TurnoverSchema).
    locality: LocalitySchema.optional(),
    mats: MatsSchema,
    hubs: HubsSchema,
    competition: CompetitionSchema,
    spanners: SpannersSchema,
    model: ModelParamsSchema,
    timeline: z.array(TimelineEventSchema).max(10000).default([]).describe('Scheduled events, applied at the start of the tick nearest their year.'),
    output: z
      .strictObject({
        groupSeries: z.boolean().default(true).describe('Record Lencioni levels per group as well as overall.'),
        maxGroupSeries: z.number().int().min(0).max(1000).default(40).describe('Record per-group series only when there are at most this many groups.'),
        every: z
          .enum(['tick', 'year'])
          .optional()
          .describe(
            "How often the series is recorded: every tick (the default, when absent), or once a year (a row at each year's end, flows such as heads leaving summed over the year; the model is the same, the observer runs less often). 'year' needs whole years.",
          ),
      })
      .prefault({})
      .describe('What the run records.'),
  })
  .superRefine((s, ctx) => {
    checkTimeline(s, ctx);
    checkRecording(s, ctx);
  })
  .describe('A collabsim scenario.');

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type ModelParams = z.output<typeof ModelParamsSchema>;
export type TimelineEvent = z.output<typeof TimelineEventSchema>;
export type Answer = z.output<typeof AnswerSchema>;
export type Practices = z.output<typeof PracticesSchema>;
export type Locality = z.output<typeof LocalitySchema>;
export type MatsParams = z.output<typeof MatsSchema>;
export type HubsParams = z.output<typeof HubsSchema>;
export type CompetitionParams = z.output<typeof CompetitionSchema>;
export type SpannersParams = z.output<typeof SpannersSchema>;
