/**
 * Sobol' low-discrepancy sequence (unscrambled), Gray-code ordered.
 *
 * Dimension 1 is the van der Corput sequence in base 2. Further dimensions use
 * the primitive polynomials and initial direction numbers published by Joe and
 * Kuo (2008, "new-joe-kuo-6.21201", the first 52 entries after dimension 1),
 * which gives 53 dimensions: enough for a Saltelli design of up to 26 factors.
 *
 * Each row of the table below is `s a m_1 .. m_s`: the degree s of the
 * primitive polynomial, its inner coefficients packed as the bits of a, and
 * the odd initial direction integers m_k < 2^k.
 */

const DIRECTION_TABLE =
  '1 0 1|2 1 1 3|3 1 1 3 1|3 2 1 1 1|4 1 1 1 3 3|4 4 1 3 5 13|' +
  '5 2 1 1 5 5 17|5 4 1 1 5 5 5|5 7 1 1 7 11 19|5 11 1 1 5 1 1|5 13 1 1 1 3 11|5 14 1 3 5 5 31|' +
  '6 1 1 3 3 9 7 49|6 13 1 1 1 15 21 21|6 16 1 3 1 13 27 49|6 19 1 1 1 15 7 5|6 22 1 3 1 15 13 25|6 25 1 1 5 5 19 61|' +
  '7 1 1 3 7 11 23 15 103|7 4 1 3 7 13 13 15 69|7 7 1 1 3 13 7 35 63|7 8 1 3 5 9 1 25 53|7 14 1 3 1 13 9 35 107|' +
  '7 19 1 3 1 5 27 61 31|7 21 1 1 5 11 19 41 61|7 28 1 3 5 3 3 13 69|7 31 1 1 7 13 1 19 1|7 32 1 3 7 5 13 19 59|' +
  '7 37 1 1 3 9 25 29 41|7 41 1 3 5 13 23 1 55|7 42 1 3 7 3 13 59 17|7 50 1 3 1 3 5 53 69|7 55 1 1 5 5 23 33 13|' +
  '7 56 1 1 7 7 1 61 123|7 59 1 1 7 9 13 61 49|7 62 1 3 3 5 3 55 33|' +
  '8 14 1 3 1 15 31 13 49 245|8 21 1 3 5 15 31 59 63 97|8 22 1 3 1 11 11 11 77 249|8 38 1 3 1 11 27 43 71 9|' +
  '8 47 1 1 7 15 21 11 81 45|8 49 1 3 7 3 25 31 65 79|8 50 1 3 1 1 19 11 3 205|8 52 1 1 5 9 19 21 29 157|' +
  '8 56 1 3 7 11 1 33 89 185|8 67 1 3 3 3 15 9 79 71|8 70 1 3 7 11 15 39 119 27|8 84 1 1 3 1 11 31 97 225|' +
  '8 97 1 1 1 3 23 43 57 177|8 103 1 3 7 7 17 17 37 71|8 115 1 3 1 5 27 63 123 213|8 122 1 1 3 5 11 43 53 133';

const BITS = 32;

/** Direction integers V[d][j] (scaled to 32 bits) for every supported dimension. */
function buildDirections(): Uint32Array[] {
  const dims: Uint32Array[] = [];
  const first = new Uint32Array(BITS);
  for (let j = 0; j < BITS; j++) first[j] = (1 << (BITS - 1 - j)) >>> 0;
  dims.push(first);
  for (const row of DIRECTION_TABLE.split('|')) {
    const nums = row.split(' ').map(Number);
    const s = nums[0];
    const a = nums[1];
    const m = nums.slice(2);
    if (m.length !== s) throw new Error(`sobol table: row "${row}" has degree ${s} but ${m.length} direction numbers`);
    const v = new Uint32Array(BITS);
    for (let j = 0; j < BITS; j++) {
      if (j < s) {
        v[j] = (m[j] << (BITS - 1 - j)) >>> 0;
      } else {
        // Bratley & Fox recurrence: v_j = v_{j-s} ^ (v_{j-s} >> s) ^ sum_k a_k v_{j-k}
        let x = v[j - s] ^ (v[j - s] >>> s);
        for (let k = 1; k < s; k++) {
          if ((a >>> (s - 1 - k)) & 1) x ^= v[j - k];
        }
        v[j] = x >>> 0;
      }
    }
    dims.push(v);
  }
  return dims;
}

const DIRECTIONS = buildDirections();

/** Largest dimension this implementation supports. */
export const SOBOL_MAX_DIMENSION = DIRECTIONS.length;

/** Coordinate `dim` (0-based) of point `index` (0-based; point 0 is the origin), in [0, 1). */
export function sobolPoint(index: number, dim: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** BITS) throw new RangeError(`sobol: index ${index} out of range`);
  const v = DIRECTIONS[dim];
  if (!v) throw new RangeError(`sobol: dimension ${dim + 1} requested, only ${SOBOL_MAX_DIMENSION} supported`);
  let gray = (index ^ (index >>> 1)) >>> 0;
  let x = 0;
  for (let j = 0; gray !== 0; j++, gray >>>= 1) {
    if (gray & 1) x ^= v[j];
  }
  return (x >>> 0) / 2 ** BITS;
}

/**
 * `n` points of the `dims`-dimensional sequence starting at point `skip`
 * (row-major: out[i * dims + d]).
 */
export function sobolMatrix(n: number, dims: number, skip = 0): Float64Array {
  if (dims > SOBOL_MAX_DIMENSION) {
    throw new RangeError(`sobol: ${dims} dimensions requested, only ${SOBOL_MAX_DIMENSION} supported`);
  }
  const out = new Float64Array(n * dims);
  const x = new Uint32Array(dims);
  // Gray-code recursion: point i+1 differs from point i by one direction integer.
  // Start from point `skip` computed directly.
  for (let d = 0; d < dims; d++) x[d] = Math.round(sobolPoint(skip, d) * 2 ** BITS) >>> 0;
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dims; d++) out[i * dims + d] = x[d] / 2 ** BITS;
    const idx = skip + i;
    // c = index of the lowest zero bit of idx
    let c = 0;
    let t = idx;
    while (t & 1) {
      t >>>= 1;
      c++;
    }
    if (c >= BITS) break;
    for (let d = 0; d < dims; d++) x[d] = (x[d] ^ DIRECTIONS[d][c]) >>> 0;
  }
  return out;
}
