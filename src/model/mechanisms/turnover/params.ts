/**
 * Leader turnover: the head-leaving hazard (the leader half of `turnover`)
 * and the events that replace heads or change the hazard.
 */
import { z } from 'zod';
import { YEAR_MAX, unit } from '../../core/params.ts';

/** Fields of `turnover` that concern heads (the schema joins them with retention's). */
export const LeaderTurnoverFields = {
  leaderRate: z.number().min(0).max(1).default(0.08).describe('Annual hazard that a head leaves, before stress (per year).'),
  stressWeight: z
    .number()
    .min(0)
    .max(5)
    .default(1)
    .describe('Relative rise in the hazard under full stress (a poor inspection in the past year, low staff trust).'),
};

export const LeaderLeavesEvent = z
  .strictObject({
    event: z.literal('leaderLeaves'),
    year: z.number().min(0).max(YEAR_MAX).describe('When the event happens (years from the start).'),
    school: z.union([z.string(), z.number().int().min(0)]).describe('School name or index whose head leaves.'),
  })
  .describe('A head leaves and a newcomer arrives: relationships restart (seed 001).');

export const TurnoverShockEvent = z
  .strictObject({
    event: z.literal('turnoverShock'),
    year: z.number().min(0).max(YEAR_MAX),
    share: unit('Share of heads who leave at once.'),
  })
  .describe('Many heads leave at once (a turnover shock).');

export const LeaderRateEvent = z
  .strictObject({
    event: z.literal('leaderRate'),
    year: z.number().min(0).max(YEAR_MAX),
    rate: z.number().min(0).max(1).describe('New annual leader turnover hazard.'),
  })
  .describe('The background rate of leader turnover changes.');
