/** The place (`locality`): a preset EQuaLLS locality, a county, England, or a custom locality. */
import { z } from 'zod';
import { WEIGHT_MAX, unit } from '../../core/params.ts';

export const LOCALITY_PRESETS = ['city', 'town', 'shire', 'county', 'national', 'custom'] as const;

export const LocalitySchema = z
  .strictObject({
    preset: z
      .enum(LOCALITY_PRESETS)
      .default('custom')
      .describe(
        'Starting place. city: EQuaLLS "first mover" (dense, about half academies in local MATs, hubs close by); town: "recent mover" (two thirds academies, over 40% in medium and large MATs, many non-local, historic networks gone); shire: "assimilator" (dispersed small schools, few in large MATs, strong heads\' network with boundary spanners, hubs remote) (all seed 003); county: a county of about 420 schools, every one in a partnership (seed 001, Essex: 36 partnerships over 400 schools); national: about 20,000 schools in many localities with 40 Maths Hub and 87 Teaching School Hub areas (seed 003); custom: a generic locality shaped by the keys below.',
      ),
    schools: z
      .number()
      .int()
      .min(2)
      .max(50000)
      .optional()
      .describe(
        'Number of schools in the locality (replaces `schools.count`; ignored when `schools.named` lists schools). Default from the preset: city 78, town 72, shire 64 (seed 003: "around 60-90 primary schools"), county 420, national 20,000 x scale, custom 70.',
      ),
    scale: z
      .number()
      .min(0.005)
      .max(1)
      .default(1)
      .describe(
        'National preset only: share of England generated (1 = about 20,000 schools, 40 Maths Hubs, 87 Teaching School Hubs, 28 Research Schools; counts scale with it).',
      ),
    mix: z
      .strictObject({
        city: z.number().min(0).max(WEIGHT_MAX).default(0.3).describe('Relative weight of City-like localities.'),
        town: z.number().min(0).max(WEIGHT_MAX).default(0.35).describe('Relative weight of Town-like localities.'),
        shire: z.number().min(0).max(WEIGHT_MAX).default(0.35).describe('Relative weight of Shire-like localities.'),
      })
      .prefault({})
      .describe('National preset only: mix of locality types (relative weights).'),
    extentKm: z
      .number()
      .min(0.5)
      .max(2000)
      .optional()
      .describe(
        'Side of the square area the schools lie in (km). Default from the preset: city 6, town 9, shire 35, county 60, custom 10; for the national preset it sets the side of every locality (the side of England follows from the number of localities).',
      ),
    settlements: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe('Number of settlements (towns, villages, city districts) schools cluster around. Default from the preset.'),
    urbanShare: unit(
      'Share of schools in settlements; the rest are scattered over the rural area. Default from the preset (shire: villages "separated by sparsely populated rural zones", seed 003).',
    ).optional(),
    settlementSpreadKm: z
      .number()
      .min(0.05)
      .max(100)
      .optional()
      .describe('Standard deviation of school positions around a settlement centre (km). Default from the preset.'),
    pupilsMean: z.number().min(20).max(3000).optional().describe('Mean pupils per primary school (shire: small schools). Default from the preset.'),
    disadvantageMean: unit('Mean share of disadvantaged pupils. Default from the preset.').optional(),
    disadvantageSd: z.number().min(0).max(0.5).optional().describe('Standard deviation of the disadvantaged share across schools. Default from the preset.'),
    disadvantageGradient: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Extra disadvantaged share at a settlement centre, fading with distance (concentrated urban disadvantage). Default from the preset.'),
    partnershipCoverage: unit(
      'Share of schools in a local school-improvement partnership (replaces `partnerships.coverage`; size, cadence, practices and peer review still come from `partnerships`). Default from the preset (town: "historic networks for CPDL have largely disappeared", seed 003).',
    ).optional(),
    headsNetwork: z
      .strictObject({
        coverage: unit(
          "Share of heads in the locality's primary heads' network. Default from the preset (shire: an influential coordinating heads' group, seed 003).",
        ).optional(),
        clusterSize: z.number().int().min(2).max(40).default(10).describe('Heads per local cluster of the network (the network meets in area clusters).'),
        meetingsPerYear: z.number().min(0).max(52).default(3).describe('Cluster meetings per year (per year; termly by default).'),
        assimilating: z
          .boolean()
          .optional()
          .describe(
            'Whether the network has norms that assimilate newcomers (a code of conduct in the core trust model). Default from the preset (shire: "does an effective job of moderating or assimilating new arrivals", seed 003).',
          ),
        priorTrust: unit('Mean perception heads in the same cluster start with (social capital built before the run). Default from the preset.').optional(),
      })
      .prefault({})
      .describe("The locality's heads' network (seed 003)."),
  })
  .describe(
    'The place: a preset EQuaLLS locality, a county, England, or a custom locality (seed 003). Without this key the core layout (schools in a unit square, 10 km across) is used.',
  );
