/**
 * Turning zod issues into positioned input issues: one clear message per
 * problem, with the key path, what was expected and found, a did-you-mean
 * hint, and the file, line and column of the offending key or value.
 */
import { z } from 'zod';
import { InputError, issueAt, noLocate, sortIssues, type InputIssue, type Position } from './input-error.ts';
import { didYouMean, optionalHint } from './spelling.ts';
import { boundExpectation, describeFound, formatExpectation, oneOf, quote, sizeFound, typeHint, typeName } from './describe.ts';
import { childValue, isIntegerSchema, knownKeysAt } from './schema-walk.ts';
import type { LoadedDocument } from './yaml-document.ts';

/** Where values come from: the validated value, and its source positions when it was read from a file. */
interface Context {
  schema: z.ZodType;
  root: unknown;
  file: string;
  doc: LoadedDocument | null;
}

/** An issue before it is given a position. */
interface Draft {
  path: PropertyKey[];
  /** Point at the key node instead of the value node. */
  atKey?: boolean;
  message: string;
  expected?: string;
  found?: string;
  hint?: string;
}

/** What an issue is about: its path, whether the document has it, and the value there. */
interface Subject {
  path: PropertyKey[];
  present: boolean;
  value: unknown;
  /** The issue carries a message written by the schema author. */
  custom: boolean;
}

type Converter<I extends z.core.$ZodIssue> = (issue: I, subject: Subject, ctx: Context, out: Draft[]) => void;

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const seg of path) v = childValue(v, seg);
  return v;
}

function hasPath(root: unknown, path: readonly PropertyKey[]): boolean {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, seg)) return false;
    v = Reflect.get(v, seg);
  }
  return true;
}

function lastKey(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  return last === undefined ? '' : String(last);
}

function isContainer(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}

/** The message zod's active locale would give, used to tell schema-author messages apart. */
function defaultMessage(issue: z.core.$ZodIssue): string | undefined {
  try {
    // The locale takes a raw issue (typed with a required `input`); a finished issue has the same fields.
    const result = z.config().localeError?.(issue as z.core.$ZodRawIssue);
    if (typeof result === 'string') return result;
    return result?.message;
  } catch {
    return undefined;
  }
}

function hasCustomMessage(issue: z.core.$ZodIssue): boolean {
  const standard = defaultMessage(issue);
  return standard !== undefined && issue.message !== standard && issue.message !== 'Invalid input';
}

/** For checks on a single value, the value zod saw (after preprocess/transform) is the one that failed. */
const VALUE_LEVEL_CODES: readonly string[] = ['invalid_type', 'invalid_value', 'too_small', 'too_big', 'invalid_format', 'not_multiple_of'];

function subjectOf(issue: z.core.$ZodIssue, ctx: Context): Subject {
  const path = [...issue.path];
  const present = hasPath(ctx.root, path);
  const written = present ? valueAt(ctx.root, path) : undefined;
  // for the rest (unions, objects), use what the document holds
  const value = present && VALUE_LEVEL_CODES.includes(issue.code) && 'input' in issue ? issue.input : written;
  return { path, present, value, custom: issue.code === 'custom' || hasCustomMessage(issue) };
}

function convert(issue: z.core.$ZodIssue, ctx: Context, out: Draft[]): void {
  const subject = subjectOf(issue, ctx);
  switch (issue.code) {
    case 'unrecognized_keys':
      return unrecognizedKeys(issue, subject, ctx, out);
    case 'invalid_union':
      return invalidUnion(issue, subject, ctx, out);
    case 'invalid_key':
      return invalidKey(issue, subject, ctx, out);
    case 'invalid_element':
      out.push({ path: subject.path, message: `invalid element: ${issue.issues[0]?.message ?? issue.message}` });
      return;
    case 'invalid_type':
      return invalidType(issue, subject, ctx, out);
    case 'invalid_value':
      return invalidValue(issue, subject, ctx, out);
    case 'too_small':
    case 'too_big':
      return outOfBounds(issue, subject, ctx, out);
    case 'invalid_format':
    case 'not_multiple_of': {
      const { path, present, value, custom } = subject;
      out.push({
        path,
        message: custom ? issue.message : issue.code === 'invalid_format' ? 'invalid format' : 'not an allowed step',
        expected: formatExpectation(issue),
        ...(present ? { found: describeFound(value) } : {}),
      });
      return;
    }
    default: {
      // custom refinements and anything else: the schema's message is the best we have
      const { path, present, value } = subject;
      out.push({ path, message: issue.message, ...(present && value !== undefined && !isContainer(value) ? { found: describeFound(value) } : {}) });
    }
  }
}

const unrecognizedKeys: Converter<z.core.$ZodIssueUnrecognizedKeys> = (issue, { path }, ctx, out) => {
  const known = knownKeysAt(ctx.schema, path, ctx.root);
  const container = valueAt(ctx.root, path);
  const used = container && typeof container === 'object' ? Object.keys(container) : [];
  const unused = known.filter((k) => !used.includes(k));
  for (const key of issue.keys) {
    out.push({
      path: [...path, key],
      atKey: true,
      message: `unknown key '${key}'`,
      ...(known.length > 0 ? { expected: `one of the known keys: ${known.join(', ')}` } : {}),
      ...optionalHint(didYouMean(key, unused)),
    });
  }
};

/** An invalid_union issue for a value that matched no option. */
type NoMatchIssue = Exclude<z.core.$ZodIssueInvalidUnion, { inclusive: false }>;

/** A discriminated union with an unknown or missing tag; zod puts the tag key on the path. */
const unknownTag: Converter<NoMatchIssue> = (issue, { path }, ctx, out) => {
  const discriminator = issue.discriminator ?? '';
  const options: readonly unknown[] = issue.options ?? [];
  const tagPath = lastKey(path) === discriminator ? path : [...path, discriminator];
  const tagPresent = hasPath(ctx.root, tagPath);
  const tag = valueAt(ctx.root, tagPath);
  const names = options.filter((o): o is string => typeof o === 'string');
  out.push({
    path: tagPath,
    message: tagPresent ? `unknown ${discriminator} '${String(tag)}'` : `missing required key '${discriminator}'`,
    expected: options.length > 0 ? oneOf(options) : undefined,
    ...(tagPresent ? { found: describeFound(tag) } : {}),
    ...optionalHint(typeof tag === 'string' ? didYouMean(tag, names) : undefined),
  });
};

/** An issue is a "shape mismatch" for a union branch when the branch rejects the value's type outright. */
function isRootMismatch(issues: readonly z.core.$ZodIssue[]): boolean {
  return issues.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value' || i.code === 'invalid_union'));
}

function prefixed(issue: z.core.$ZodIssue, base: readonly PropertyKey[]): z.core.$ZodIssue {
  return { ...issue, path: [...base, ...issue.path] };
}

const invalidUnion: Converter<z.core.$ZodIssueInvalidUnion> = (issue, subject, ctx, out) => {
  const { path, present, value } = subject;
  if (issue.inclusive === false) {
    out.push({ path, message: 'value matches more than one allowed form', found: describeFound(value) });
    return;
  }
  if (issue.discriminator !== undefined && issue.errors.length === 0) {
    unknownTag(issue, subject, ctx, out);
    return;
  }
  const branches = issue.errors;
  const plausible = branches.filter((b) => !isRootMismatch(b));
  if (plausible.length > 0) {
    // report the branch that got furthest: fewest problems among those that accepted the value's type
    const best = plausible.reduce((a, b) => (b.length < a.length ? b : a));
    for (const inner of best) convert(prefixed(inner, path), ctx, out);
    return;
  }
  const forms: string[] = [];
  for (const branch of branches) {
    for (const inner of branch) {
      if (inner.path.length !== 0) continue;
      const e = formatExpectation(inner);
      if (e && !forms.includes(e)) forms.push(e);
    }
  }
  const literals = branches.flatMap((b) => b.flatMap((i) => (i.path.length === 0 && i.code === 'invalid_value' ? i.values : [])));
  out.push({
    path,
    message: present ? 'value does not match any allowed form' : `missing required key '${lastKey(path)}'`,
    ...(forms.length > 0 ? { expected: forms.join(' or ') } : {}),
    ...(present ? { found: describeFound(value) } : {}),
    ...optionalHint(
      typeof value === 'string'
        ? didYouMean(
            value,
            literals.filter((l): l is string => typeof l === 'string'),
          )
        : undefined,
    ),
  });
};

const invalidKey: Converter<z.core.$ZodIssueInvalidKey> = (issue, { path }, _ctx, out) => {
  const inner = issue.issues[0];
  const innerExpected = inner ? formatExpectation(inner) : undefined;
  out.push({
    path,
    atKey: true,
    message: `invalid key '${lastKey(path)}'${inner && inner.code === 'custom' ? `: ${inner.message}` : ''}`,
    ...(innerExpected ? { expected: `key: ${innerExpected}` } : {}),
    found: quote(lastKey(path)),
  });
};

const invalidType: Converter<z.core.$ZodIssueInvalidType> = (issue, { path, present, value, custom }, _ctx, out) => {
  if (!present) {
    out.push({ path, message: custom ? issue.message : `missing required key '${lastKey(path)}'`, expected: typeName(issue.expected) });
    return;
  }
  // A whole file of the wrong kind (a plain text file given as a scenario): say what it is, not what it holds.
  const whole = path.length === 0 && typeof value === 'string';
  out.push({
    path,
    message: custom ? issue.message : whole ? 'not a scenario document: the file is plain text, not a YAML mapping of keys' : 'wrong type',
    expected: typeName(issue.expected),
    found: whole ? `text of ${[...value].length} characters` : describeFound(value),
    ...optionalHint(typeHint(issue.expected, value)),
  });
};

const invalidValue: Converter<z.core.$ZodIssueInvalidValue> = (issue, { path, present, value, custom }, _ctx, out) => {
  const strings = issue.values.filter((v): v is string => typeof v === 'string');
  out.push({
    path,
    message: custom ? issue.message : present ? 'invalid value' : `missing required key '${lastKey(path)}'`,
    expected: oneOf(issue.values),
    ...(present ? { found: describeFound(value) } : {}),
    ...optionalHint(typeof value === 'string' ? didYouMean(value, strings) : undefined),
  });
};

function boundsMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  if (issue.origin === 'string') return small ? 'text is too short' : 'text is too long';
  if (issue.origin === 'array' || issue.origin === 'set') return small ? 'too few items' : 'too many items';
  return 'value out of range';
}

const outOfBounds: Converter<z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig> = (issue, subject, ctx, out) => {
  const { path, value, custom } = subject;
  const found = sizeFound(issue.origin, value);
  // zod reports bounds of z.number().int() with origin "number"; say "integer" when the schema is one
  const integer = issue.origin === 'number' && isIntegerSchema(ctx.schema, path, ctx.root);
  out.push({
    path,
    message: custom ? issue.message : boundsMessage(issue),
    expected: boundExpectation(issue, integer),
    ...(found !== undefined ? { found } : {}),
  });
};

/** Positions the drafts, drops duplicates (same place and message) and sorts them. */
function finish(drafts: Draft[], ctx: Context): InputIssue[] {
  const seen = new Set<string>();
  const issues: InputIssue[] = [];
  for (const d of drafts) {
    let position: Position = noLocate(d.path);
    if (ctx.doc) position = d.atKey ? ctx.doc.locateKey(d.path) : ctx.doc.locateValue(d.path);
    const { path, message, expected, found, hint } = d;
    const issue = issueAt({ file: ctx.file, position, path, message, expected, found, hint });
    const key = JSON.stringify([issue.line, issue.column, issue.path, issue.message]);
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return sortIssues(issues);
}

/**
 * Validates `value` with `schema`; on failure throws `InputError` listing every
 * problem, positioned with `doc` when the value was read from a file.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, file: string, doc: LoadedDocument | null): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const ctx: Context = { schema, root: value, file, doc };
  const drafts: Draft[] = [];
  for (const issue of result.error.issues) convert(issue, ctx, drafts);
  throw new InputError(file, finish(drafts, ctx));
}
