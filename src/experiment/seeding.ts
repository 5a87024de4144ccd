/**
 * Run seeds.
 *
 * A run's seed depends only on three things: the sweep's master seed, the
 * identity of its design point and its replication index. It never depends on
 * where the run sat in a queue, which worker ran it or which shard owned it,
 * so the same sweep gives the same seeds under any execution plan.
 *
 *   seed = first 32 bits (big-endian, unsigned) of
 *          sha256(`${masterSeed}|${pointId}|${rep}`)
 */
import { sha256Bytes } from '../common/hash.ts';
import { canonicalJson } from '../common/json.ts';
import type { FactorValue } from './factor-value.ts';

/** Derive the seed of replication `rep` (0-based) of the point with identity `pointId`. */
export function deriveSeed(masterSeed: number, pointId: string, rep: number): number {
  const digest = sha256Bytes(`${masterSeed}|${pointId}|${rep}`);
  return new DataView(digest.buffer, digest.byteOffset, digest.byteLength).getUint32(0, false);
}

/**
 * Canonical identity of a design point from its factor values: the
 * (name, value) pairs sorted by name, as JSON. A `tag` distinguishes points
 * that must not share seeds even when their values coincide, e.g. the rows of
 * the different Saltelli matrices (`A/12`, `AB3/12`, `B/12`).
 */
export function pointIdentity(names: readonly string[], values: readonly FactorValue[], tag?: string): string {
  const pairs = names.map((n, i) => [n, values[i]] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const body = canonicalJson(pairs);
  return tag ? `${tag}|${body}` : body;
}
