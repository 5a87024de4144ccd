/**
 * Input layer for scenario and sweep files.
 *
 * Files are YAML (JSON is accepted too, since JSON is a subset of YAML). They are
 * parsed with the YAML core schema only: no custom tags, no merge keys, no code
 * execution. Every node keeps its source position so that validation problems
 * reported by a zod schema can be traced back to a file, line and column.
 *
 * All problems found in a file are collected and thrown together as one
 * `InputError`, sorted by position.
 */
import { readFileSync } from 'node:fs';
import {
  LineCounter,
  parseDocument,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import { z } from 'zod';

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

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

export class InputError extends Error {
  readonly file: string;
  readonly issues: InputIssue[];

  constructor(file: string, issues: InputIssue[]) {
    super(formatIssues(issues));
    this.name = 'InputError';
    this.file = file;
    this.issues = issues;
  }
}

type PathSegment = string | number;

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

function formatIssue(issue: InputIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  let text = `${where}: error${issue.path ? ` at ${issue.path}` : ''}: ${issue.message}`;
  const details: string[] = [];
  if (issue.expected !== undefined) details.push(`expected ${issue.expected}`);
  if (issue.found !== undefined) details.push(`found ${issue.found}`);
  if (details.length > 0) text += ` (${details.join(', ')})`;
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

/** Renders a key path as `a.b[2].c`; keys that are not simple identifiers are bracketed and quoted. */
function pathToString(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Reading YAML with positions
// ---------------------------------------------------------------------------

interface Position {
  line: number;
  column: number;
}

interface Located {
  /** The deepest node reached (value node), null when the document is empty. */
  node: YamlNode | null;
  /** The key node of the last matched mapping entry, if any. */
  keyNode: YamlNode | null;
  /** How many path segments were found in the document. */
  matched: number;
}

interface LoadedDocument {
  value: unknown;
  /** Position of the value at `path`, or of the deepest existing ancestor. */
  locateValue(path: readonly PropertyKey[]): Position;
  /** Position of the key at `path` when it exists (value position otherwise). */
  locateKey(path: readonly PropertyKey[]): Position;
  /** Whether the whole path exists in the document. */
  has(path: readonly PropertyKey[]): boolean;
}

const EMPTY_MESSAGE = 'file is empty: expected a mapping of scenario keys';

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** First line of a yaml error message, without the trailing "at line X, column Y:". */
function cleanYamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?\s*$/, '').trim();
}

function loadDocument(rawText: string, file: string): LoadedDocument {
  const text = stripBom(rawText);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    schema: 'core',
    customTags: [],
    resolveKnownTags: false,
    merge: false,
    uniqueKeys: true,
    prettyErrors: true,
    keepSourceTokens: false,
  });

  const pos = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };

  const issues: InputIssue[] = [];
  for (const err of doc.errors) {
    const at = err.linePos?.[0] ?? lineCounter.linePos(err.pos[0]);
    let message = cleanYamlMessage(err.message);
    // syntax errors have no reliable key path; a duplicate key has one
    let path: PathSegment[] = [];
    if (err.code === 'DUPLICATE_KEY') {
      path = pathAtOffset(doc, err.pos[0]);
      message = `duplicate key '${path.length > 0 ? String(path[path.length - 1]) : text.slice(err.pos[0], err.pos[1]).trim()}': each key may appear only once in a mapping`;
    } else if (err.code === 'MULTIPLE_DOCS') {
      message = 'file contains more than one YAML document (remove the extra "---" separator)';
    }
    issues.push({ file, line: at.line, column: at.col, path: pathToString(path), message });
  }
  for (const warn of doc.warnings) {
    const at = warn.linePos?.[0] ?? lineCounter.linePos(warn.pos[0]);
    const message =
      warn.code === 'TAG_RESOLVE_FAILED'
        ? `unsupported tag: ${cleanYamlMessage(warn.message).replace(/^Unresolved tag:\s*/, '').replace(/^tag:yaml\.org,2002:/, '!!')} (only plain YAML values are allowed)`
        : cleanYamlMessage(warn.message);
    issues.push({ file, line: at.line, column: at.col, path: pathToString(pathAtOffset(doc, warn.pos[0])), message });
  }
  if (issues.length === 0) {
    visitMaps(doc.contents as YamlNode | null, (key) => {
      if (!isScalar(key)) {
        const p = key.range ? pos(key.range[0]) : { line: 1, column: 1 };
        issues.push({ file, ...p, path: '', message: 'mapping keys must be plain scalars (strings)' });
      }
    });
  }
  if (issues.length > 0) throw new InputError(file, sortIssues(issues));

  if (doc.contents === null || doc.contents === undefined) {
    throw new InputError(file, [{ file, line: 1, column: 1, path: '', message: EMPTY_MESSAGE }]);
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new InputError(file, [
      { file, line: 1, column: 1, path: '', message: `cannot read document: ${(e as Error).message}` },
    ]);
  }

  const resolve = (node: unknown): YamlNode | null => {
    let n = node as YamlNode | null | undefined;
    for (let guard = 0; n && isAlias(n) && guard < 100; guard++) n = n.resolve(doc) as YamlNode | undefined;
    return n ?? null;
  };

  const walk = (path: readonly PropertyKey[]): Located => {
    let node = resolve(doc.contents);
    let keyNode: YamlNode | null = null;
    let matched = 0;
    for (const seg of path) {
      if (node && isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        keyNode = pair.key as YamlNode;
        const next = resolve(pair.value);
        matched++;
        if (!next) {
          // `key:` with nothing at all after it: only the key has a position
          node = null;
          break;
        }
        node = next;
      } else if (node && isSeq(node)) {
        const index = typeof seg === 'number' ? seg : /^\d+$/.test(String(seg)) ? Number(seg) : -1;
        const next = index >= 0 ? resolve(node.items[index]) : null;
        if (!next) break;
        keyNode = null;
        node = next;
        matched++;
      } else {
        break;
      }
    }
    return { node, keyNode, matched };
  };

  const nodePos = (node: YamlNode | null, fallback: YamlNode | null): Position => {
    // An empty value (`key:` followed by a newline) points at its key: nothing is written there.
    const emptyScalar = node && isScalar(node) && node.value === null && node.range && node.range[0] === node.range[1];
    const target = !node || emptyScalar ? (fallback ?? node) : node;
    if (target && target.range) return pos(target.range[0]);
    return { line: 1, column: 1 };
  };

  return {
    value,
    locateValue(path) {
      const found = walk(path);
      return nodePos(found.node, found.matched === path.length ? found.keyNode : null);
    },
    locateKey(path) {
      const found = walk(path);
      if (found.matched === path.length && found.keyNode) return nodePos(found.keyNode, null);
      return nodePos(found.node, null);
    },
    has(path) {
      return walk(path).matched === path.length;
    },
  };
}

/** Calls `onKey` for each key node of every mapping in the tree. */
function visitMaps(node: YamlNode | null, onKey: (key: YamlNode) => void): void {
  if (!node) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (pair.key && typeof pair.key === 'object') onKey(pair.key as YamlNode);
      visitMaps(pair.value as YamlNode | null, onKey);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) visitMaps(item as YamlNode | null, onKey);
  }
}

/** Key path of the deepest mapping entry / sequence item whose source span contains `offset`. */
function pathAtOffset(doc: Document, offset: number): PathSegment[] {
  const path: PathSegment[] = [];
  const span = (n: unknown): [number, number] | null => {
    const r = (n as YamlNode | null)?.range;
    return r ? [r[0], r[2]] : null;
  };
  const inside = (n: unknown): boolean => {
    const r = span(n);
    return !!r && offset >= r[0] && offset <= r[1];
  };
  let node = doc.contents as YamlNode | null;
  for (let depth = 0; node && depth < 1000; depth++) {
    let next: YamlNode | null = null;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keySpan = span(pair.key);
        const valueSpan = span(pair.value);
        if (!keySpan) continue;
        const end = valueSpan ? valueSpan[1] : keySpan[1];
        if (offset < keySpan[0] || offset > end) continue;
        if (isScalar(pair.key)) path.push(String(pair.key.value));
        // inside the key itself, or between the key and its value (tags, anchors): this entry
        if (offset <= keySpan[1] || !inside(pair.value)) return path;
        next = pair.value as YamlNode;
        break;
      }
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => inside(item));
      if (index >= 0) {
        path.push(index);
        next = node.items[index] as YamlNode;
      }
    }
    node = next;
  }
  return path;
}

/**
 * Parses YAML/JSON text (without validating it) and gives a way to find the source
 * position of any key path. Throws `InputError` on syntax errors and empty files.
 * For a path that does not exist, `locate` returns the position of its deepest
 * existing ancestor.
 */
export function readDocument(
  text: string,
  file: string,
): { value: unknown; locate(path: (string | number)[]): { line: number; column: number } } {
  const loaded = loadDocument(text, file);
  return { value: loaded.value, locate: (path) => loaded.locateValue(path) };
}

// ---------------------------------------------------------------------------
// Walking zod 4 schemas
// ---------------------------------------------------------------------------

/** The subset of zod 4 `_zod.def` fields this module reads. */
interface LooseDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  items?: readonly z.ZodType[];
  rest?: z.ZodType | null;
  valueType?: z.ZodType;
  options?: readonly z.ZodType[];
  discriminator?: string;
  left?: z.ZodType;
  right?: z.ZodType;
}

function defOf(schema: z.ZodType): LooseDef {
  return (schema as unknown as { _zod: { def: LooseDef } })._zod.def;
}

/**
 * Strips wrappers that do not change the shape of the input (optional, default,
 * pipes, lazy, ...) and returns the schemas that can describe the value: more than
 * one for unions and intersections. When `value` is given, discriminated unions
 * are narrowed to the option selected by the discriminator.
 */
function unwrap(schema: z.ZodType, value: unknown, out: z.ZodType[], seen: Set<z.ZodType>): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'catch':
    case 'readonly':
    case 'success':
    case 'promise':
      if (def.innerType) unwrap(def.innerType, value, out, seen);
      return;
    case 'lazy':
      if (def.getter) unwrap(def.getter(), value, out, seen);
      return;
    case 'pipe': {
      // z.preprocess(fn, s) is pipe(transform, s); x.transform(fn) is pipe(x, transform)
      const input = def.in && defOf(def.in).type === 'transform' ? def.out : def.in;
      if (input) unwrap(input, value, out, seen);
      return;
    }
    case 'intersection':
      if (def.left) unwrap(def.left, value, out, seen);
      if (def.right) unwrap(def.right, value, out, seen);
      return;
    case 'union': {
      let options = def.options ?? [];
      if (def.discriminator && value && typeof value === 'object' && !Array.isArray(value)) {
        const tag = (value as Record<string, unknown>)[def.discriminator];
        const chosen = options.filter((o) => discriminatorValues(o, def.discriminator!).has(tag as never));
        if (chosen.length > 0) options = chosen;
      }
      for (const option of options) unwrap(option, value, out, seen);
      return;
    }
    default:
      out.push(schema);
  }
}

/** Values the discriminator key may take in one option of a discriminated union. */
function discriminatorValues(option: z.ZodType, key: string): Set<unknown> {
  const internals = (option as unknown as { _zod: { propValues?: Record<string, Set<unknown>> } })._zod;
  const fromZod = internals.propValues?.[key];
  if (fromZod) return fromZod;
  const result = new Set<unknown>();
  for (const obj of candidates(option, undefined)) {
    const shape = defOf(obj).shape;
    const field = shape?.[key];
    if (!field) continue;
    const fieldDef = defOf(field) as LooseDef & { values?: unknown[]; entries?: Record<string, unknown> };
    for (const v of fieldDef.values ?? []) result.add(v);
    for (const v of Object.values(fieldDef.entries ?? {})) result.add(v);
  }
  return result;
}

function candidates(schema: z.ZodType, value: unknown): z.ZodType[] {
  const out: z.ZodType[] = [];
  unwrap(schema, value, out, new Set());
  return out;
}

function childValue(value: unknown, seg: PropertyKey): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  return (value as Record<PropertyKey, unknown>)[seg];
}

/**
 * The schemas (with wrappers removed) that describe the value at `path` inside
 * `schema`. Walks objects, arrays, tuples, records, unions (narrowed by the
 * discriminator when `root` is the parsed document), lazy and pipe schemas.
 */
function shapeAt(schema: z.ZodType, path: readonly PropertyKey[], root?: unknown): z.ZodType[] {
  let current = candidates(schema, root);
  let value = root;
  for (const seg of path) {
    const next: z.ZodType[] = [];
    const childVal = childValue(value, seg);
    for (const s of current) {
      const def = defOf(s);
      let child: z.ZodType | undefined | null;
      switch (def.type) {
        case 'object':
          child = def.shape?.[String(seg)] ?? def.catchall;
          break;
        case 'array':
        case 'set':
          child = def.element ?? def.valueType;
          break;
        case 'tuple': {
          const index = Number(seg);
          child = def.items && index < def.items.length ? def.items[index] : def.rest;
          break;
        }
        case 'record':
        case 'map':
          child = def.valueType;
          break;
        default:
          child = undefined;
      }
      if (child) next.push(...candidates(child, childVal));
    }
    current = [...new Set(next)];
    value = childVal;
    if (current.length === 0) break;
  }
  return current;
}

/** Known keys of the object schema(s) at `path`, in declaration order. */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[], root: unknown): string[] {
  const keys: string[] = [];
  for (const s of shapeAt(schema, path, root)) {
    const def = defOf(s);
    if (def.type === 'object' && def.shape) keys.push(...Object.keys(def.shape));
  }
  return [...new Set(keys)];
}

/** Whether every schema at `path` is an integer-only number (z.int(), z.number().int(), ...). */
function isIntegerSchema(schema: z.ZodType, path: readonly PropertyKey[], root: unknown): boolean {
  const found = shapeAt(schema, path, root);
  return (
    found.length > 0 &&
    found.every((s) => defOf(s).type === 'number' && (s as unknown as { isInt?: boolean }).isInt === true)
  );
}

// ---------------------------------------------------------------------------
// Spelling suggestions
// ---------------------------------------------------------------------------

/** Damerau-Levenshtein distance (optimal string alignment variant). */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (let i = 0; i < rows; i++) d[i][0] = i;
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[rows - 1][cols - 1];
}

/**
 * The closest option to `word`, if it is within max(2, len/3) edits (case-insensitive)
 * and not a complete rewrite of the word.
 */
function closest(word: string, options: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const option of options) {
    if (option === word) continue;
    const dist = editDistance(word.toLowerCase(), option.toLowerCase());
    // a suggestion that shares nothing with the word (e.g. 'x' -> 'a') is noise
    if (dist >= Math.max(word.length, option.length)) continue;
    if (dist <= limit && dist < bestDistance) {
      best = option;
      bestDistance = dist;
    }
  }
  return best;
}

function didYouMean(word: string, options: readonly string[]): string | undefined {
  const match = closest(word, options);
  return match === undefined ? undefined : `did you mean '${match}'?`;
}

// ---------------------------------------------------------------------------
// Describing values and expectations
// ---------------------------------------------------------------------------

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}

function quote(s: string): string {
  const body = JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"');
  return `'${body.length > 40 ? `${body.slice(0, 37)}...` : body}'`;
}

/** Short rendering of a value: `'text'`, `-0.3`, `true`, `null`. */
function renderValue(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  return 'mapping';
}

/** Type plus value, as shown after "found": `string 'abc'`, `number 5`, `list of 2 items`. */
function describeFound(value: unknown): string {
  if (value === null) return 'null (empty value)';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value) || typeof value === 'object') return renderValue(value);
  return `${kindOf(value)} ${renderValue(value)}`;
}

const TYPE_NAMES: Record<string, string> = {
  object: 'mapping',
  record: 'mapping',
  map: 'mapping',
  array: 'list',
  tuple: 'list',
  set: 'list',
  int: 'integer',
  nan: 'NaN',
};

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

function renderOption(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : String(v);
}

function oneOf(values: readonly unknown[]): string {
  if (values.length === 1) return renderOption(values[0]);
  return `one of ${values.map(renderOption).join(', ')}`;
}

function bound(origin: string, op: string, limit: number | bigint, exact: boolean | undefined): string {
  const n = Number(limit);
  const plural = (unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const qualifier = exact ? 'exactly' : op.startsWith('>') ? 'at least' : 'at most';
  switch (origin) {
    case 'number':
      return `number ${op} ${limit}`;
    case 'int':
      return `integer ${op} ${limit}`;
    case 'bigint':
      return `integer ${op} ${limit}`;
    case 'string':
      return `text of ${qualifier} ${plural('character')}`;
    case 'array':
    case 'set':
      return `list of ${qualifier} ${plural('item')}`;
    default:
      return `${origin} ${op} ${limit}`;
  }
}

function sizeFound(origin: string, value: unknown): string | undefined {
  if (origin === 'string' && typeof value === 'string') {
    const n = [...value].length;
    return `${quote(value)} (${n} character${n === 1 ? '' : 's'})`;
  }
  if ((origin === 'array' || origin === 'set') && Array.isArray(value)) return renderValue(value);
  return value === undefined ? undefined : renderValue(value);
}

function formatExpectation(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return typeName(issue.expected);
    case 'invalid_value':
      return oneOf(issue.values);
    case 'too_small':
      return bound(issue.origin, issue.exact ? '=' : issue.inclusive ? '>=' : '>', issue.minimum, issue.exact);
    case 'too_big':
      return bound(issue.origin, issue.exact ? '=' : issue.inclusive ? '<=' : '<', issue.maximum, issue.exact);
    case 'invalid_format':
      return formatName(issue);
    case 'not_multiple_of':
      return `a multiple of ${issue.divisor}`;
    default:
      return undefined;
  }
}

function formatName(issue: z.core.$ZodIssueInvalidStringFormat): string {
  const extra = issue as z.core.$ZodIssueInvalidStringFormat & { prefix?: string; suffix?: string; includes?: string };
  switch (issue.format) {
    case 'regex':
      return `text matching ${issue.pattern ?? 'the pattern'}`;
    case 'starts_with':
      return `text starting with ${quote(extra.prefix ?? '')}`;
    case 'ends_with':
      return `text ending with ${quote(extra.suffix ?? '')}`;
    case 'includes':
      return `text containing ${quote(extra.includes ?? '')}`;
    default:
      return `${issue.format.replace(/_/g, ' ')} text`;
  }
}

/** Hint for values that look right but have the wrong YAML type (quoted numbers, yes/no). */
function typeHint(expected: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if ((expected === 'number' || expected === 'int') && trimmed !== '' && Number.isFinite(Number(trimmed))) {
    return 'remove the quotes to write a number';
  }
  if (expected === 'boolean') {
    if (/^(true|false)$/i.test(trimmed)) return 'remove the quotes to write a boolean';
    if (/^(yes|no|on|off|y|n)$/i.test(trimmed)) return 'write true or false';
  }
  return undefined;
}

/** The message zod's active locale would give, used to tell schema-author messages apart. */
function defaultMessage(issue: z.core.$ZodIssue): string | undefined {
  try {
    const fn = z.config().localeError;
    const result = fn?.(issue as never);
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

// ---------------------------------------------------------------------------
// zod issues -> input issues
// ---------------------------------------------------------------------------

interface Context {
  schema: z.ZodType;
  root: unknown;
  file: string;
  doc: LoadedDocument | null;
}

interface Draft {
  path: PropertyKey[];
  /** Point at the key node instead of the value node. */
  atKey?: boolean;
  message: string;
  expected?: string;
  found?: string;
  hint?: string;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const seg of path) v = childValue(v, seg);
  return v;
}

function hasPath(root: unknown, path: readonly PropertyKey[]): boolean {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, seg)) return false;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return true;
}

function lastKey(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  return last === undefined ? '' : String(last);
}

/** An issue is a "shape mismatch" for a union branch when the branch rejects the value's type outright. */
function isRootMismatch(issues: readonly z.core.$ZodIssue[]): boolean {
  return issues.some(
    (i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value' || i.code === 'invalid_union'),
  );
}

function prefixed(issue: z.core.$ZodIssue, base: readonly PropertyKey[]): z.core.$ZodIssue {
  return { ...issue, path: [...base, ...issue.path] } as z.core.$ZodIssue;
}

function convert(issue: z.core.$ZodIssue, ctx: Context, out: Draft[]): void {
  const path = [...issue.path];
  const present = hasPath(ctx.root, path);
  const written = present ? valueAt(ctx.root, path) : undefined;
  // For checks on a single value, the value zod saw (after preprocess/transform) is the
  // one that failed; for the rest (unions, objects), use what the document holds.
  const valueLevel = ['invalid_type', 'invalid_value', 'too_small', 'too_big', 'invalid_format', 'not_multiple_of'];
  const value = present && valueLevel.includes(issue.code) && 'input' in issue ? issue.input : written;
  const custom = issue.code === 'custom' || hasCustomMessage(issue);

  switch (issue.code) {
    case 'unrecognized_keys': {
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
      return;
    }
    case 'invalid_union': {
      if (issue.discriminator !== undefined && issue.errors.length === 0 && issue.inclusive !== false) {
        // discriminated union with an unknown or missing tag; zod puts the tag key on the path
        const options = (issue.options ?? []) as unknown[];
        const tagPath = lastKey(path) === issue.discriminator ? path : [...path, issue.discriminator];
        const tagPresent = hasPath(ctx.root, tagPath);
        const tag = valueAt(ctx.root, tagPath);
        const names = options.filter((o): o is string => typeof o === 'string');
        out.push({
          path: tagPath,
          message: tagPresent
            ? `unknown ${issue.discriminator} '${String(tag)}'`
            : `missing required key '${issue.discriminator}'`,
          expected: options.length > 0 ? oneOf(options) : undefined,
          ...(tagPresent ? { found: describeFound(tag) } : {}),
          ...optionalHint(typeof tag === 'string' ? didYouMean(tag, names) : undefined),
        });
        return;
      }
      if (issue.inclusive === false) {
        out.push({ path, message: 'value matches more than one allowed form', found: describeFound(value) });
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
      const literals = branches.flatMap((b) =>
        b.flatMap((i) => (i.path.length === 0 && i.code === 'invalid_value' ? i.values : [])),
      );
      out.push({
        path,
        message: present ? 'value does not match any allowed form' : `missing required key '${lastKey(path)}'`,
        ...(forms.length > 0 ? { expected: forms.join(' or ') } : {}),
        ...(present ? { found: describeFound(value) } : {}),
        ...optionalHint(
          typeof value === 'string'
            ? didYouMean(value, literals.filter((l): l is string => typeof l === 'string'))
            : undefined,
        ),
      });
      return;
    }
    case 'invalid_key': {
      const inner = issue.issues[0];
      out.push({
        path,
        atKey: true,
        message: `invalid key '${lastKey(path)}'${inner && inner.code === 'custom' ? `: ${inner.message}` : ''}`,
        ...(inner && formatExpectation(inner) ? { expected: `key: ${formatExpectation(inner)}` } : {}),
        found: quote(lastKey(path)),
      });
      return;
    }
    case 'invalid_element': {
      out.push({ path, message: `invalid element: ${issue.issues[0]?.message ?? issue.message}` });
      return;
    }
    case 'invalid_type': {
      if (!present) {
        out.push({
          path,
          message: custom ? issue.message : `missing required key '${lastKey(path)}'`,
          expected: typeName(issue.expected),
        });
        return;
      }
      out.push({
        path,
        message: custom ? issue.message : 'wrong type',
        expected: typeName(issue.expected),
        found: describeFound(value),
        ...optionalHint(typeHint(issue.expected, value)),
      });
      return;
    }
    case 'invalid_value': {
      const strings = issue.values.filter((v): v is string => typeof v === 'string');
      out.push({
        path,
        message: custom ? issue.message : present ? 'invalid value' : `missing required key '${lastKey(path)}'`,
        expected: oneOf(issue.values),
        ...(present ? { found: describeFound(value) } : {}),
        ...optionalHint(typeof value === 'string' ? didYouMean(value, strings) : undefined),
      });
      return;
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const sized = issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set';
      const standard = sized
        ? issue.origin === 'string'
          ? small ? 'text is too short' : 'text is too long'
          : small ? 'too few items' : 'too many items'
        : 'value out of range';
      const found = sizeFound(issue.origin, value);
      // zod reports bounds of z.number().int() with origin "number"; say "integer" when the schema is one
      const shown =
        issue.origin === 'number' && isIntegerSchema(ctx.schema, path, ctx.root)
          ? ({ ...issue, origin: 'int' } as z.core.$ZodIssue)
          : issue;
      out.push({
        path,
        message: custom ? issue.message : standard,
        expected: formatExpectation(shown),
        ...(found !== undefined ? { found } : {}),
      });
      return;
    }
    case 'invalid_format':
    case 'not_multiple_of': {
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
      out.push({ path, message: issue.message, ...(present && value !== undefined && !isContainer(value) ? { found: describeFound(value) } : {}) });
    }
  }
}

function isContainer(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}

function optionalHint(hint: string | undefined): { hint?: string } {
  return hint ? { hint } : {};
}

function sortIssues(issues: InputIssue[]): InputIssue[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => a.issue.line - b.issue.line || a.issue.column - b.issue.column || a.index - b.index)
    .map((x) => x.issue);
}

function finish(drafts: Draft[], ctx: Context): InputIssue[] {
  const seen = new Set<string>();
  const issues: InputIssue[] = [];
  for (const d of drafts) {
    let position: Position = { line: 0, column: 0 };
    if (ctx.doc) position = d.atKey ? ctx.doc.locateKey(d.path) : ctx.doc.locateValue(d.path);
    const issue: InputIssue = {
      file: ctx.file,
      line: position.line,
      column: position.column,
      path: pathToString(d.path),
      message: d.message,
      ...(d.expected !== undefined ? { expected: d.expected } : {}),
      ...(d.found !== undefined ? { found: d.found } : {}),
      ...(d.hint !== undefined ? { hint: d.hint } : {}),
    };
    const key = JSON.stringify([issue.line, issue.column, issue.path, issue.message]);
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return sortIssues(issues);
}

function validate<S extends z.ZodType>(schema: S, value: unknown, file: string, doc: LoadedDocument | null): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const ctx: Context = { schema, root: value, file, doc };
  const drafts: Draft[] = [];
  for (const issue of result.error.issues) convert(issue, ctx, drafts);
  throw new InputError(file, finish(drafts, ctx));
}

// ---------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------

/** Parses YAML or JSON text and validates it with `schema`; throws `InputError` listing every problem. */
export function parseText<S extends z.ZodType>(schema: S, text: string, file: string): z.output<S> {
  const doc = loadDocument(text, file);
  return validate(schema, doc.value, file, doc);
}

/** Reads and validates a YAML/JSON file; unreadable files are reported as `InputError` too. */
export function parseFile<S extends z.ZodType>(schema: S, file: string): z.output<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory, expected a YAML or JSON file'
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot read file: ${(e as Error).message}`;
    throw new InputError(file, [{ file, line: 0, column: 0, path: '', message }]);
  }
  return parseText(schema, text, file);
}

/**
 * Validates an in-memory value (e.g. built by code or merged from several files).
 * Issues have the same shape as for files, with line and column 0.
 */
export function validateValue<S extends z.ZodType>(schema: S, value: unknown, source: string): z.output<S> {
  return validate(schema, value, source, null);
}
