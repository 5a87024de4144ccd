/**
 * Named random streams. Each purpose (interactions, turnover, ...) has its own
 * stream derived from the run seed, so adding draws to one rule never shifts
 * another rule's draws. The generator is seedrandom's Alea: small state, fast
 * in V8, and identical in Node and in the browser.
 */
import seedrandom from 'seedrandom';

export type Rng = () => number;

export function stream(seed: number, name: string): Rng {
  const prng = seedrandom.alea(`collabsim/${seed >>> 0}/${name}`);
  return () => prng();
}

/** The named streams every run has. */
export interface Streams {
  setup: Rng;
  interactions: Rng;
  peerReview: Rng;
  improvement: Rng;
  turnover: Rng;
  teachers: Rng;
  policy: Rng;
}

export const STREAM_NAMES = ['setup', 'interactions', 'peerReview', 'improvement', 'turnover', 'teachers', 'policy'] as const;

export function makeStreams(seed: number): Streams {
  const s = {} as Record<string, Rng>;
  for (const n of STREAM_NAMES) s[n] = stream(seed, n);
  return s as unknown as Streams;
}

/** Standard normal draw (Box-Muller, one value per call, two uniforms). */
export function normal(rng: Rng): number {
  let u = rng();
  if (u < 1e-12) u = 1e-12;
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Binomial draw: exact Bernoulli sum for small n, normal approximation above. */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (n <= 64) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng() < p) k++;
    return k;
  }
  const k = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normal(rng));
  return k < 0 ? 0 : k > n ? n : k;
}
