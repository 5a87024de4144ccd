/** Boundary spanners (`spanners`) and the events in which they leave or join. */
import { z } from 'zod';
import { WEIGHT_MAX, unit, yearKey } from '../../core/params.ts';

export const SPANNER_ROLES = ['hubLead', 'specialistLeader', 'governor'] as const;

export const SpannersSchema = z
  .strictObject({
    count: z
      .number()
      .int()
      .min(0)
      .max(5000)
      .optional()
      .describe(
        'Boundary spanners at the start (per locality for the national preset). Default from the preset (shire: "a network of high-level boundary spanners sit on one another\'s boards", seed 003).',
      ),
    roles: z
      .strictObject({
        hubLead: z.number().min(0).max(WEIGHT_MAX).optional().describe('Relative weight of hub roles (leads or works for a hub, joins its work groups).'),
        specialistLeader: z
          .number()
          .min(0)
          .max(WEIGHT_MAX)
          .optional()
          .describe('Relative weight of specialist leaders of education (work across schools of other groups).'),
        governor: z.number().min(0).max(WEIGHT_MAX).optional().describe("Relative weight of governors of other schools (sit on one another's boards)."),
      })
      .prefault({})
      .describe('Mix of boundary-spanning roles (seed 003: hub lead, SLE, governor). Default from the preset.'),
    extraGroups: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(2)
      .describe(
        'Groups a boundary spanner belongs to beyond its own school\'s: the links between otherwise separate networks (seed 003, after Burt: "filling structural holes").',
      ),
    boardMeetingsPerYear: z.number().min(0).max(52).default(3).describe("Meetings per year of the governor spanners' shared board network (per year)."),
    successionChance: unit(
      'Chance that another head takes on the roles of a spanner who leaves (seed 003: "How might an LLS ... manage succession?").',
    ).default(0.3),
  })
  .prefault({})
  .describe('Boundary spanners: leaders with roles in several organisations (seed 003).');

export const SpannersLeaveEvent = z
  .strictObject({
    event: z.literal('spannersLeave'),
    year: yearKey,
    share: unit('Share of boundary spanners who give up their roles.').default(1),
    role: z
      .enum(['any', ...SPANNER_ROLES])
      .default('any')
      .describe('Only spanners with this role.'),
  })
  .describe('Boundary spanners give up their extra roles (seed 003: "What happens if a boundary spanner leaves an LLS?").');

export const SpannersJoinEvent = z
  .strictObject({
    event: z.literal('spannersJoin'),
    year: yearKey,
    count: z.number().int().min(1).max(5000).describe('New boundary spanners (per locality for the national preset).'),
    role: z.enum(SPANNER_ROLES).default('specialistLeader').describe('Their role.'),
  })
  .describe('Heads take on boundary-spanning roles (seed 003: building capacity for boundary spanners).');
