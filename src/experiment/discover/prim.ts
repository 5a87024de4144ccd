/**
 * PRIM, start to finish: peel (prim-peel.ts), choose a step (box-choice.ts),
 * paste (prim-paste.ts), free the restrictions that do not earn their place
 * (significance.ts); then, for further boxes, remove the cases of the boxes
 * found so far and start again on the rest (covering).
 */
import { InputError } from '../../scenario/input-error.ts';
import { allCases, boxStats, countOfInterest, initialBox, restrictedDims, type Box, type BoxStats, type Cases } from './cases.ts';
import { chooseStep, scanStatistic } from './box-choice.ts';
import { BOX_SIGNIFICANCE, permutationTest, type PermutationResult } from './permutation.ts';
import { peelTrajectory, type BoxCases, type PeelSettings } from './prim-peel.ts';
import { pasteBox } from './prim-paste.ts';
import { dropInsignificant, restrictionPValues } from './significance.ts';

export interface PrimSettings extends PeelSettings {
  /** Least share of the (uncovered) cases of interest a chosen box keeps. */
  minCoverage: number;
  /** Most boxes to find. */
  boxes: number;
  /** Largest quasi-p value a restriction may have to stay. */
  maxP: number;
  /** Take this step of the first box's trajectory as it is (no pasting, no freeing). */
  step?: number;
  /** Shuffles of the outcome for the test of each box (0: none), and the seed of their stream. */
  permutations: number;
  seed: number;
}

export interface TrajectoryPoint extends BoxStats {
  step: number;
}

export interface PrimBox {
  /** 1 for the first box, 2 for the one found after covering the first, ... */
  index: number;
  trajectory: TrajectoryPoint[];
  chosenStep: number;
  /** The step was given with --box (taken as peeled) rather than chosen by the rule. */
  given: boolean;
  pastes: number;
  /** Factors whose restriction was freed for being insignificant. */
  freed: string[];
  box: Box;
  members: Int32Array;
  stats: BoxStats;
  /** Quasi-p value of each factor's restriction (NaN when unrestricted). */
  pValues: number[];
  /** Cases still uncovered when this box was sought, and how many of them had the outcome. */
  pool: { n: number; k: number };
  /** Whether chance gives a box standing out as much as the chosen step (permutation.ts). */
  test: PermutationResult;
}

/** Whether a box passed its permutation test (or none was made). */
export function standsOut(b: PrimBox): boolean {
  return !(b.test.p > BOX_SIGNIFICANCE);
}

export interface PrimResult {
  init: Box;
  boxes: PrimBox[];
  notes: string[];
}

function stepOutOfRange(step: number, last: number): never {
  throw new InputError('--box', [
    { file: '--box', line: 0, column: 0, path: '', message: `step ${step} is not on the peeling trajectory, whose steps run from 0 to ${last}` },
  ]);
}

/** Find one box over the cases of `pool`. */
function findBox(cases: Cases, pool: Int32Array, init: Box, s: PrimSettings, index: number): PrimBox {
  const poolK = countOfInterest(cases.y, pool);
  const steps = peelTrajectory(cases, pool, init, s);
  const trajectory = steps.map((st, step) => ({ step, ...boxStats(cases, st.box, init, st.members) }));
  const given = index === 1 && s.step !== undefined;
  if (given && (s.step ?? 0) > steps.length - 1) stepOutOfRange(s.step ?? 0, steps.length - 1);
  const chosenStep = given ? (s.step ?? 0) : chooseStep(trajectory, { n: pool.length, k: poolK }, s.minCoverage);
  const chosen = trajectory[chosenStep];
  const test = permutationTest(cases, pool, init, scanStatistic(chosen.k, chosen.n, poolK, pool.length), s, `box-${index}`);
  let final: BoxCases = steps[chosenStep];
  let pastes = 0;
  let freed: number[] = [];
  if (!given) {
    const pasted = pasteBox(cases, pool, final, init, s.alpha);
    pastes = pasted.pastes;
    const kept = dropInsignificant(cases, pool, pasted.result, init, s.maxP);
    final = kept.result;
    freed = kept.dropped;
  }
  return {
    index,
    trajectory,
    chosenStep,
    given,
    pastes,
    freed: freed.map((j) => cases.factors[j].name),
    box: final.box,
    members: final.members,
    stats: boxStats(cases, final.box, init, final.members),
    pValues: restrictionPValues(cases, pool, final, init),
    pool: { n: pool.length, k: poolK },
    test,
  };
}

/** Up to `s.boxes` boxes; a further box is kept only when it stands out from chance, restricts some factor and is denser than the base rate of all cases. */
export function runPrim(cases: Cases, s: PrimSettings): PrimResult {
  const init = initialBox(cases);
  const boxes: PrimBox[] = [];
  const notes: string[] = [];
  let pool = allCases(cases);
  const baseRate = countOfInterest(cases.y, pool) / Math.max(1, pool.length);
  for (let b = 1; b <= s.boxes; b++) {
    if (countOfInterest(cases.y, pool) === 0) {
      if (b > 1) notes.push(`PRIM stopped after ${b - 1} box(es): every case of interest is covered`);
      break;
    }
    const box = findBox(cases, pool, init, s, b);
    if (b > 1 && !standsOut(box)) {
      notes.push(`PRIM stopped after ${b - 1} box(es): among the remaining cases the best box does not stand out from chance (p = ${box.test.p.toFixed(2)})`);
      break;
    }
    if (b > 1 && restrictedDims(box.box, init).length === 0) {
      notes.push(`PRIM stopped after ${b - 1} box(es): among the remaining cases no restriction of the factors is significant`);
      break;
    }
    if (b > 1 && !(box.stats.density > baseRate)) {
      notes.push(`PRIM stopped after ${b - 1} box(es): the best box among the remaining cases is no denser than the base rate`);
      break;
    }
    boxes.push(box);
    const inside = new Set(box.members);
    pool = pool.filter((i) => !inside.has(i));
    if (restrictedDims(box.box, init).length === 0 || !standsOut(box)) break;
  }
  return { init, boxes, notes };
}
