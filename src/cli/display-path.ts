/**
 * Paths in the commands' output lines, written as the user would type them:
 * relative to the current folder when the path is inside it, or when the
 * relative form is shorter than the absolute one (`../shared/out` rather than
 * `/home/me/projects/shared/out`); absolute otherwise (`/tmp/sw1`, not
 * `../../tmp/sw1`). sweep, compare, screen and calibrate use this one rule.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError } from '../scenario/load.ts';

/** `p` (absolute or relative to `cwd`) as it is best written from `cwd`. */
export function displayPath(p: string, cwd: string = process.cwd()): string {
  const abs = resolve(cwd, p);
  const rel = relative(cwd, abs);
  if (rel === '') return '.';
  const outside = rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  if (!outside) return rel;
  return rel.length < abs.length && !isAbsolute(rel) ? rel : abs;
}

/** A log line with every absolute path in it (a word starting with the path separator) written by displayPath. */
export function displayPathsIn(line: string, cwd: string = process.cwd()): string {
  if (sep !== '/') return line;
  return line.replace(/(^|[\s'"(])(\/[^\s'"():]+)/g, (_m, lead: string, p: string) => `${lead}${displayPath(p, cwd)}`);
}

/** The same error with the file of every issue written by displayPath (a source that is not a path, such as `<sweep>`, is kept). */
export function displayInputError(e: InputError, cwd: string = process.cwd()): InputError {
  const show = (f: string) => (isAbsolute(f) ? displayPath(f, cwd) : f);
  return new InputError(
    show(e.file),
    e.issues.map((i) => ({ ...i, file: show(i.file) })),
  );
}
