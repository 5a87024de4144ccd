/**
 * The model's named random streams, one per purpose. Each is seeded from
 * the run seed and its name (engine/rng.ts), so adding draws to one rule
 * never shifts another rule's draws. Append new names at the end.
 *
 * Work that may be split over threads draws from counter-based substreams
 * instead (engine/counter-rng.ts): one key per purpose, below.
 */
import { makeStreams, type Stream } from '../../engine/rng.ts';
import { counterKey } from '../../engine/counter-rng.ts';

export const STREAM_NAMES = [
  'setup',
  'peerReview',
  'improvement',
  'turnover',
  'teachers',
  'policy',
  // Policy layer streams (adding a stream never shifts the others' draws).
  /** Locality layout at setup. */
  'locality',
  /** Yearly structural changes (MAT joining, hub engagement, spanner succession). */
  'structure',
  /** Knowledge stances under competition. */
  'competition',
  /** Word-of-mouth spread of a practice. */
  'practice',
  /** Inspection timing and judgements. */
  'inspection',
] as const;

export type StreamName = (typeof STREAM_NAMES)[number];
export type Streams = Record<StreamName, Stream>;

export function modelStreams(seed: number): Streams {
  return makeStreams(seed, STREAM_NAMES);
}

/** Keys of the counter-based substreams, one per purpose (the purpose numbers never change). */
export interface StreamKeys {
  /** Meetings: substream (group, tick). */
  meetings: Uint32Array;
}

export function modelKeys(seed: number): StreamKeys {
  return { meetings: counterKey(seed, 1) };
}
