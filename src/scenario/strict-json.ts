/**
 * `.json` files are read as strict JSON (RFC 8259): no comments, no
 * trailing commas, no single quotes. YAML would accept all of those, so a
 * `.json` file is first checked with JSON.parse; only a file that passes is
 * then read by the YAML reader, which keeps the source positions that
 * validation messages need.
 */
import type { InputIssue } from './input-error.ts';

/** Whether a file is to be read as strict JSON (by its name). */
export function isJsonFile(file: string): boolean {
  return file.toLowerCase().endsWith('.json');
}

/** The problem with `text` as strict JSON, with its line and column; undefined when it is valid JSON. */
export function strictJsonIssue(text: string, file: string): InputIssue | undefined {
  const failure = parseFailure(text);
  if (failure === undefined) return undefined;
  const at = /at position (\d+)/.exec(failure);
  const offset = at ? Number(at[1]) : errorOffset(text);
  const { line, column } = lineColumn(text, offset);
  const reason = failure.replace(/ in JSON at position \d+.*$/s, '').replace(/^(Unexpected token '.*?'),.*$/s, '$1');
  return {
    file,
    line,
    column,
    path: '',
    message: `not valid JSON: ${reason} (a .json file is read as strict JSON: no comments, no trailing commas; name the file .yaml to write YAML)`,
  };
}

function parseFailure(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** A prefix of valid JSON either parses or fails only because the input ended. */
function isValidPrefix(prefix: string): boolean {
  const failure = parseFailure(prefix);
  if (failure === undefined || /Unexpected end of JSON input/.test(failure)) return true;
  const at = /at position (\d+)/.exec(failure);
  return at !== null && Number(at[1]) >= prefix.length;
}

/**
 * Offset of the first character that cannot continue valid JSON, for the
 * messages that do not give it: the shortest prefix that is no longer a
 * valid prefix ends with it. Found by bisection (prefixes before the error
 * are valid, those through it are not).
 */
function errorOffset(text: string): number {
  if (isValidPrefix(text)) return text.length; // the text ended too early
  let lo = 0; // valid prefix length
  let hi = text.length; // invalid prefix length
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (isValidPrefix(text.slice(0, mid))) lo = mid;
    else hi = mid;
  }
  return hi - 1;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}
