/**
 * Named random streams. Each purpose (interactions, turnover, ...) has its own
 * stream derived from the run seed, so adding draws to one rule never shifts
 * another rule's draws. The generator is seedrandom's Alea: small state, fast
 * in V8, and identical in Node and in the browser.
 *
 * seedrandom seeds each stream; the stream then steps Alea itself on a state
 * object it exposes (`state`), so the hottest loop (meetings) can step the
 * generator inline in local variables instead of paying a call per draw.
 * Either way the draws are exactly seedrandom's Alea sequence for that seed.
 */
import seedrandom from 'seedrandom';

export type Rng = () => number;

/** Alea's state (Baagoe 2010, as in seedrandom): three fractions in [0, 1) and a carry. */
export interface AleaState {
  s0: number;
  s1: number;
  s2: number;
  c: number;
}

/** A named stream: a generator whose state a hot loop may step inline (as meetings does). */
export interface Stream extends Rng {
  readonly state: AleaState;
}

/** 2^-32, Alea's scale for the carry. */
export const ALEA_2_32 = 2.3283064365386963e-10;

export function stream(seed: number, name: string): Stream {
  const seeded = (seedrandom.alea as unknown as (s: string, o: { state: true }) => { state(): AleaState })(`collabsim/${seed >>> 0}/${name}`, {
    state: true,
  }).state();
  const state: AleaState = { s0: seeded.s0, s1: seeded.s1, s2: seeded.s2, c: seeded.c };
  // One Alea step, exactly as seedrandom's alea.next().
  const next = (): number => {
    const t = 2091639 * state.s0 + state.c * ALEA_2_32;
    state.s0 = state.s1;
    state.s1 = state.s2;
    return (state.s2 = t - (state.c = t | 0));
  };
  return Object.assign(next, { state });
}

/**
 * One stream per name, each seeded from the run seed and its own name, so
 * adding a stream (or draws to one) never shifts another's draws. The model
 * says which names it uses (src/model/core/streams.ts); the engine knows none.
 */
export function makeStreams<N extends string>(seed: number, names: readonly N[]): Record<N, Stream> {
  const s = {} as Record<N, Stream>;
  for (const n of names) s[n] = stream(seed, n);
  return s;
}

/** The states of named streams, four numbers each (s0, s1, s2, c) in the order of `names`: what a saved run keeps. */
export function streamStates<N extends string>(streams: Record<N, Stream>, names: readonly N[]): Float64Array {
  const out = new Float64Array(names.length * 4);
  names.forEach((n, i) => {
    const st = streams[n].state;
    out.set([st.s0, st.s1, st.s2, st.c], i * 4);
  });
  return out;
}

/** Put streams back in the states `streamStates` read (in place: a hot loop's view of a stream stays valid). */
export function setStreamStates<N extends string>(streams: Record<N, Stream>, names: readonly N[], states: Float64Array): void {
  if (states.length !== names.length * 4) throw new Error(`expected the states of ${names.length} streams, found ${states.length / 4}`);
  names.forEach((n, i) => {
    const st = streams[n].state;
    st.s0 = states[i * 4];
    st.s1 = states[i * 4 + 1];
    st.s2 = states[i * 4 + 2];
    st.c = states[i * 4 + 3];
  });
}

/** How many of n draws of a stream fall below p, stepping its Alea state inline (the same draws as n calls). */
function bernoulliSum(st: AleaState, n: number, p: number): number {
  let s0 = st.s0,
    s1 = st.s1,
    s2 = st.s2,
    c = st.c,
    t: number;
  const K32 = ALEA_2_32;
  let k = 0;
  for (let i = 0; i < n; i++) if (((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0))) < p) k++;
  st.s0 = s0;
  st.s1 = s1;
  st.s2 = s2;
  st.c = c;
  return k;
}

/** Seeded Fisher-Yates shuffle, in place (one draw per position, from the last down). */
export function shuffle<T>(a: T[], rng: Rng): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** A seeded permutation of 0..n-1 (`shuffle` of the identity). */
export function permutation(n: number, rng: Rng): number[] {
  return shuffle(
    Array.from({ length: n }, (_, i) => i),
    rng,
  );
}

/**
 * Standard normal draw (Marsaglia's polar method, one value per call; the
 * second value of the pair is discarded so the draw stays stateless). It uses
 * only sqrt (exact in IEEE arithmetic) and log, never sin or cos: browsers may
 * take the trigonometric functions from the platform's libm, and Node from V8's
 * own port, so a Box-Muller draw could differ in the last bit between the
 * workshop and the CLI.
 */
export function normal(rng: Rng): number {
  const st = (rng as Partial<Stream>).state;
  if (st !== undefined) return normalInline(st);
  for (;;) {
    const u = 2 * rng() - 1;
    const v = 2 * rng() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/**
 * `normal` of a stream, stepping its Alea state inline (the same draws, as
 * in meetings): schools' shocks and heads' traits draw one per school or
 * head, and drawing through a call per value was about 4% of a short run's
 * profile (retention's Bernoulli draws, bernoulliSum, another 8%).
 */
function normalInline(st: AleaState): number {
  let s0 = st.s0,
    s1 = st.s1,
    s2 = st.s2,
    c = st.c,
    t: number;
  const K32 = ALEA_2_32;
  for (;;) {
    const u = 2 * ((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0))) - 1;
    const v = 2 * ((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0))) - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) {
      st.s0 = s0;
      st.s1 = s1;
      st.s2 = s2;
      st.c = c;
      return u * Math.sqrt((-2 * Math.log(s)) / s);
    }
  }
}

/** Binomial draw: exact Bernoulli sum for small n, normal approximation above. */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (n <= 64) {
    const st = (rng as Partial<Stream>).state;
    if (st !== undefined) return bernoulliSum(st, n, p);
    let k = 0;
    for (let i = 0; i < n; i++) if (rng() < p) k++;
    return k;
  }
  const k = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normal(rng));
  return k < 0 ? 0 : k > n ? n : k;
}
