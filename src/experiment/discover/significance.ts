/**
 * How much each restriction of a box is worth: for restricted factor j,
 * widen the box back to the factor's whole range (or every category) on j
 * alone, and ask how likely a box of the same size drawn at random from
 * that wider box would hold at least as many cases with the outcome. The
 * box is a subset of the wider one, so the exact chance is the
 * hypergeometric upper tail (Bryant and Lempert 2010's quasi-p value,
 * which the EMA Workbench takes as the binomial approximation). "Quasi",
 * because the restriction was chosen by looking at the same data: small
 * values mean a restriction clearly earns its place, not a tested
 * hypothesis.
 */
import { countOfInterest, isRestricted, membersOf, withLimit, type Box, type Cases } from './cases.ts';
import { hypergeometricUpperTail } from './distributions.ts';
import type { BoxCases } from './prim-peel.ts';

/** Quasi-p value of each factor's restriction (NaN for an unrestricted factor). */
export function restrictionPValues(cases: Cases, pool: Int32Array, bc: BoxCases, init: Box): number[] {
  const n = bc.members.length;
  const k = countOfInterest(cases.y, bc.members);
  return bc.box.map((lim, j) => {
    if (!isRestricted(lim, init[j])) return NaN;
    const wider = membersOf(cases, withLimit(bc.box, j, init[j]), pool);
    return hypergeometricUpperTail(k, wider.length, countOfInterest(cases.y, wider), n);
  });
}

/**
 * Widen the box on its least significant restriction while that one's
 * quasi-p value is above `maxP`, one at a time (a value changes when
 * another restriction goes). Returns the box and the factors freed, in order.
 */
export function dropInsignificant(cases: Cases, pool: Int32Array, start: BoxCases, init: Box, maxP: number): { result: BoxCases; dropped: number[] } {
  let current = start;
  const dropped: number[] = [];
  for (;;) {
    const p = restrictionPValues(cases, pool, current, init);
    let worst = -1;
    p.forEach((v, j) => {
      if (v > maxP && (worst < 0 || v > p[worst])) worst = j;
    });
    if (worst < 0) return { result: current, dropped };
    const box = withLimit(current.box, worst, init[worst]);
    current = { box, members: membersOf(cases, box, pool) };
    dropped.push(worst);
  }
}
