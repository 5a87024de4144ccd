/**
 * `collabsim discover`, the computation: read a finished sweep, mark the
 * cases that meet the condition, find PRIM boxes and CART leaves, and
 * describe each as a named box with its coverage, density and the quasi-p
 * values of its restrictions (docs/discover.md). No files: outputs.ts
 * writes them.
 */
import { allCases, boxStats, countOfInterest, initialBox, type Box, type BoxStats, type Cases } from './cases.ts';
import { buildCases, type Per } from './build-cases.ts';
import { conditionText, parseCondition } from './condition.ts';
import { growTree, type Leaf } from './cart.ts';
import { runPrim, type PrimResult } from './prim.ts';
import type { PermutationResult } from './permutation.ts';
import { restrictionPValues } from './significance.ts';
import { readSweepTable } from './sweep-table.ts';

export interface DiscoverSettings {
  /** The condition of interest (see condition.ts). */
  where: string;
  per: Per;
  /** PRIM: share of a box peeled per step, smallest box mass, least coverage of a chosen box, most quasi-p of a kept restriction, boxes. */
  peelAlpha: number;
  minMass: number;
  minCoverage: number;
  maxP: number;
  boxes: number;
  /** Take this step of the first PRIM trajectory as the box (--box K). */
  step?: number;
  /** Shuffles of the outcome in the permutation test of each PRIM box (0: none), and the seed of their stream. */
  permutations: number;
  seed: number;
  /** CART: depth, and the smallest leaf as a share of the cases. */
  maxDepth: number;
  minLeaf: number;
}

export const DISCOVER_DEFAULTS = {
  per: 'run',
  peelAlpha: 0.05,
  minMass: 0.05,
  minCoverage: 0,
  maxP: 0.01,
  boxes: 1,
  permutations: 99,
  seed: 1,
  maxDepth: 3,
  minLeaf: 0.05,
} as const satisfies Omit<DiscoverSettings, 'where'>;

/** A PRIM box or a CART leaf, as the tables and the report show it. */
export interface NamedBox {
  /** `prim-1`, `cart-3` (CART leaves are numbered left to right over all leaves). */
  id: string;
  method: 'prim' | 'cart';
  box: Box;
  stats: BoxStats;
  pValues: number[];
  /** PRIM: the trajectory step chosen, and the permutation test of the box. */
  step?: number;
  test?: PermutationResult;
  /** CART: the splits leading to the leaf, and whether it predicts the outcome. */
  path?: string[];
  predicted?: boolean;
}

export interface DiscoverResult {
  sweep: { name: string; designType: string };
  settings: DiscoverSettings;
  /** The condition in canonical form. */
  condition: string;
  unit: 'runs' | 'points';
  cases: Cases;
  init: Box;
  /** Cases, cases of interest and their share. */
  n: number;
  k: number;
  baseRate: number;
  prim: PrimResult;
  primBoxes: NamedBox[];
  leaves: NamedBox[];
  /** Smallest CART leaf, in cases. */
  minLeafCases: number;
  notes: string[];
}

function leafBox(cases: Cases, init: Box, leaf: Leaf, index: number): NamedBox {
  return {
    id: `cart-${index + 1}`,
    method: 'cart',
    box: leaf.box,
    stats: boxStats(cases, leaf.box, init, leaf.members),
    pValues: restrictionPValues(cases, allCases(cases), leaf, init),
    path: leaf.path,
    predicted: leaf.predicted,
  };
}

/** Everything discover finds in the sweep folder `dir` (`shown` names it in messages). */
export function discover(dir: string, settings: DiscoverSettings, shown = dir): DiscoverResult {
  const table = readSweepTable(dir, shown);
  const condition = parseCondition(settings.where, { metrics: table.metrics, factors: table.factors.map((f) => f.name) });
  const set = buildCases(table, condition, settings.per);
  const { cases } = set;
  const init = initialBox(cases);
  const n = cases.y.length;
  const k = countOfInterest(cases.y, allCases(cases));
  const prim = runPrim(cases, {
    alpha: settings.peelAlpha,
    minMass: settings.minMass,
    minCoverage: settings.minCoverage,
    maxP: settings.maxP,
    boxes: settings.boxes,
    permutations: settings.permutations,
    seed: settings.seed,
    ...(settings.step !== undefined ? { step: settings.step } : {}),
  });
  const minLeafCases = Math.max(1, Math.ceil(settings.minLeaf * n));
  const leaves = growTree(cases, { box: init, members: allCases(cases) }, { maxDepth: settings.maxDepth, minLeaf: minLeafCases });
  const notes = [...table.notes, ...set.notes, ...prim.notes];
  const first = prim.boxes[0];
  if (first && first.freed.length && first.stats.restricted === 0)
    notes.push(
      `prim-1: the restrictions found on ${first.freed.join(', ')} were all freed as not significant (quasi-p above ${settings.maxP}); with ${n} ${set.unit} that takes a strong effect${settings.per === 'point' ? ', so try --per run' : ''}, or raise --max-p to see them`,
    );
  if (k === 0) notes.push(`no ${set.unit.slice(0, -1)} meets the condition, so there is nothing to find`);
  else if (k === n) notes.push(`every ${set.unit.slice(0, -1)} meets the condition, so there is nothing to tell apart`);
  return {
    sweep: { name: table.name, designType: table.designType },
    settings,
    condition: conditionText(condition),
    unit: set.unit,
    cases,
    init,
    n,
    k,
    baseRate: n ? k / n : NaN,
    prim,
    primBoxes: prim.boxes.map((b) => ({
      id: `prim-${b.index}`,
      method: 'prim',
      box: b.box,
      stats: b.stats,
      pValues: b.pValues,
      step: b.chosenStep,
      test: b.test,
    })),
    leaves: leaves.map((l, i) => leafBox(cases, init, l, i)),
    minLeafCases,
    notes,
  };
}
