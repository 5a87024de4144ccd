/**
 * exp and log from IEEE basic operations only (+, -, *, /), so that a result
 * is bit-identical in every JavaScript engine: Math.exp and Math.log may
 * differ in the last bit between engine versions (Node and the browser the
 * workshop runs in), and the model's outputs must not.
 */
const LN2 = 0.6931471805599453;

export function expDet(x: number): number {
  if (x === 0) return 1;
  const k = Math.round(x / LN2);
  const r = x - k * LN2;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 30; n++) {
    term = (term * r) / n;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  let scale = 1;
  const step = k > 0 ? 2 : 0.5;
  for (let i = 0; i < Math.abs(k); i++) scale *= step;
  return sum * scale;
}

export function logDet(y: number): number {
  if (!(y > 0)) return NaN;
  let k = 0;
  let m = y;
  while (m > 1) {
    m /= 2;
    k++;
  }
  while (m < 0.5) {
    m *= 2;
    k--;
  }
  let x = m - 1;
  for (let i = 0; i < 40; i++) {
    const e = expDet(x);
    const next = x + (2 * (m - e)) / (m + e);
    if (next === x) break;
    x = next;
  }
  return x + k * LN2;
}

/** The error function (the same approximation as simple-statistics' errorFunction, on expDet). */
export function erfDet(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const poly =
    ((((((((0.17087277 * t - 0.82215223) * t + 1.48851587) * t - 1.13520398) * t + 0.27886807) * t - 0.18628806) * t + 0.09678418) * t + 0.37409196) * t +
      1.00002368) *
      t -
    1.26551223;
  const tau = t * expDet(-x * x + poly);
  return x >= 0 ? 1 - tau : tau - 1;
}
