/** Hubs, Research Schools and alliances (`hubs`), and the events that replace or disrupt them. */
import { z } from 'zod';
import { kmOrNone, pushPerYear, unit, yearKey } from '../../core/params.ts';

export const PROVIDERS = ['mathsHub', 'teachingSchoolHub', 'researchSchool', 'alliance'] as const;

export const HubsSchema = z
  .strictObject({
    mathsHubKm: kmOrNone(
      'Distance from the locality centre to its Maths Hub lead school; a distance inside the area makes a locality school the lead. Default from the preset (city: in the area; town and shire: remote; seed 003)',
    ),
    teachingSchoolHubKm: kmOrNone('The same for the Teaching School Hub. Default from the preset (seed 003)'),
    researchSchoolKm: kmOrNone('The same for the Research School. Default from the preset (seed 003: 28 Research Schools in England)'),
    mathsHubs: z.number().int().min(0).max(1000).default(40).describe('National preset: Maths Hubs in England (seed 003: 40), scaled by `locality.scale`.'),
    teachingSchoolHubs: z.number().int().min(0).max(1000).default(87).describe('National preset: Teaching School Hubs (seed 003: 87), scaled.'),
    researchSchools: z.number().int().min(0).max(1000).default(28).describe('National preset: Research Schools (seed 003: 28), scaled.'),
    teachingSchoolHubsActive: z
      .boolean()
      .default(true)
      .describe(
        'Whether Teaching School Hubs exist at the start; false = the alliance era before September 2021 (an event `replaceAlliancesByHubs` opens them).',
      ),
    alliances: z
      .number()
      .int()
      .min(0)
      .max(5000)
      .default(0)
      .describe('Teaching school alliances at the start: per locality, or in England for the national preset (seed 003: 750 before 2021), scaled.'),
    allianceCoverage: unit(
      'Share of schools near an alliance\'s teaching school that belong to it (seed 004: "about a third of schools in England are currently engaged in some form with TSAs").',
    ).default(0.33),
    allianceMeetingsPerYear: z.number().min(0).max(52).default(4).describe('Meetings per year of an alliance (per year).'),
    engagementMax: unit('Yearly chance that a school next to its hub engages with it (works with it that year).').default(0.7),
    distanceDecayKm: z
      .number()
      .min(0.1)
      .max(1000)
      .default(12)
      .describe('Distance over which the pull of a hub falls by a factor e (km) (seed 003: "geographic location ... may discourage others").'),
    networkCarry: z
      .number()
      .min(0)
      .max(10)
      .default(0.8)
      .describe(
        'Pull of a hub carried by trusted ties: per unit of trust in heads already engaged with it (seed 003: remote hubs reach Shire "by assimilating into the existing network of head teachers").',
      ),
    carryTrust: unit('Trust a tie needs to carry a hub in.').default(0.5),
    capacityShare: unit('Places per year of a hub, as a share of the schools in its area.').default(0.5),
    workGroupSize: z.number().int().min(2).max(30).default(8).describe('Schools per hub work group (seed 003 and seed 000: Maths Hub work groups).'),
    workGroupMeetingsPerYear: z.number().min(0).max(52).default(3).describe('Meetings per year of a hub work group (per year; low cadence).'),
    cpdGain: pushPerYear(
      'Improvement push a school gets from each hub or alliance it engages with (through the trust gate and capacity; a prior: teacher professional development raises pupil attainment by a few hundredths of an SD, docs/sources.md)',
    ).default(0.015),
    designationFloor: z
      .number()
      .min(-1)
      .max(1)
      .nullable()
      .default(null)
      .describe(
        'Effectiveness (pupil SD) below which a lead school loses its designation at the yearly check (seed 004: teaching schools judged "good" lost designation); null = never.',
      ),
    successionChance: unit(
      'Chance that another school takes on a provider whose lead lost its designation (seed 004: "sometimes other schools in the alliance were able to take on ... for others, the main activity of the TSAs stopped").',
    ).default(0.5),
  })
  .prefault({})
  .describe('Maths Hubs, Teaching School Hubs, Research Schools and teaching school alliances, and how schools engage with them (seeds 003 and 004).');

export const ReplaceAlliancesByHubsEvent = z
  .strictObject({
    event: z.literal('replaceAlliancesByHubs'),
    year: yearKey,
  })
  .describe(
    'Teaching school alliances close and Teaching School Hubs open (seed 003: "750 separate Teaching School Alliances replaced by 87 Teaching School Hubs", September 2021).',
  );

export const LoseDesignationEvent = z
  .strictObject({
    event: z.literal('loseDesignation'),
    year: yearKey,
    provider: z.enum(PROVIDERS).describe('Kind of provider whose lead school loses its designation.'),
    index: z.number().int().min(0).optional().describe('Which provider of that kind (0 = the first; default: the one serving most schools).'),
    succession: z.boolean().optional().describe('Force (true) or prevent (false) a successor; default by chance (`hubs.successionChance`).'),
  })
  .describe(
    'A lead school loses its designation and what it led is disrupted: its work groups stop (seed 004: "the lead school in an alliance losing its outstanding designation").',
  );
