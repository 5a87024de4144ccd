/**
 * Competition between nearby schools (model brief 3.9; seed 003: "increased
 * choice is associated with increased competition between schools, and this
 * is likely to be accentuated by tight budgets and a demographic drop in
 * pupil numbers").
 *
 * Yearly, per school s (rivals: schools within radiusKm):
 *   rolls:    pupils fall by fallingRolls; with parental choice, pupils move
 *             toward more effective rivals: dp = 0.05 * choice * (e_s - mean e of rivals) * p;
 *             the most effective `selectiveExpansion` share grow 5% a year
 *             (up to 1.5 times their start), taking the pupils from their rivals;
 *   surplus:  u_s = max(0, 1 - pupils / pupils at the start)  (empty places)
 *   crowding: c_s = rho / (1 + rho),  rho = sum over rivals of (1 - d / radius)
 *   pressure: r_s = clamp(choice * c_s * (0.5 + rollsSensitivity * u_s + [a rival expands]), 0, 1)
 *   stance:   with chance stanceRate a school reconsiders its knowledge stance
 *             (seed 003: protect / sell / share):
 *               P(protect) = min(1, k r_s (0.5 + competitiveness - 0.5 moral purpose))
 *               P(sell)    = min(1 - P(protect), k r_s effectiveness (1 - moral purpose))
 *             else share, with k = stanceSensitivity.
 * Per tick, for each relationship i -> j between rivals, i's perceived regard
 * and integrity of j drift toward suspicion (0.2) at the yearly rate
 *   trustPenalty * (r_i + r_j) / 2 * (1 - d / radius) * (0.5 + competitiveness_i),
 * and the knowledge a protecting or selling school lets flow is cut by the
 * core knowledge rule (stance openness 0.15 / 0.6 / 1).
 */
import type { Ctx } from '../../core/context.ts';
import type { Rng } from '../../../engine/rng.ts';
import { relationalTrust, type ModelState } from '../../core/state.ts';
import { rivalPairs, type RivalPairs } from '../../core/edges.ts';
import { hypot } from '../../core/distance.ts';

const SUSPICION = 0.2;
const STANCE_PROTECT = 0;
const STANCE_SELL = 1;
const STANCE_SHARE = 2;

/**
 * Rival lists within the radius (CSR), by a uniform grid of cells of the
 * radius: O(n * rivals). Rivals are listed school by school, cell row by
 * row, each cell's schools in index order; the lists grow in typed arrays
 * (not arrays of numbers), and every coordinate is read from a local.
 */
export function buildNeighbours(state: ModelState, radiusKm: number): void {
  const P = state.policy!;
  const S = state.schools;
  const n = S.n;
  const x = S.x,
    y = S.y,
    km = P.kmPerUnit;
  const r = radiusKm / km;
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (let s = 0; s < n; s++) {
    if (x[s] < x0) x0 = x[s];
    if (x[s] > x1) x1 = x[s];
    if (y[s] < y0) y0 = y[s];
    if (y[s] > y1) y1 = y[s];
  }
  const gw = Math.max(1, Math.min(2048, Math.ceil((x1 - x0) / r)));
  const gh = Math.max(1, Math.min(2048, Math.ceil((y1 - y0) / r)));
  const cellX = new Int32Array(n);
  const cellY = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    cellX[s] = Math.min(gw - 1, Math.floor((x[s] - x0) / r));
    cellY[s] = Math.min(gh - 1, Math.floor((y[s] - y0) / r));
  }
  const cellStart = new Int32Array(gw * gh + 1);
  for (let s = 0; s < n; s++) cellStart[cellY[s] * gw + cellX[s] + 1]++;
  for (let c = 0; c < gw * gh; c++) cellStart[c + 1] += cellStart[c];
  const fill = cellStart.slice(0, gw * gh);
  const cellItems = new Int32Array(n);
  for (let s = 0; s < n; s++) cellItems[fill[cellY[s] * gw + cellX[s]]++] = s;
  const start = new Int32Array(n + 1);
  let list = new Int32Array(16 * n + 16);
  let dist = new Float32Array(list.length);
  let count = 0;
  for (let s = 0; s < n; s++) {
    const cx = cellX[s],
      cy = cellY[s],
      xs = x[s],
      ys = y[s];
    for (let gy = Math.max(0, cy - 1); gy <= Math.min(gh - 1, cy + 1); gy++)
      for (let gx = Math.max(0, cx - 1); gx <= Math.min(gw - 1, cx + 1); gx++) {
        const c = gy * gw + gx;
        for (let k = cellStart[c]; k < cellStart[c + 1]; k++) {
          const t = cellItems[k];
          if (t === s) continue;
          const d = hypot(xs - x[t], ys - y[t]) * km;
          if (d < radiusKm) {
            if (count === list.length) {
              list = grown(list, new Int32Array(2 * count));
              dist = grown(dist, new Float32Array(2 * count));
            }
            list[count] = t;
            dist[count++] = d;
          }
        }
      }
    start[s + 1] = count;
  }
  P.nbStart = start;
  P.nb = list.slice(0, count);
  P.nbDist = dist.slice(0, count);
}

/** `into` holding `from` at its start. */
function grown<A extends Int32Array | Float32Array>(from: A, into: A): A {
  into.set(from);
  return into;
}

/** Whether any locality has competition switched on. */
export function competitionOn(state: ModelState): boolean {
  const P = state.policy!;
  return P.selectiveExpansion > 0 || P.localities.some((l) => l.choice > 0 || l.fallingRolls > 0);
}

/** The yearly competition step (rolls, pressure, stances). */
export function competitionYear(ctx: Ctx, rng: Rng, firstYear: boolean): void {
  const { state, scenario } = ctx;
  const P = state.policy!;
  const S = state.schools;
  const C = scenario.competition;
  P.competitionActive = competitionOn(state);
  if (!P.competitionActive) {
    P.pressure.fill(0);
    // Stances taken under competition lapse once it is over, at the same yearly rate as they were revised.
    if (S.stance.some((st) => st !== STANCE_SHARE)) reviseStances(ctx, rng, false);
    return;
  }
  if (!P.nbStart) buildNeighbours(state, C.radiusKm);
  const start = P.nbStart!;
  const nb = P.nb!;
  const nbd = P.nbDist!;
  const n = S.n;
  const R = C.radiusKm;
  // Rolls (not in the setup year).
  if (!firstYear) {
    const next = new Float64Array(n);
    for (let s = 0; s < n; s++) {
      const L = P.localities[P.localityOf[s]];
      let p = S.pupils[s] * (1 - L.fallingRolls);
      let e = 0,
        c = 0;
      for (let k = start[s]; k < start[s + 1]; k++) {
        e += S.standing[nb[k]];
        c++;
      }
      // Parents choose by how good a school looks against its neighbours (its national standing).
      if (c > 0) p += 0.0125 * L.choice * (S.standing[s] - e / c) * S.pupils[s];
      next[s] = p;
    }
    P.expanding.fill(0);
    if (P.selectiveExpansion > 0) {
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => S.effectiveness[b] - S.effectiveness[a] || a - b);
      const k = Math.round(P.selectiveExpansion * n);
      for (let q = 0; q < k; q++) {
        const s = order[q];
        if (S.pupils[s] >= 1.5 * P.pupilsStart[s]) continue;
        P.expanding[s] = 1;
        const gain = 0.05 * S.pupils[s];
        next[s] += gain;
        const cnt = start[s + 1] - start[s];
        if (cnt > 0) for (let j = start[s]; j < start[s + 1]; j++) next[nb[j]] -= gain / cnt;
      }
    }
    for (let s = 0; s < n; s++) S.pupils[s] = Math.max(10, next[s]);
  }
  // Pressure.
  for (let s = 0; s < n; s++) {
    const L = P.localities[P.localityOf[s]];
    let rho = 0;
    let threat = 0;
    for (let k = start[s]; k < start[s + 1]; k++) {
      rho += 1 - nbd[k] / R;
      if (P.expanding[nb[k]]) threat = 1;
    }
    const crowd = rho / (1 + rho);
    const surplus = Math.max(0, 1 - S.pupils[s] / P.pupilsStart[s]);
    const r = L.choice * crowd * (0.5 + C.rollsSensitivity * surplus + threat);
    P.pressure[s] = r > 1 ? 1 : r;
  }
  reviseStances(ctx, rng, firstYear);
}

/** Each school revises its knowledge stance (every school in the first year, then at stanceRate a year) under its current pressure. */
function reviseStances(ctx: Ctx, rng: Rng, firstYear: boolean): void {
  const { state, scenario } = ctx;
  const P = state.policy!;
  const S = state.schools;
  const C = scenario.competition;
  const L = state.leaders;
  for (let s = 0; s < S.n; s++) {
    if (!firstYear && rng() >= C.stanceRate) continue;
    const h = S.leader[s];
    const r = P.pressure[s] * C.stanceSensitivity;
    const pProtect = Math.min(1, Math.max(0, r * (0.5 + L.competitiveness[h] - 0.5 * L.moralPurpose[h])));
    const pSell = Math.min(1 - pProtect, Math.max(0, r * S.standing[s] * (1 - L.moralPurpose[h])));
    const u = rng();
    S.stance[s] = u < pProtect ? STANCE_PROTECT : u < pProtect + pSell ? STANCE_SELL : STANCE_SHARE;
  }
}

/** Per tick: rivalry erodes regard and integrity between nearby competitors. */
export function rivalry(ctx: Ctx): void {
  const { state, scenario, perTick } = ctx;
  const P = state.policy;
  if (!P || !P.competitionActive) return;
  const C = scenario.competition;
  const rate = C.trustPenalty * perTick.dt;
  if (rate <= 0) return;
  // Only the pairs within the radius, with their closeness 1 - d / R (made once per network).
  erodeRivals(state, rivalPairs(state, C.radiusKm, P.kmPerUnit), P.pressure, rate);
}

/** Regard and integrity of each pair within the radius move towards SUSPICION, in edge order; every array in a local. */
function erodeRivals(state: ModelState, near: RivalPairs, pressure: Float32Array, rate: number): void {
  const E = state.edges;
  const respect = E.respect,
    regard = E.regard,
    competence = E.competence,
    integrity = E.integrity,
    trust = E.trust,
    dst = E.dst;
  const school = state.leaders.school,
    competitiveness = state.leaders.competitiveness;
  const { edges, sources, closeness } = near;
  for (let k = 0; k < near.count; k++) {
    const e = edges[k];
    const i = sources[k];
    const a = school[i];
    const b = school[dst[e]];
    const w = 0.5 * (pressure[a] + pressure[b]) * closeness[k] * (0.5 + competitiveness[i]);
    if (w <= 0) continue;
    const q = 1 - Math.exp(-rate * w);
    regard[e] += q * (SUSPICION - regard[e]);
    integrity[e] += q * (SUSPICION - integrity[e]);
    trust[e] = relationalTrust(respect[e], regard[e], competence[e], integrity[e]);
  }
}
