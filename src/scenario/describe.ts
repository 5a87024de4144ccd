/**
 * Words for error messages: how a found value is shown (`string 'abc'`,
 * `list of 2 items`) and how a zod issue's expectation is phrased
 * (`integer >= 2`, `one of 'a', 'b'`, `text of at least 1 character`).
 */
import { type z } from 'zod';

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}

/** `'text'`, escaped and shortened to 40 characters. */
export function quote(s: string): string {
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
export function describeFound(value: unknown): string {
  if (value === null) return 'null (empty value)';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value) || typeof value === 'object') return renderValue(value);
  return `${kindOf(value)} ${renderValue(value)}`;
}

/** What a too-short/too-long value was: its length for text, the value otherwise. */
export function sizeFound(origin: string, value: unknown): string | undefined {
  if (origin === 'string' && typeof value === 'string') {
    const n = [...value].length;
    return `${quote(value)} (${n} character${n === 1 ? '' : 's'})`;
  }
  if ((origin === 'array' || origin === 'set') && Array.isArray(value)) return renderValue(value);
  return value === undefined ? undefined : renderValue(value);
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

/** A zod type name in the words of a YAML file: `mapping`, `list`, `integer`. */
export function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

function renderOption(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : String(v);
}

/** `'a'` for one allowed value, `one of 'a', 'b'` for several. */
export function oneOf(values: readonly unknown[]): string {
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

/**
 * The bound of a too_small/too_big issue; `integer` says that the schema only
 * takes whole numbers (zod reports their bounds with origin "number").
 */
export function boundExpectation(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, integer = false): string {
  const origin = integer && issue.origin === 'number' ? 'int' : issue.origin;
  if (issue.code === 'too_small') {
    return bound(origin, issue.exact ? '=' : issue.inclusive ? '>=' : '>', issue.minimum, issue.exact);
  }
  return bound(origin, issue.exact ? '=' : issue.inclusive ? '<=' : '<', issue.maximum, issue.exact);
}

/** What the schema wanted, for the issue codes that say (undefined for the rest). */
export function formatExpectation(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return typeName(issue.expected);
    case 'invalid_value':
      return oneOf(issue.values);
    case 'too_small':
    case 'too_big':
      return boundExpectation(issue);
    case 'invalid_format':
      return formatName(issue);
    case 'not_multiple_of':
      return `a multiple of ${issue.divisor}`;
    default:
      return undefined;
  }
}

/** Extra fields zod puts on invalid_format issues for some string formats. */
interface FormatExtras {
  prefix?: unknown;
  suffix?: unknown;
  includes?: unknown;
}

function extraText(issue: FormatExtras, key: keyof FormatExtras): string {
  const value = issue[key];
  return typeof value === 'string' ? value : '';
}

function formatName(issue: z.core.$ZodIssueInvalidStringFormat & FormatExtras): string {
  switch (issue.format) {
    case 'regex':
      return `text matching ${issue.pattern ?? 'the pattern'}`;
    case 'starts_with':
      return `text starting with ${quote(extraText(issue, 'prefix'))}`;
    case 'ends_with':
      return `text ending with ${quote(extraText(issue, 'suffix'))}`;
    case 'includes':
      return `text containing ${quote(extraText(issue, 'includes'))}`;
    default:
      return `${issue.format.replace(/_/g, ' ')} text`;
  }
}

/** Hint for values that look right but have the wrong YAML type (quoted numbers, yes/no). */
export function typeHint(expected: string, value: unknown): string | undefined {
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
