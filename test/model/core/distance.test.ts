/** hypot (src/model/core/distance.ts): the bits of Node's Math.hypot for two values, without its garbage. */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { hypot } from '../../../src/model/core/distance.ts';

/** Both NaN, or the same 64 bits. */
function sameBits(x: number, y: number): boolean {
  if (Number.isNaN(x) && Number.isNaN(y)) return true;
  const a = new Float64Array([x, y]);
  const w = new Uint32Array(a.buffer);
  return w[0] === w[2] && w[1] === w[3];
}

describe('hypot', () => {
  it('gives the bits Math.hypot gives on zeros of both signs, infinities, NaN, subnormals and extremes', () => {
    const specials = [0, -0, 1, -1, 3, 4, 0.1, 0.2, Infinity, -Infinity, NaN, 5e-324, -5e-324, 1.7976931348623157e308, 1e-300, 1e300];
    for (const a of specials) for (const b of specials) expect(sameBits(hypot(a, b), Math.hypot(a, b)), `${a}, ${b}`).toBe(true);
  });

  it('gives the bits Math.hypot gives on a million pairs of every scale (coordinates, kilometres, tiny and huge)', () => {
    const rng = seedrandom('distance');
    let differ = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const scale = 2 ** Math.floor(rng() * 200 - 100);
      const a = (rng() - 0.5) * scale;
      const b = (rng() - 0.5) * scale * (i % 5 === 0 ? 1e-9 : 1);
      if (!sameBits(hypot(a, b), Math.hypot(a, b))) differ++;
    }
    expect(differ).toBe(0);
  });
});
