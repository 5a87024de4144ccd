/**
 * Canonical text for values that feed hashes (run seeds, sweep identity).
 *
 * The same value must always give the same text, whatever the key order of
 * the object it came from or the way a number was written in a file. Numbers
 * use JavaScript's shortest round-trip form (so 0.1 stays `0.1` and no digit
 * is lost), -0 becomes 0, and object keys are sorted.
 */
import { createHash } from 'node:crypto';

export type FactorValue = number | string | boolean;

/** JSON with sorted object keys; NaN and infinities are written as strings so they survive. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (value === Infinity) return 'Infinity';
    if (value === -Infinity) return '-Infinity';
    return Object.is(value, -0) ? 0 : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(normalise);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, normalise);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value as Record<string, unknown>).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    out[key] = normalise(v);
  }
  return out;
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Deep clone of a JSON-like value (objects, arrays, primitives). */
export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}
