/**
 * Public entry points for reading scenario and sweep files.
 *
 * Files are YAML (JSON is accepted too, since JSON is a subset of YAML), read
 * with source positions (yaml-document.ts) and validated with a zod schema;
 * every problem is reported with file, line and column (zod-issues.ts). All
 * problems found in a file are thrown together as one `InputError`, sorted by
 * position.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { InputError, type Locate } from './input-error.ts';
import { loadDocument } from './yaml-document.ts';
import { validate } from './zod-issues.ts';

export { InputError, formatInputError, type InputIssue } from './input-error.ts';

/** How each `fs` error code is worded when a file cannot be read. */
export type FileErrorMessages = Readonly<Record<string, string>>;

/** Wording for unreadable scenario files; other codes print `cannot read file: <reason>`. */
export const FILE_ERROR_MESSAGES: FileErrorMessages = {
  ENOENT: 'file not found',
  EISDIR: 'is a directory, expected a YAML or JSON file',
  EACCES: 'permission denied',
};

function errorCode(e: unknown): string | undefined {
  if (!(e instanceof Error) || !('code' in e)) return undefined;
  return typeof e.code === 'string' ? e.code : undefined;
}

/** Reads a file as UTF-8; an unreadable file is reported as an `InputError` without a position. */
export function readInputFile(file: string, messages: FileErrorMessages = FILE_ERROR_MESSAGES): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = errorCode(e);
    const known = code === undefined ? undefined : messages[code];
    const message = known ?? `cannot read file: ${e instanceof Error ? e.message : String(e)}`;
    throw new InputError(file, [{ file, line: 0, column: 0, path: '', message }]);
  }
}

/**
 * Parses YAML/JSON text (without validating it) and gives a way to find the source
 * position of any key path. Throws `InputError` on syntax errors and empty files.
 * For a path that does not exist, `locate` returns the position of its deepest
 * existing ancestor.
 */
export function readDocument(text: string, file: string): { value: unknown; locate: Locate } {
  const doc = loadDocument(text, file);
  return { value: doc.value, locate: (path) => doc.locateValue(path) };
}

/** Like `parseText`, also returning where each key path is in the text. */
export function parseTextWithPositions<S extends z.ZodType>(schema: S, text: string, file: string): { value: z.output<S>; locate: Locate } {
  const doc = loadDocument(text, file);
  return { value: validate(schema, doc.value, file, doc), locate: (path) => doc.locateValue(path) };
}

/** Parses YAML or JSON text and validates it with `schema`; throws `InputError` listing every problem. */
export function parseText<S extends z.ZodType>(schema: S, text: string, file: string): z.output<S> {
  return parseTextWithPositions(schema, text, file).value;
}

/** Reads and validates a YAML/JSON file; unreadable files are reported as `InputError` too. */
export function parseFile<S extends z.ZodType>(schema: S, file: string): z.output<S> {
  return parseText(schema, readInputFile(file), file);
}

/**
 * Validates an in-memory value (e.g. built by code or merged from several files).
 * Issues have the same shape as for files, with line and column 0.
 */
export function validateValue<S extends z.ZodType>(schema: S, value: unknown, source: string): z.output<S> {
  return validate(schema, value, source, null);
}
