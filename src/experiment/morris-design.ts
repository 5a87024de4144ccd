/**
 * Morris elementary-effects designs with Campolongo et al. (2007)
 * trajectory selection: random one-at-a-time trajectories on a p-level grid,
 * of which the most spread out are kept.
 */
import { permutation } from '../engine/rng.ts';
import type { Design, FactorDef, MorrisTrajectory } from './design-types.ts';
import { designPoints, designRng, fromUnit, type RawPoint } from './design-points.ts';

interface UnitTrajectory {
  /** Level indices (0..p-1) of each point, (k+1) x k. */
  levels: number[][];
  order: number[];
  dirs: number[];
}

function trajectoryDistance(a: UnitTrajectory, b: UnitTrajectory, p: number): number {
  let sum = 0;
  for (const x of a.levels) {
    for (const y of b.levels) {
      let s = 0;
      for (let d = 0; d < x.length; d++) {
        const diff = (x[d] - y[d]) / (p - 1);
        s += diff * diff;
      }
      sum += Math.sqrt(s);
    }
  }
  return sum;
}

/** `m` random trajectories over `k` factors on a p-level grid, moving `jump` levels per step. */
function drawTrajectories(m: number, k: number, jump: number, rng: () => number): UnitTrajectory[] {
  const candidates: UnitTrajectory[] = [];
  for (let c = 0; c < m; c++) {
    const start: number[] = [];
    const dirs: number[] = [];
    for (let d = 0; d < k; d++) {
      const base = Math.floor(rng() * jump); // 0 .. p/2-1
      const dir = rng() < 0.5 ? 1 : -1;
      dirs.push(dir);
      start.push(dir === 1 ? base : base + jump);
    }
    const order = permutation(k, rng);
    const levels = [start];
    let cur = start;
    for (const d of order) {
      cur = cur.slice();
      cur[d] += dirs[d] * jump;
      levels.push(cur);
    }
    candidates.push({ levels, order, dirs });
  }
  return candidates;
}

function distanceMatrix(candidates: UnitTrajectory[], p: number): Float64Array[] {
  const m = candidates.length;
  const dist: Float64Array[] = candidates.map(() => new Float64Array(m));
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const d = trajectoryDistance(candidates[i], candidates[j], p);
      dist[i][j] = d;
      dist[j][i] = d;
    }
  }
  return dist;
}

/**
 * Campolongo selection, greedy: the most distant pair first, then the
 * candidate adding most distance, until `r` are chosen (in index order).
 */
function selectSpread(candidates: UnitTrajectory[], r: number, p: number): number[] {
  const m = candidates.length;
  const dist = distanceMatrix(candidates, p);
  let best = [0, 1];
  let bestD = -1;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      if (dist[i][j] > bestD) {
        bestD = dist[i][j];
        best = [i, j];
      }
    }
  }
  const chosen = r === 1 ? [best[0]] : best;
  const inSet = new Set(chosen);
  const score = new Float64Array(m);
  for (let i = 0; i < m; i++) for (const c of chosen) score[i] += dist[i][c];
  while (chosen.length < r) {
    let pick = -1;
    for (let i = 0; i < m; i++) {
      if (inSet.has(i)) continue;
      if (pick < 0 || score[i] > score[pick]) pick = i;
    }
    chosen.push(pick);
    inSet.add(pick);
    for (let i = 0; i < m; i++) score[i] += dist[i][pick];
  }
  return chosen.sort((a, b) => a - b);
}

/**
 * Morris elementary-effects design with Campolongo et al. (2007) trajectory
 * selection: `candidates` random one-at-a-time trajectories on a p-level grid
 * (step delta = p / (2 (p - 1))), of which the `trajectories` most spread out
 * (largest sum of pairwise point distances) are kept. The selection is greedy
 * (best pair first, then the candidate adding most distance), a standard
 * approximation of the exhaustive search.
 */
export function morrisDesign(factors: FactorDef[], opts: { trajectories: number; levels?: number; candidates?: number }, masterSeed: number): Design {
  const k = factors.length;
  const p = opts.levels ?? 4;
  if (p < 2 || p % 2 !== 0) throw new Error(`a Morris design needs an even number of levels >= 2, got ${p}`);
  const r = opts.trajectories;
  const m = Math.max(r, opts.candidates ?? Math.min(10 * r, Math.max(r, 200)));
  const jump = p / 2; // delta in level units
  const candidates = drawTrajectories(m, k, jump, designRng(masterSeed, 'morris'));
  const chosen = m === r ? candidates.map((_, i) => i) : selectSpread(candidates, r, p);
  const delta = jump / (p - 1);
  const raw: RawPoint[] = [];
  const trajectories: MorrisTrajectory[] = [];
  chosen.forEach((ci, t) => {
    const cand = candidates[ci];
    trajectories.push({
      start: t * (k + 1),
      order: cand.order,
      steps: cand.order.map((d) => cand.dirs[d] * delta),
    });
    cand.levels.forEach((lv, s) => {
      raw.push({ values: factors.map((f, d) => fromUnit(f, lv[d] / (p - 1))), label: `t${t + 1}.s${s}` });
    });
  });
  return { type: 'morris', factors, points: designPoints(factors, raw), morris: { levels: p, delta, trajectories } };
}
