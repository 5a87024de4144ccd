/**
 * The project's two JSON serialisations, one home each.
 *
 * - `canonicalJson`: compact text for values that feed hashes (scenario
 *   hash, run seeds, sweep identity). The same value always gives the same
 *   text whatever the key order of the object it came from: keys sorted at
 *   every depth, -0 written as 0, NaN and the infinities written as strings
 *   so they survive, typed arrays as arrays, undefined properties dropped.
 * - `stableJson`: indented, deterministic text for files people read
 *   (summary.json, manifests, JSON Schemas). Non-finite numbers become null.
 */

/** Compact JSON with sorted keys; NaN and infinities become strings. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normaliseForHash(value)) ?? 'null';
}

function normaliseForHash(value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (value === Infinity) return 'Infinity';
    if (value === -Infinity) return '-Infinity';
    return Object.is(value, -0) ? 0 : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(normaliseForHash);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, normaliseForHash);
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj).sort()) {
    if (obj[key] !== undefined) out[key] = normaliseForHash(obj[key]);
  }
  return out;
}

/**
 * Deterministic JSON, 2-space indented, with a final newline. Non-finite
 * numbers become null; typed arrays become arrays; dates ISO strings. With
 * `sortKeys`, object keys are sorted (code-unit order) at every depth.
 */
export function stableJson(value: unknown, opts: { sortKeys?: boolean } = {}): string {
  return JSON.stringify(normaliseForFile(value, opts.sortKeys ?? false), null, 2) + '\n';
}

function normaliseForFile(value: unknown, sortKeys: boolean): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, (v) => normaliseForFile(v, sortKeys));
  if (Array.isArray(value)) return value.map((v) => normaliseForFile(v, sortKeys));
  if (value instanceof Map) return normaliseForFile(Object.fromEntries(value), sortKeys);
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (sortKeys) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const res: Record<string, unknown> = {};
  for (const [k, v] of entries) res[k] = normaliseForFile(v, sortKeys);
  return res;
}
