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

/**
 * Largest value a yearly rate may take. Every rate in the model is a share of
 * a gap closed, a chance, or a push on a 0..1 scale in a year; ten a year
 * already means the whole change within about five weeks, and a bound keeps
 * every run finite (a rate of 1e308 would not be).
 */
export const PER_YEAR_MAX = 10;

export const perYear = (d: string) => z.number().min(0).max(PER_YEAR_MAX).describe(`${d} (per year)`);

/** A magnitude on the attainment scale: pupil standard deviations (docs/ODD.md section 2). */
export const pupilSd = (d: string, max = 1) => z.number().min(0).max(max).describe(`${d} (pupil SD)`);

/**
 * Largest push on effectiveness a programme parameter may give, in pupil SD a
 * year: the largest effects of whole-school programmes in trials are a few
 * tenths of an SD in total (docs/sources.md), so half an SD a year is already
 * far outside the evidence while keeping every run finite.
 */
export const PUSH_MAX = 0.5;

export const pushPerYear = (d: string) => z.number().min(0).max(PUSH_MAX).describe(`${d} (pupil SD a year)`);

/** Largest relative weight (phase mix, locality mix, spanner roles): only ratios matter, so this bound loses nothing. */
export const WEIGHT_MAX = 1000;

/** Latest year an event can be set for: the longest run is 100 years. */
export const YEAR_MAX = 100;

export const kmOrNone = (d: string) => z.number().min(0).max(5000).nullable().optional().describe(`${d} (km; null = none).`);

export const yearKey = z.number().min(0).max(YEAR_MAX).describe('When the event happens (years from the start).');
