/** Small helpers for caught values, whose type TypeScript only knows as `unknown`. */

/** The message of a caught error (or the value itself, as text, when something else was thrown). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The `code` of a Node system error (`ENOENT`, `EEXIST`, ...), if it has one. */
export function errorCode(e: unknown): unknown {
  return e instanceof Error && 'code' in e ? e.code : undefined;
}

/** Whether a parsed JSON (or YAML) value is a plain object. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}
