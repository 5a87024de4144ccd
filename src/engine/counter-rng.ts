/**
 * Counter-based random numbers: Threefry-2x32 with 20 rounds (Salmon, Moraes,
 * Dror & Shaw 2011, "Parallel random numbers: as easy as 1, 2, 3", SC'11), a
 * keyed hash of a 64-bit counter on 32-bit integer maths (add, rotate, xor).
 * The same key and counter give the same two words on any machine, in any
 * order, on any thread: that is what lets a run's work be split over threads
 * and still give byte-identical results.
 *
 * How the model uses it (docs/ODD.md, "Randomness"): each unit of partitioned
 * work (one group's meetings in one tick) gets its own substream, keyed by
 * the run and counted by (group, tick); the substream's draws come from an
 * Alea generator whose state the hash fills, so the draws inside a unit cost
 * what they always did. `test/engine/counter-rng.test.ts` checks the block
 * function against the published known-answer vectors.
 */
import { ALEA_2_32, type AleaState } from './rng.ts';

/** Threefry's key-schedule parity constant for 32-bit words (from Skein). */
const PARITY = 0x1bd11bda;

/**
 * Threefry-2x32-20 of counter (x0, x1) under key (k0, k1): writes the two
 * output words (unsigned) to out[0], out[1]. Twenty rounds in five groups of
 * four, the rotation distances 13, 15, 26, 6 and 17, 29, 16, 24 taking turns,
 * with the key injected after each group: injection s adds key word s mod 3
 * to the first word and key word (s + 1) mod 3 plus s to the second. The key
 * words are picked by their index rather than from an array: this runs twice
 * per group per tick, and an array made per call was the meeting kernel's
 * one allocation.
 */
export function threefry2x32(k0: number, k1: number, x0: number, x1: number, out: Uint32Array): void {
  const ks0 = k0 >>> 0;
  const ks1 = k1 >>> 0;
  const ks2 = (PARITY ^ ks0 ^ ks1) >>> 0;
  let a = (x0 + ks0) | 0;
  let b = (x1 + ks1) | 0;
  for (let s = 1; s <= 5; s++) {
    const odd = (s & 1) === 1;
    const r0 = odd ? 13 : 17,
      r1 = odd ? 15 : 29,
      r2 = odd ? 26 : 16,
      r3 = odd ? 6 : 24;
    a = (a + b) | 0;
    b = ((b << r0) | (b >>> (32 - r0))) ^ a;
    a = (a + b) | 0;
    b = ((b << r1) | (b >>> (32 - r1))) ^ a;
    a = (a + b) | 0;
    b = ((b << r2) | (b >>> (32 - r2))) ^ a;
    a = (a + b) | 0;
    b = ((b << r3) | (b >>> (32 - r3))) ^ a;
    a = (a + keyWord(s % 3, ks0, ks1, ks2)) | 0;
    b = (b + keyWord((s + 1) % 3, ks0, ks1, ks2) + s) | 0;
  }
  out[0] = a >>> 0;
  out[1] = b >>> 0;
}

/** Key word i of three. */
function keyWord(i: number, ks0: number, ks1: number, ks2: number): number {
  return i === 0 ? ks0 : i === 1 ? ks1 : ks2;
}

const scratch = new Uint32Array(2);

/** A run's key for one purpose: the hash of (seed, purpose) under a fixed project key. */
export function counterKey(seed: number, purpose: number): Uint32Array {
  const key = new Uint32Array(2);
  // The fixed key spells "coll" "absm" in ASCII: any constant would do, this one is ours.
  threefry2x32(0x636f6c6c, 0x6162736d, seed >>> 0, purpose >>> 0, key);
  return key;
}

/**
 * Fill an Alea state (engine/rng.ts) for the substream (a, b) of `key`: the
 * three fractions from three hashed words, the carry 1, the same form as
 * seedrandom gives a seeded Alea. Two blocks: counters (2a, b) and (2a + 1, b).
 */
export function seedSubstream(key: Uint32Array, a: number, b: number, st: AleaState): void {
  threefry2x32(key[0], key[1], (2 * a) >>> 0, b >>> 0, scratch);
  st.s0 = scratch[0] * ALEA_2_32;
  st.s1 = scratch[1] * ALEA_2_32;
  threefry2x32(key[0], key[1], (2 * a + 1) >>> 0, b >>> 0, scratch);
  st.s2 = scratch[0] * ALEA_2_32;
  st.c = 1;
}
