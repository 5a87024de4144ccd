/**
 * Shared fixtures for the scenario input tests: a small stand-in schema, a
 * valid file for it, and helpers to get the InputError of a bad file.
 */
import { expect } from 'vitest';
import { z } from 'zod';
import { InputError, parseText, type InputIssue } from '../../src/scenario/load.ts';

// A small stand-in for the scenario schema: nested strict objects, bounded numbers,
// enums, defaults and a list of events discriminated by `event`.
const Event = z.discriminatedUnion('event', [
  z.strictObject({
    event: z.literal('join'),
    school: z.string().describe('School joining the partnership'),
    tick: z.number().int().min(0),
  }),
  z.strictObject({
    event: z.literal('leave'),
    school: z.string(),
  }),
  z.strictObject({
    event: z.literal('shock'),
    magnitude: z.number().min(-1).max(1),
  }),
]);

export const Sample = z.strictObject({
  name: z.string().min(1).describe('Scenario name'),
  seed: z.number().int().default(42),
  structure: z.enum(['partnership', 'mat', 'hub']).default('partnership'),
  trust: z
    .strictObject({
      initial: z.number().min(0).max(1).default(0.5).describe('Starting relational trust'),
      decay: z.number().min(0).default(0.01),
    })
    .prefault({}),
  schools: z.strictObject({
    count: z.number().int().min(2).max(500),
    challenge: z.number().min(0).max(1).optional(),
  }),
  events: z.array(Event).default([]),
});

export const VALID = `name: baseline
seed: 7
structure: mat
trust:
  initial: 0.4
schools:
  count: 12
events:
  - event: join
    school: s13
    tick: 10
  - event: shock
    magnitude: -0.5
`;

/** Parses and returns the InputError, failing the test if parsing succeeds. */
export function errorOf(text: string, file = 'scenario.yaml', schema: z.ZodType = Sample): InputError {
  try {
    parseText(schema, text, file);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

export function only(e: InputError): InputIssue {
  expect(e.issues).toHaveLength(1);
  return e.issues[0];
}
