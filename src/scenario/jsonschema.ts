/**
 * JSON Schema export for scenario and sweep files, so that editors can offer
 * completion and validation while a file is being written.
 */
import { z } from 'zod';

/**
 * JSON Schema (draft 2020-12) for the *input* side of `schema`: keys with defaults
 * are optional, as they are in a file. `$id` and `title` are placed after `$schema`.
 * Throws if the schema contains something JSON Schema cannot express (e.g. z.custom).
 */
export function toJsonSchema(schema: z.ZodType, opts: { title: string; id: string }): Record<string, unknown> {
  const generated: Record<string, unknown> = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' });
  const { $schema, $id: _ownId, title: _ownTitle, ...rest } = generated;
  return {
    $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema',
    $id: opts.id,
    title: opts.title,
    ...rest,
  };
}
