/**
 * Variance-based (Sobol) and screening (Morris) sensitivity estimators.
 *
 * Sobol indices from a Saltelli design (A, B and the k matrices AB_i):
 *   V    = variance of the outputs of A and B pooled
 *   S1_i = mean( (f(B) - m) (f(AB_i) - f(A)) ) / V      (Saltelli et al. 2010,
 *          with f(B) centred on the pooled mean m, which lowers the variance)
 *   ST_i = mean( (f(A) - f(AB_i))^2 ) / (2 V)           (Jansen 1999)
 * Confidence intervals are percentile bootstrap intervals over the N base
 * samples, drawn with a seeded generator so they are reproducible.
 *
 * Morris elementary effects, per factor over r trajectories:
 *   EE = (f(x + step e_i) - f(x)) / step   (step in unit coordinates, +/-delta)
 *   mu = mean EE, mu* = mean |EE| (Campolongo 2007), sigma = sample sd of EE.
 */
import seedrandom from 'seedrandom';
import type { MorrisLayout, SaltelliLayout } from './designs.ts';

export interface SobolFactorIndices {
  S1: number;
  S1Low: number;
  S1High: number;
  ST: number;
  STLow: number;
  STHigh: number;
}

export interface SobolOptions {
  /** Bootstrap resamples (0 = no intervals). Default 1000. */
  bootstrap?: number;
  /** Interval level. Default 0.95. */
  confidence?: number;
  /** Seed of the bootstrap generator. */
  seed?: number | string;
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function sobolOnce(yA: Float64Array, yB: Float64Array, yAB: Float64Array[], idx: ArrayLike<number> | null, out: { s1: Float64Array; st: Float64Array }): void {
  const n = idx ? idx.length : yA.length;
  const k = yAB.length;
  let sum = 0;
  let sumSq = 0;
  for (let t = 0; t < n; t++) {
    const j = idx ? idx[t] : t;
    sum += yA[j] + yB[j];
  }
  const m = sum / (2 * n);
  for (let t = 0; t < n; t++) {
    const j = idx ? idx[t] : t;
    sumSq += (yA[j] - m) ** 2 + (yB[j] - m) ** 2;
  }
  const v = sumSq / (2 * n);
  for (let i = 0; i < k; i++) {
    const ab = yAB[i];
    let s1 = 0;
    let st = 0;
    for (let t = 0; t < n; t++) {
      const j = idx ? idx[t] : t;
      // Centring f(B) leaves the expectation unchanged (E[f(AB_i) - f(A)] = 0)
      // and removes the noise a large output mean would otherwise add.
      s1 += (yB[j] - m) * (ab[j] - yA[j]);
      st += (yA[j] - ab[j]) ** 2;
    }
    out.s1[i] = v > 0 ? s1 / n / v : NaN;
    out.st[i] = v > 0 ? st / n / (2 * v) : NaN;
  }
}

/** First-order and total Sobol indices with bootstrap intervals. */
export function sobolIndices(yA: Float64Array, yB: Float64Array, yAB: Float64Array[], opts: SobolOptions = {}): SobolFactorIndices[] {
  const k = yAB.length;
  const n = yA.length;
  const point = { s1: new Float64Array(k), st: new Float64Array(k) };
  sobolOnce(yA, yB, yAB, null, point);
  const nb = opts.bootstrap ?? 1000;
  const conf = opts.confidence ?? 0.95;
  const res: SobolFactorIndices[] = [];
  const bs1 = Array.from({ length: k }, () => new Float64Array(nb));
  const bst = Array.from({ length: k }, () => new Float64Array(nb));
  if (nb > 0 && n > 1) {
    const rng = seedrandom.alea(`collabsim-bootstrap/${opts.seed ?? 0}/sobol`);
    const idx = new Int32Array(n);
    const tmp = { s1: new Float64Array(k), st: new Float64Array(k) };
    for (let b = 0; b < nb; b++) {
      for (let t = 0; t < n; t++) idx[t] = Math.floor(rng() * n);
      sobolOnce(yA, yB, yAB, idx, tmp);
      for (let i = 0; i < k; i++) {
        bs1[i][b] = tmp.s1[i];
        bst[i][b] = tmp.st[i];
      }
    }
  }
  const lo = (1 - conf) / 2;
  for (let i = 0; i < k; i++) {
    const entry: SobolFactorIndices = { S1: point.s1[i], ST: point.st[i], S1Low: NaN, S1High: NaN, STLow: NaN, STHigh: NaN };
    if (nb > 0 && n > 1) {
      const a = finiteSorted(bs1[i]);
      const b = finiteSorted(bst[i]);
      entry.S1Low = percentile(a, lo);
      entry.S1High = percentile(a, 1 - lo);
      entry.STLow = percentile(b, lo);
      entry.STHigh = percentile(b, 1 - lo);
    }
    res.push(entry);
  }
  return res;
}

function finiteSorted(xs: Float64Array): Float64Array {
  return Float64Array.from(xs.filter((x) => Number.isFinite(x))).sort();
}

/**
 * Split per-point outputs of a Saltelli design into A, B and AB_i vectors,
 * dropping base samples where any of the k+2 outputs is not finite.
 */
export function splitSaltelli(y: ArrayLike<number>, layout: SaltelliLayout): { yA: Float64Array; yB: Float64Array; yAB: Float64Array[]; dropped: number } {
  const { n, k } = layout;
  const keep: number[] = [];
  for (let j = 0; j < n; j++) {
    let ok = true;
    for (let m = 0; m < k + 2; m++) if (!Number.isFinite(y[j * (k + 2) + m])) ok = false;
    if (ok) keep.push(j);
  }
  const yA = new Float64Array(keep.length);
  const yB = new Float64Array(keep.length);
  const yAB = Array.from({ length: k }, () => new Float64Array(keep.length));
  keep.forEach((j, t) => {
    const base = j * (k + 2);
    yA[t] = y[base];
    for (let i = 0; i < k; i++) yAB[i][t] = y[base + 1 + i];
    yB[t] = y[base + k + 1];
  });
  return { yA, yB, yAB, dropped: n - keep.length };
}

export interface MorrisFactorIndices {
  mu: number;
  muStar: number;
  muStarLow: number;
  muStarHigh: number;
  sigma: number;
  /** Trajectories that gave a finite elementary effect for this factor. */
  r: number;
}

/** Elementary effects per factor from per-point outputs of a Morris design. */
export function elementaryEffects(y: ArrayLike<number>, layout: MorrisLayout, k: number): number[][] {
  const ee: number[][] = Array.from({ length: k }, () => []);
  for (const tr of layout.trajectories) {
    for (let s = 0; s < tr.order.length; s++) {
      const y0 = y[tr.start + s];
      const y1 = y[tr.start + s + 1];
      if (!Number.isFinite(y0) || !Number.isFinite(y1)) continue;
      ee[tr.order[s]].push((y1 - y0) / tr.steps[s]);
    }
  }
  return ee;
}

/** mu, mu*, sigma per factor, with a bootstrap interval for mu* over trajectories. */
export function morrisIndices(y: ArrayLike<number>, layout: MorrisLayout, k: number, opts: SobolOptions = {}): MorrisFactorIndices[] {
  const ee = elementaryEffects(y, layout, k);
  const nb = opts.bootstrap ?? 1000;
  const conf = opts.confidence ?? 0.95;
  const rng = seedrandom.alea(`collabsim-bootstrap/${opts.seed ?? 0}/morris`);
  return ee.map((e) => {
    const r = e.length;
    if (r === 0) return { mu: NaN, muStar: NaN, muStarLow: NaN, muStarHigh: NaN, sigma: NaN, r };
    const mu = e.reduce((a, b) => a + b, 0) / r;
    const muStar = e.reduce((a, b) => a + Math.abs(b), 0) / r;
    const sigma = r > 1 ? Math.sqrt(e.reduce((a, b) => a + (b - mu) ** 2, 0) / (r - 1)) : NaN;
    let muStarLow = NaN;
    let muStarHigh = NaN;
    if (nb > 0 && r > 1) {
      const boots = new Float64Array(nb);
      for (let b = 0; b < nb; b++) {
        let s = 0;
        for (let t = 0; t < r; t++) s += Math.abs(e[Math.floor(rng() * r)]);
        boots[b] = s / r;
      }
      boots.sort();
      const lo = (1 - conf) / 2;
      muStarLow = percentile(boots, lo);
      muStarHigh = percentile(boots, 1 - lo);
    }
    return { mu, muStar, muStarLow, muStarHigh, sigma, r };
  });
}
