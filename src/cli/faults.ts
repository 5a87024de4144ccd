/**
 * Faults of the environment (the disk, the file system, permissions) as one
 * clear line each, with the path and what to do, instead of a stack trace.
 * A stack trace is printed only with --debug (or COLLABSIM_DEBUG=1).
 */
import { relative } from 'node:path';

/** What each file-system error code means for the user, and what to do about it. */
const FAULTS: Record<string, string> = {
  ENOSPC: 'the disk is full: free some space (or write elsewhere with --out) and run again; a sweep continues with --resume',
  EDQUOT: 'the disk quota is used up: free some space (or write elsewhere with --out) and run again',
  EROFS: 'the file system is read-only: choose another folder with --out',
  EACCES: 'permission denied: choose a folder you can write to with --out, or change its permissions',
  EPERM: 'operation not permitted: choose a folder you can write to with --out',
  ENOTDIR: 'a part of the path is a file, not a folder: choose another --out',
  EISDIR: 'the path is a folder where a file was expected',
  ENAMETOOLONG: 'the name is too long for the file system: choose a shorter name or --out',
  ENOENT: 'no such file or folder',
  EEXIST: 'a file already exists where a folder or a new file is needed: choose another --out',
  EMFILE: 'too many open files: raise the limit (ulimit -n) or use fewer workers',
  ENFILE: 'too many open files on the system: use fewer workers',
  EIO: 'an input/output error from the disk',
  EBUSY: 'the file or folder is busy (in use by another program)',
  ELOOP: 'too many symbolic links in the path',
  EXDEV: 'a move across file systems is not possible: put --out on the same disk as its parent folder',
};

interface SystemError extends Error {
  code?: string;
  path?: string;
  syscall?: string;
}

/** The code of a file-system fault, or undefined when the error is not one. */
export function faultCode(e: unknown): string | undefined {
  const code = (e as SystemError | undefined)?.code;
  return typeof code === 'string' && code in FAULTS ? code : undefined;
}

/** Shorten a path for the message: relative to where the user stands when that is shorter, and long names cut in the middle. */
function showPath(p: string): string {
  const rel = relative(process.cwd(), p);
  const s = rel && rel.length < p.length ? rel : p;
  return s.length > 120 ? `${s.slice(0, 50)}…${s.slice(-50)}` : s;
}

/** One line for a file-system fault: what happened, where, and what to do. */
export function describeFault(e: unknown): string {
  const err = e as SystemError;
  const code = faultCode(e) ?? 'EIO';
  const where = err.path ? ` (${err.syscall ? `${err.syscall} ` : ''}${showPath(err.path)})` : '';
  return `error: ${FAULTS[code]}${where} [${code}]`;
}

/** Whether stack traces were asked for. */
export function debugWanted(argv: readonly string[]): boolean {
  return argv.includes('--debug') || process.env.COLLABSIM_DEBUG === '1';
}
