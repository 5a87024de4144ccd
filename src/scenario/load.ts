/**
 * Public entry points for reading scenario and sweep files.
 *
 * Files are YAML (JSON is accepted too, since JSON is a subset of YAML), read
 * with source positions (yaml-document.ts) and validated with a zod schema;
 * every problem is reported with file, line and column (zod-issues.ts). All
 * problems found in a file are thrown together as one `InputError`, sorted by
 * position.
 */
import { readFileSync, statSync } from 'node:fs';
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

/** Largest input file (scenario, sweep) read: far above any real one (England with every school named is about 5 MiB). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** The first line holding bytes that are not UTF-8 (1-based). */
function firstBadUtf8Line(buf: Buffer): number {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= buf.length; i++) {
    if (i < buf.length && buf[i] !== 0x0a) continue;
    try {
      strict.decode(buf.subarray(start, i));
    } catch {
      return line;
    }
    line++;
    start = i + 1;
  }
  return line;
}

/**
 * Reads a file as UTF-8; an unreadable file, one over MAX_INPUT_BYTES, or
 * bytes that are not UTF-8 are reported as an `InputError` (the size before
 * anything is read).
 */
export function readInputFile(file: string, messages: FileErrorMessages = FILE_ERROR_MESSAGES): string {
  const fail = (message: string, line = 0): never => {
    throw new InputError(file, [{ file, line, column: line ? 1 : 0, path: '', message }]);
  };
  let buf: Buffer;
  try {
    const st = statSync(file);
    // A device or pipe (/dev/zero, /dev/stdin) would be read forever: only regular files (a folder gets its own message below).
    if (!st.isFile() && !st.isDirectory()) fail('not a regular file (a device, pipe or socket): give a YAML or JSON file');
    const size = st.size;
    if (size > MAX_INPUT_BYTES)
      fail(
        `the file is ${(size / 1048576).toFixed(1)} MiB; the limit for an input file is ${MAX_INPUT_BYTES / 1048576} MiB (a scenario names its schools in a few MiB at most)`,
      );
    buf = readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = errorCode(e);
    const known = code === undefined ? undefined : messages[code];
    return fail(known ?? `cannot read file: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return fail('the file is not valid UTF-8 text (save it as UTF-8)', firstBadUtf8Line(buf));
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
