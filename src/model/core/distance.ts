/**
 * The distance between two points wherever the model used `Math.hypot`: the same
 * arithmetic as V8's `Math.hypot` for two values (the larger magnitude m;
 * each value divided by m and squared, added with Kahan's compensation;
 * the square root of the sum times m), so every distance is the bits the
 * model had with `Math.hypot` in Node. Written out here for two reasons:
 * - V8's `Math.hypot` allocates an array on every call (72 MB of garbage in
 *   one run of scenarios/england.yaml, where neighbours, hub engagement and
 *   hub placement measure millions of distances);
 * - other engines compute `Math.hypot` their own way, so the workshop in a
 *   browser could differ from the command in the last bit; division,
 *   multiplication, addition and the square root are exactly rounded in
 *   every engine.
 * Rivalry's radius test and closeness have always used the plain
 * sqrt(dx^2 + dy^2) instead (`pairKm` in edges.ts); the two can differ in
 * the last bit, so each keeps its own to keep the outputs' bytes.
 */
export function hypot(dx: number, dy: number): number {
  const a = dx < 0 ? -dx : dx;
  const b = dy < 0 ? -dy : dy;
  if (a === Infinity || b === Infinity) return Infinity;
  if (a !== a || b !== b) return NaN;
  const m = a > b ? a : b;
  if (m === 0) return 0;
  // V8 adds (a / m)^2 and then (b / m)^2 to 0 with Kahan's compensation. For two terms the
  // compensation after the first is (0 + s - 0) - s = 0, and none is used after the second,
  // so the sum is the plain sum of the two squares.
  const p = a / m;
  const q = b / m;
  return Math.sqrt(p * p + q * q) * m;
}
