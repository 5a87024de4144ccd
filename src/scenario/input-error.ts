/**
 * Positioned input problems: the `InputIssue` record, the `InputError` that
 * carries every issue found in a file, and their one-line-per-issue rendering
 * (`file:line:column: error at <path>: <message> (expected X, found Y) hint`).
 */
import { pathToString } from './key-path.ts';

export interface InputIssue {
  file: string;
  /** 1-based line; 0 when the source has no positions (in-memory values, unreadable files). */
  line: number;
  /** 1-based column; 0 when the source has no positions. */
  column: number;
  /** Key path of the offending value, e.g. `school.size` or `events[2].kind`; '' for the document itself. */
  path: string;
  message: string;
  expected?: string;
  found?: string;
  /** Extra advice, e.g. `did you mean 'seed'?`. */
  hint?: string;
}

/**
 * The mark of an InputError, the same in every copy of this module: a model
 * module imported by URL, or one that imports the package, may hold a copy of
 * its own (and the bundled command holds one), and an InputError thrown from
 * any of them must still be told apart as bad input (exit 2, no stack trace).
 */
const INPUT_ERROR: unique symbol = Symbol.for('collabsim.InputError');

export class InputError extends Error {
  readonly [INPUT_ERROR] = true;
  readonly file: string;
  readonly issues: InputIssue[];

  /** `e instanceof InputError` goes by the mark, so it holds for an InputError of any copy of this module. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [INPUT_ERROR]?: unknown })[INPUT_ERROR] === true;
  }

  constructor(file: string, issues: InputIssue[]) {
    super(formatIssues(issues));
    this.name = 'InputError';
    this.file = file;
    this.issues = issues;
  }
}

export interface Position {
  line: number;
  column: number;
}

/** Finds the source position of a key path (the nearest existing ancestor when it is missing). */
export type Locate = (path: readonly PropertyKey[]) => Position;

/** For sources without positions (in-memory values): every issue is at line 0, column 0. */
export const noLocate: Locate = () => ({ line: 0, column: 0 });

/** ` (expected X, found Y)`, or '' when the issue has neither. */
export function issueDetails(issue: Pick<InputIssue, 'expected' | 'found'>): string {
  const details: string[] = [];
  if (issue.expected !== undefined) details.push(`expected ${issue.expected}`);
  if (issue.found !== undefined) details.push(`found ${issue.found}`);
  return details.length > 0 ? ` (${details.join(', ')})` : '';
}

function formatIssue(issue: InputIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  let text = `${where}: error${issue.path ? ` at ${issue.path}` : ''}: ${issue.message}${issueDetails(issue)}`;
  if (issue.hint) text += ` ${issue.hint}`;
  return text;
}

function formatIssues(issues: InputIssue[]): string {
  return issues.map(formatIssue).join('\n');
}

/**
 * One line per issue: `file:line:column: error at <path>: <message> (expected X, found Y) did you mean 'Z'?`
 * Issues without a position (line 0) print just `file:`; issues about the whole
 * document (empty path) print `error:` without `at`.
 */
export function formatInputError(e: InputError): string {
  return formatIssues(e.issues);
}

/** Sorts by line, then column, keeping the original order for ties. */
export function sortIssues(issues: InputIssue[]): InputIssue[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => a.issue.line - b.issue.line || a.issue.column - b.issue.column || a.index - b.index)
    .map((x) => x.issue);
}

export interface IssueAtOptions {
  file: string;
  /** Where the path is in the source. */
  position: Position;
  path: readonly PropertyKey[];
  message: string;
  expected?: string;
  found?: string;
  hint?: string;
  /** Render the path with unusual keys quoted (default true); see `pathToString`. */
  quoteKeys?: boolean;
}

/** An issue at a key path; optional fields are present only when given. */
export function issueAt(opts: IssueAtOptions): InputIssue {
  return {
    file: opts.file,
    line: opts.position.line,
    column: opts.position.column,
    path: pathToString(opts.path, { quoteKeys: opts.quoteKeys }),
    message: opts.message,
    ...(opts.expected !== undefined ? { expected: opts.expected } : {}),
    ...(opts.found !== undefined ? { found: opts.found } : {}),
    ...(opts.hint !== undefined ? { hint: opts.hint } : {}),
  };
}
