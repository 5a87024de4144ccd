/** sortDoubles (src/model/observe/sort-doubles.ts): the same numbers, in the same order, as Float64Array.prototype.sort. */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { sortDoubles } from '../../../src/model/observe/sort-doubles.ts';

/** Bits of each value, so that -0 and +0 (and NaN) are told apart. */
function bits(a: Float64Array): string[] {
  const w = new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
  return Array.from(a, (x, i) => (Number.isNaN(x) ? 'NaN' : `${w[2 * i + 1].toString(16)}:${w[2 * i].toString(16)}`));
}

function check(values: number[], n = values.length): void {
  const a = Float64Array.from(values);
  const b = Float64Array.from(values);
  sortDoubles(a, n);
  b.subarray(0, n).sort();
  expect(bits(a)).toEqual(bits(b));
}

describe('sortDoubles', () => {
  const rng = seedrandom('sort-doubles');
  it('sorts shares in [0, 1] as the comparison sort does', () => {
    for (const n of [2, 3, 17, 1000, 20000]) check(Array.from({ length: n }, () => rng() * 0.05));
  });

  // 200 values go through the built-in sort, 3,000 through the radix sort.
  it.each([200, 3000])('handles negatives, zeros of both signs, infinities, ties, tiny and huge values, and NaN (%i values)', (length) => {
    const pool = [0, -0, 1, -1, 0.5, -0.5, Infinity, -Infinity, NaN, 5e-324, -5e-324, 1.7976931348623157e308, -1e300, 1e-300, 3, 3, 3];
    for (let r = 0; r < 20; r++)
      check(Array.from({ length }, () => (rng() < 0.5 ? pool[Math.floor(rng() * pool.length)] : (rng() - 0.5) * 10 ** Math.floor(rng() * 40 - 20))));
  });

  it('sorts each array it is given, when arrays of one length alternate and when one array is sorted again with new values', () => {
    const a = new Float64Array(50);
    const b = new Float64Array(50);
    for (let r = 0; r < 3; r++) {
      for (const x of [a, b]) {
        for (let i = 0; i < x.length; i++) x[i] = rng();
        sortDoubles(x, 30);
        const want = Float64Array.from(x.subarray(0, 30)).sort();
        expect(Array.from(x.subarray(0, 30))).toEqual(Array.from(want));
      }
    }
    const c = new Float64Array(4000).map(() => rng());
    sortDoubles(c.subarray(1000), 30); // a view at an offset, into the same buffer as other views
    expect(Array.from(c.subarray(1000, 1030))).toEqual(Array.from(Float64Array.from(c.subarray(1000, 1030)).sort()));
  });

  it('sorts only the prefix it is given, and equal digits everywhere (a pass skipped) still sort', () => {
    const values = Array.from({ length: 100 }, () => rng());
    check(values, 40);
    check(Array.from({ length: 64 }, (_, i) => 1 + i * 2 ** -52));
    check(Array.from({ length: 64 }, () => 0.25));
  });
});
