/**
 * Sorting a prefix of a Float64Array in place, in the order
 * Float64Array.prototype.sort gives (numeric, -0 before +0, NaN last), by
 * least-significant-digit radix sort on the values' bits: the observer sorts
 * every school's access to professional learning each tick for its Gini
 * coefficient, and the comparison sort took 1.6 ms of a national tick.
 *
 * Each value's 64 bits become an unsigned key that orders as the numbers do
 * (a negative value has every bit flipped, any other its sign bit set), the
 * keys are sorted eleven bits at a time (six passes; a pass whose digit is
 * the same in every key is skipped), and the values are read back from the
 * keys. Equal values have equal keys, so the result is the same array of
 * numbers as the comparison sort's (a NaN comes back as the NaN of the
 * largest key). No allocation once the buffers fit n. Below BUILT_IN_BELOW
 * values the built-in sort does it instead.
 */

const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const MASK = BUCKETS - 1;
/** Bit offsets of the six digits within the 64-bit key (the last digit has 9 bits). */
const SHIFTS = [0, 11, 22, 33, 44, 55];

let keys = new Float64Array(0);
let spare = new Float64Array(0);
/** Per digit, the count of keys with each value of it (then where the next such key goes). */
const counts = new Int32Array(SHIFTS.length * BUCKETS);

/** The 32-bit word views of a buffer of doubles (little-endian: word 2i is the low half of double i). */
function words(a: Float64Array): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
}

let keyWords = words(keys);
let spareWords = words(spare);

/**
 * Below this many values the built-in sort is faster (measured, µs per sort:
 * 70 values 1.0 against 8.6 here, 1,000 values 21 against 57, 3,000 values
 * 129 against 103): the radix sort's six passes over 2,048 buckets cost the
 * same whatever n, which made the Gini coefficient a twentieth of a
 * 70-school run.
 */
const BUILT_IN_BELOW = 2048;
/** The view of the last prefix sorted by the built-in sort, kept so that a run sorting the same array every tick makes no view per tick. */
let prefix: Float64Array<ArrayBufferLike> = new Float64Array(0);

/** Sort xs[0..n) ascending in place. */
export function sortDoubles(xs: Float64Array, n: number): void {
  if (n < 2) return;
  if (n < BUILT_IN_BELOW) {
    if (prefix.buffer !== xs.buffer || prefix.byteOffset !== xs.byteOffset || prefix.length !== n) prefix = xs.subarray(0, n);
    prefix.sort();
    return;
  }
  if (keys.length < n) {
    keys = new Float64Array(n);
    spare = new Float64Array(n);
    keyWords = words(keys);
    spareWords = words(spare);
  }
  keys.set(xs.subarray(0, n));
  toKeys(keys, keyWords, n);
  countDigits(keyWords, n);
  let from = keyWords,
    to = spareWords;
  for (let d = 0; d < SHIFTS.length; d++) {
    if (!digitPass(from, to, n, d)) continue;
    const t = from;
    from = to;
    to = t;
  }
  fromKeys(from, n);
  xs.set((from === keyWords ? keys : spare).subarray(0, n));
}

/** Bits of each double of v[0..n) (w: its words) made into an unsigned key that orders as the numbers do; every NaN the largest key. */
function toKeys(v: Float64Array, w: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const hi = w[2 * i + 1];
    if (v[i] !== v[i]) {
      w[2 * i] = 0xffffffff;
      w[2 * i + 1] = 0xffffffff;
    } else if (hi >>> 31) {
      w[2 * i] = ~w[2 * i];
      w[2 * i + 1] = ~hi;
    } else w[2 * i + 1] = hi | 0x80000000;
  }
}

/** The inverse of toKeys. */
function fromKeys(w: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const hi = w[2 * i + 1];
    if (hi >>> 31) w[2 * i + 1] = hi & 0x7fffffff;
    else {
      w[2 * i] = ~w[2 * i];
      w[2 * i + 1] = ~hi;
    }
  }
}

/** The 11-bit digit d of the key with low word lo and high word hi (digit 2 straddles the two words). */
function digit(lo: number, hi: number, d: number): number {
  const shift = SHIFTS[d];
  if (shift >= 32) return (hi >>> (shift - 32)) & MASK;
  if (shift + DIGIT_BITS <= 32) return (lo >>> shift) & MASK;
  return ((lo >>> shift) | (hi << (32 - shift))) & MASK;
}

/** Every digit's counts, in one pass over the keys. */
function countDigits(w: Uint32Array, n: number): void {
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const lo = w[2 * i],
      hi = w[2 * i + 1];
    for (let d = 0; d < SHIFTS.length; d++) counts[d * BUCKETS + digit(lo, hi, d)]++;
  }
}

/** One stable counting pass on digit d, from `from` into `to`; false (nothing moved) when every key has the same digit. */
function digitPass(from: Uint32Array, to: Uint32Array, n: number, d: number): boolean {
  const base = d * BUCKETS;
  if (counts[base + digit(from[0], from[1], d)] === n) return false;
  let sum = 0;
  for (let b = base; b < base + BUCKETS; b++) {
    const c = counts[b];
    counts[b] = sum;
    sum += c;
  }
  for (let i = 0; i < n; i++) {
    const lo = from[2 * i],
      hi = from[2 * i + 1];
    const j = counts[base + digit(lo, hi, d)]++;
    to[2 * j] = lo;
    to[2 * j + 1] = hi;
  }
  return true;
}
