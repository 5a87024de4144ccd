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
        challengeInsight: perYear('Effectiveness push from accepted challenges when every partner in the group has challenged once and been heard (shared out over the partners)').default(0.2),
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
    // Policy layer (practice spread, knowledge network).
    practice: z
      .strictObject({
        seedShare: unit('Share of schools that use a working practice at the start (at least one school).').default(0.03),
        rate: perYear('Largest chance that a school adopts the practice, reached when many of the heads it trusts use it').default(1),
        halfExposure: z.number().min(0.01).max(20).default(1).describe('Trust-weighted number of adopting partners at which the chance of adopting is half the largest (seed 004: a "tipping point").'),
        steepness: z.number().min(1).max(8).default(2).describe('Steepness of the response to adopting partners (1 = simple contagion; above 1 = complex contagion with a tipping point).'),
        works: z.boolean().default(true).describe('Whether the practice visibly works: a practice that does not work is rarely recommended (seed 004: "word of mouth recommendation based upon the credibility of the success").'),
        failCredibility: unit('Relative chance of adoption when the practice does not work.').default(0.1),
        effect: perYear('Effectiveness push the practice gives an adopting school (0 = a tracer that changes nothing else)').default(0),
      })
      .prefault({})
      .describe('A working practice that spreads by word of mouth along trusted ties (model brief section 7.11; seed 004).'),
    network: z
      .strictObject({
        tieTrust: unit('Trust (mean of both directions) a relationship needs to count as a knowledge tie, for network fragmentation, and for word of mouth.').default(0.5),
      })
      .prefault({})
      .describe('The knowledge network: relationships trusted enough to carry knowledge.'),
  })
  .prefault({})
  .describe('Model parameters (rates per year; the engine converts them to the tick length).');

// ---------------------------------------------------------------------------
// Policy layer: localities, MATs, hubs, competition, boundary spanners
// (model brief sections 4 and 5; seed 003 EQuaLLS above all, seeds 001 and 004).
// Keys marked "from the locality preset" have no fixed default: the preset
// named in `locality.preset` supplies it (see src/model/locality/presets.ts),
// and without a locality the structure is absent (no MATs, hubs or spanners).
// Every scenario without these keys runs exactly as before.

const kmOrNone = (d: string) => z.number().min(0).max(5000).nullable().optional().describe(`${d} (km; null = none).`);

export const LOCALITY_PRESETS = ['city', 'town', 'shire', 'county', 'national', 'custom'] as const;

export const LocalitySchema = z
  .strictObject({
    preset: z
      .enum(LOCALITY_PRESETS)
      .default('custom')
      .describe(
        'Starting place. city: EQuaLLS "first mover" (dense, about half academies in local MATs, hubs close by); town: "recent mover" (two thirds academies, over 40% in medium and large MATs, many non-local, historic networks gone); shire: "assimilator" (dispersed small schools, few in large MATs, strong heads\' network with boundary spanners, hubs remote) (all seed 003); county: a county of about 420 schools, every one in a partnership (seed 001, Essex: 36 partnerships over 400 schools); national: about 20,000 schools in many localities with 40 Maths Hub and 87 Teaching School Hub areas (seed 003); custom: a generic locality shaped by the keys below.',
      ),
    schools: z.number().int().min(2).max(50000).optional().describe('Number of schools in the locality (replaces `schools.count`; ignored when `schools.named` lists schools). Default from the preset: city 78, town 72, shire 64 (seed 003: "around 60-90 primary schools"), county 420, national 20,000 x scale, custom 70.'),
    scale: z.number().min(0.005).max(1).default(1).describe('National preset only: share of England generated (1 = about 20,000 schools, 40 Maths Hubs, 87 Teaching School Hubs, 28 Research Schools; counts scale with it).'),
    mix: z
      .strictObject({
        city: z.number().min(0).default(0.3).describe('Relative weight of City-like localities.'),
        town: z.number().min(0).default(0.35).describe('Relative weight of Town-like localities.'),
        shire: z.number().min(0).default(0.35).describe('Relative weight of Shire-like localities.'),
      })
      .prefault({})
      .describe('National preset only: mix of locality types (relative weights).'),
    extentKm: z.number().min(0.5).max(2000).optional().describe('Side of the square area the schools lie in (km). Default from the preset: city 6, town 9, shire 35, county 60, custom 10; for the national preset it sets the side of every locality (the side of England follows from the number of localities).'),
    settlements: z.number().int().min(1).max(1000).optional().describe('Number of settlements (towns, villages, city districts) schools cluster around. Default from the preset.'),
    urbanShare: unit('Share of schools in settlements; the rest are scattered over the rural area. Default from the preset (shire: villages "separated by sparsely populated rural zones", seed 003).').optional(),
    settlementSpreadKm: z.number().min(0.05).max(100).optional().describe('Standard deviation of school positions around a settlement centre (km). Default from the preset.'),
    pupilsMean: z.number().min(20).max(3000).optional().describe('Mean pupils per primary school (shire: small schools). Default from the preset.'),
    disadvantageMean: unit('Mean share of disadvantaged pupils. Default from the preset.').optional(),
    disadvantageSd: z.number().min(0).max(0.5).optional().describe('Standard deviation of the disadvantaged share across schools. Default from the preset.'),
    disadvantageGradient: z.number().min(0).max(1).optional().describe('Extra disadvantaged share at a settlement centre, fading with distance (concentrated urban disadvantage). Default from the preset.'),
    partnershipCoverage: unit('Share of schools in a local school-improvement partnership (replaces `partnerships.coverage`; size, cadence, practices and peer review still come from `partnerships`). Default from the preset (town: "historic networks for CPDL have largely disappeared", seed 003).').optional(),
    headsNetwork: z
      .strictObject({
        coverage: unit("Share of heads in the locality's primary heads' network. Default from the preset (shire: an influential coordinating heads' group, seed 003).").optional(),
        clusterSize: z.number().int().min(2).max(40).default(10).describe("Heads per local cluster of the network (the network meets in area clusters)."),
        meetingsPerYear: z.number().min(0).max(52).default(3).describe('Cluster meetings per year (per year; termly by default).'),
        assimilating: z.boolean().optional().describe('Whether the network has norms that assimilate newcomers (a code of conduct in the core trust model). Default from the preset (shire: "does an effective job of moderating or assimilating new arrivals", seed 003).'),
        priorTrust: unit("Mean perception heads in the same cluster start with (social capital built before the run). Default from the preset.").optional(),
      })
      .prefault({})
      .describe("The locality's heads' network (seed 003)."),
  })
  .describe('The place: a preset EQuaLLS locality, a county, England, or a custom locality (seed 003). Without this key the core layout (schools in a unit square, 10 km across) is used.');

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
      .describe('Governance at the start; the rest are maintained schools. Default from the preset (city about half academies, town about two thirds with over 40% in medium and large MATs, shire under half of Town\'s medium and large share; seed 003).'),
    nonLocalShare: unit('Share of medium and large trusts run from outside the locality (fewer of their schools here, leadership meets less often). Default from the preset (town: "non-local medium and large MATs", seed 003).').optional(),
    openShare: unit('Share of trusts that are open (let staff engage hubs and other trusts) rather than boundary-keeping (seed 003: closed MATs as "boundary keepers"). Default from the preset.').optional(),
    standardisation: unit('Standardisation of CPDL inside trusts: how much professional learning the trust provides from its own best practice (seed 003: "internally coherent and consistent approaches to CPDL"). Default from the preset.').optional(),
    clustering: unit('How spatially clustered a trust\'s schools are: 1 = neighbours, 0 = spread evenly (seed 003, Town: academisation "spread quite evenly across the geographic area"). Default from the preset.').optional(),
    leadershipMeetingsPerYear: z.number().min(0).max(52).default(6).describe('Meetings per year of a trust\'s heads (the MAT leadership group) (per year).'),
    clusterSize: z.number().int().min(2).max(40).default(12).describe('Most heads in one leadership group; larger trusts meet in local clusters (seed 003: larger MATs "might operate multiple local hubs").'),
    nonLocalMeetingFactor: unit('Relative meeting cadence of a non-local trust\'s leadership group.').default(0.5),
    formalRoles: z.boolean().default(true).describe('Trust leadership groups have a named lead and written roles (line management): the core model\'s partnership-lead and written-roles practices.'),
    closedHubBarrier: unit('Share of hub engagement a closed trust prevents (seed 003: closed MATs "preventing staff from engaging with the Maths Hub").').default(0.85),
    closedWithdrawal: perYear('Chance that a school in a closed trust leaves each cross-trust group (partnership, heads\' network cluster, alliance)').default(0.4),
    cpdlGain: perYear('Learning push per unit of effectiveness gap to the trust\'s most effective school, at full standardisation').default(0.12),
    strongSize: z.number().int().min(2).max(200).default(10).describe('Smallest trust that counts as "strong" for consolidation targets (the 2022 white paper\'s strong trusts; seed 003). Modelling choice.'),
    maxSize: z.number().int().min(2).max(500).default(40).describe('Largest trust a consolidating school will join.'),
  })
  .prefault({})
  .describe('Multi-academy trusts: the starting governance mix and how trusts work (seed 003).');

export const HubsSchema = z
  .strictObject({
    mathsHubKm: kmOrNone('Distance from the locality centre to its Maths Hub lead school; a distance inside the area makes a locality school the lead. Default from the preset (city: in the area; town and shire: remote; seed 003)'),
    teachingSchoolHubKm: kmOrNone('The same for the Teaching School Hub. Default from the preset (seed 003)'),
    researchSchoolKm: kmOrNone('The same for the Research School. Default from the preset (seed 003: 28 Research Schools in England)'),
    mathsHubs: z.number().int().min(0).max(1000).default(40).describe('National preset: Maths Hubs in England (seed 003: 40), scaled by `locality.scale`.'),
    teachingSchoolHubs: z.number().int().min(0).max(1000).default(87).describe('National preset: Teaching School Hubs (seed 003: 87), scaled.'),
    researchSchools: z.number().int().min(0).max(1000).default(28).describe('National preset: Research Schools (seed 003: 28), scaled.'),
    teachingSchoolHubsActive: z.boolean().default(true).describe('Whether Teaching School Hubs exist at the start; false = the alliance era before September 2021 (an event `replaceAlliancesByHubs` opens them).'),
    alliances: z.number().int().min(0).max(5000).default(0).describe('Teaching school alliances at the start: per locality, or in England for the national preset (seed 003: 750 before 2021), scaled.'),
    allianceCoverage: unit('Share of schools near an alliance\'s teaching school that belong to it (seed 004: "about a third of schools in England are currently engaged in some form with TSAs").').default(0.33),
    allianceMeetingsPerYear: z.number().min(0).max(52).default(4).describe('Meetings per year of an alliance (per year).'),
    engagementMax: unit('Yearly chance that a school next to its hub engages with it (works with it that year).').default(0.7),
    distanceDecayKm: z.number().min(0.1).max(1000).default(12).describe('Distance over which the pull of a hub falls by a factor e (km) (seed 003: "geographic location ... may discourage others").'),
    networkCarry: z.number().min(0).max(10).default(0.8).describe('Pull of a hub carried by trusted ties: per unit of trust in heads already engaged with it (seed 003: remote hubs reach Shire "by assimilating into the existing network of head teachers").'),
    carryTrust: unit('Trust a tie needs to carry a hub in.').default(0.5),
    capacityShare: unit('Places per year of a hub, as a share of the schools in its area.').default(0.5),
    workGroupSize: z.number().int().min(2).max(30).default(8).describe('Schools per hub work group (seed 003 and seed 000: Maths Hub work groups).'),
    workGroupMeetingsPerYear: z.number().min(0).max(52).default(3).describe('Meetings per year of a hub work group (per year; low cadence).'),
    cpdGain: perYear('Learning push a school gets from each hub or alliance it engages with').default(0.015),
    designationFloor: unit('Effectiveness below which a lead school loses its designation at the yearly check (seed 004: teaching schools judged "good" lost designation); 0 = never.').default(0),
    successionChance: unit('Chance that another school takes on a provider whose lead lost its designation (seed 004: "sometimes other schools in the alliance were able to take on ... for others, the main activity of the TSAs stopped").').default(0.5),
  })
  .prefault({})
  .describe('Maths Hubs, Teaching School Hubs, Research Schools and teaching school alliances, and how schools engage with them (seeds 003 and 004).');

export const CompetitionSchema = z
  .strictObject({
    choiceIntensity: unit('How freely families choose between schools (0 = no competition). Default from the preset; 0 without a locality (seed 003: "increased choice is associated with increased competition between schools").').optional(),
    fallingRolls: z.number().min(0).max(0.3).optional().describe('Share of pupils lost each year to a demographic fall (per year) (seed 003: "a demographic drop in pupil numbers"). Default from the preset; 0 without a locality.'),
    selectiveExpansion: unit('Share of the most effective schools that expand each year, drawing pupils from their neighbours (per year). Default 0.').optional(),
    radiusKm: z.number().min(0.1).max(100).default(3).describe('Schools closer than this compete for the same families (km).'),
    rollsSensitivity: z.number().min(0).max(50).default(5).describe('Rise in rivalry per unit share of empty places.'),
    trustPenalty: perYear('Drift of a rival\'s perceived regard and integrity toward suspicion, at full rivalry').default(0.6),
    stanceSensitivity: z.number().min(0).max(10).default(1.5).describe('How strongly rivalry moves a school\'s knowledge stance from share toward protect or sell (seed 003: protect / sell / share).'),
    stanceRate: unit('Share of schools that reconsider their knowledge stance each year (per year).').default(0.5),
  })
  .prefault({})
  .describe('Competition between nearby schools: falling rolls, parental choice and selective expansion (model brief 3.9; seed 003).');

export const SPANNER_ROLES = ['hubLead', 'specialistLeader', 'governor'] as const;

export const SpannersSchema = z
  .strictObject({
    count: z.number().int().min(0).max(5000).optional().describe('Boundary spanners at the start (per locality for the national preset). Default from the preset (shire: "a network of high-level boundary spanners sit on one another\'s boards", seed 003).'),
    roles: z
      .strictObject({
        hubLead: z.number().min(0).optional().describe('Relative weight of hub roles (leads or works for a hub, joins its work groups).'),
        specialistLeader: z.number().min(0).optional().describe('Relative weight of specialist leaders of education (work across schools of other groups).'),
        governor: z.number().min(0).optional().describe('Relative weight of governors of other schools (sit on one another\'s boards).'),
      })
      .prefault({})
      .describe('Mix of boundary-spanning roles (seed 003: hub lead, SLE, governor). Default from the preset.'),
    extraGroups: z.number().int().min(0).max(10).default(2).describe('Groups a boundary spanner belongs to beyond its own school\'s: the links between otherwise separate networks (seed 003, after Burt: "filling structural holes").'),
    boardMeetingsPerYear: z.number().min(0).max(52).default(3).describe('Meetings per year of the governor spanners\' shared board network (per year).'),
    successionChance: unit('Chance that another head takes on the roles of a spanner who leaves (seed 003: "How might an LLS ... manage succession?").').default(0.3),
  })
  .prefault({})
  .describe('Boundary spanners: leaders with roles in several organisations (seed 003).');

const PROVIDERS = ['mathsHub', 'teachingSchoolHub', 'researchSchool', 'alliance'] as const;
const yearKey = z.number().min(0).describe('When the event happens (years from the start).');

export const POLICY_EVENTS = [
  z
    .strictObject({
      event: z.literal('matConsolidation'),
      year: yearKey,
      rate: z.number().min(0).max(1).describe('Share of all schools that join a strong trust each year (per year).'),
      until: unit('Stop when this share of schools is in strong trusts (see `mats.strongSize`).').default(1),
      openness: z.enum(['keep', 'open', 'closed']).default('keep').describe('Openness of the trusts schools join: keep (as they are; new trusts open with chance `mats.openShare`), open, or closed (boundary-keeping).'),
      nonLocal: unit('Share of joiners that go to non-local trusts.').default(0),
      standardisation: unit('CPDL standardisation of the trusts schools join from now on (default: as they are).').optional(),
    })
    .describe('From this year, schools join strong MATs at a yearly rate until a target share is reached (seed 003: the 2022 white paper plan for every school to join a strong trust).'),
  z
    .strictObject({
      event: z.literal('matOpenness'),
      year: yearKey,
      open: z.boolean().describe('true: trusts open up to hubs and other trusts; false: they become boundary-keeping.'),
      share: unit('Share of trusts that change.').default(1),
    })
    .describe('Trusts open up, or close their boundaries (seed 003).'),
  z
    .strictObject({
      event: z.literal('replaceAlliancesByHubs'),
      year: yearKey,
    })
    .describe('Teaching school alliances close and Teaching School Hubs open (seed 003: "750 separate Teaching School Alliances replaced by 87 Teaching School Hubs", September 2021).'),
  z
    .strictObject({
      event: z.literal('loseDesignation'),
      year: yearKey,
      provider: z.enum(PROVIDERS).describe('Kind of provider whose lead school loses its designation.'),
      index: z.number().int().min(0).optional().describe('Which provider of that kind (0 = the first; default: the one serving most schools).'),
      succession: z.boolean().optional().describe('Force (true) or prevent (false) a successor; default by chance (`hubs.successionChance`).'),
    })
    .describe('A lead school loses its designation and what it led is disrupted: its work groups stop (seed 004: "the lead school in an alliance losing its outstanding designation").'),
  z
    .strictObject({
      event: z.literal('spannersLeave'),
      year: yearKey,
      share: unit('Share of boundary spanners who give up their roles.').default(1),
      role: z.enum(['any', ...SPANNER_ROLES]).default('any').describe('Only spanners with this role.'),
    })
    .describe('Boundary spanners give up their extra roles (seed 003: "What happens if a boundary spanner leaves an LLS?").'),
  z
    .strictObject({
      event: z.literal('spannersJoin'),
      year: yearKey,
      count: z.number().int().min(1).max(5000).describe('New boundary spanners (per locality for the national preset).'),
      role: z.enum(SPANNER_ROLES).default('specialistLeader').describe('Their role.'),
    })
    .describe('Heads take on boundary-spanning roles (seed 003: building capacity for boundary spanners).'),
  z
    .strictObject({
      event: z.literal('competition'),
      year: yearKey,
      choiceIntensity: unit('New parental choice intensity.').optional(),
      fallingRolls: z.number().min(0).max(0.3).optional().describe('New yearly fall in pupil numbers (per year).'),
      selectiveExpansion: unit('New yearly share of expanding schools (per year).').optional(),
    })
    .describe('Competition changes: choice, falling rolls or selective expansion (seed 003).'),
] as const;

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
  // Policy layer events.
  ...POLICY_EVENTS,
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
        disadvantageGradient: z
          .number()
          .min(0)
          .max(2)
          .default(0.3)
          .describe('Initial effectiveness lower by this much per unit of disadvantaged share above the mean (schools serving more disadvantaged pupils start lower; seed 003 on disadvantage).'),
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
    // Policy layer (see the block above TimelineEventSchema).
    locality: LocalitySchema.optional(),
    mats: MatsSchema,
    hubs: HubsSchema,
    competition: CompetitionSchema,
    spanners: SpannersSchema,
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
export type Locality = z.output<typeof LocalitySchema>;
export type MatsParams = z.output<typeof MatsSchema>;
export type HubsParams = z.output<typeof HubsSchema>;
export type CompetitionParams = z.output<typeof CompetitionSchema>;
export type SpannersParams = z.output<typeof SpannersSchema>;
