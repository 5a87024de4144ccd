/**
 * Constants and helpers of the binding-style bench's edge kernel, exported
 * from their own module so that the `imported` style reads them through ES
 * module bindings inside its loop (as src/model/mechanisms/trust/meetings.ts once did).
 */
export const UP = 0.06;
export const DOWN = 0.25;
export const LCG_MOD = 2147483647;
export const NOISE = 0.24;

export function towardsImported(p: number, o: number): number {
  return p + (o > p ? UP : DOWN) * (o - p);
}

export function trustOfImported(a: number, b: number, c: number, d: number): number {
  const a2 = a * a,
    b2 = b * b,
    c2 = c * c,
    d2 = d * d;
  return 1 / Math.sqrt(Math.sqrt((1 / (a2 * a2) + 1 / (b2 * b2) + 1 / (c2 * c2) + 1 / (d2 * d2)) / 4));
}
