/**
 * zod building blocks for model parameters, so that every mechanism states
 * units the same way: a share in 0..1, a rate per year, a trait distributed
 * over agents, a distance in km, the year of a timeline event.
 */
import { z } from 'zod';

export const unit = (d: string) => z.number().min(0).max(1).describe(d);

/** A trait or state distributed over agents: a normal truncated to [0, 1]. */
export const TraitDist = (mean: number, sd: number, what: string) =>
  z
    .strictObject({
      mean: unit(`Mean of ${what} (0..1).`).default(mean),
      sd: z.number().min(0).max(0.5).default(sd).describe(`Standard deviation of ${what} across agents (clipped to 0..1).`),
    })
    .prefault({})
    .describe(`Distribution of ${what} across agents: mean and standard deviation, truncated to 0..1.`);

export const perYear = (d: string) => z.number().min(0).describe(`${d} (per year)`);

export const kmOrNone = (d: string) => z.number().min(0).max(5000).nullable().optional().describe(`${d} (km; null = none).`);

export const yearKey = z.number().min(0).describe('When the event happens (years from the start).');
