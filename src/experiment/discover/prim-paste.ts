/**
 * PRIM's pasting: the reverse of peeling, on the box chosen from the
 * trajectory. Each restricted edge may be pushed back out by about alpha
 * times the box's cases (the nearest ones beyond that edge), or a category
 * taken back in; the move with the largest gain in density per case added
 * is made, and pasting stops when no move raises the density. Peeling is
 * greedy and can cut too deep on an edge it reached early; pasting
 * recovers that.
 */
import { membersOf, restrictedDims, withLimit, type Box, type Cases, type NumericFactor } from './cases.ts';
import { bestMove, type BoxCases } from './prim-peel.ts';

/** The new edge that takes in at least `m` of `beyond` (values past the edge, nearest first) and their ties; `limit` when none are left. */
function pastedEdge(beyond: number[], m: number, limit: number): number {
  let a = Math.max(1, m);
  while (a < beyond.length && beyond[a] === beyond[a - 1]) a++;
  return a < beyond.length ? (beyond[a - 1] + beyond[a]) / 2 : limit;
}

function numericPastes(cases: Cases, pool: Int32Array, current: BoxCases, j: number, init: Box, alpha: number): BoxCases[] {
  const f = cases.factors[j] as NumericFactor;
  const lim = current.box[j];
  const whole = init[j];
  if (lim.kind !== 'numeric' || whole.kind !== 'numeric') return [];
  // Cases inside the box on every other factor: the ones a paste on factor j can take in.
  const xs = Array.from(membersOf(cases, current.box, pool, j), (i) => f.values[i]);
  const below = xs.filter((x) => x < lim.low).sort((a, b) => b - a);
  const above = xs.filter((x) => x > lim.high).sort((a, b) => a - b);
  const m = Math.floor(alpha * current.members.length);
  const boxes: Box[] = [];
  if (lim.low > whole.low) boxes.push(withLimit(current.box, j, { ...lim, low: below.length ? pastedEdge(below, m, whole.low) : whole.low }));
  if (lim.high < whole.high) boxes.push(withLimit(current.box, j, { ...lim, high: above.length ? pastedEdge(above, m, whole.high) : whole.high }));
  return boxes.map((box) => ({ box, members: membersOf(cases, box, pool) }));
}

function categoricalPastes(cases: Cases, pool: Int32Array, current: BoxCases, j: number, init: Box): BoxCases[] {
  const lim = current.box[j];
  const whole = init[j];
  if (lim.kind !== 'categorical' || whole.kind !== 'categorical') return [];
  return lim.allowed.flatMap((a, c) => {
    if (a || !whole.allowed[c]) return [];
    const box = withLimit(current.box, j, { kind: 'categorical', allowed: lim.allowed.map((x, k) => x || k === c) });
    return [{ box, members: membersOf(cases, box, pool) }];
  });
}

/** Every candidate paste of the current box's restricted edges. */
export function pasteCandidates(cases: Cases, pool: Int32Array, current: BoxCases, init: Box, alpha: number): BoxCases[] {
  return restrictedDims(current.box, init).flatMap((j) =>
    cases.factors[j].kind === 'numeric' ? numericPastes(cases, pool, current, j, init, alpha) : categoricalPastes(cases, pool, current, j, init),
  );
}

/** Paste until no move raises the density; returns the final box and how many pastes were made. */
export function pasteBox(cases: Cases, pool: Int32Array, start: BoxCases, init: Box, alpha: number): { result: BoxCases; pastes: number } {
  let current = start;
  let pastes = 0;
  for (;;) {
    const candidates = pasteCandidates(cases, pool, current, init, alpha).filter((c) => c.members.length > current.members.length);
    const best = bestMove(cases, init, current, candidates);
    if (!best || !(best.gain > 0)) return { result: current, pastes };
    current = best.move;
    pastes++;
  }
}
