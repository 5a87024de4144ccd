/**
 * A classification tree (CART, Breiman et al. 1984) as a second view of
 * the same question: split the cases in two on one factor at a time, each
 * time the split that lowers the Gini impurity 2 p (1 - p) the most, down
 * to a maximum depth, never leaving a side with fewer than the minimum
 * leaf size. A leaf is a box (the splits on its path); it predicts the
 * outcome when most of its cases have it.
 *
 * Numeric splits are cut half-way between neighbouring values; a
 * categorical factor is split by ordering its categories by their share of
 * cases of interest and cutting that order, which finds the best of all
 * two-way groupings for a 0/1 outcome (Breiman et al., section 9.4).
 */
import { countOfInterest, withLimit, type Cases, type CategoricalFactor, type NumericFactor } from './cases.ts';
import type { BoxCases } from './prim-peel.ts';

export interface CartSettings {
  maxDepth: number;
  /** Fewest cases in a leaf. */
  minLeaf: number;
}

export interface Leaf extends BoxCases {
  k: number;
  /** Most of the leaf's cases have the outcome. */
  predicted: boolean;
  /** The splits from the root, in words ("x1 <= 0.6"). */
  path: string[];
}

interface Split {
  /** Weighted impurity of the two sides: n_left G_left + n_right G_right. */
  impurity: number;
  left: BoxCases;
  right: BoxCases;
  words: [string, string];
}

/** n G = 2 k (n - k) / n: a node's size times its Gini impurity. */
const weightedGini = (k: number, n: number): number => (n ? (2 * k * (n - k)) / n : 0);

const short = (x: number): string => String(Number(x.toPrecision(3)));

function numericSplit(cases: Cases, node: BoxCases, j: number, minLeaf: number): Split | undefined {
  const f = cases.factors[j] as NumericFactor;
  const lim = node.box[j];
  if (lim.kind !== 'numeric') return undefined;
  const order = Array.from(node.members).sort((a, b) => f.values[a] - f.values[b]);
  const n = order.length;
  const K = countOfInterest(cases.y, node.members);
  let kLeft = 0;
  let best: { impurity: number; at: number } | undefined;
  for (let i = 1; i < n; i++) {
    kLeft += cases.y[order[i - 1]];
    if (i < minLeaf || n - i < minLeaf || f.values[order[i]] === f.values[order[i - 1]]) continue;
    const impurity = weightedGini(kLeft, i) + weightedGini(K - kLeft, n - i);
    if (!best || impurity < best.impurity) best = { impurity, at: i };
  }
  if (!best) return undefined;
  const cut = (f.values[order[best.at - 1]] + f.values[order[best.at]]) / 2;
  return {
    impurity: best.impurity,
    left: { box: withLimit(node.box, j, { ...lim, high: cut }), members: Int32Array.from(order.slice(0, best.at)) },
    right: { box: withLimit(node.box, j, { ...lim, low: cut }), members: Int32Array.from(order.slice(best.at)) },
    words: [`${f.name} <= ${short(cut)}`, `${f.name} > ${short(cut)}`],
  };
}

function categoricalSplit(cases: Cases, node: BoxCases, j: number, minLeaf: number): Split | undefined {
  const f = cases.factors[j] as CategoricalFactor;
  const lim = node.box[j];
  if (lim.kind !== 'categorical') return undefined;
  const n = new Map<number, number>();
  const k = new Map<number, number>();
  for (const i of node.members) {
    n.set(f.codes[i], (n.get(f.codes[i]) ?? 0) + 1);
    k.set(f.codes[i], (k.get(f.codes[i]) ?? 0) + cases.y[i]);
  }
  const cats = [...n.keys()].sort((a, b) => (k.get(a) ?? 0) / (n.get(a) ?? 1) - (k.get(b) ?? 0) / (n.get(b) ?? 1) || a - b);
  const N = node.members.length;
  const K = countOfInterest(cases.y, node.members);
  let nl = 0;
  let kl = 0;
  let best: { impurity: number; at: number } | undefined;
  for (let c = 1; c < cats.length; c++) {
    nl += n.get(cats[c - 1]) ?? 0;
    kl += k.get(cats[c - 1]) ?? 0;
    if (nl < minLeaf || N - nl < minLeaf) continue;
    const impurity = weightedGini(kl, nl) + weightedGini(K - kl, N - nl);
    if (!best || impurity < best.impurity) best = { impurity, at: c };
  }
  if (!best) return undefined;
  const leftCats = new Set(cats.slice(0, best.at));
  const side = (inLeft: boolean): BoxCases => ({
    box: withLimit(node.box, j, { kind: 'categorical', allowed: lim.allowed.map((a, c) => a && leftCats.has(c) === inLeft) }),
    members: node.members.filter((i) => leftCats.has(f.codes[i]) === inLeft),
  });
  const names = (inLeft: boolean) => cats.filter((c) => leftCats.has(c) === inLeft).map((c) => f.levels[c]);
  return {
    impurity: best.impurity,
    left: side(true),
    right: side(false),
    words: [`${f.name} in {${names(true).join(', ')}}`, `${f.name} in {${names(false).join(', ')}}`],
  };
}

/** The best split of a node, if one lowers its impurity. */
function bestSplit(cases: Cases, node: BoxCases, minLeaf: number): Split | undefined {
  const before = weightedGini(countOfInterest(cases.y, node.members), node.members.length);
  let best: Split | undefined;
  cases.factors.forEach((f, j) => {
    const s = f.kind === 'numeric' ? numericSplit(cases, node, j, minLeaf) : categoricalSplit(cases, node, j, minLeaf);
    if (s && s.impurity < before - 1e-9 && (!best || s.impurity < best.impurity - 1e-12)) best = s;
  });
  return best;
}

function grow(cases: Cases, node: BoxCases, path: string[], depth: number, s: CartSettings): Leaf[] {
  const k = countOfInterest(cases.y, node.members);
  const n = node.members.length;
  const split = depth < s.maxDepth && k > 0 && k < n ? bestSplit(cases, node, s.minLeaf) : undefined;
  if (!split) return [{ ...node, k, predicted: k * 2 > n, path }];
  return [...grow(cases, split.left, [...path, split.words[0]], depth + 1, s), ...grow(cases, split.right, [...path, split.words[1]], depth + 1, s)];
}

/** The leaves of the tree grown over `root`, left to right. */
export function growTree(cases: Cases, root: BoxCases, s: CartSettings): Leaf[] {
  return grow(cases, root, [], 0, { ...s, minLeaf: Math.max(1, s.minLeaf) });
}

/** Leaves that predict the outcome, as boxes. */
export function leavesOfInterest(leaves: readonly Leaf[]): Leaf[] {
  return leaves.filter((l) => l.predicted);
}
