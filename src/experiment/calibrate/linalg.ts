/**
 * The little linear algebra calibration needs: weighted means and
 * covariances, a Cholesky factor, and the log density of a multivariate
 * normal kernel (up to its constant) through that factor.
 */

export type Matrix = number[][];

/** Weighted mean of the rows of `xs` (weights summing to 1). */
export function weightedMean(xs: readonly (readonly number[])[], w: readonly number[]): number[] {
  const k = xs[0].length;
  const m = new Array<number>(k).fill(0);
  xs.forEach((x, i) => {
    for (let j = 0; j < k; j++) m[j] += w[i] * x[j];
  });
  return m;
}

/** Weighted covariance (weights summing to 1, with the reliability-weights correction). */
export function weightedCov(xs: readonly (readonly number[])[], w: readonly number[]): Matrix {
  const k = xs[0].length;
  const m = weightedMean(xs, w);
  const c: Matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let w2 = 0;
  xs.forEach((x, i) => {
    w2 += w[i] * w[i];
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) c[a][b] += w[i] * (x[a] - m[a]) * (x[b] - m[b]);
  });
  const f = w2 < 1 ? 1 / (1 - w2) : 1;
  return c.map((row) => row.map((v) => v * f));
}

/** Lower Cholesky factor of a symmetric matrix; null when it is not positive definite. */
export function cholesky(a: Matrix): Matrix | null {
  const k = a.length;
  const l: Matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let p = 0; p < j; p++) s -= l[i][p] * l[j][p];
      if (i === j) {
        if (!(s > 0)) return null;
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  }
  return l;
}

/** Cholesky factor of `a`, adding a growing ridge to the diagonal until it is positive definite. */
export function choleskyJitter(a: Matrix, floor: readonly number[]): Matrix {
  const k = a.length;
  for (let e = 0; e < 30; e++) {
    const ridge = e === 0 ? 0 : 1e-10 * 4 ** e;
    const b = a.map((row, i) => row.map((v, j) => (i === j ? Math.max(v, floor[i]) + ridge * Math.max(1, floor[i]) : v)));
    const l = cholesky(b);
    if (l) return l;
  }
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (__, j) => (i === j ? Math.sqrt(Math.max(floor[i], 1e-12)) : 0)));
}

/** L z for a lower-triangular L. */
export function lowerTimes(l: Matrix, z: readonly number[]): number[] {
  return l.map((row, i) => {
    let s = 0;
    for (let j = 0; j <= i; j++) s += row[j] * z[j];
    return s;
  });
}

/** -0.5 |L^{-1} d|^2: the log of a normal kernel with covariance L L' at offset d, up to a constant. */
export function kernelLog(l: Matrix, d: readonly number[]): number {
  const k = l.length;
  const y = new Array<number>(k);
  let q = 0;
  for (let i = 0; i < k; i++) {
    let s = d[i];
    for (let j = 0; j < i; j++) s -= l[i][j] * y[j];
    y[i] = s / l[i][i];
    q += y[i] * y[i];
  }
  return -0.5 * q;
}

/** log(sum(exp(xs))) without overflow. */
export function logSumExp(xs: readonly number[]): number {
  let m = -Infinity;
  for (const x of xs) if (x > m) m = x;
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}

/** Solve the symmetric positive definite system A x = b (through its Cholesky factor); null when singular. */
export function invertSpd(a: Matrix): Matrix | null {
  const l = cholesky(a);
  if (!l) return null;
  const k = a.length;
  return Array.from({ length: k }, (_, col) => {
    const e = Array.from({ length: k }, (__, i) => (i === col ? 1 : 0));
    const y = new Array<number>(k);
    for (let i = 0; i < k; i++) {
      let s = e[i];
      for (let j = 0; j < i; j++) s -= l[i][j] * y[j];
      y[i] = s / l[i][i];
    }
    const x = new Array<number>(k);
    for (let i = k - 1; i >= 0; i--) {
      let s = y[i];
      for (let j = i + 1; j < k; j++) s -= l[j][i] * x[j];
      x[i] = s / l[i][i];
    }
    return x;
  }).map((_, i, cols) => cols.map((c) => c[i]));
}
